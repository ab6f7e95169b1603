package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.threads.ManyThreadsRun;
import dev.portbench.workload.TraceReplayer;
import dev.portbench.workload.Workload;
import dev.portbench.workload.ReplayFloor;
import dev.portbench.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every benchmark's state for a few thousand events per allocator and checks what it did,
 * so that the suite cannot rot into measuring nothing.
 */
class BenchmarkStatesTest {

    private static final int EVENTS = 5_000;

    static Stream<Arguments> allocatorsAndWorkloads() {
        return Arrays.stream(AllocatorCatalog.values())
                .flatMap(a -> Workloads.ids().stream().map(w -> Arguments.of(a, w)));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("allocatorsAndWorkloads")
    void replayBenchmarkHandsOutRealPortsAndLosesNone(AllocatorCatalog allocator, String workload) {
        ReplayBenchmark b = new ReplayBenchmark();
        b.allocator = allocator;
        b.workload = workload;
        b.setUp();
        Workload w = Workloads.byId(workload);
        long opensBefore = b.replayer.opens();
        long failuresBefore = b.replayer.failures();
        int handedOut = 0;
        // overload fails in clusters (a TIME-WAIT's worth of successes, then the cliff): replay a whole lap
        int events = w.rho() > 1.0 ? ReplayStates.trace(workload).size() : EVENTS;
        for (int i = 0; i < events; i++) {
            int before = b.replayer.allocator().inUseCount();
            int port = b.replay();
            if (port != PortAllocator.NO_PORT) {
                assertTrue(port >= w.firstPort() && port <= w.lastPort(), "port " + port + " outside " + w.summary());
            }
            if (b.replayer.allocator().inUseCount() > before) {
                handedOut++;
            }
        }
        b.tearDown();
        long opens = b.replayer.opens() - opensBefore;
        long failures = b.replayer.failures() - failuresBefore;
        assertTrue(opens > 0, "opens during the check");
        assertEquals(opens - failures, handedOut, "every successful open takes exactly one port");
        if (w.rho() > 1.0) {
            assertTrue(failures > 0, "an overloaded workload must fail some connects");
        } else if (w.rho() <= 0.9) {
            assertEquals(0, failures, "a workload at rho " + w.rho() + " fails no connect");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AllocatorCatalog.class)
    void burstLatencyBenchmarkMeetsTheBulkExpiry(AllocatorCatalog allocator) {
        BurstLatencyBenchmark b = new BurstLatencyBenchmark();
        b.allocator = allocator;
        b.setUp();
        TraceReplayer r = b.replayer;
        long closes = r.closes();
        // a lap of the burst workload holds several bursts, each cycling every port
        int lap = ReplayStates.trace("burst").size();
        for (int i = 0; i < lap; i++) {
            b.replay();
        }
        b.tearDown();
        assertTrue(r.closes() - closes >= 3976, "a lap closes every port at least once");
        assertEquals(0, r.failures(), "the burst workload never runs out");
    }

    @Test
    void harnessBaselineWalksEveryWorkload() {
        for (String w : Workloads.ids()) {
            HarnessBaselineBenchmark b = new HarnessBaselineBenchmark();
            b.workload = w;
            b.setUp();
            long sum = 0;
            for (int i = 0; i < EVENTS; i++) {
                sum += b.replay();
            }
            assertNotEquals(0, sum, w);
        }
    }

    /**
     * The floor keeps TIME-WAIT exactly, like any exact allocator, so on every workload without
     * reclaims it fails exactly the opens that {@code ring} fails, event for event.
     */
    @Test
    void theFloorFailsExactlyWhenAnExactAllocatorFails() {
        for (String w : Workloads.ids()) {
            if (Workloads.byId(w).reclaimShare() > 0) {
                continue; // the floor skips reclaims
            }
            FloorBenchmark floor = new FloorBenchmark();
            floor.workload = w;
            floor.setUp();
            ReplayBenchmark exact = new ReplayBenchmark();
            exact.allocator = AllocatorCatalog.RING;
            exact.workload = w;
            exact.setUp();
            for (int i = 0; i < EVENTS * 4; i++) {
                int f = floor.replay();
                int e = exact.replay();
                assertEquals(e == PortAllocator.NO_PORT, f == PortAllocator.NO_PORT, w + " event " + i);
            }
            assertEquals(exact.replayer.failures(), floor.replayer.failures(), w);
            assertEquals(exact.replayer.opens(), floor.replayer.opens(), w);
            PortAllocator a = exact.replayer.allocator();
            ReplayFloor rf = (ReplayFloor) floor.replayer.target();
            assertEquals(a.freeCount() + a.timeWaitCount(), rf.freeCount() + rf.timeWaitCount(),
                    w + ": ports not in use");
        }
    }

    /**
     * What JMH itself generated (its benchmark list, read as {@code java -jar portbench.jar}
     * reads it): every benchmark with an allocator parameter runs every constant of the registry
     * by default, except ManyThreadsBenchmark, whose default is {@code ./portbench threads}'s.
     */
    @Test
    void jmhRunsEveryRegisteredAllocatorByDefault() {
        List<String> every = Arrays.stream(AllocatorCatalog.values()).map(Enum::name).toList();
        List<String> threadsDefault = JmhParams.allocators(ManyThreadsRun.defaultAllocators());
        Set<String> checked = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(null, List.of())) {
            String[] values = e.getParams().orElse(Map.of()).get(JmhParams.ALLOCATOR);
            if (values == null) {
                continue;
            }
            String name = e.getUsername();
            boolean threads = name.startsWith(ManyThreadsBenchmark.class.getName() + ".");
            assertEquals(threads ? threadsDefault : every, List.of(values), name);
            checked.add(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
        }
        assertEquals(new TreeSet<>(List.of("BoundedExpiryBenchmark.cycle", "BulkExpiryBenchmark.expireAll",
                "BurstLatencyBenchmark.replay", "CostBreakdownBenchmark.call", "ManyThreadsBenchmark.replay",
                "ReplayBenchmark.replay")), checked, "the benchmarks that take an allocator");
    }

    @Test
    void workloadParameterListsNameEveryNamedWorkload() throws ReflectiveOperationException {
        assertEquals(Workloads.ids(), params(ReplayBenchmark.class, "workload"));
        assertEquals(Workloads.ids(), params(HarnessBaselineBenchmark.class, "workload"));
        assertEquals(Workloads.ids(), params(FloorBenchmark.class, "workload"));
    }

    @Test
    void selectionBenchmarkCoversEveryPolicyAndItsStatesWork() throws ReflectiveOperationException {
        List<String> pairs = dev.portbench.selection.PolicyPair.all().stream()
                .map(dev.portbench.selection.PolicyPair::id).toList();
        assertEquals(pairs, params(SelectionBenchmark.class, "policy"), "the support matrix");
        java.util.Set<dev.portbench.allocator.PortSelection> policies = java.util.EnumSet.noneOf(
                dev.portbench.allocator.PortSelection.class);
        for (String pair : pairs) {
            policies.add(dev.portbench.selection.PolicyPair.fromId(pair).selection());
            SelectionBenchmark b = new SelectionBenchmark();
            b.policy = pair;
            b.setUp();
            long opens = b.replayer.opens();
            for (int i = 0; i < EVENTS; i++) {
                int port = b.replay();
                assertTrue(port == PortAllocator.NO_PORT || (port >= 1025 && port <= 5000), pair + ": " + port);
            }
            b.tearDown();
            assertTrue(b.replayer.opens() > opens, pair);
            assertEquals(b.replayer.allocator().selection(), dev.portbench.selection.PolicyPair.fromId(pair).selection());
        }
        assertEquals(java.util.EnumSet.allOf(dev.portbench.allocator.PortSelection.class), policies, "every policy measured");
    }

    @Test
    void aCorruptedStateFailsTheTrialCheck() {
        ReplayBenchmark b = new ReplayBenchmark();
        b.allocator = AllocatorCatalog.FIFO;
        b.workload = "q170791-rho0.99";
        b.setUp();
        int port = b.replayer.allocator().allocate(b.replayer.nextTime());
        assertNotEquals(PortAllocator.NO_PORT, port);
        IllegalStateException e = assertThrows(IllegalStateException.class, b::tearDown);
        assertTrue(e.getMessage().contains("one per open connection"), e.getMessage());
    }

    /** The values of {@code field}'s {@code @Param}, declared on {@code benchmark} or a superclass (JMH inherits them). */
    private static List<String> params(Class<?> benchmark, String field) throws ReflectiveOperationException {
        for (Class<?> c = benchmark; c != null; c = c.getSuperclass()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                if (f.getName().equals(field)) {
                    return List.of(f.getAnnotation(Param.class).value());
                }
            }
        }
        throw new NoSuchFieldException(benchmark.getName() + "." + field);
    }
}
