package dev.portbench.simulation;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.ArrivalProcess;
import dev.portbench.workload.HoldingTime;
import dev.portbench.workload.Workload;
import dev.portbench.workload.Workloads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulation against the KB's arithmetic, and against itself across allocators. */
class SimulatorTest {

    private static final Workload KB = Workloads.q170791(1.0);
    private static final double CAPACITY = 3976 / 240.0;

    private static Workload atRate(double perSecond) {
        return KB.withRho(perSecond / KB.capacityPerSecond());
    }

    @Test
    void capacityIsPortsOverHoldingPlusTimeWait() {
        assertEquals(16.57, Theory.capacityPerSecond(3976, 0, 240), 0.005);
        assertEquals(16.57, KB.capacityPerSecond(), 0.005);
        assertEquals(3976 / 300.0, Theory.capacityPerSecond(3976, 60, 240), 1e-12);
        assertEquals(64512 / 240.0, Theory.capacityPerSecond(64512, 0, 240), 1e-12);
    }

    @ParameterizedTest(name = "{0} connections/s")
    @ValueSource(doubles = {17, 20, 25, 33.14, 50})
    void aboveCapacityTheFirstFailureComesAtPortsOverRate(double rate) {
        SimulationResult r = Simulator.run(AllocatorCatalog.BITSET, SimulationParams.of(atRate(rate), 3));
        double predicted = Theory.firstFailureSeconds(3976, rate, CAPACITY);
        assertEquals(3976 / rate, predicted, 1e-9);
        assertEquals(predicted, r.firstFailureSeconds(), 1 / rate + 1e-9, "within one arrival gap");
    }

    @ParameterizedTest(name = "{0} connections/s")
    @ValueSource(doubles = {17, 20, 25, 33.14, 50})
    void theLongRunSuccessIsCapacityOverRate(double rate) {
        SimulationResult r = Simulator.run(AllocatorCatalog.FIFO, SimulationParams.of(atRate(rate), 10));
        assertEquals(Theory.longRunSuccess(rate, CAPACITY), r.steadySuccess(), 0.005);
        assertTrue(r.failures() > 0);
    }

    @ParameterizedTest(name = "{0} connections/s")
    @ValueSource(doubles = {8, 12, 16, 16.5})
    void atOrBelowCapacityAFixedRateClientNeverFails(double rate) {
        SimulationResult r = Simulator.run(AllocatorCatalog.HEAP, SimulationParams.of(atRate(rate), 5));
        assertEquals(-1, r.firstFailureNanos());
        assertEquals(0, r.failures());
        assertEquals(r.arrivals(), r.successes());
        assertEquals(Double.POSITIVE_INFINITY, Theory.firstFailureSeconds(3976, rate, CAPACITY));
    }

    @Test
    void exactAllocatorsGiveIdenticalCountsOnTheSameClient() {
        Workload w = KB.withArrivals(ArrivalProcess.POISSON).withRho(1.3).withReclaimShare(0.2)
                .withHolding(HoldingTime.EXPONENTIAL, 30_000_000_000L);
        SimulationParams p = SimulationParams.of(w, 4);
        SimulationResult reference = Simulator.run(AllocatorCatalog.FIFO, p);
        assertTrue(reference.failures() > 0 && reference.reclaims() > 0);
        int compared = 0;
        for (AllocatorCatalog type : AllocatorCatalog.values()) {
            SimulationResult r = Simulator.run(type, p);
            if (r.maxLatenessNanos() != 0) {
                continue;
            }
            compared++;
            assertEquals(reference.successes(), r.successes(), type.id());
            assertEquals(reference.failures(), r.failures(), type.id());
            assertEquals(reference.firstFailureNanos(), r.firstFailureNanos(), type.id());
            assertArrayEquals(reference.windowSuccesses(), r.windowSuccesses(), type.id());
            assertArrayEquals(reference.timeWait(), r.timeWait(), type.id());
        }
        assertTrue(compared >= 4, "at least four exact allocators compared");
    }

