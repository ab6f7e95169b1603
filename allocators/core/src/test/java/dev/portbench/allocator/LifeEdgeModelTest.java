package dev.portbench.allocator;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.function.Executable;

import java.util.SplittableRandom;
import java.util.stream.Stream;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * An outside tester's model-based suite (issue 27): random call sequences whose clock jumps up to
 * and across the end of the 2<sup>63</sup> ns life, with misuse twins. Two allocators get the same
 * valid calls; one of them also gets misuse (a port outside the range, a release of a port not in
 * use, time going backwards, a time at or past the end of the life, a release whose deadline would
 * pass it), which must be refused with the documented exception naming the value, after which
 * both must answer every call alike. A plain model (per-port state and deadline, relative to the
 * first call) checks the valid answers. The seed is in every message.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifeEdgeModelTest {

    /** The allocators under test: the core's. The variants module's subclass names its own. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values());
    }

    private static final int SEQUENCES = 40;
    private static final int STEPS = 400;
    private static final int FIRST = 2000;
    private static final int SIZE = 64;
    private static final long TIME_WAIT = 10_000_000_000L;
    /** More than twice the thread-safe allocators' default skew tolerance: surely refused. */
    private static final long BACK = 2 * AllocatorConfig.DEFAULT_CLOCK_SKEW_TOLERANCE_NANOS + 1;

    @ParameterizedTest
    @MethodSource("factories")
    void randomSequencesAcrossTheLifeWithMisuseTwins(AllocatorFactory type) {
        AllocatorConfig config = AllocatorConfig.builder().portRange(FIRST, FIRST + SIZE - 1)
                .timeWaitNanos(TIME_WAIT).tickNanos(TIME_WAIT / 40).build();
        for (int sequence = 0; sequence < SEQUENCES; sequence++) {
            long seed = 0x27L * 1_000_003 + sequence * 7919L + type.id().hashCode();
            new Run(type, config, seed).go();
        }
    }

    private static final class Run {
        final PortAllocator a;
        final PortAllocator twin;
        final SplittableRandom random;
        final String id;
        final long seed;
        final long origin;
        final long lateness;
        final boolean[] inUse = new boolean[SIZE];
        final long[] deadline = new long[SIZE]; // relative; meaningful while timeWait[o]
        final boolean[] timeWait = new boolean[SIZE];
        /** The time of the current step, relative to the origin. */
        long rel;
        /** The last time the allocators accepted, relative to the origin. */
        long accepted;
        int step;

        Run(AllocatorFactory type, AllocatorConfig config, long seed) {
            this.a = type.create(config);
            this.twin = type.create(config);
            this.random = new SplittableRandom(seed);
            this.id = type.id();
            this.seed = seed;
            this.origin = random.nextLong();
            this.lateness = a.maxLatenessNanos();
        }

        String where() {
            return id + " seed=" + seed + " step=" + step + " rel=" + rel + " origin=" + origin;
        }

        long now() {
            return origin + rel;
        }

        void go() {
            int p = a.allocate(now());
            assertEquals(twin.allocate(now()), p, this::where);
            inUse[p - FIRST] = true;
            for (step = 0; step < STEPS; step++) {
                advance();
                int dice = random.nextInt(100);
                if (dice < 35) {
                    allocate();
                } else if (dice < 65) {
                    release();
                } else if (dice < 75) {
                    int port = FIRST + random.nextInt(SIZE);
                    boolean was = a.reclaim(port, now());
                    assertEquals(twin.reclaim(port, now()), was, this::where);
                    accepted = rel;
                    int o = port - FIRST;
                    if (timeWait[o] && deadline[o] - rel > 0 && !was) {
                        fail("reclaim of a port in TIME-WAIT answered false: " + where());
                    }
                    timeWait[o] = false;
                } else if (dice < 82) {
                    assertEquals(twin.expire(now()), a.expire(now()), this::where);
                    accepted = rel;
                } else {
                    misuse();
                }
                settle();
                assertEquals(twin.inUseCount(), a.inUseCount(), this::where);
                assertEquals(twin.timeWaitCount(), a.timeWaitCount(), this::where);
                assertEquals(count(inUse), a.inUseCount(), this::where);
                if (a.timeWaitCount() > 0) {
                    assertEquals(twin.nextExpiryTime(), a.nextExpiryTime(), this::where);
                }
            }
        }

        /** Small steps, TIME-WAIT-sized ones, and jumps to just before the end of the life. */
        void advance() {
            long room = Long.MAX_VALUE - rel;
            int dice = random.nextInt(100);
            long d = dice < 60 ? random.nextLong(TIME_WAIT / 10)
                    : dice < 90 ? random.nextLong(2 * TIME_WAIT)
                    : dice < 96 ? random.nextLong(Math.max(1, room / 2))
                    : Math.max(0, room - random.nextLong(3 * TIME_WAIT));
            rel += Math.min(d, room);
        }

        void allocate() {
            int p = a.allocate(now());
            assertEquals(twin.allocate(now()), p, this::where);
            accepted = rel;
            if (p == NO_PORT) {
                for (int o = 0; o < SIZE; o++) {
                    if (!inUse[o] && !timeWait[o]) {
                        fail("NO_PORT while port " + (FIRST + o) + " is free: " + where());
                    }
                }
                return;
            }
            int o = p - FIRST;
            assertTrue(o >= 0 && o < SIZE, () -> "port " + p + ": " + where());
            if (inUse[o] || timeWait[o] && deadline[o] - rel > 0) {
                fail("port " + p + " handed out while " + (inUse[o] ? "in use" : "in TIME-WAIT") + ": " + where());
            }
            inUse[o] = true;
            timeWait[o] = false;
        }

        void release() {
            int o = random.nextInt(SIZE);
            if (!inUse[o]) {
                return;
            }
            int port = FIRST + o;
            if (rel > Long.MAX_VALUE - TIME_WAIT) {
                refused(IllegalStateException.class, () -> a.release(port, now()), "port " + port, "life is over");
                return;
            }
            a.release(port, now());
            twin.release(port, now());
            accepted = rel;
            inUse[o] = false;
            timeWait[o] = true;
            deadline[o] = rel + TIME_WAIT;
        }

        void misuse() {
            int o = random.nextInt(SIZE);
            int port = FIRST + o;
            long now = now();
            switch (random.nextInt(6)) {
                case 0 -> {
                    int outside = random.nextBoolean() ? FIRST - 1 - random.nextInt(FIRST) : FIRST + SIZE + random.nextInt(60_000);
                    refused(IllegalArgumentException.class, () -> a.release(outside, now), "port: " + outside);
                    refused(IllegalArgumentException.class, () -> a.reclaim(outside, now), "port: " + outside);
                }
                case 1 -> {
                    if (!inUse[o]) { // free or in TIME-WAIT: refused for its state, whatever the time
                        refused(IllegalStateException.class, () -> a.release(port, now), "port " + port, "expected: in use");
                    }
                }
                case 2 -> {
                    if (accepted >= BACK) {
                        long back = origin + accepted - BACK - random.nextLong(accepted - BACK + 1);
                        refused(IllegalArgumentException.class, () -> a.allocate(back), "now: " + back);
                        refused(IllegalArgumentException.class, () -> a.release(port, back), "now: " + back);
                        refused(IllegalArgumentException.class, () -> a.expire(back), "now: " + back);
                    }
                }
                default -> {
                    // At or past the end of the life: 2^63 ns or more after the first call, up to
                    // just under 2^64, or 2^63 after the last call: wraps to before the origin.
                    long k = random.nextBoolean() ? random.nextLong(3 * TIME_WAIT)
                            : random.nextLong(Math.max(1, Long.MAX_VALUE - BACK - rel));
                    long past = random.nextInt(4) == 0 ? now + Long.MIN_VALUE : origin + Long.MIN_VALUE + k;
                    refused(IllegalArgumentException.class, () -> a.allocate(past), "now: " + past);
                    refused(IllegalArgumentException.class, () -> a.release(port, past), "now: " + past);
                    refused(IllegalArgumentException.class, () -> a.reclaim(port, past), "now: " + past);
                    refused(IllegalArgumentException.class, () -> a.expire(past), "now: " + past);
                }
            }
        }

        void refused(Class<? extends RuntimeException> expected, Executable call, String... fragments) {
            Refusals.refused(expected, call, this::where, fragments);
        }

        /** TIME-WAITs over by more than the lateness are free in the model. */
        void settle() {
            for (int o = 0; o < SIZE; o++) {
                if (timeWait[o] && rel - deadline[o] >= 0 && rel - deadline[o] >= lateness) {
                    timeWait[o] = false;
                }
            }
        }

        static int count(boolean[] flags) {
            int n = 0;
            for (boolean f : flags) {
                n += f ? 1 : 0;
            }
            return n;
        }
    }
}
