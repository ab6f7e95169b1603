package dev.portbench.jmh.nat;

import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.TimerState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAT workload holds what it says: its fill, three timer states at once, and the floor the same events. */
class NatChurnTest {

    @Test
    void theExactAllocatorHoldsTheFillWithThreeTimerStatesAndNeverFails() {
        NatChurn churn = new NatChurn(NatCatalog.EXACT, 1, 0.9);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(churn.step() >= 0, "step " + i);
        }
        assertEquals(0, churn.failures(), "an exact allocator below its pool's size never fails");
        var nat = churn.nat();
        assertEquals(churn.openFlows(), nat.liveMappings(TimerState.ESTABLISHED), "one open mapping per open flow");
        assertTrue(nat.liveMappings(TimerState.TRANSITORY) > 0 && nat.liveMappings(TimerState.RST_COOLDOWN) > 0,
                "closing mappings of both kinds are held");
        double inUse = (double) nat.liveMappings() / nat.config().pairCount();
        assertEquals(0.9, inUse, 0.03, "pairs in use: " + nat.liveMappings());
    }

    @Test
    void theFloorNeverFailsBelowItsPoolsSize() {
        NatFloor floor = new NatFloor(1, 0.9);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(floor.step() >= 0, "step " + i);
        }
        assertTrue(floor.freePairs() > 0);
    }
}
