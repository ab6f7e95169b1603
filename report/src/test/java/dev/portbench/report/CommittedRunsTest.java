package dev.portbench.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Every committed full run folder loads as the report's {@link RunData}, with each file it needs. */
class CommittedRunsTest {

    @Test
    void everyCommittedFullRunLoadsForTheReport() {
        Path runs = Path.of("..", "results", "runs");
        // a ./portbench threads folder holds many-threads.json but no jmh.json: not a full run
        List<Path> folders = ReportGenerator.runsUnder(runs.getParent());
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
