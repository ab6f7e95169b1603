package dev.portbench.jmh;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.jmh.CostBreakdownBenchmark.SplitReplay;
import dev.portbench.jmh.CostBreakdownBenchmark.SplitReplay.Call;
import dev.portbench.workload.TraceReplayer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Param;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The states of {@link BulkExpiryBenchmark} and {@link CostBreakdownBenchmark}: the timed call is
 * the one claimed, and the replay split into calls ends where the plain replay ends.
 */
class SplitBenchmarksTest {

    static Stream<Arguments> allocatorsAndSizes() {
        return Arrays.stream(AllocatorCatalog.values()).flatMap(a -> Stream.of(Arguments.of(a, 3976), Arguments.of(a, 64512)));
    }

    @ParameterizedTest(name = "{0}, {1} ports")
    @MethodSource("allocatorsAndSizes")
    void bulkExpiryTimesTheCallThatFreesEveryPort(AllocatorCatalog allocator, int ports) {
        BulkExpiryBenchmark b = new BulkExpiryBenchmark();
        b.allocator = allocator;
        b.ports = ports;
        b.setUp();
        for (int iteration = 0; iteration < 3; iteration++) {
            b.releaseEveryPortAtOnce();
            assertEquals(ports, b.subject.timeWaitCount(), "every port in TIME-WAIT before the timed call");
            assertEquals(ports, b.expireAll(), "the timed call frees every port");
            b.checkEveryPortFreed();
        }
        assertEquals(3, b.calls);
    }

    @Test
    void bulkExpiryCheckFailsWhenTheTimedCallDidNotFreeEveryPort() {
        BulkExpiryBenchmark b = new BulkExpiryBenchmark();
        b.allocator = AllocatorCatalog.FIFO;
        b.ports = 3976;
        b.setUp();
        b.releaseEveryPortAtOnce();
        IllegalStateException e = assertThrows(IllegalStateException.class, b::checkEveryPortFreed);
        assertTrue(e.getMessage().contains("freed -1 ports"), e.getMessage());
    }

    static Stream<Arguments> breakdownCases() {
        return Arrays.stream(AllocatorCatalog.values()).flatMap(a -> Stream.of(Arguments.of(a, "q170791-rho0.99"),
                Arguments.of(a, "scale-3976"), Arguments.of(a, "reclaim-0.25")));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("breakdownCases")
    void splitReplayEndsWhereThePlainReplayEnds(AllocatorCatalog allocator, String workload) {
        TraceReplayer plain = ReplayStates.warmedReplayer(allocator, workload);
        SplitReplay split = new SplitReplay(ReplayStates.warmedReplayer(allocator, workload));
        int events = 20_000;
        plain.run(events);
        int expireCalls = 0;
        for (int call = 0; call < 2 * events; call++) {
            if (split.peek() == Call.EXPIRE) {
                expireCalls++;
            }
            split.next();
        }
        PortAllocator a = plain.allocator();
        PortAllocator b = split.replayer().allocator();
        assertEquals(plain.opens(), split.replayer().opens(), "opens");
        assertEquals(plain.failures(), split.replayer().failures(), "failures");
        assertEquals(a.inUseCount(), b.inUseCount(), "in use");
        assertEquals(a.timeWaitCount(), b.timeWaitCount(), "TIME-WAIT");
        assertEquals(plain.nextIndex(), split.replayer().nextIndex(), "next event");
        assertEquals(events, expireCalls, "one expiry call per event");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(AllocatorCatalog.class)
    void costBreakdownTimesOnlyCallsOfItsKind(AllocatorCatalog allocator) {
        for (String op : params(CostBreakdownBenchmark.class, "operation")) {
            CostBreakdownBenchmark b = new CostBreakdownBenchmark();
            b.allocator = allocator;
            b.workload = "scale-3976";
            b.operation = op;
            b.setUp();
            Call kind = Call.fromId(op);
            long opensBefore = b.replay.replayer().opens();
            long closesBefore = b.replay.replayer().closes();
            for (int i = 0; i < 2_000; i++) {
                b.replayUpToTheTimedCall();
                assertEquals(kind, b.replay.peek());
                b.call();
            }
            b.tearDown();
            long opens = b.replay.replayer().opens() - opensBefore;
            long closes = b.replay.replayer().closes() - closesBefore;
            if (kind == Call.ALLOCATE) {
                assertEquals(2_000, opens, "one open per timed allocate");
            } else if (kind == Call.RELEASE) {
                assertTrue(closes >= 1_999 && closes <= 2_000, "one close per timed release: " + closes);
            } else {
                assertTrue(opens + closes <= 2_001, "one event between two timed expiries: " + (opens + closes));
            }
        }
    }

    @Test
    void unknownOperationIsRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Call.fromId("connect"));
        assertTrue(e.getMessage().contains("'connect'"), e.getMessage());
    }

    @Test
    void bulkExpiryRunsBothRangeSizes() {
        assertEquals(List.of("3976", "64512"), params(BulkExpiryBenchmark.class, "ports"));
    }

    private static List<String> params(Class<?> benchmark, String field) {
        try {
            return List.of(benchmark.getDeclaredField(field).getAnnotation(Param.class).value());
        } catch (NoSuchFieldException e) {
            throw new AssertionError(benchmark.getSimpleName() + " has no field " + field, e);
        }
    }
}
