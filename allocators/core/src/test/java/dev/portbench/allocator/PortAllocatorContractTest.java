package dev.portbench.allocator;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every registered allocator keeps, on the Windows 95 defaults: 1025-5000 and 240 s.
 * A new {@link AllocatorType} constant runs all of it without any change here; the variants
 * module runs it on its own allocators by overriding {@link #factories()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortAllocatorContractTest {

    /** The allocators under test: the core's. The variants module's subclass names its own. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values());
    }

    static final long SECOND = 1_000_000_000L;
    static final long TIME_WAIT = 240 * SECOND;
    static final int FIRST = 1025;
    static final int LAST = 5000;
    static final int PORTS = 3976;

    /** Clock start values at the edges of the long range, as nanoTime allows. */
    Stream<Arguments> typesAndStarts() {
        long[] starts = {Long.MIN_VALUE, -TIME_WAIT / 2, 0, Long.MAX_VALUE - TIME_WAIT / 2, Long.MAX_VALUE};
        List<Arguments> args = new ArrayList<>();
        for (AllocatorFactory type : factories().toList()) {
            for (long start : starts) {
                args.add(Arguments.of(type, start));
            }
        }
        return args.stream();
    }

    static void assertCounts(PortAllocator a, int inUse, int timeWait) {
        assertEquals(inUse, a.inUseCount(), "in use");
        assertEquals(timeWait, a.timeWaitCount(), "in TIME-WAIT");
        assertEquals(a.rangeSize() - inUse - timeWait, a.freeCount(), "free");
        assertEquals(a.rangeSize(), a.inUseCount() + a.timeWaitCount() + a.freeCount(), "counts sum to the range");
    }

    /** nextExpiryTime() lies in [deadline, deadline + maxLatenessNanos()]: never early, late by at most the bound. */
    static void assertNextExpiryWithinLateness(PortAllocator a, long deadline, String what) {
        long late = a.nextExpiryTime() - deadline;
        assertTrue(late >= 0 && late <= a.maxLatenessNanos(), what + ": " + late + " ns after the deadline");
    }

    /** Allocates every port at {@code now}, checking each is new and in range; answers them in order. */
    static int[] fill(PortAllocator a, long now) {
        int[] ports = new int[a.rangeSize()];
        BitSet seen = new BitSet();
        for (int i = 0; i < ports.length; i++) {
            int p = a.allocate(now);
            assertTrue(p >= a.firstPort() && p <= a.lastPort(), "port " + p + " in range");
            assertFalse(seen.get(p), "port " + p + " handed out twice");
            seen.set(p);
            ports[i] = p;
            assertCounts(a, i + 1, 0);
        }
        return ports;
    }

    @ParameterizedTest
    @MethodSource("factories")
    void describesItself(AllocatorFactory type) {
        PortAllocator a = type.create();
        assertEquals(type.id(), a.name());
        assertFalse(a.description().isBlank());
        assertEquals(FIRST, a.firstPort());
        assertEquals(LAST, a.lastPort());
        assertEquals(PORTS, a.rangeSize());
        assertEquals(TIME_WAIT, a.timeWaitNanos());
        assertTrue(a.maxLatenessNanos() >= 0);
        assertEquals(type.defaultSelection(), a.selection());
        assertEquals(type, fromId(type.id()));
        assertEquals(1, factories().filter(f -> f.id().equals(type.id())).count(), "ids are unique");
        assertCounts(a, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void handsOutEvery3976PortsOnceThenNoPort(AllocatorFactory type) {
        PortAllocator a = type.create();
        int[] ports = fill(a, 0);
        assertEquals(PORTS, ports.length);
        assertEquals(NO_PORT, a.allocate(0));
        assertEquals(NO_PORT, a.allocate(SECOND));
        assertCounts(a, PORTS, 0);
    }

    @ParameterizedTest
    @MethodSource("typesAndStarts")
    void releasedPortIsNotFreeBeforeItsTimeWaitEndsAndFreeWithinTheLatenessBound(AllocatorFactory type, long start) {
        PortAllocator a = type.create();
        int[] ports = fill(a, start);
        int port = ports[1234];
        long releasedAt = start + 7 * SECOND + 123;
        a.release(port, releasedAt);
        assertCounts(a, PORTS - 1, 1);
        long deadline = releasedAt + TIME_WAIT;

        assertNextExpiryWithinLateness(a, deadline, "nextExpiryTime within [deadline, deadline + lateness]");

        assertEquals(NO_PORT, a.allocate(deadline - 1), "one nanosecond before the deadline");
        assertCounts(a, PORTS - 1, 1);
        assertEquals(port, a.allocate(deadline + a.maxLatenessNanos()), "free by deadline + lateness");
        assertCounts(a, PORTS, 0);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void exactStructuresFreeAtTheDeadlineItself(AllocatorFactory type) {
        PortAllocator a = type.create();
        org.junit.jupiter.api.Assumptions.assumeTrue(a.maxLatenessNanos() == 0, "exact structures only");
        fill(a, 0);
        a.release(FIRST + 10, 5);
        assertEquals(NO_PORT, a.allocate(5 + TIME_WAIT - 1));
        assertEquals(FIRST + 10, a.allocate(5 + TIME_WAIT));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void reclaimEndsTimeWaitAtOnce(AllocatorFactory type) {
        PortAllocator a = type.create();
        int[] ports = fill(a, 0);
        int port = ports[42];
        a.release(port, SECOND);
        assertTrue(a.reclaim(port, 2 * SECOND), "was in TIME-WAIT");
        assertCounts(a, PORTS - 1, 0);
        assertFalse(a.reclaim(port, 2 * SECOND), "a free port is not in TIME-WAIT");
        assertEquals(port, a.allocate(3 * SECOND));
        assertCounts(a, PORTS, 0);
        assertFalse(a.reclaim(port, 3 * SECOND), "an in-use port is not in TIME-WAIT");
        assertCounts(a, PORTS, 0);

        a.release(port, 4 * SECOND);
        long freeBy = 4 * SECOND + TIME_WAIT + a.maxLatenessNanos();
        assertFalse(a.reclaim(port, freeBy), "TIME-WAIT already over by then");
        assertCounts(a, PORTS - 1, 0);
        assertEquals(port, a.allocate(freeBy));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void reclaimFromTheMiddleKeepsTheOthersInOrder(AllocatorFactory type) {
        PortAllocator a = type.create();
        int[] ports = fill(a, 0);
        // Releases further apart than the lateness bound, so each expires on its own.
        long step = a.maxLatenessNanos() + SECOND;
        for (int i = 0; i < 10; i++) {
            a.release(ports[i], (i + 1) * step);
        }
        assertTrue(a.reclaim(ports[4], 11 * step));
        assertTrue(a.reclaim(ports[0], 11 * step));
        assertTrue(a.reclaim(ports[9], 11 * step));
        assertCounts(a, PORTS - 10, 7);
        // The others still expire one by one at their own deadlines.
        for (int i : new int[] {1, 2, 3, 5, 6, 7, 8}) {
            long deadline = (i + 1) * step + TIME_WAIT;
            assertEquals(0, a.expire(deadline - 1), "none early before port " + i);
            assertEquals(1, a.expire(deadline + a.maxLatenessNanos()) , "port " + i + " by its deadline");
        }
        assertCounts(a, PORTS - 10, 0);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void countsAfterEveryStep(AllocatorFactory type) {
        PortAllocator a = type.create();
        int p1 = a.allocate(0);
        assertCounts(a, 1, 0);
        int p2 = a.allocate(1);
        assertCounts(a, 2, 0);
        assertNotEquals(p1, p2);
        a.release(p1, 2);
        assertCounts(a, 1, 1);
        a.release(p2, 3);
        assertCounts(a, 0, 2);
        assertEquals(0, a.expire(TIME_WAIT + 1));
        assertCounts(a, 0, 2);
        assertEquals(2, a.expire(TIME_WAIT + 3 + a.maxLatenessNanos()));
        assertCounts(a, 0, 0);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void allPortsReleasedInOneInstantAllComeBack240SecondsLater(AllocatorFactory type) {
        PortAllocator a = type.create();
        int[] ports = fill(a, 0);
        long instant = 10 * SECOND;
        for (int p : ports) {
            a.release(p, instant);
        }
        assertCounts(a, 0, PORTS);
        assertEquals(0, a.expire(instant + TIME_WAIT - 1));
        assertEquals(NO_PORT, a.allocate(instant + TIME_WAIT - 1));
        assertCounts(a, 0, PORTS);
        assertEquals(PORTS, a.expire(instant + TIME_WAIT + a.maxLatenessNanos()));
        assertCounts(a, 0, 0);
        fill(a, instant + TIME_WAIT + a.maxLatenessNanos());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aJumpOfHoursCatchesUpCompletely(AllocatorFactory type) {
        PortAllocator a = type.create();
        int[] ports = fill(a, 0);
        for (int i = 0; i < ports.length; i++) {
            a.release(ports[i], i * 37_000_000L);
        }
        assertCounts(a, 0, PORTS);
        long hours = 5 * 3600 * SECOND;
        int p = a.allocate(hours);
        assertTrue(p >= FIRST && p <= LAST);
        assertCounts(a, 1, 0);
        assertThrows(IllegalStateException.class, a::nextExpiryTime);
        // And time keeps working after the jump: a new TIME-WAIT starts from the new time.
        a.release(p, hours + 1);
        assertCounts(a, 0, 1);
        assertNextExpiryWithinLateness(a, hours + 1 + TIME_WAIT, "deadline after the jump");
    }

    @ParameterizedTest
    @MethodSource("typesAndStarts")
    void steadyCyclingAcrossClockEdges(AllocatorFactory type, long start) {
        // Ten TIME-WAIT periods of connect/close at exactly capacity, the clock starting at an edge.
        PortAllocator a = type.create();
        long gap = TIME_WAIT / PORTS + 1;
        long now = start;
        int failures = 0;
        for (int i = 0; i < 10 * PORTS; i++) {
            int p = a.allocate(now);
            if (p == NO_PORT) {
                failures++;
            } else {
                a.release(p, now);
            }
            assertEquals(a.rangeSize(), a.inUseCount() + a.timeWaitCount() + a.freeCount());
            now += gap;
        }
        // Arrivals slightly slower than capacity: an exact allocator never fails. A wheel acts like
        // an exact allocator whose TIME-WAIT is up to TW + L long, so at most a share L / TW fails.
        long arrivals = 10L * PORTS;
        long allowed = a.maxLatenessNanos() == 0 ? 0 : (long) Math.ceil(arrivals * (double) a.maxLatenessNanos() / TIME_WAIT);
        assertTrue(failures <= allowed, type + ": " + failures + " failures, allowed " + allowed);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void nextExpiryTimeIsTheEarliestDeadline(AllocatorFactory type) {
        PortAllocator a = type.create();
        assertThrows(IllegalStateException.class, a::nextExpiryTime);
        int[] ports = fill(a, 0);
        a.release(ports[3], 5 * SECOND);
        a.release(ports[1], 9 * SECOND);
        assertNextExpiryWithinLateness(a, 5 * SECOND + TIME_WAIT, "first deadline");
        a.reclaim(ports[3], 10 * SECOND);
        assertNextExpiryWithinLateness(a, 9 * SECOND + TIME_WAIT, "after reclaim, the next");
        assertEquals(1, a.expire(a.nextExpiryTime()), "expire at nextExpiryTime frees the port");
    }

    @ParameterizedTest
    @MethodSource("factories")
    void worksOnTinyAndHugeRanges(AllocatorFactory type) {
        for (int[] range : new int[][] {{1, 1}, {65_535, 65_535}, {1, 65_535}, {1024, 1087}, {1000, 1064}}) {
            PortAllocator a = type.create(AllocatorConfig.builder().portRange(range[0], range[1]).build());
            int[] ports = fill(a, 0);
            assertEquals(NO_PORT, a.allocate(1));
            for (int p : ports) {
                a.release(p, 2);
            }
            assertEquals(ports.length, a.expire(2 + TIME_WAIT + a.maxLatenessNanos()));
            fill(a, 3 + TIME_WAIT + a.maxLatenessNanos());
        }
    }

    @Test
    void theRegistryHasEveryStructureTheLibraryPromises() {
        List<String> ids = factories().map(AllocatorFactory::id).toList();
        for (String id : promisedIds()) {
            assertTrue(ids.contains(id), id + " in " + ids);
        }
    }

    /** The registry lookup of the allocators under test. */
    AllocatorFactory fromId(String id) {
        return AllocatorType.fromId(id);
    }

    /** Ids the registry under test must hold. */
    List<String> promisedIds() {
        return List.of("bitset", "timing-wheel", "fifo", "indexed-set", "locked-fifo", "locked-ring", "sharded-fifo",
                "sharded-ring", "cas-bitset");
    }
}
