package dev.portbench.expirycalls;

import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The storm scenario's answers (its times are the harness's to print, never asserted). */
class NatExpiryStormTest {

    @Test
    void everyStormMappingIsDueAtTheSameTickAndTheCallsAfterItAllMap() {
        NatExpiryStorm storm = new NatExpiryStorm(NatCatalog.EXACT, 5000, 300);
        NatAllocator nat = storm.prepared();
        assertEquals(5000, nat.liveMappings(TimerState.ESTABLISHED));
        assertEquals(NatExpiryStorm.IDLE_NANOS, nat.nextExpiryTime(), "every storm mapping shares one deadline");
        assertTrue(NatPairs.isPair(NatExpiryStorm.call(nat, 0)));
        assertEquals(1, nat.liveMappings(), "the first call after the tick ended the whole storm");
        long[] times = new long[300];
        NatAllocator fresh = storm.prepared();
        assertEquals(0, storm.timeCalls(fresh, times));
        assertEquals(300, fresh.liveMappings());
        for (long t : times) {
            assertTrue(t >= 0);
        }
        CallTimes folded = storm.measure(0, 2);
        assertEquals(2, folded.repetitions());
        assertEquals(300, folded.positions());
        CallTimes baseline = storm.measureBaseline(1, 2);
        assertEquals(2, baseline.repetitions(), "the warm-up repetition is not folded");
        assertEquals(300, baseline.positions());
        assertTrue(Double.isFinite(storm.blockMedian(1, 2, NatExpiryStorm.IDLE_NANOS, 0)));
    }

    @Test
    void badSizesAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NatExpiryStorm(NatCatalog.EXACT, 0, 10))
                .getMessage().contains("storm: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new NatExpiryStorm(NatCatalog.EXACT, 10, 0))
                .getMessage().contains("calls: 0"));
    }
}
