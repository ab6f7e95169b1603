package dev.portbench.simulation;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.workload.HoldingTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario simulator against closed-form theory (issue 11, item 5): per-destination capacity
 * N x ports / TIME-WAIT and the first failure at N x ports / rate; bind gives the one-pool
 * numbers; tcp_tw_reuse lets a fast loop over a small range succeed again once the reuse delay
 * has passed; the timer-wheel lateness delays recovery to the next boundary. Every allocator of
 * the registry runs every case.
 */
class ScenarioTheoryTest {

    private static final long SECOND = 1_000_000_000L;
    private static final StackProfile LINUX_EXACT = exact(StackProfiles.linux());

    private static StackProfile exact(StackProfile p) {
        return new StackProfile(p.id(), p.description(), p.firstPort(), p.lastPort(), p.timeWaitNanos(), p.sharing(),
                p.bindAddressNoPort(), p.timeWaitReuse(), p.reuseDelayNanos(), p.selection(),
                TimeWaitLateness.exact(p.timeWaitNanos(), "exact, for the theory tests"));
    }

    static List<Arguments> allocatorsAndDestinations() {
        List<Arguments> out = new ArrayList<>();
        for (ConnectionAllocatorType type : ConnectionAllocatorType.values()) {
            for (int n : new int[] {1, 2, 4, 16}) {
                out.add(Arguments.of(type, n));
            }
        }
        return out;
    }

    private static ScenarioBuilder base(ConnectionAllocatorType type) {
        return Scenario.builder(LINUX_EXACT).allocator(type).portRange(20_000, 20_099).timeWaitNanos(60 * SECOND)
                .timeWaitReuse(TimeWaitReuse.OFF, SECOND);
    }

    @ParameterizedTest(name = "{0}, {1} destinations")
    @MethodSource("allocatorsAndDestinations")
    void connectSharesPortsPerDestination(ConnectionAllocatorType type, int destinations) {
        double capacity = destinations * 100 / 60.0;
        double rate = 2 * capacity;
        ScenarioResult r = ScenarioSimulator.run(base(type).destinations(destinations).fixedRate(rate)
                .duration(java.time.Duration.ofSeconds(600)).build());
        assertEquals(capacity, r.capacityPerSecond(), 1e-9);
        // the N x ports first connects succeed, the next fails: attempt N x 100 at (N x 100) / rate
        long firstFailureAttempt = destinations * 100L;
        assertEquals((long) Math.floor(firstFailureAttempt * (1e9 / rate)), r.firstFailureNanos());
        assertEquals(destinations * 100.0 / rate, r.firstFailureNanos() / 1e9, 1 / rate);
        // in the second half the client sustains the capacity, and succeeds capacity / rate of the time
        assertEquals(capacity, r.sustainedPerSecond(), capacity * 0.02);
        assertEquals(0.5, r.steadySuccess(), 0.01);
    }

    @ParameterizedTest(name = "{0}, {1} destinations")
    @MethodSource("allocatorsAndDestinations")
    void bindGivesTheOnePoolNumbers(ConnectionAllocatorType type, int destinations) {
        double capacity = 100 / 60.0;
        double rate = 2 * capacity;
        ScenarioResult r = ScenarioSimulator.run(base(type).destinations(destinations).fixedRate(rate)
                .call(SocketCall.BIND).duration(java.time.Duration.ofSeconds(600)).build());
        assertEquals(capacity, r.capacityPerSecond(), 1e-9);
        assertEquals((long) Math.floor(100 * (1e9 / rate)), r.firstFailureNanos());
        assertEquals(capacity, r.sustainedPerSecond(), capacity * 0.02);
    }

