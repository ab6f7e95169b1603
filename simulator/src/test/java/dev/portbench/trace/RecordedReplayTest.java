package dev.portbench.trace;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.simulation.RecordedTraceSimulator;
import dev.portbench.simulation.Theory;
import dev.portbench.workload.Trace;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workload;
import dev.portbench.workload.Workloads;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic Q170791 trace, exported as CSV and imported back, replays to the KB's numbers:
 * the first failure at 3976 / rate seconds and a steady success of 16.57 / rate.
 */
class RecordedReplayTest {

    static final ReplaySettings WIN95 = new ReplaySettings(1025, 5000, 240_000_000_000L, 1.0);

    /** The synthetic trace of {@code w} written as CSV and imported back, format detection included. */
    static ConnectionTrace viaCsv(Workload w) {
        String csv = CsvTraceFormatTest.csv(SyntheticTraces.of(w));
        try {
            return TraceImport.DEFAULTS.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), w.id() + ".csv");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void q170791FromCsvMatchesTheKb() {
        for (double rho : new double[] {1.25, 2.0}) {
            Workload w = Workloads.q170791(rho);
            ConnectionTrace t = viaCsv(w);
            double rate = w.ratePerSecond();
            RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(AllocatorCatalog.fromId("fifo"), t, WIN95);
            double predicted = Theory.firstFailureSeconds(3976, rate, w.capacityPerSecond());
            assertEquals(3976 / rate, predicted, 1e-9);
            assertEquals(3976 / rate, r.firstFailureSeconds(), 1.0 / rate, "rho " + rho + ": first failure at 3976/rate");
            assertEquals(16.57 / rate, r.steadySuccess(), 0.005, "rho " + rho + ": steady success 16.57/rate");
            assertEquals(t.size(), java.util.Arrays.stream(r.windowAttempts()).sum());
        }
    }

    @Test
    void underCapacityNothingFails() {
        ConnectionTrace t = viaCsv(Workloads.q170791(0.9));
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(AllocatorCatalog.fromId("bitset"), t, WIN95);
        assertEquals(0, r.failures());
        assertEquals(-1, r.firstFailureNanos());
        assertEquals(0, r.outageCount());
    }

    @Test
    void speedScalesTheRate() {
        ConnectionTrace t = viaCsv(Workloads.q170791(0.9));
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(AllocatorCatalog.fromId("fifo"), t, WIN95.withSpeed(2));
        double rate = Workloads.q170791(0.9).ratePerSecond() * 2;
        assertEquals(3976 / rate, r.firstFailureSeconds(), 1.0 / rate, "twice as fast: fails at 3976 / (2 x rate)");
        assertEquals(16.57 / rate, r.steadySuccess(), 0.005);
    }

    @Test
    void replayFormGivesTheSameCountsThroughTraceReplayer() {
        Workload w = Workloads.q170791(1.25);
        ConnectionTrace t = viaCsv(w);
        Trace replay = ReplayForm.of(t, WIN95, "q170791");
        assertEquals("trace:q170791", replay.workload().id());
        assertEquals(t.size(), replay.connections());
        TraceReplayer rp = new TraceReplayer(replay, AllocatorCatalog.fromId("fifo").create(replay.workload().allocatorConfig()), 0);
        rp.run(replay.size());
        RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(AllocatorCatalog.fromId("fifo"), t, WIN95);
        assertEquals(r.failures(), rp.failures(), "one lap of the replay form fails exactly where the simulator does");
        assertEquals(t.size(), rp.opens());
        assertTrue(rp.failures() > 0);
    }
}
