package dev.portbench.cli;

import dev.portbench.runfolder.FootprintFile;
import dev.portbench.runfolder.RunFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The footprint step of a run: JOL measures each allocator in a JVM started like the benchmark
 * forks (same binary, same extra options), so the bytes are those of the JVM the numbers come from;
 * that JVM also describes itself for {@code environment.json}.
 */
final class FootprintProbe {

    private FootprintProbe() {
    }

    /**
     * Runs {@code portbench probe} in {@code jvm} with {@code jvmArgs}, as the benchmarks fork it,
     * and reads the {@code footprint.json} it writes into {@code runDir}. Its output goes to
     * {@code footprint.log}, which is kept only if the probe fails.
     *
     * @throws IllegalStateException if the probe fails or takes more than 5 minutes
     */
    static FootprintFile run(String jvm, List<String> jvmArgs, Path runDir) {
        Path out = runDir.resolve(RunFiles.FOOTPRINT);
        List<String> cmd = new ArrayList<>();
        cmd.add(jvm);
        cmd.addAll(jvmArgs);
        // JOL: self-attach for Instrumentation, and field offsets that work on hidden (lambda) classes
        cmd.addAll(List.of("-Djdk.attach.allowAttachSelf=true", "-Djol.magicFieldOffset=true"));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), PortBench.class.getName(), "probe",
                "--out", out.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(runDir.resolve("footprint.log").toFile())).start();
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the footprint probe failed (exit " + (p.isAlive() ? "timeout" : p.exitValue())
                        + "); see " + runDir.resolve("footprint.log"));
            }
            Files.deleteIfExists(runDir.resolve("footprint.log"));
            return RunFiles.read(out, FootprintFile.class, FootprintFile.SCHEMA);
        } catch (IOException e) {
            throw new UncheckedIOException("footprint probe: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
