package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.trace.ReplayFile;
import dev.portbench.trace.ReplayForm;
import dev.portbench.trace.ReplaySettings;
import dev.portbench.trace.SyntheticTraces;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A fork's view of {@code run --trace}: the replay file read back through the traceFile parameter and replayed. */
class TraceReplayStateTest {

    @Test
    void replayFileRoundTripsAndReplays(@TempDir Path dir) {
        Trace written = ReplayForm.of(SyntheticTraces.of(Workloads.q170791(1.25)),
                new ReplaySettings(1025, 5000, 240_000_000_000L, 1.0), "q");
        Path file = dir.resolve("trace-replay.json.gz");
        ReplayFile.of(written).write(file);
        Trace read = ReplayStates.trace("trace:q", file.toString());
        assertEquals(written.size(), read.size());
        assertEquals(written.lapNanos(), read.lapNanos());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(written.time(i), read.time(i));
            assertEquals(written.op(i), read.op(i));
        }
        for (AllocatorCatalog allocator : List.of(AllocatorCatalog.FIFO, AllocatorCatalog.TIMING_WHEEL, AllocatorCatalog.JDK_COLLECTIONS)) {
            TraceReplayer r = ReplayStates.warmedReplayer(allocator, "trace:q", file.toString());
            r.run(20_000);
            ReplayStates.check(r);
            assertTrue(r.failures() > 0, allocator + ": rho 1.25 overloads the range");
        }
    }

    @Test
    void wrongOrMissingFileIsNamed(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ReplayStates.trace("trace:q", ""));
        assertTrue(e.getMessage().contains("traceFile"), e.getMessage());
        Path file = dir.resolve("r.json.gz");
        ReplayFile.of(ReplayForm.of(SyntheticTraces.of(Workloads.q170791(0.5)),
                new ReplaySettings(1025, 5000, 240_000_000_000L, 1.0), "other")).write(file);
        e = assertThrows(IllegalArgumentException.class, () -> ReplayStates.trace("trace:q", file.toString()));
        assertTrue(e.getMessage().contains("holds workload trace:other"), e.getMessage());
    }
}
