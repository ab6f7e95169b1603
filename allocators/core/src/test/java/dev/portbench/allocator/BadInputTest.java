package dev.portbench.allocator;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misuse is rejected with an exception that names the bad value and what was allowed, and the
 * allocator is left exactly as it was. "Exactly" is checked by a twin: two allocators get the
 * same calls except the rejected one, and must then answer every later call identically.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    /** The allocators under test: the core's. The variants module's subclass names its own. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values());
    }

    private static final long SECOND = 1_000_000_000L;
    private static final long TIME_WAIT = 240 * SECOND;
    private static final long T0 = 1000 * SECOND;

    /** Brings an allocator to a state with ports in use, in TIME-WAIT and free, at time T0. */
    private static PortAllocator prepared(AllocatorFactory type) {
        PortAllocator a = type.create();
        prepare(type, a);
        return a;
    }

    /** The ports a prepared allocator handed out, in order: the first 1000 are in TIME-WAIT at T0, the rest in use. */
    private static int[] prepare(AllocatorFactory type, PortAllocator a) {
        int[] ports = new int[3000];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = a.allocate(i * 10_000_000L);
        }
        for (int i = 0; i < 1000; i++) {
            a.release(ports[i], T0 - TIME_WAIT / 2 + i);
        }
        return ports;
    }

    /** A port in TIME-WAIT at T0 in a prepared allocator of {@code type} (allocators are deterministic). */
    private static int timeWaitPort(AllocatorFactory type) {
        return prepare(type, type.create())[500];
    }

    /** A port in use at T0. */
    private static int inUsePort(AllocatorFactory type) {
        return prepare(type, type.create())[2500];
    }

    /** A port never handed out, so free at T0: the highest one. */
    private static int freePort(AllocatorFactory type) {
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int p : prepare(type, type.create())) {
            used.add(p);
        }
        for (int p = 5000; p >= 1025; p--) {
            if (!used.contains(p)) {
                return p;
            }
        }
        throw new AssertionError("every port used");
    }

    /**
     * Applies {@code bad} to one of two twins, checks it throws {@code expected} with every
     * fragment in its message, then drives both with the same later calls and compares them.
     */
    private static void rejectedAndUnchanged(AllocatorFactory type, Class<? extends RuntimeException> expected,
                                             Consumer<PortAllocator> bad, String... fragments) {
        Refusals.rejectedAndUnchanged(() -> prepared(type), BadInputTest::assertSameFuture, expected, bad, fragments);
    }

    private static void assertSameFuture(PortAllocator a, PortAllocator twin) {
        assertEquals(twin.inUseCount(), a.inUseCount());
        assertEquals(twin.timeWaitCount(), a.timeWaitCount());
        assertEquals(twin.freeCount(), a.freeCount());
        assertEquals(twin.nextExpiryTime(), a.nextExpiryTime());
        SplittableRandom random = new SplittableRandom(7);
        long now = T0;
        for (int i = 0; i < 20_000; i++) {
            now += random.nextLong(SECOND / 10);
            int p = a.allocate(now);
            assertEquals(twin.allocate(now), p, "allocation " + i);
            if (p != NO_PORT && random.nextBoolean()) {
                a.release(p, now);
                twin.release(p, now);
            }
            int port = 1025 + random.nextInt(3976);
            assertEquals(twin.reclaim(port, now), a.reclaim(port, now));
            assertEquals(twin.timeWaitCount(), a.timeWaitCount());
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void portsOutsideTheRange(AllocatorFactory type) {
        for (int port : new int[] {0, -1, 1024, 5001, 65_536, Integer.MIN_VALUE}) {
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(port, T0 + SECOND),
                    "port: " + port, "1025..5000");
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.reclaim(port, T0 + SECOND),
                    "port: " + port, "1025..5000");
        }
    }

    @ParameterizedTest
    @MethodSource("factories")
    void releaseOfAFreePort(AllocatorFactory type) {
        releaseRefusedForItsState(type, freePort(type), "free");
    }

    @ParameterizedTest
    @MethodSource("factories")
    void doubleRelease(AllocatorFactory type) {
        releaseRefusedForItsState(type, timeWaitPort(type), "TIME-WAIT");
    }

    /** A release at T0 of {@code port}, not in use, is refused naming the port and its {@code state}. */
    private static void releaseRefusedForItsState(AllocatorFactory type, int port, String state) {
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(port, T0),
                "port " + port, state, "expected: in use");
    }

    /** Issue 10, defect 5: at the instant its TIME-WAIT ends a port is free, and the message says so. */
    @ParameterizedTest
    @MethodSource("factories")
    void aReleaseAtTheInstantTheTimeWaitEndsFindsThePortFree(AllocatorFactory type) {
        int port = prepare(type, type.create())[0];
        long deadline = T0 - TIME_WAIT / 2 + TIME_WAIT;
        long end = prepared(type).nextExpiryTime(); // the deadline itself for exact structures, a tick boundary for wheels
        assertTrue(end >= deadline, type + ": " + end);
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(port, end),
                "port " + port, "it is free, its TIME-WAIT ended at ", "expected: in use");
        if (type.create().maxLatenessNanos() == 0) {
            rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(port, deadline),
                    "it is free, its TIME-WAIT ended at " + deadline);
        }
    }

    /** Issue 10, defect 5: a release whose deadline would fall past the allocator's life is refused, as documented. */
    @ParameterizedTest
    @MethodSource("factories")
    void aReleaseWhoseDeadlinePassesTheAllocatorsLife(AllocatorFactory type) {
        int inUse = inUsePort(type);
        long tooLate = Long.MAX_VALUE - TIME_WAIT + 1; // the first call was at 0
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(inUse, tooLate),
                "release of port " + inUse + " at " + tooLate, "would be more than 2^63-1 ns after");
    }

    /**
     * Issue 27: a call 2^63 ns after the last one, or at or past the end of the 2^63 ns life
     * begun by the first call (at 0), wraps to before the origin: refused as time going
     * backwards (an IllegalArgumentException naming the time), never accepted, never answered
     * with the state of a port. Compared through a difference that overflowed, the thread-safe
     * allocators accepted these.
     */
    @ParameterizedTest
    @MethodSource("factories")
    void aCallAtOrPastTheEndOfTheClocksLifeIsRefusedAsTimeGoingBackwards(AllocatorFactory type) {
        long last = T0 - TIME_WAIT / 2 + 999; // the prepared allocator's last call
        long[] pastLife = {last + Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MIN_VALUE + TIME_WAIT,
            Long.MIN_VALUE + T0, -1, -TIME_WAIT};
        for (long now : pastLife) {
            everyTimedCallRefusedAsTimeGoingBackwards(type, now);
        }
    }

    /**
     * At {@code now}, before the prepared allocator's last call, every call that takes a time
     * (allocate, release of a port in use, free or in TIME-WAIT, reclaim, expire) is refused as
     * time going backwards, naming the time, and changes nothing.
     */
    private static void everyTimedCallRefusedAsTimeGoingBackwards(AllocatorFactory type, long now) {
        int inUse = inUsePort(type);
        int timeWait = timeWaitPort(type);
        int free = freePort(type);
        String[] names = {"now: " + now, "expected: at or after"};
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.allocate(now), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(inUse, now), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(free, now), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(timeWait, now), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.reclaim(timeWait, now), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.expire(now), names);
    }

    /**
     * Issue 27: late in the clock's life, a release of a port that is not in use is refused for
     * the port's state, naming the port, before the end of the life is considered (the order
     * documented on PortAllocator).
     */
    @ParameterizedTest
    @MethodSource("factories")
    void lateInTheLifeAReleaseOfAPortNotInUseNamesThePort(AllocatorFactory type) {
        int free = freePort(type);
        int timeWait = timeWaitPort(type); // its TIME-WAIT has ended by then: free
        for (long late : new long[] {Long.MAX_VALUE - TIME_WAIT + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE}) {
            rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(free, late),
                    "port " + free, "free", "expected: in use");
            rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(timeWait, late),
                    "port " + timeWait, "free", "expected: in use");
        }
    }

    /**
     * Issue 27: with several things wrong at once, the first in the documented order names the
     * refusal: the port's range, then time going backwards, then the port's state, then the life.
     */
    @ParameterizedTest
    @MethodSource("factories")
    void misuseIsCheckedInTheDocumentedOrder(AllocatorFactory type) {
        long before = T0 - TIME_WAIT;
        int free = freePort(type);
        int inUse = inUsePort(type);
        for (long badTime : new long[] {before, Long.MIN_VALUE}) {
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(1, badTime), "port: 1");
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.reclaim(65_535, badTime), "port: 65535");
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(free, badTime),
                    "now: " + badTime);
        }
        long tooLate = Long.MAX_VALUE - TIME_WAIT + 1;
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(0, tooLate), "port: 0");
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(free, tooLate), "port " + free, "free");
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(inUse, tooLate),
                "port " + inUse, "life is over");
    }

    @ParameterizedTest
    @MethodSource("factories")
    void aRejectedCallDoesNotMoveTheClock(AllocatorFactory type) {
        // Far in the future: had it moved the clock, every TIME-WAIT would have ended.
        long hoursLater = T0 + 10 * 3600 * SECOND;
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(1, hoursLater), "port: 1");
        int free = freePort(type);
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(free, hoursLater), "port " + free);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void timeGoingBackwards(AllocatorFactory type) {
        // Also the releases of a free port and of one in TIME-WAIT: the time is checked before the port's state.
        everyTimedCallRefusedAsTimeGoingBackwards(type, T0 - TIME_WAIT);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void nextExpiryTimeWithNothingInTimeWait(AllocatorFactory type) {
        PortAllocator a = type.create();
        IllegalStateException e = assertThrows(IllegalStateException.class, a::nextExpiryTime);
        assertTrue(e.getMessage().contains("timeWaitCount() == 0"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("factories")
    void unsupportedSelectionPolicy(AllocatorFactory type) {
        for (PortSelection selection : PortSelection.values()) {
            AllocatorConfig config = AllocatorConfig.builder().selection(selection).secret(42).build();
            if (type.supports(selection)) {
                assertEquals(selection, type.create(config).selection());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> type.create(config));
                assertTrue(e.getMessage().contains("selection: " + selection), e.getMessage());
                assertTrue(e.getMessage().contains(type.id()), e.getMessage());
            }
        }
    }
}
