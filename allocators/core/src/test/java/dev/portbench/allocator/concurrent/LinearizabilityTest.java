package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.AllocatorType;
import org.junit.jupiter.api.Test;

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

    @Test
    void lockedFifoUnderStress() {
        LincheckBudget.stress().sequentialSpecification(FifoModel.class).check(LockedFifo.class);
    }

    @Test
    void lockedFifoUnderTheModelChecker() {
        LincheckBudget.modelChecking().sequentialSpecification(FifoModel.class).check(LockedFifo.class);
    }

    @Test
    void lockedRingUnderStress() {
        LincheckBudget.stress().sequentialSpecification(RingModel.class).check(LockedRing.class);
    }

    @Test
    void lockedRingUnderTheModelChecker() {
        LincheckBudget.modelChecking().sequentialSpecification(RingModel.class).check(LockedRing.class);
    }

    @Test
    void shardedRingUnderStress() {
        LincheckBudget.stress().check(ShardedRing.class);
    }

    @Test
    void shardedRingUnderTheModelChecker() {
        LincheckBudget.modelChecking().check(ShardedRing.class);
    }

    @Test
    void shardedFifoUnderStress() {
        LincheckBudget.stress().check(ShardedFifo.class);
    }

    @Test
    void shardedFifoUnderTheModelChecker() {
        LincheckBudget.modelChecking().check(ShardedFifo.class);
    }

    @Test
    void casBitsetUnderStress() {
        LincheckBudget.stress().check(CasBitset.class);
    }

    @Test
    void casBitsetUnderTheModelChecker() {
        LincheckBudget.modelChecking().check(CasBitset.class);
    }

}
