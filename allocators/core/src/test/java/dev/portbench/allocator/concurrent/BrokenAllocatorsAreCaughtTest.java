package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The concurrency tests can fail: the same checks, with the same budgets, on allocators that are
 * broken on purpose. If one of these passes, the checks have gone blind.
 */
class BrokenAllocatorsAreCaughtTest {

    /** {@link HalfLockedAllocator}: release does not take the lock. */
    public static class HalfLockedFifo extends LincheckedAllocator {
        public HalfLockedFifo() {
            super(new HalfLockedAllocator(AllocatorType.FIFO.create(CONFIG)));
        }
    }

    /** A single-owner allocator shared by threads without any lock. */
    public static class UnlockedFifo extends LincheckedAllocator {
        public UnlockedFifo() {
            super(AllocatorType.FIFO.create(CONFIG));
        }
    }

    @Test
    void theModelCheckerCatchesAReleaseOutsideTheLock() {
        assertThrows(LincheckAssertionError.class, () -> LincheckBudget.modelChecking()
                .sequentialSpecification(LinearizabilityTest.FifoModel.class).check(HalfLockedFifo.class));
    }

    @Test
    void theModelCheckerCatchesASingleOwnerAllocatorSharedWithoutALock() {
        assertThrows(LincheckAssertionError.class, () -> LincheckBudget.modelChecking()
                .sequentialSpecification(LinearizabilityTest.FifoModel.class).check(UnlockedFifo.class));
    }

    @Test
    void theStressRunCatchesAReleaseOutsideTheLock() throws InterruptedException {
        // Races need the threads to overlap; a few runs make a miss astronomically unlikely.
        String violation = null;
        for (int r = 0; r < 5 && violation == null; r++) {
            PortAllocator broken = new HalfLockedAllocator(AllocatorType.FIFO.create(ConcurrentStressTest.CONFIG));
            violation = new StressRun(broken, 4, 200_000, 42 + r).run();
        }
        assertNotNull(violation, "5 runs of 4 threads on the half-locked fifo found nothing");
        System.out.println("the stress run caught the half-locked fifo: " + violation);
    }
}
