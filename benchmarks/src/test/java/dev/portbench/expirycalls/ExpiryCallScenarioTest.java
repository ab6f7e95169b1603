package dev.portbench.expirycalls;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.variants.AllocatorCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scenario's logic: every repetition is the same sequence, ends as it began, and frees the whole range. */
class ExpiryCallScenarioTest {

    private static final int PORTS = 3976;

    @ParameterizedTest(name = "{0}")
    @EnumSource(AllocatorCatalog.class)
    void everyRepetitionFreesTheWholeRangeAndEndsWithEveryPortBackInTimeWait(AllocatorCatalog allocator) {
        ExpiryCallScenario s = ExpiryCallScenario.of(allocator, 0, PORTS);
        assertEquals(PORTS, s.cycles());
        PortAllocator a = s.allocator();
        assertEquals(PORTS, a.timeWaitCount(), "built: the whole range in TIME-WAIT");
        long before = s.now();
        for (int r = 0; r < 3; r++) {
            s.startRepetition();
            assertTrue(s.now() > before, "time moves forward");
            before = s.now();
            long freed = 0;
            for (int i = 0; i < s.cycles(); i++) {
                freed += s.cycle();
            }
            assertEquals(PORTS, freed, allocator.id() + ": repetition " + r + " frees the range once through expire");
            assertEquals(PORTS, a.timeWaitCount(), allocator.id() + ": every port released again at one instant");
            assertEquals(0, a.freeCount());
        }
    }

    @Test
    void anUnboundedAllocatorFreesTheWholeRangeInTheFirstCycle() {
        ExpiryCallScenario s = ExpiryCallScenario.of(AllocatorCatalog.fromId("ring"), 0, PORTS);
        s.startRepetition();
        assertEquals(PORTS, s.cycle());
        assertEquals(0, s.cycle());
    }

    @Test
    void aQuotaSpreadsTheRangeOverTheFirstCyclesOfEveryRepetition() {
        int quota = 64;
        ExpiryCallScenario s = ExpiryCallScenario.of(AllocatorCatalog.fromId("ring"), quota, PORTS);
        int busy = (PORTS + quota - 1) / quota;
        for (int r = 0; r < 2; r++) {
            s.startRepetition();
            int[] freed = new int[s.cycles()];
            for (int i = 0; i < freed.length; i++) {
                freed[i] = s.cycle();
            }
            for (int i = 0; i < busy - 1; i++) {
                assertEquals(quota, freed[i], "cycle " + i);
            }
            assertTrue(freed[busy - 1] > 0 && freed[busy - 1] <= quota, "the last busy cycle frees the rest: " + freed[busy - 1]);
            assertEquals(PORTS, Arrays.stream(freed).sum(), "repetition " + r);
            assertTrue(Arrays.stream(freed, busy, freed.length).allMatch(f -> f == 0), "nothing left after cycle " + busy);
        }
    }

    @Test
    void onlyTheAllocatorsThatTakeAQuotaAreMeasuredBounded() {
        List<AllocatorCatalog> taking = ExpiryCallsStudy.takingQuota(List.of(AllocatorCatalog.values()));
        assertTrue(taking.contains(AllocatorCatalog.fromId("ring")), taking.toString());
        assertFalse(taking.contains(AllocatorCatalog.fromId("fifo")), taking.toString());
        for (AllocatorCatalog a : AllocatorCatalog.values()) {
            if (!taking.contains(a)) {
                assertThrows(IllegalArgumentException.class, () -> ExpiryCallScenario.of(a, 64, PORTS), a.id());
            }
        }
    }

    @Test
    void aRepetitionThatDidNotEndAsTheScenarioRequiresIsRefused() {
        ExpiryCallScenario s = ExpiryCallScenario.of(AllocatorCatalog.fromId("fifo"), 0, PORTS);
        s.startRepetition();
        s.cycle();
        long now = s.now();
        IllegalStateException e = assertThrows(IllegalStateException.class, s::startRepetition);
        assertTrue(e.getMessage().contains("expected " + PORTS + " and 0"), e.getMessage());
        assertEquals(now, s.now(), "the clock did not move");
    }

    @Test
    void aRangeWithoutItsScaleWorkloadIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExpiryCallScenario.of(AllocatorCatalog.fromId("ring"), 0, 1000));
        assertTrue(e.getMessage().contains("1000"), e.getMessage());
    }
}
