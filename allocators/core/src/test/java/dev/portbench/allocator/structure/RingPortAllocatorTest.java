package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the shared contract suites cannot see of {@code ring}: its expiry quota (bounded bulk
 * expiry, with lateness counted in calls), tombstone compaction, and the side-by-side ranges used
 * for footprint and scale measurements.
 */
class RingPortAllocatorTest {

    private static final long TIME_WAIT = 240_000_000_000L;
    private static final int QUOTA = 64;

    private static PortAllocator bounded(int first, int last) {
        return AllocatorType.RING.create(AllocatorConfig.builder().portRange(first, last).expiryQuota(QUOTA).build());
    }

    private static int[] takeAll(PortAllocator a, long now) {
        int[] ports = new int[a.rangeSize()];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = a.allocate(now);
            assertNotEquals(NO_PORT, ports[i]);
        }
        assertEquals(NO_PORT, a.allocate(now));
        return ports;
    }

    /**
     * Calls {@code expire(now)} until it frees nothing, checking that each call frees at most the
     * quota and then handing {@code afterEachCall} the calls made and ports freed so far; answers
     * {total freed, calls that freed something}.
     */
    private static int[] drainByQuota(PortAllocator a, long now, BiConsumer<Integer, Integer> afterEachCall) {
        int calls = 0;
        int total = 0;
        int freed;
        while ((freed = a.expire(now)) != 0) {
            assertTrue(freed <= QUOTA, "call " + calls + " freed " + freed);
            total += freed;
            calls++;
            afterEachCall.accept(calls, total);
        }
        return new int[] {total, calls};
    }

    /** Takes every port at {@code now}, then releases them all at {@code now}, in the order taken. */
    private static int[] takeAllIntoTimeWait(PortAllocator a, long now) {
        int[] ports = takeAll(a, now);
        for (int p : ports) {
            a.release(p, now);
        }
        return ports;
    }

    @Test
    void aQuotaFreesAtMostThatManyPortsPerCallAndTheRestByLaterCalls() {
        PortAllocator a = bounded(1024, 65535);
        takeAllIntoTimeWait(a, 0);
        assertEquals(0, a.expire(TIME_WAIT - 1), "never early");
        int[] drained = drainByQuota(a, TIME_WAIT, (calls, total) -> { });
        int total = drained[0];
        int calls = drained[1];
        assertEquals(64512, total);
        assertEquals(64512 / QUOTA, calls, "the documented lateness: ceil(due / quota) calls");
        assertEquals(0, a.timeWaitCount());
        assertEquals(a.rangeSize(), a.freeCount());
    }

    /**
     * An expiry storm with tombstones in it: 50,000 ports due at one instant, every tenth of them
     * reclaimed first, and 14,512 ports due one nanosecond later. Every {@code expire} call frees
     * at most the quota, the tombstones count against it (ceil(slots / quota) calls, not
     * ceil(due / quota)), and no port of the later deadline is freed or handed out early.
     */
    @Test
    void aStormWithTombstonesIsBoundedPerCallCountingEverySlotAndFreesNothingEarly() {
        PortAllocator a = bounded(1024, 65535);
        int[] ports = takeAll(a, 0);
        int storm = 50_000;
        for (int i = 0; i < ports.length; i++) {
            a.release(ports[i], i < storm ? 0 : 1);
        }
        int reclaimed = 0;
        for (int i = 0; i < storm; i += 10) {
            assertTrue(a.reclaim(ports[i], 1));
            reclaimed++;
        }
        int later = ports.length - storm;
        assertEquals(reclaimed, a.freeCount());
        int stillDue = storm - reclaimed;
        int[] drained = drainByQuota(a, TIME_WAIT, (calls, total) -> {
            assertEquals(later, a.timeWaitCount() - (stillDue - total), "call " + calls + ": a later port freed early");
            assertTrue(calls <= storm, "the storm never ends");
        });
        int total = drained[0];
        int calls = drained[1];
        assertEquals(storm - reclaimed, total);
        assertEquals((storm + QUOTA - 1) / QUOTA, calls, "every slot passed counts, tombstones too");
        assertEquals(later, a.timeWaitCount());
        for (int i = 0; i < storm; i++) {
            assertNotEquals(NO_PORT, a.allocate(TIME_WAIT));
        }
        assertEquals(NO_PORT, a.allocate(TIME_WAIT), "the later ports are not due yet");
        assertEquals(0, a.expire(TIME_WAIT));
        assertEquals(QUOTA, a.expire(TIME_WAIT + 1), "one nanosecond later they are due, a quota per call");
    }

    @Test
    void aQuotaNeverMakesAnAllocationFail() {
        PortAllocator a = bounded(1025, 5000);
        int[] ports = takeAllIntoTimeWait(a, 0);
        // No expire call at all: every allocation after the deadline takes a due port on demand.
        BitSet seen = new BitSet();
        for (int i = 0; i < ports.length; i++) {
            int p = a.allocate(TIME_WAIT);
            assertNotEquals(NO_PORT, p, "allocation " + i + " while due ports wait");
            assertFalse(seen.get(p));
            seen.set(p);
        }
        assertEquals(NO_PORT, a.allocate(TIME_WAIT));
    }

    @Test
    void aQuotaNeverFreesEarlyAndCountsDuePortsInTimeWaitUntilFreed() {
        PortAllocator a = bounded(1025, 1025 + 199);
        int[] ports = takeAll(a, 0);
        for (int i = 0; i < ports.length; i++) {
            a.release(ports[i], i); // deadlines TIME_WAIT + i
        }
        assertEquals(QUOTA, a.expire(TIME_WAIT + 99), "100 due, a quota freed");
        // Queries free nothing under a quota, so they agree with each other.
        assertEquals(TIME_WAIT + QUOTA, a.nextExpiryTime(), "the oldest port still counted: due, freed by the next expire");
        assertEquals(200 - QUOTA, a.timeWaitCount());
        assertEquals(200, a.inUseCount() + a.timeWaitCount() + a.freeCount(), "consecutive queries agree");
        assertTrue(a.reclaim(ports[99], TIME_WAIT + 99), "due but not yet freed: still in TIME-WAIT, reclaimable");
        assertFalse(a.reclaim(ports[0], TIME_WAIT + 99), "freed: no longer in TIME-WAIT");
        assertEquals(35, a.expire(TIME_WAIT + 99), "the other due ports (64..98; 99 was reclaimed)");
        assertEquals(100, a.timeWaitCount());
        assertEquals(0, a.expire(TIME_WAIT + 99), "nothing more is due");
        assertEquals(TIME_WAIT + 100, a.nextExpiryTime());
    }

    @Test
    void withoutQuotaDuePortsAreFreeAtOnceInTheCounts() {
        PortAllocator a = AllocatorType.RING.create(AllocatorConfig.builder().portRange(1025, 5000).build());
        takeAllIntoTimeWait(a, 0);
        assertEquals(3976, a.timeWaitCount());
        assertEquals(0, a.freeCount());
        assertEquals(3976, a.freeCount() + a.timeWaitCount());
        assertEquals(3976, a.expire(TIME_WAIT));
        assertEquals(3976, a.freeCount());
        assertEquals(0L, a.maxLatenessNanos());
    }

    /**
     * Reclaimed ports wait as tombstones; a dry pool compacts them out, keeping the TIME-WAIT order.
     * Randomized against a plain model of (port -> deadline), seed printed on failure.
     */
    @Test
    void tombstonesAndCompactionKeepEveryGuaranteeAgainstAModel() {
        long seed = Long.getLong("portbench.seed", 0x5EED_14L);
        SplittableRandom random = new SplittableRandom(seed);
        int size = 64;
        PortAllocator a = AllocatorType.RING.create(AllocatorConfig.builder().portRange(2000, 2000 + size - 1)
                .timeWaitNanos(1000).tickNanos(1).build());
        Map<Integer, Long> timeWait = new HashMap<>();
        ArrayDeque<Integer> inUse = new ArrayDeque<>();
        long now = 0;
        for (int step = 0; step < 200_000; step++) {
            String where = "seed=" + seed + " step=" + step;
            now += random.nextInt(4) == 0 ? random.nextInt(30) : 0;
            final long t = now;
            timeWait.values().removeIf(d -> d <= t);
            int dice = random.nextInt(10);
            if (dice < 4) {
                int p = a.allocate(now);
                if (p == NO_PORT) {
                    assertEquals(size, inUse.size() + timeWait.size(), where + ": failed while a port was free");
                } else {
                    assertFalse(timeWait.containsKey(p), where + ": " + p + " handed out in TIME-WAIT");
                    assertFalse(inUse.contains(p), where + ": " + p + " handed out twice");
                    inUse.add(p);
                }
            } else if (dice < 7 && !inUse.isEmpty()) {
                int p = random.nextBoolean() ? inUse.pollFirst() : inUse.pollLast();
                a.release(p, now);
                timeWait.put(p, now + 1000);
            } else if (dice < 9 && !timeWait.isEmpty()) {
                int p = timeWait.keySet().stream().skip(random.nextInt(timeWait.size())).findFirst().orElseThrow();
                assertTrue(a.reclaim(p, now), where);
                timeWait.remove(p);
            } else {
                a.expire(now);
            }
            assertEquals(inUse.size(), a.inUseCount(), where);
            assertEquals(timeWait.size(), a.timeWaitCount(), where);
            if (!timeWait.isEmpty()) {
                long earliest = timeWait.values().stream().mapToLong(Long::longValue).min().orElseThrow();
                assertEquals(earliest, a.nextExpiryTime(), where);
            }
        }
    }

    @Test
    void sideBySideRangesGoPast65535ForMeasurementsOnly() {
        AllocatorConfig perAddress = AllocatorConfig.builder().portRange(1025, 5120).build();
        PortAllocator a = Structures.ringSideBySide("ring", perAddress, 256);
        assertEquals(1 << 20, a.rangeSize());
        assertEquals(1025 + (1 << 20) - 1, a.lastPort());
        int[] ports = takeAllIntoTimeWait(a, 0);
        assertEquals(1025, ports[0]);
        assertEquals(a.lastPort(), ports[ports.length - 1]);
        assertEquals(1 << 20, a.expire(TIME_WAIT));
        assertThrows(IllegalArgumentException.class, () -> AllocatorConfig.builder().portRange(1025, 65536),
                "the normal configuration keeps its check");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Structures.ringSideBySide("ring", perAddress, 1 << 20));
        assertTrue(e.getMessage().contains("addresses: 1048576"), e.getMessage());
    }

    @Test
    void onlyRingAndTheThreadSafeRingsTakeAQuota() {
        AllocatorConfig config = AllocatorConfig.builder().expiryQuota(8).build();
        for (AllocatorType type : AllocatorType.values()) {
            if (type == AllocatorType.RING || type == AllocatorType.LOCKED_RING || type == AllocatorType.SHARDED_RING) {
                assertEquals(Long.MAX_VALUE, type.create(config).maxLatenessNanos());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> type.create(config));
                assertTrue(e.getMessage().contains("expiryQuota: 8"), e.getMessage());
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AllocatorConfig.builder().expiryQuota(-1));
        assertEquals("expiryQuota: -1 (expected: >= 0, 0 for no bound)", e.getMessage());
    }
}
