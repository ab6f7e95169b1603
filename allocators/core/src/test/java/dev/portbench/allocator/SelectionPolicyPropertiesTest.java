package dev.portbench.allocator;

import org.junit.jupiter.api.Test;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static dev.portbench.allocator.SelectionPolicyFixture.A;
import static dev.portbench.allocator.SelectionPolicyFixture.B;
import static dev.portbench.allocator.SelectionPolicyFixture.config;
import static dev.portbench.allocator.SelectionPolicyFixture.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each selection policy's defining property, on the core structure that serves it (run once, not per module). */
class SelectionPolicyPropertiesTest {

    @Test
    void sequentialHandsOutTheNextPort() {
        PortAllocator a = create(AllocatorType.BITSET, PortSelection.SEQUENTIAL);
        int first = a.allocate(0, A);
        for (int i = 1; i < 100; i++) {
            assertEquals(first + i, a.allocate(0, i % 2 == 0 ? A : B));
        }
    }

    @Test
    void randomStartScattersAndProbesLinearly() {
        PortAllocator a = create(AllocatorType.BITSET, PortSelection.RANDOM_START);
        int previous = a.allocate(0, A);
        int adjacent = 0;
        for (int i = 0; i < 500; i++) {
            int p = a.allocate(0, A);
            if (Math.abs(p - previous) == 1) {
                adjacent++;
            }
            previous = p;
        }
        assertTrue(adjacent < 25, adjacent + " of 500 allocations next to the previous port");
        // one port left: the linear probe finds it from any start
        while (a.freeCount() > 1) {
            a.allocate(0, A);
        }
        assertNotEquals(NO_PORT, a.allocate(0, A));
    }

    @Test
    void randomPickGivesUpAfterMaxTries() {
        PortAllocator a = create(AllocatorType.BITSET, PortSelection.RANDOM_PICK,
                config().maxTries(3));
        int ports = 0;
        long t = 0;
        while (a.freeCount() > 1 && ports < 20_000) {
            if (a.allocate(t, A) != NO_PORT) {
                ports++;
            }
        }
        assertEquals(1, a.freeCount());
        int failures = 0;
        for (int i = 0; i < 100; i++) {
            long before = a.probes();
            int p = a.allocate(t, A);
            assertTrue(a.probes() - before <= 3, "at most maxTries probes");
            if (p == NO_PORT) {
                failures++;
            } else {
                a.release(p, t);
                a.reclaim(p, t);
            }
        }
        assertTrue(failures > 90, "with 1 of 3976 ports free, 3 tries almost always fail: " + failures);
    }

    @Test
    void hashIsSequentialPerDestinationWithOneGlobalCounter() {
        PortAllocator a = create(AllocatorType.BITSET, PortSelection.HASH);
        int a0 = a.allocate(0, A);
        int a1 = a.allocate(0, A);
        assertEquals(next(a0, 1), a1, "alone, a destination's ports are consecutive");
        int b0 = a.allocate(0, B);
        assertTrue(Math.abs(b0 - a1) > 2, "another destination starts elsewhere: " + a1 + " vs " + b0);
        int a2 = a.allocate(0, A);
        assertEquals(next(a1, 2), a2, "the one global counter moved on for B's connection too");
        PortAllocator other = create(AllocatorType.BITSET, PortSelection.HASH, config().secret(99));
        assertNotEquals(a0, other.allocate(0, A), "the secret decides where a destination starts");
    }

    @Test
    void doubleHashKeepsAPerSlotCounterWithRandomIncrements() {
        PortAllocator a = create(AllocatorType.BITSET, PortSelection.DOUBLE_HASH);
        int previous = a.allocate(0, A);
        int small = 0;
        for (int i = 0; i < 200; i++) {
            for (int d = 0; d < 5; d++) {
                // other destinations' connections come and go (reclaimed at once), leaving A's path free
                int other = a.allocate(0, Destinations.ipv4(0x0A000001, 0xC0A90000 + i * 5 + d, 443));
                a.release(other, 0);
                a.reclaim(other, 0);
            }
            int p = a.allocate(0, A);
            int delta = Math.floorMod(p - previous, 3976);
            if (delta == 1 || delta == 2) {
                small++;
            }
            previous = p;
        }
        assertTrue(small >= 190, "A's counter moves by 1 or 2 whatever other destinations do: " + small + " of 200");
        // a table of one slot is one shared counter again, as algorithm 3
        PortAllocator shared = create(AllocatorType.BITSET, PortSelection.DOUBLE_HASH,
                config().hashTableSize(1));
        int s0 = shared.allocate(0, A);
        shared.allocate(0, B);
        int delta = Math.floorMod(shared.allocate(0, A) - s0, 3976);
        assertTrue(delta >= 2 && delta <= 4, "B's connection moved A's shared counter: " + delta);
    }

    @Test
    void randomIncrementsStepByAtMostN() {
        PortAllocator a = create(AllocatorType.BITSET, PortSelection.RANDOM_INCREMENTS,
                config().randomIncrement(50));
        int previous = a.allocate(0, A);
        int within = 0;
        for (int i = 0; i < 100; i++) {
            int p = a.allocate(0, A);
            int delta = Math.floorMod(p - previous, 3976);
            if (delta >= 1 && delta <= 50) {
                within++;
            }
            previous = p;
        }
        assertTrue(within >= 95, within + " of 100 steps within 1..50");
    }

    @Test
    void uniformRandomPassesAChiSquareTest() {
        PortAllocator a = create(AllocatorType.INDEXED_SET, PortSelection.UNIFORM_RANDOM);
        int[] counts = new int[3976];
        int draws = 3976 * 50;
        for (int i = 0; i < draws; i++) {
            int p = a.allocate(i, A);
            counts[p - 1025]++;
            a.release(p, i);
            assertTrue(a.reclaim(p, i));
        }
        double expected = draws / 3976.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        int df = 3975;
        assertTrue(Math.abs(chi2 - df) < 6 * Math.sqrt(2.0 * df), "chi-square " + chi2 + " for " + df + " degrees of freedom");
    }

    @Test
    void badPolicyConfigurationIsRejectedNamingTheValue() {
        assertMessage(() -> AllocatorConfig.builder().maxTries(0), "maxTries: 0");
        assertMessage(() -> AllocatorConfig.builder().maxTries(-5), "maxTries: -5");
        assertMessage(() -> AllocatorConfig.builder().hashTableSize(3), "hashTableSize: 3 (expected: a power of two");
        assertMessage(() -> AllocatorConfig.builder().hashTableSize(0), "hashTableSize: 0");
        assertMessage(() -> AllocatorConfig.builder().hashTableSize(1 << 25), "hashTableSize: 33554432");
        assertMessage(() -> AllocatorConfig.builder().randomIncrement(0), "randomIncrement: 0");
        assertMessage(() -> AllocatorConfig.builder().selection(PortSelection.HASH).build(), "secret: missing");
        assertMessage(() -> AllocatorConfig.builder().selection(PortSelection.DOUBLE_HASH).build(), "secret: missing");
        assertMessage(() -> AllocatorConfig.builder().portRange(5000, 1025), "5000..1025");
        assertMessage(() -> AllocatorType.FIFO.create(AllocatorConfig.builder().selection(PortSelection.RANDOM_START).build()),
                "selection: RANDOM_START");
    }

    private static int next(int port, int steps) {
        return 1025 + Math.floorMod(port - 1025 + steps, 3976);
    }

    private static void assertMessage(Runnable r, String expected) {
        Refusals.refused(IllegalArgumentException.class, r::run, expected);
    }
}
