package dev.portbench.workload;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceGeneratorTest {

    static List<String> workloadIds() {
        return Workloads.ids();
    }

    @Test
    void rhoOneIsTheKbCapacity() {
        Workload kb = Workloads.q170791(1.0);
        assertEquals(3976, kb.ports());
        assertEquals(3976 / 240.0, kb.capacityPerSecond(), 1e-9);
        assertEquals(16.57, kb.ratePerSecond(), 0.005);
    }

    @ParameterizedTest
    @MethodSource("workloadIds")
    void sameSeedSameTrace(String id) {
        Trace a = TraceGenerator.generate(Workloads.byId(id));
        Trace b = TraceGenerator.generate(Workloads.byId(id));
        assertEquals(a.size(), b.size());
        long[] ta = new long[a.size()];
        long[] tb = new long[b.size()];
        int[] oa = new int[a.size()];
        int[] ob = new int[b.size()];
        for (int i = 0; i < a.size(); i++) {
            ta[i] = a.time(i);
            tb[i] = b.time(i);
            oa[i] = a.op(i);
            ob[i] = b.op(i);
        }
        assertArrayEquals(ta, tb);
        assertArrayEquals(oa, ob);
    }

    @ParameterizedTest
    @MethodSource("workloadIds")
    void eventsAreSortedInsideTheLapAndEveryConnectionOpensAndClosesOnce(String id) {
        Trace t = TraceGenerator.generate(Workloads.byId(id));
        int[] seen = new int[t.connections()];
        for (int i = 0; i < t.size(); i++) {
            assertTrue(t.time(i) >= 0 && t.time(i) < t.lapNanos(), "time inside the lap at " + i);
            if (i > 0) {
                assertTrue(t.time(i - 1) <= t.time(i), "sorted at " + i);
            }
            int kind = Trace.kind(t.op(i));
            seen[Trace.connection(t.op(i))] |= 1 << kind;
        }
        for (int c = 0; c < seen.length; c++) {
            assertEquals(0b011, seen[c] & 0b011, "connection " + c + " opens and closes");
        }
        assertEquals(t.connections(), t.count(Trace.OPEN));
        assertEquals(t.connections(), t.count(Trace.CLOSE));
    }

    @Test
    void offeredRateMatchesRho() {
        Workload w = Workloads.byId("scale-16384");
        Trace t = TraceGenerator.generate(w);
        double observed = t.connections() / (t.lapNanos() / 1e9);
        assertEquals(w.ratePerSecond(), observed, w.ratePerSecond() * 0.02);
    }

    @Test
    void reclaimShareIsHonoured() {
        Trace t = TraceGenerator.generate(Workloads.byId("reclaim-0.25"));
        double share = (double) t.count(Trace.RECLAIM) / t.connections();
        assertEquals(0.25, share, 0.02);
    }

    @Test
    void overloadFailsAtTheTheoreticalRate() {
        // Fixed rate above capacity, no holding: in steady state a share capacity/rate succeeds.
        Workload w = Workloads.byId("q170791-rho1.25");
        Trace t = TraceGenerator.generate(w);
        TraceReplayer r = new TraceReplayer(t, AllocatorCatalog.FIFO.create(w.allocatorConfig()), 0);
        r.run(t.size());
        long firstLapFailures = r.failures();
        r.run(4L * t.size());
        double steadySuccess = 1 - (double) (r.failures() - firstLapFailures) / (r.opens() - t.connections());
        assertEquals(1 / 1.25, steadySuccess, 0.01);
    }

    @Test
    void burstReusesEveryPortRightAfterTimeWaitEndsOnEveryAllocator() {
        Workload w = Workloads.byId("burst");
        Trace t = TraceGenerator.generate(w);
        assertEquals(w.timeWaitNanos() + w.meanHoldNanos() + TraceGenerator.BURST_SLACK_NANOS, t.time(2 * w.ports()),
                "the second burst opens the slack after the first one's TIME-WAITs end");
        for (AllocatorCatalog type : AllocatorCatalog.values()) {
            PortAllocator a = type.create(w.allocatorConfig());
            assertTrue(a.maxLatenessNanos() < TraceGenerator.BURST_SLACK_NANOS, type.id());
            TraceReplayer r = new TraceReplayer(t, a, Long.MAX_VALUE - 1_000_000_000L);
            r.run(3L * t.size());
            assertEquals(0, r.failures(), type.id());
            assertEquals(3L * t.connections(), r.opens(), type.id());
        }
    }

    @Test
    void lapMustCoverOneTimeWait() {
        Workload w = Workloads.q170791(0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TraceGenerator.generate(w, w.timeWaitNanos()));
        assertTrue(e.getMessage().contains("lapNanos: " + w.timeWaitNanos()), e.getMessage());
    }

    @Test
    void badWorkloadsAreRejectedWithTheirValue() {
        Workload w = Workloads.q170791(0.5);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.withRho(-1)).getMessage().contains("rho: -1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.withRange(6000, 5000)).getMessage()
                .contains("6000..5000"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.withTimeWait(0)).getMessage()
                .contains("timeWaitNanos: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> w.withReclaimShare(1.5)).getMessage()
                .contains("reclaimShare: 1.5"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workloads.byId("nope")).getMessage()
                .contains("'nope'"));
    }
}
