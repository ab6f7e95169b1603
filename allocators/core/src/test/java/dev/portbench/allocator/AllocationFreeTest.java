package dev.portbench.allocator;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;
import java.lang.management.ManagementFactory;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot paths allocate nothing: 100,000 allocate / release / reclaim / expire cycles, counted by the
 * JVM's per-thread allocation counter, for every allocator except the peer baselines (measuring
 * their allocation is their point). This counts bytes, not time.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AllocationFreeTest {

    /** The allocators under test: the core's. The variants module's subclass names its own. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values());
    }

    private static final int CYCLES = 100_000;
    private static final int ROUNDS = 3;
    private static final long SECOND = 1_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @ParameterizedTest
    @MethodSource("factories")
    void steadyStateAllocatesNoHeapBytes(AllocatorFactory type) {
        Assumptions.assumeFalse(type.isPeerBaseline(), "peer baselines may allocate");
        Assumptions.assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM counts allocated bytes per thread");
        PortAllocator a = type.create();
        Cycler cycler = new Cycler(a);
        cycler.run(CYCLES); // reach steady state: every structure at its working size
        long overhead = measureNothing();

        // A hot-path allocation shows in every round; a one-off JVM event (a deoptimization
        // rematerializing an object, say) in one. So the quietest of three rounds must be zero.
        long[] rounds = new long[ROUNDS];
        long quietest = Long.MAX_VALUE;
        for (int r = 0; r < ROUNDS; r++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            cycler.run(CYCLES);
            rounds[r] = THREADS.getCurrentThreadAllocatedBytes() - before - overhead;
            quietest = Math.min(quietest, rounds[r]);
        }

        assertTrue(cycler.allocations > CYCLES / 4 && cycler.failures > 0 && cycler.reclaims > 0,
                "the cycles exercised allocate, exhaustion and reclaim: " + cycler);
        assertEquals(0, quietest, type.id() + " allocated " + java.util.Arrays.toString(rounds)
                + " bytes in rounds of " + CYCLES + " cycles");
    }

    private static long measureNothing() {
        long a = THREADS.getCurrentThreadAllocatedBytes();
        return THREADS.getCurrentThreadAllocatedBytes() - a;
    }

    /** Connect/close slightly above capacity with a ring of held ports and some early reclaims. */
    private static final class Cycler {
        final PortAllocator a;
        final int[] held = new int[512];
        int head;
        long now;
        long allocations;
        long failures;
        long reclaims;

        Cycler(PortAllocator a) {
            this.a = a;
        }

        void run(int cycles) {
            // 3976 ports, 240 s: capacity is one connection per 60.4 ms; offer one per 55 ms.
            for (int i = 0; i < cycles; i++) {
                now += 55_000_000L;
                int p = a.allocate(now);
                if (p == NO_PORT) {
                    failures++;
                } else {
                    allocations++;
                    int old = held[head];
                    held[head] = p;
                    head = (head + 1) & (held.length - 1);
                    if (old != 0) {
                        a.release(old, now);
                        if ((i & 15) == 0 && a.reclaim(old, now + 1)) {
                            reclaims++;
                        }
                    }
                }
                if ((i & 63) == 0) {
                    a.expire(now + 2);
                    now += 2;
                }
            }
        }

        @Override
        public String toString() {
            return "allocations=" + allocations + " failures=" + failures + " reclaims=" + reclaims;
        }
    }
}
