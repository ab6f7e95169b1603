package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.AllocatorType;
import org.jetbrains.lincheck.datastructures.Options;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

/**
 * Lincheck over every thread-safe allocator of the core: scenarios of allocate / release /
 * reclaim / expire / counts on 3 threads, run both as stress (real threads, many interleavings)
 * and under Lincheck's model checker (which controls the interleaving at every shared access and
 * lock, so it finds rare races deterministically), each result checked against a sequential
 * execution. For {@code locked-fifo} the sequential model is the single-owner {@code fifo} with
 * the same clock clamping ({@link FifoModel}), for {@code locked-ring} {@code ring} ({@link RingModel}); a sharded allocator's, and {@code cas-bitset}'s, is
 * itself run sequentially, its sequential behaviour being checked against the plain reference
 * model by {@code ReferenceModelTest} (so by transitivity against the model).
 *
 * <p>Budget: {@link LincheckBudget} (a few seconds per check by default; {@code
 * -Dportbench.lincheck.scale=N} multiplies the scenarios, see the README's stress profile).
 */
class LinearizabilityTest {

    /** {@code locked-fifo}. */
    public static class LockedFifo extends LincheckedAllocator {
        public LockedFifo() {
            super(AllocatorType.LOCKED_FIFO.create(CONFIG));
        }
    }

    /**
     * The sequential model of a lock around a single-owner allocator: that allocator, acting at
     * the latest accepted time when a call is a little behind (as the lock's clock clamp does).
     */
    public abstract static class ClampedModel extends LincheckedAllocator {
        private boolean started;
        private long clock;

        ClampedModel(AllocatorType inner) {
            super(inner.create(CONFIG));
        }

        @Override
        protected long at(long now) {
            return started && now < clock ? clock : now;
        }

        @Override
        protected void accepted(long t) {
            started = true;
            clock = t;
        }
    }

    /** The sequential model of {@code locked-fifo}: {@code fifo}, clamped. */
    public static class FifoModel extends ClampedModel {
        public FifoModel() {
            super(AllocatorType.FIFO);
        }
    }

    /** {@code locked-ring}. */
    public static class LockedRing extends LincheckedAllocator {
        public LockedRing() {
            super(AllocatorType.LOCKED_RING.create(CONFIG));
        }
    }

    /** The sequential model of {@code locked-ring}: {@code ring}, clamped. */
    public static class RingModel extends ClampedModel {
        public RingModel() {
            super(AllocatorType.RING);
        }
    }

    /** {@code sharded-ring}, two shards of two ports: borrowing is constant. */
    public static class ShardedRing extends LincheckedAllocator {
        public ShardedRing() {
            super(AllocatorType.SHARDED_RING.create(CONFIG.toBuilder().shards(2).build()));
        }
    }

    /** {@code sharded-fifo}: on this 4-port range, shards of one or two ports, so borrowing is constant. */
    public static class ShardedFifo extends LincheckedAllocator {
        public ShardedFifo() {
            super(AllocatorType.SHARDED_FIFO.create(CONFIG));
        }
    }

    /** {@code cas-bitset}: on this 4-port range, one word and one stripe, so its choice of port is exact. */
    public static class CasBitset extends LincheckedAllocator {
        public CasBitset() {
            super(AllocatorType.CAS_BITSET.create(CONFIG));
        }
    }

    /**
     * Each allocator under test with its sequential model: none where the allocator, run
     * sequentially, is its own model.
     */
    static Stream<Arguments> allocators() {
        return Stream.of(
                Arguments.of("locked-fifo", LockedFifo.class, FifoModel.class),
                Arguments.of("locked-ring", LockedRing.class, RingModel.class),
                Arguments.of("sharded-ring", ShardedRing.class, null),
                Arguments.of("sharded-fifo", ShardedFifo.class, null),
                Arguments.of("cas-bitset", CasBitset.class, null));
    }

    @ParameterizedTest(name = "{0} under stress")
    @MethodSource("allocators")
    void underStress(String id, Class<? extends LincheckedAllocator> allocator, Class<?> model) {
        check(LincheckBudget.stress(), allocator, model);
    }

    @ParameterizedTest(name = "{0} under the model checker")
    @MethodSource("allocators")
    void underTheModelChecker(String id, Class<? extends LincheckedAllocator> allocator, Class<?> model) {
        check(LincheckBudget.modelChecking(), allocator, model);
    }

    private static <O extends Options<O, ?>> void check(O options, Class<?> allocator, Class<?> model) {
        (model == null ? options : options.sequentialSpecification(model)).check(allocator);
    }
}
