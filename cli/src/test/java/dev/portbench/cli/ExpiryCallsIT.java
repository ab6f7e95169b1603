package dev.portbench.cli;

import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.ExpiryCallsFile;
import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@code ./portbench expiry-calls} on the shaded jar with the fewest repetitions, forks
 * included, and checks its folder: every variant, range and fork read back as records, and the
 * section written. No timing is checked.
 */
class ExpiryCallsIT {

    @Test
    void theCommandForksOneJvmPerVariantAndWritesItsFolder() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("portbench.jar", "target/portbench.jar")).toAbsolutePath();
        Path out = jar.resolveSibling("expiry-calls-run");
        if (Files.isDirectory(out)) {
            try (Stream<Path> s = Files.walk(out)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = jar.resolveSibling("expiry-calls-run.log");
        Process p = new ProcessBuilder(List.of(java.toString(), "-cp", jar.toString(), PortBench.class.getName(),
                "--root", jar.getParent().getParent().getParent().toString(), "expiry-calls", "--allocators", "ring,fifo",
                "--ranges", "3976", "--forks", "2", "--warmup", "1", "--repetitions", "1", "--out", out.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "ends within 5 minutes");
        String text = Files.readString(log);
        assertEquals(0, p.exitValue(), text);

        ExpiryCallsFile data = RunFiles.read(out.resolve(ExpiryCallsFile.FILE), ExpiryCallsFile.class, ExpiryCallsFile.SCHEMA);
        assertEquals(List.of("ring", "fifo", "ring /quota=64"), data.rows().stream().map(ExpiryCallsFile.Row::variant).toList());
        for (ExpiryCallsFile.Row r : data.rows()) {
            assertEquals(3976, r.ports());
            assertEquals(2, r.forks().size(), r.variant());
            for (ExpiryCallsFile.Fork f : r.forks()) {
                assertEquals(1, f.repetitions(), r.variant());
                assertTrue(f.worstCallNs() >= f.medianCallNs() && f.rawMaxNs() >= f.worstCallNs(), r.variant() + ": " + f);
            }
        }
        EnvironmentFile env = RunFiles.read(out.resolve(RunFiles.ENVIRONMENT), EnvironmentFile.class, EnvironmentFile.SCHEMA);
        assertEquals("expiry-calls", env.profile());
        String md = Files.readString(out.resolve("EXPIRY-CALLS.md"));
        assertTrue(md.contains("## The bulk expiry, every call timed") && md.contains("`ring /quota=64` at 3976 ports"), md);
        assertTrue(text.contains("ring /quota=64 at 3976 ports"), text);
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of("EXPIRY-CALLS.md", "environment.json", ExpiryCallsFile.FILE),
                    s.map(f -> f.getFileName().toString()).sorted().toList(), "the forks' scratch files are gone");
        }
    }
}
