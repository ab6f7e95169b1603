package dev.portbench.allocator;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import static dev.portbench.allocator.ConnectionPortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hot paths of the destination-aware allocators allocate nothing once their entry slots have
 * grown to the working size: connects, binds, releases, reuses, reclaims and expiries across 16
 * destinations, counted by the JVM's per-thread allocation counter. And memory follows the live
 * entries, not the destinations ever seen: a client that talks to a new destination on every
 * connect, with a steady number live, allocates nothing in steady state either. Bytes, not time.
 */
class ConnectionAllocationFreeTest {

    private static final int CYCLES = 100_000;
    private static final int ROUNDS = 3;
    private static final long SECOND = 1_000_000_000L;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static ConnectionAllocatorConfig config() {
        return ConnectionAllocatorConfig.builder().portRange(1025, 5000).timeWaitNanos(60 * SECOND)
                .timeWaitReuse(TimeWaitReuse.LOOPBACK_ONLY).lateness(SECOND / 4, 0).secret(3).build();
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void steadyStateAllocatesNoHeapBytes(ConnectionAllocatorType type) {
        Cycler cycler = new Cycler(type.create(config()), 16);
        long[] rounds = measure(cycler);
        assertTrue(cycler.connects > CYCLES / 4 && cycler.failures > 0 && cycler.reclaims > 0 && cycler.binds > 0
                && cycler.a.reuses() > 0, "the cycles exercised connect, bind, exhaustion, reuse and reclaim: " + cycler);
        assertEquals(0, Arrays.stream(rounds).min().getAsLong(), type.id() + " allocated " + Arrays.toString(rounds)
                + " bytes in rounds of " + CYCLES + " cycles");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void memoryFollowsLiveEntriesNotDestinationsSeen(ConnectionAllocatorType type) {
        Cycler cycler = new Cycler(type.create(config()), 0);
        long[] rounds = measure(cycler);
        assertTrue(cycler.destinationsSeen >= 4L * CYCLES, "fresh destinations all along: " + cycler);
        assertEquals(0, Arrays.stream(rounds).min().getAsLong(), type.id() + " allocated " + Arrays.toString(rounds)
                + " bytes while destinations churned");
    }

    /** Quietest-of-three rounds, as {@code AllocationFreeTest}: a one-off JVM event shows in one round, a hot-path allocation in all. */
    private static long[] measure(Cycler cycler) {
        Assumptions.assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM counts allocated bytes per thread");
        cycler.run(CYCLES);
        long[] rounds = new long[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            cycler.run(CYCLES);
            rounds[r] = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        return rounds;
    }

    /**
     * Connects, a quarter of them to one loopback destination above its capacity, with a ring of held connections; every 16th a bind,
     * every 16th released connection reclaimed. With {@code destinations == 0} every connect goes
     * to a destination never seen before.
     */
    private static final class Cycler {
        final ConnectionPortAllocator a;
        final int destinations;
        final int[] heldPort = new int[4096];
        final long[] heldDestination = new long[4096];
        int head;
        long now;
        long connects;
        long binds;
        long failures;
        long reclaims;
        long destinationsSeen;

        Cycler(ConnectionPortAllocator a, int destinations) {
            this.a = a;
            this.destinations = destinations;
        }

        long destination(int i) {
            if (destinations == 0) {
                destinationsSeen++;
                return Destinations.ipv4(0x0A000001, 0x0B000000 + (int) (destinationsSeen & 0xFFFFFF), 443);
            }
            // a quarter of the connects go to one loopback destination, above its capacity: tcp_tw_reuse kicks in
            int d = (i & 3) == 0 ? 0 : 1 + i % (destinations - 1);
            return d == 0 ? Destinations.ipv4(0x7F000001, 0x7F000002, 80) : Destinations.ipv4(0x0A000001, 0x0A000100 + d, 443);
        }

        void run(int cycles) {
            for (int i = 0; i < cycles; i++) {
                now += 2_000_000L;
                long d = destination(i);
                boolean bind = (i & 15) == 15;
                int p = bind ? a.bind(now, d) : a.connect(now, d);
                if (p == NO_PORT) {
                    failures++;
                    continue;
                }
                if (bind) {
                    binds++;
                } else {
                    connects++;
                }
                int old = heldPort[head];
                long oldDestination = heldDestination[head];
                heldPort[head] = p;
                heldDestination[head] = d;
                head = (head + 1) & (heldPort.length - 1);
                if (old != 0) {
                    a.release(old, oldDestination, now);
                    if ((i & 15) == 0 && a.reclaim(old, oldDestination, now + 1)) {
                        reclaims++;
                    }
                }
                if ((i & 63) == 0) {
                    now += 2;
                    a.expire(now);
                }
            }
        }

        @Override
        public String toString() {
            return "connects=" + connects + " binds=" + binds + " failures=" + failures + " reclaims=" + reclaims
                    + " reuses=" + a.reuses() + " destinationsSeen=" + destinationsSeen;
        }
    }
}
