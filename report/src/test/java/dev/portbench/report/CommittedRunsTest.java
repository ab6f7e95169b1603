package dev.portbench.report;

import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every committed full run folder loads as the report's {@link RunData}, with each file it needs. */
class CommittedRunsTest {

    @Test
    void everyCommittedFullRunLoadsForTheReport() throws IOException {
        Path runs = Path.of("..", "results", "runs");
        List<Path> folders;
        try (Stream<Path> s = Files.list(runs)) {
            folders = s.filter(Files::isDirectory).sorted().toList();
        }
        // a ./portbench threads folder holds many-threads.json but no jmh.json: not a full run
        folders = folders.stream().filter(d -> Files.isRegularFile(d.resolve(RunFiles.JMH))).toList();
        assertFalse(folders.isEmpty(), "committed runs under " + runs.toAbsolutePath());
        for (Path dir : folders) {
            RunData run = RunData.load(dir);
            assertNotNull(run.environment().machine().cpuModel(), dir.toString());
            assertNotNull(run.footprint(), dir.toString());
            assertNotNull(run.simulation(), dir.toString());
            assertNotNull(run.selection(), dir.toString());
            assertFalse(run.results().isEmpty(), dir.toString());
        }
    }

}
