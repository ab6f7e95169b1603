package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorFactory;
import dev.portbench.allocator.AllocatorType;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link StressRun} on every thread-safe allocator: 4 threads on 64 ports (and on 256) with a
 * TIME-WAIT of 10 us of virtual time, several runs each with its own seed ({@code -Dportbench.seed=N} replays
 * one seed; {@code -Dportbench.stress.scale=N} multiplies runs and operations: the README's
 * stress profile).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentStressTest {

    /** The thread-safe allocators under test: the core's. */
    Stream<AllocatorFactory> factories() {
        return Stream.of(AllocatorType.values()).filter(AllocatorFactory::isThreadSafe).map(t -> t);
    }

    static final AllocatorConfig CONFIG = AllocatorConfig.builder()
            .portRange(20_000, 20_063)
            .timeWaitNanos(10_000)
            .tickNanos(100)
            .clockSkewToleranceNanos(AllocatorConfig.MAX_CLOCK_SKEW_TOLERANCE_NANOS)
            .build();

    /**
     * 256 ports (four 64-port words, so {@code cas-bitset} has several stripes on a machine with
     * two or more processors, and races between words and stripes), the same TIME-WAIT.
     */
    static final AllocatorConfig MULTI_WORD = CONFIG.toBuilder().portRange(20_000, 20_255).build();

    static int scale() {
        return Integer.getInteger("portbench.stress.scale", 1);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void everyPortInExactlyOneStateAndNoneHandedOutTwice(AllocatorFactory type) throws InterruptedException {
        stress(type, CONFIG, 0);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theSameOnARangeOfSeveralWords(AllocatorFactory type) throws InterruptedException {
        stress(type, MULTI_WORD, 1);
    }

    private static void stress(AllocatorFactory type, AllocatorConfig config, int test) throws InterruptedException {
        String fixed = System.getProperty("portbench.seed");
        int runs = fixed != null ? 1 : 5 * scale();
        for (int r = 0; r < runs; r++) {
            long seed = fixed != null ? Long.parseLong(fixed) : 0x5EED_57E5L * (type.id().hashCode() + 1) + 100L * test + r;
            StressRun run = new StressRun(type.create(config), 4, 20_000 * scale(), seed);
            assertNull(run.run(), "replay with -Dportbench.seed=" + seed);
            assertEquals(0, run.doubleHandOuts());
            assertTrue(run.allocations() > 1000 && run.failures() > 0 && run.reclaims() > 0,
                    "the run exercised allocation, exhaustion and reclaim: " + run);
        }
    }
}
