package dev.portbench.allocator;

import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;
import java.util.SplittableRandom;

import static dev.portbench.allocator.PortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives every allocator with long seeded random sequences and checks each answer against a
 * plain model of the contract: a per-port state and deadline, nothing clever. Where an
 * allocator may be late (a wheel), the model accepts either answer inside the lateness window
 * and follows the allocator. The seed is printed in every failure message; rerun one with
 * {@code -Dportbench.seed=N}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceModelTest {

    /** The allocators under test: the core's. The variants module's subclass names its own. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values());
    }

    private static final int OPERATIONS = 100_000;
    private static final long SECOND = 1_000_000_000L;

    private static final int FREE = 0;
    private static final int IN_USE = 1;
    private static final int TIME_WAIT = 2;

    @ParameterizedTest
    @MethodSource("factories")
    void agreesWithTheModelOnASmallRangeThatRunsDry(AllocatorFactory type) {
        // 64 ports, 10 s TIME-WAIT: exhaustion, expiry and reclaim all happen often.
        AllocatorConfig config = AllocatorConfig.builder().portRange(2000, 2063)
                .timeWaitNanos(10 * SECOND).tickNanos(SECOND / 4).build();
        run(type, config, seed(type, 1));
    }

    @ParameterizedTest
    @MethodSource("factories")
    void agreesWithTheModelOnTheWindows95Range(AllocatorFactory type) {
        run(type, AllocatorConfig.windows95(), seed(type, 2));
    }

    private static long seed(AllocatorFactory type, int test) {
        String fixed = System.getProperty("portbench.seed");
        return fixed != null ? Long.parseLong(fixed) : 0x9E3779B97F4A7C15L * (type.id().hashCode() + 1) + test;
    }

    private static void run(AllocatorFactory type, AllocatorConfig config, long seed) {
        new Run(type, config, seed).go();
    }

    private static final class Run {
        final AllocatorFactory type;
        final PortAllocator a;
        final SplittableRandom random;
        final long seed;
        final int first;
        final int size;
        final long timeWait;
        final long lateness;
        final int[] state;
        final long[] deadline;
        final int[] inUse;
        int inUseCount;
        long now;
        int step;

        Run(AllocatorFactory type, AllocatorConfig config, long seed) {
            this.type = type;
            this.a = type.create(config);
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.first = config.firstPort();
            this.size = config.rangeSize();
            this.timeWait = config.timeWaitNanos();
            this.lateness = a.maxLatenessNanos();
            this.state = new int[size];
            this.deadline = new long[size];
            this.inUse = new int[size];
            // Start anywhere, including near the wrap of the long range.
            this.now = random.nextBoolean() ? random.nextLong() : Long.MAX_VALUE - random.nextLong(timeWait * 50);
        }

        String where() {
            return type.id() + " seed=" + seed + " step=" + step + " now=" + now;
        }

        /** The port is surely free at now: free, or its TIME-WAIT ended more than the lateness ago. */
        boolean surelyFree(int o) {
            return state[o] == FREE || (state[o] == TIME_WAIT && now - deadline[o] >= lateness);
        }

        /** The port may be free at now. */
        boolean maybeFree(int o) {
            return state[o] == FREE || (state[o] == TIME_WAIT && now - deadline[o] >= 0);
        }

        void go() {
            for (step = 0; step < OPERATIONS; step++) {
                advanceTime();
                int dice = random.nextInt(100);
                if (dice < 45) {
                    allocate();
                } else if (dice < 80) {
                    release();
                } else if (dice < 92) {
                    reclaim();
                } else {
                    expire();
                }
                checkCounts();
            }
        }

        void advanceTime() {
            int dice = random.nextInt(1000);
            if (dice < 300) {
                return; // same instant
            } else if (dice < 990) {
                now += random.nextLong(timeWait / 20 + 1);
            } else if (dice < 998) {
                now += random.nextLong(timeWait * 2);
            } else {
                now += random.nextLong(1000 * timeWait); // a jump of many TIME-WAITs
            }
        }

        void allocate() {
            int p = a.allocate(now);
            if (p == NO_PORT) {
                for (int o = 0; o < size; o++) {
                    if (surelyFree(o)) {
                        fail("NO_PORT while port " + (first + o) + " is surely free: " + where());
                    }
                }
                settleTimeWaits();
                return;
            }
            int o = p - first;
            if (o < 0 || o >= size) {
                fail("port " + p + " outside the range: " + where());
            }
            if (!maybeFree(o)) {
                fail("port " + p + " handed out while " + (state[o] == IN_USE ? "in use"
                        : "in TIME-WAIT for " + (deadline[o] - now) + " ns more") + ": " + where());
            }
            state[o] = IN_USE;
            inUse[inUseCount++] = o;
            settleTimeWaits();
        }

        void release() {
            if (inUseCount == 0) {
                return;
            }
            int k = random.nextInt(inUseCount);
            int o = inUse[k];
            inUse[k] = inUse[--inUseCount];
            a.release(first + o, now);
            state[o] = TIME_WAIT;
            deadline[o] = now + timeWait;
            settleTimeWaits();
        }

        void reclaim() {
            int o = random.nextInt(size);
            boolean expected = state[o] == TIME_WAIT && now - deadline[o] < 0;
            boolean mayBeEither = state[o] == TIME_WAIT && now - deadline[o] >= 0 && now - deadline[o] < lateness;
            boolean was = a.reclaim(first + o, now);
            if (was != expected && !mayBeEither) {
                fail("reclaim of port " + (first + o) + " answered " + was + " (expected " + expected + "): " + where());
            }
            if (state[o] == TIME_WAIT) {
                state[o] = FREE;
            }
            settleTimeWaits();
        }

        void expire() {
            int before = a.timeWaitCount();
            int freed = a.expire(now);
            assertEquals(before - a.timeWaitCount(), freed, () -> "expire's answer: " + where());
            settleTimeWaits();
        }

        /**
         * After the allocator acted at now: TIME-WAITs surely over are free in the model; the ones
         * inside the lateness window follow the allocator, whose count tells how many it still holds.
         */
        void settleTimeWaits() {
            for (int o = 0; o < size; o++) {
                if (state[o] == TIME_WAIT && now - deadline[o] >= lateness) {
                    state[o] = FREE;
                }
            }
        }

        void checkCounts() {
            int sure = 0;
            int window = 0;
            for (int o = 0; o < size; o++) {
                if (state[o] == TIME_WAIT) {
                    if (now - deadline[o] < 0) {
                        sure++;
                    } else {
                        window++;
                    }
                }
            }
            assertEquals(inUseCount, a.inUseCount(), () -> "in use: " + where());
            int tw = a.timeWaitCount();
            if (tw < sure || tw > sure + window) {
                fail("TIME-WAIT count " + tw + " outside [" + sure + ", " + (sure + window) + "]: " + where());
            }
            assertEquals(size - a.inUseCount() - tw, a.freeCount(), () -> "free: " + where());
        }
    }
}