    @Test
    void aWheelLosesNoMoreThanItsLatenessExplains() {
        double rate = 20;
        SimulationParams p = SimulationParams.of(atRate(rate), 10);
        SimulationResult exact = Simulator.run(AllocatorCatalog.FIFO, p);
        for (AllocatorCatalog type : AllocatorCatalog.values()) {
            SimulationResult r = Simulator.run(type, p);
            double lateness = r.maxLatenessNanos() / 1e9;
            if (lateness == 0) {
                continue;
            }
            // a port is busy for between TIME-WAIT and TIME-WAIT + lateness: capacity between these two
            double slowest = Theory.longRunSuccess(rate, 3976 / (240 + lateness));
            assertTrue(r.steadySuccess() >= slowest - 0.005 && r.steadySuccess() <= exact.steadySuccess() + 0.005,
                    type.id() + " steady success " + r.steadySuccess() + " outside [" + slowest + ", " + exact.steadySuccess() + "]");
            // the first failure cannot come earlier: the first 3976 connects need no expiry at all
            assertEquals(exact.firstFailureNanos(), r.firstFailureNanos(), type.id());
        }
    }

    @Test
    void occupancyAlwaysSumsToTheRangeAndShowsFillCliffAndRecovery() {
        SimulationParams p = SimulationParams.of(atRate(20), 6).withPhaseChange(3 * 240_000_000_000L, 0.5);
        SimulationResult r = Simulator.run(AllocatorCatalog.TIMING_WHEEL, p);
        for (int i = 0; i < r.inUse().length; i++) {
            assertEquals(3976, r.inUse()[i] + r.timeWait()[i] + r.free()[i], "window " + i);
        }
        assertEquals(1.0, r.windowSuccess(0), "the fill: every early connect succeeds");
        int cliff = (int) (210_000_000_000L / p.windowNanos()); // ports used up at 198.8 s, none expire before 240 s
        assertTrue(r.windowSuccess(cliff) < 1.0, "the cliff: connects fail once the range is used up");
        int last = r.windowAttempts().length - 1;
        assertEquals(1.0, r.windowSuccess(last), "the recovery: at half capacity every connect succeeds again");
    }

    @Test
    void retriesTurnFailedConnectsIntoLateSuccesses() {
        SimulationParams p = SimulationParams.of(atRate(17), 4);
        SimulationResult once = Simulator.run(AllocatorCatalog.BITSET, p);
        SimulationResult retried = Simulator.run(AllocatorCatalog.BITSET, p.withRetries(3, 5_000_000_000L));
        assertTrue(retried.attempts() > retried.arrivals());
        assertTrue(retried.failures() < once.failures(), retried.failures() + " < " + once.failures());
    }

    @Test
    void theSameParametersGiveTheSameCounts() {
        Workload w = KB.withArrivals(ArrivalProcess.POISSON).withRho(1.1);
        SimulationResult a = Simulator.run(AllocatorCatalog.BITSET, SimulationParams.of(w, 3));
        SimulationResult b = Simulator.run(AllocatorCatalog.BITSET, SimulationParams.of(w, 3));
        assertEquals(a.successes(), b.successes());
        assertTrue(Arrays.equals(a.windowAttempts(), b.windowAttempts()));
        SimulationResult c = Simulator.run(AllocatorCatalog.BITSET, SimulationParams.of(w.withSeed(7), 3));
        assertTrue(a.arrivals() != c.arrivals() || a.successes() != c.successes(), "another seed, another client");
    }

    @Test
    void badParametersAreRejectedNamingTheValue() {
        SimulationParams ok = SimulationParams.of(KB, 2);
        assertMessage(() -> KB.withRho(-3), "rho: -3.0");
        assertMessage(() -> KB.withRange(5000, 1025), "5000..1025");
        assertMessage(() -> KB.withTimeWait(0), "timeWaitNanos: 0");
        assertMessage(() -> new SimulationParams(KB, 0, 1, 1, 0, 0, 0), "durationNanos: 0");
        assertMessage(() -> ok.withWindow(ok.durationNanos() + 1), "windowNanos: " + (ok.durationNanos() + 1));
        assertMessage(() -> ok.withWindow(0), "windowNanos: 0");
        assertMessage(() -> ok.withPhaseChange(1, -0.5), "secondRho: -0.5");
        assertMessage(() -> ok.withRetries(-1, 1), "retries: -1");
        assertMessage(() -> ok.withRetries(2, 0), "retryDelayNanos: 0");
        assertMessage(() -> SimulationParams.of(KB, 0), "periods: 0");
        assertMessage(() -> SimulationParams.of(Workloads.byId("burst"), 2), "arrivals: BURST");
        assertMessage(() -> SimulationStudy.run(1), "periods: 1");
    }

    private static void assertMessage(Runnable r, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(expected), "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