    @ParameterizedTest(name = "{0}, {1} destinations")
    @MethodSource("allocatorsAndDestinations")
    void aOnePoolStackGivesTheOnePoolNumbersEvenForConnect(ConnectionAllocatorType type, int destinations) {
        StackProfile windows = exact(StackProfiles.windows());
        ScenarioResult r = ScenarioSimulator.run(Scenario.builder(windows).allocator(type).portRange(20_000, 20_099)
                .timeWaitNanos(60 * SECOND).destinations(destinations).fixedRate(100 / 30.0)
                .duration(java.time.Duration.ofSeconds(300)).build());
        assertEquals(100 / 60.0, r.capacityPerSecond(), 1e-9);
        assertEquals(30.0, r.firstFailureNanos() / 1e9, 0.3 + 1e-9);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConnectionAllocatorType.class)
    void atCapacityNothingFails(ConnectionAllocatorType type) {
        ScenarioResult r = ScenarioSimulator.run(base(type).destinations(4).fixedRate(4 * 100 / 60.0)
                .duration(java.time.Duration.ofSeconds(600)).build());
        assertEquals(-1, r.firstFailureNanos());
        assertEquals(r.attempts(), r.successes());
        assertEquals(0, r.outageCount());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConnectionAllocatorType.class)
    void holdingTimeCountsAgainstCapacity(ConnectionAllocatorType type) {
        // 100 ports busy for 30 s + 60 s each: 100 / 90 per destination
        double capacity = 2 * 100 / 90.0;
        ScenarioResult r = ScenarioSimulator.run(base(type).destinations(2).hold(HoldingTime.FIXED, 30 * SECOND)
                .fixedRate(2 * capacity).duration(java.time.Duration.ofSeconds(1800)).build());
        assertEquals(capacity, r.capacityPerSecond(), 1e-9);
        assertEquals(capacity, r.sustainedPerSecond(), capacity * 0.02);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConnectionAllocatorType.class)
    void twReuseLetsAFastLoopSucceedAgainOnceTheDelayHasPassed(ConnectionAllocatorType type) {
        // 10 ports, one destination, 100 connects/s: the range is used up after 0.1 s; the entry
        // released at 0 becomes reusable at 1 s, long before its TIME-WAIT of 60 s ends
        ScenarioBuilder loop = Scenario.builder(LINUX_EXACT).allocator(type).portRange(20_000, 20_009)
                .fixedRate(100).duration(java.time.Duration.ofSeconds(30)).loopback(true);
        ScenarioResult on = ScenarioSimulator.run(loop.timeWaitReuse(TimeWaitReuse.ON, SECOND).build());
        assertEquals(100_000_000L, on.firstFailureNanos());
        Outage first = on.outages().get(0);
        assertEquals(SECOND, first.endNanos(), "succeeds again when the first entry is 1 s old");
        assertEquals(90, first.failedConnects());
        assertEquals(900_000_000L, on.recoveryNanos());
        assertTrue(on.reuses() > 0);
        // then 10 ports per reuse delay: 10 connects/s
        assertEquals(10.0, on.sustainedPerSecond(), 0.5);

        ScenarioResult loopbackOnly = ScenarioSimulator.run(loop.timeWaitReuse(TimeWaitReuse.LOOPBACK_ONLY, SECOND).build());
        assertEquals(on.successes(), loopbackOnly.successes(), "mode 2 reuses loopback destinations");

        ScenarioResult remote = ScenarioSimulator.run(loop.loopback(false).build());
        assertEquals(10, remote.successes(), "mode 2 does not reuse a remote destination: nothing frees within 30 s");
        assertEquals(0, remote.reuses());

        ScenarioResult off = ScenarioSimulator.run(loop.loopback(true).timeWaitReuse(TimeWaitReuse.OFF, SECOND).build());
        assertEquals(10, off.successes());
        assertEquals(-1, off.recoveryNanos());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ConnectionAllocatorType.class)
    void wheelLatenessDelaysRecoveryToTheNextBoundary(ConnectionAllocatorType type) {
        // 10 ports used up in 0.1 s; exact TIME-WAIT frees the first at 60 s, a 2.048 s wheel at 61.44 s
        long g = 2_048_000_000L;
        ScenarioBuilder b = base(type).portRange(20_000, 20_009).fixedRate(100).duration(java.time.Duration.ofSeconds(70));
        ScenarioResult exact = ScenarioSimulator.run(b.build());
        assertEquals(60 * SECOND, exact.outages().get(0).endNanos());
        ScenarioResult wheel = ScenarioSimulator.run(b.lateness(new TimeWaitLateness("test", 250, 60 * SECOND, g, 0,
                g / 2, g, "test", "", "")).build());
        long boundary = (60 * SECOND / g + 1) * g;
        assertEquals(boundary, wheel.outages().get(0).endNanos());
        assertEquals(61_440_000_000L, boundary);
        assertTrue(wheel.maxLatenessNanos() == g);
    }
}
