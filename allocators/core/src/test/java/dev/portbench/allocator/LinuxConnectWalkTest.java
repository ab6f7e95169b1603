package dev.portbench.allocator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The version-dependent parts of {@code bind-buckets}' Linux walk: with step 2 connects take even
 * offsets first; with step 1 (Linux 6.8+ when a socket set {@code IP_LOCAL_PORT_RANGE}) both
 * parities from the first pass; with random increments consecutive connects to one destination
 * are 2..16 ports apart (1 in 8 steps is the smallest), without them exactly one step apart.
 */
class LinuxConnectWalkTest {

    private static final long DEST = Destinations.ipv4(0x7F00_0001, 0x7F00_0001, 5001);

    private static ConnectionPortAllocator allocator(int step, boolean random) {
        return ConnectionAllocatorType.BIND_BUCKETS.create(ConnectionAllocatorConfig.builder().portRange(40000, 40999)
                .connectStep(step).randomIncrements(random).secret(7).seed(7).build());
    }

    /** Ports of {@code n} connects to one destination, each closed at once. */
    private static int[] ports(ConnectionPortAllocator a, int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = a.connect(i, DEST);
            a.release(p[i], DEST, i);
        }
        return p;
    }

    private static int evens(int[] ports) {
        int n = 0;
        for (int p : ports) {
            n += (p - 40000) % 2 == 0 ? 1 : 0;
        }
        return n;
    }

    private static int smallSteps(int[] ports, int smallest) {
        int n = 0;
        for (int i = 1; i < ports.length; i++) {
            n += Math.floorMod(ports[i] - ports[i - 1], 1000) == smallest ? 1 : 0; // the walk wraps at the end
        }
        return n;
    }

    @Test
    void stepTwoTakesEvenPortsFirstStepOneTakesBoth() {
        assertEquals(400, evens(ports(allocator(2, true), 400)), "400 connects fit in the 500 even ports");
        int even = evens(ports(allocator(1, true), 400));
        assertTrue(even > 120 && even < 280, "step 1: both parities, " + even + " even of 400");
    }

    @Test
    void randomIncrementsSpreadTheStartsWithoutThemItIsSequential() {
        int random = smallSteps(ports(allocator(2, true), 400), 2);
        assertTrue(random > 20 && random < 80, "about 1 in 8 of 399 steps is 2: " + random);
        assertEquals(399, smallSteps(ports(allocator(2, false), 400), 2), "exact start: every step is 2");
        assertEquals(399, smallSteps(ports(allocator(1, false), 400), 1), "exact start with step 1: every step is 1");
    }

    @Test
    void theBuilderRefusesOtherSteps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionAllocatorConfig.builder().connectStep(3));
        assertTrue(e.getMessage().contains("connectStep: 3"), e.getMessage());
        assertEquals(2, ConnectionAllocatorConfig.builder().build().connectStep(), "Linux's default walk");
        assertTrue(ConnectionAllocatorConfig.builder().build().randomIncrements());
    }
}
