package dev.portbench.simulation;

import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.workload.HoldingTime;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scenario simulator on cases small enough to follow by hand (each expected number is worked
 * out in the comments from the rules: a port in TIME-WAIT is free again at its deadline, not
 * before; closes come before attempts at one instant; ports are shared per destination by connect
 * only), and the scenario's own limits at their boundaries.
 */
class ScenarioHandComputedTest {

    private static final long S = 1_000_000_000L;
    private static final StackProfile LINUX = exact(StackProfiles.linux());
    private static final StackProfile WINDOWS = exact(StackProfiles.windows());

    private static StackProfile exact(StackProfile p) {
        return new StackProfile(p.id(), p.description(), p.firstPort(), p.lastPort(), p.timeWaitNanos(), p.sharing(),
                p.bindAddressNoPort(), p.timeWaitReuse(), p.reuseDelayNanos(), p.selection(),
                TimeWaitLateness.exact(p.timeWaitNanos(), "exact, for hand-computed cases"));
    }

    /** Two ports, 10 s of TIME-WAIT, nothing held, no reuse. */
    private static ScenarioBuilder twoPorts(StackProfile profile) {
        return Scenario.builder(profile).portRange(20_000, 20_001).timeWaitNanos(10 * S)
                .timeWaitReuse(TimeWaitReuse.OFF, 0);
    }

    @Test
    void eightAttemptsOnTwoPortsFollowedByHand() {
        // 0: port a; 1 s: port b; 2 s, 3 s: fail (a free at 10 s, b at 11 s);
        // 10 s: a again (its deadline: free); 10 s: fail; 11 s: b again; 12 s: fail, open at the end (20 s)
        long[] times = {0, S, 2 * S, 3 * S, 10 * S, 10 * S, 11 * S, 12 * S};
        ScenarioResult r = ScenarioSimulator.run(twoPorts(LINUX).attemptTimes(times).durationNanos(20 * S)
                .windowNanos(5 * S).recordOutcomes(true).build());
        assertEquals(8, r.attempts());
        assertEquals(4, r.successes());
        assertEquals(4, r.failures());
        assertEquals(0.5, r.successFraction());
        assertEquals(2 * S, r.firstFailureNanos());
        assertTrue(r.failed());
        assertEquals(3, r.outageCount());
        assertEquals(List.of(new Outage(2 * S, 10 * S, 2), new Outage(10 * S, 11 * S, 1), new Outage(12 * S, -1, 1)),
                r.outages());
        // 8 s from 2 s to 10 s, and 8 s from 12 s to the end at 20 s: the first of equal ones
        assertEquals(new Outage(2 * S, 10 * S, 2), r.longestOutage());
        assertEquals(8 * S, r.recoveryNanos());
        assertEquals(0, r.reuses());
        assertEquals(8, r.events(), "eight attempts, no held connection to close");
        int[] o = r.outcomes();
        assertEquals(8, o.length);
        assertNotEquals(o[0], o[1]);
        assertTrue(o[0] >= 20_000 && o[0] <= 20_001 && o[1] >= 20_000 && o[1] <= 20_001);
        assertArrayEquals(new int[] {o[0], o[1], ConnectionPortAllocator.NO_PORT, ConnectionPortAllocator.NO_PORT,
            o[0], ConnectionPortAllocator.NO_PORT, o[1], ConnectionPortAllocator.NO_PORT}, o);
        // the steady state: one period (0 + 10 s) fits in the second half, so it starts at 10 s,
        // and takes the four attempts at 10, 10, 11 and 12 s, two of them successful
        assertEquals(0.5, r.steadySuccess());
        assertEquals(2 / 10.0, r.sustainedPerSecond(), 1e-12);
        assertEquals(2 / 10.0, r.capacityPerSecond(), 1e-12);
        // windows of 5 s: ends, attempts, successes; TIME-WAIT after the window end's expiry
        ScenarioSeries w = r.series();
        assertEquals(4, w.windows());
        assertArrayEquals(new long[] {5 * S, 10 * S, 15 * S, 20 * S}, w.endNanos());
        assertArrayEquals(new long[] {4, 0, 4, 0}, w.attempts());
        assertArrayEquals(new long[] {2, 0, 2, 0}, w.successes());
        assertArrayEquals(new int[] {0, 0, 0, 0}, w.inUse());
        // 5 s: a and b; 10 s: a's deadline has come, b's not; 15 s: both again; 20 s: b (until 21 s)
        assertArrayEquals(new int[] {2, 1, 2, 1}, w.timeWait());
        assertArrayEquals(new int[] {2, 1, 2, 1}, w.busyPorts());
        assertEquals(0.5, w.success(0));
        assertEquals(1.0, w.success(1), "no attempts: 1");
    }

    @Test
    void theLastWindowIsCutAtTheDuration() {
        ScenarioResult r = ScenarioSimulator.run(twoPorts(LINUX).attemptTimes(new long[] {0, 6 * S})
                .durationNanos(7 * S).windowNanos(3 * S).build());
        assertArrayEquals(new long[] {3 * S, 6 * S, 7 * S}, r.series().endNanos());
        assertArrayEquals(new long[] {1, 0, 1}, r.series().attempts(), "the attempt at 6 s is in the window [6 s, 7 s)");
        assertEquals(-1, r.firstFailureNanos());
        assertEquals(-1, r.recoveryNanos());
        assertEquals(1.0, r.successFraction());
    }

    @Test
    void attemptsAtOrAfterTheEndAreNotMade() {
        Scenario s = twoPorts(LINUX).attemptTimes(new long[] {0, S, 5 * S, 5 * S}).durationNanos(5 * S).build();
        assertEquals(2, s.expectedAttempts(), "instants before the end only");
        ScenarioResult r = ScenarioSimulator.run(s);
        assertEquals(2, r.attempts());
    }

    @Test
    void connectSharesAPortPerDestinationAndBindDoesNot() {
        // one port, 10 s of TIME-WAIT; destinations 0, 1, 0, 1 at 0, 0, 1 s, 10 s
        ScenarioBuilder b = Scenario.builder(LINUX).portRange(20_000, 20_000).timeWaitNanos(10 * S)
                .timeWaitReuse(TimeWaitReuse.OFF, 0).attemptTimes(new long[] {0, 0, S, 10 * S})
                .destinationPerAttempt(2, new int[] {0, 1, 0, 1}).durationNanos(11 * S);
        // connect: 0 -> d0 ok, 0 -> d1 ok (another 4-tuple), 1 s -> d0 fails (TIME-WAIT to 10 s), 10 s -> d1 ok
        ScenarioResult connect = ScenarioSimulator.run(b.build());
        assertEquals(3, connect.successes());
        assertEquals(List.of(new Outage(S, 10 * S, 1)), connect.outages());
        assertEquals(2 * 1 / 10.0, connect.scenario().capacityPerSecond(), 1e-12);
        ScenarioResult noPort = ScenarioSimulator.run(b.call(SocketCall.BIND_ADDRESS_NO_PORT).build());
        assertEquals(3, noPort.successes(), "IP_BIND_ADDRESS_NO_PORT defers the pick to connect");
        // bind: the port must be free of every owner: 0 ok, 0 fails, 1 s fails, 10 s ok
        ScenarioResult bind = ScenarioSimulator.run(b.call(SocketCall.BIND).build());
        assertEquals(2, bind.successes());
        assertEquals(List.of(new Outage(0, 10 * S, 2)), bind.outages());
        assertEquals(1 / 10.0, bind.scenario().capacityPerSecond(), 1e-12);
        // a one-pool stack shares nothing even for connect
        ScenarioResult windows = ScenarioSimulator.run(Scenario.builder(WINDOWS).portRange(20_000, 20_000)
                .timeWaitNanos(10 * S).attemptTimes(new long[] {0, 0, S, 10 * S})
                .destinationPerAttempt(2, new int[] {0, 1, 0, 1}).durationNanos(11 * S).build());
        assertEquals(2, windows.successes());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scenario.builder(WINDOWS)
                .fixedRate(1).call(SocketCall.BIND_ADDRESS_NO_PORT).build());
        assertTrue(e.getMessage().contains("bind-no-port") && e.getMessage().contains("windows"), e.getMessage());
    }

    @Test
    void aCloseAtTheInstantOfAnAttemptComesFirst() {
        // one port held 1 s, tcp_tw_reuse on with no delay: the connection closed at 1 s leaves a
        // TIME-WAIT entry the attempt at 1 s takes over, and the same at 2 s; were the attempt
        // first, the port would still be in use
        ScenarioResult r = ScenarioSimulator.run(Scenario.builder(LINUX).portRange(20_000, 20_000)
                .timeWaitNanos(10 * S).timeWaitReuse(TimeWaitReuse.ON, 0).hold(HoldingTime.FIXED, S)
                .attemptTimes(new long[] {0, S, 2 * S}).durationNanos(4 * S).windowNanos(4 * S).build());
        assertEquals(3, r.successes());
        assertEquals(2, r.reuses());
        assertEquals(-1, r.firstFailureNanos());
        assertEquals(6, r.events(), "three attempts and three closes (at 1, 2 and 3 s)");
        assertArrayEquals(new int[] {0}, r.series().inUse(), "the last connection closed at 3 s");
        assertArrayEquals(new int[] {1}, r.series().timeWait());
    }

    @Test
    void aFixedRateClientAttemptsAtFloorOfIndexTimesTheGap() {
        // 4 per second: attempts at 0, 0.25 s, 0.5 s, ...; with 1 port and 10 s of TIME-WAIT the
        // second attempt is the first failure
        ScenarioResult r = ScenarioSimulator.run(Scenario.builder(LINUX).portRange(20_000, 20_000)
                .timeWaitNanos(10 * S).timeWaitReuse(TimeWaitReuse.OFF, 0).fixedRate(4)
                .durationNanos(2 * S).windowNanos(S).build());
        assertEquals(8, r.attempts());
        assertEquals(1, r.successes());
        assertEquals(250_000_000L, r.firstFailureNanos());
        assertArrayEquals(new long[] {4, 4}, r.series().attempts());
        assertArrayEquals(new long[] {1, 0}, r.series().successes());
        assertEquals(8, r.scenario().expectedAttempts(), "ceil(2 s x 4/s)");
        assertEquals(List.of(new Outage(250_000_000L, -1, 7)), r.outages());
        assertEquals(-1, r.recoveryNanos(), "never recovered");
    }

    @Test
    void roundRobinSendsAttemptIToDestinationIModN() {
        // 1 port, 2 destinations, 2 per second: attempts at 0 and 0.5 s go to destinations 0 and 1
        // and both succeed on the one port; a third (at 1 s) goes to destination 0 again and fails
        ScenarioBuilder b = Scenario.builder(LINUX).portRange(20_000, 20_000).timeWaitNanos(10 * S)
                .timeWaitReuse(TimeWaitReuse.OFF, 0).fixedRate(2).destinations(2);
        assertEquals(2, ScenarioSimulator.run(b.durationNanos(S).build()).successes());
        ScenarioResult three = ScenarioSimulator.run(b.durationNanos(S + 1).windowNanos(S + 1).build());
        assertEquals(3, three.attempts());
        assertEquals(2, three.successes());
        assertEquals(S, three.firstFailureNanos());
    }

    @Test
    void theBuilderDefaultsAreTheDocumentedOnes() {
        Scenario fixed = Scenario.builder(LINUX).fixedRate(10).hold(HoldingTime.FIXED, 2 * S).build();
        assertEquals(100 * (60 * S + 2 * S), fixed.durationNanos(), "100 periods of hold + TIME-WAIT");
        assertEquals(62 * S, fixed.windowNanos(), "the duration / 100");
        assertEquals("linux-1dst", fixed.name());
        assertEquals(LINUX.firstPort(), fixed.firstPort());
        assertEquals(LINUX.reuseDelayNanos(), fixed.reuseDelayNanos());
        Scenario explicit = Scenario.builder(LINUX).attemptTimes(new long[] {5, 7}).build();
        assertEquals(7 + 60 * S + 1, explicit.durationNanos(), "the last instant + hold + TIME-WAIT + 1 ns");
        assertEquals(S, explicit.windowNanos(), "at least 1 s");
        assertEquals(0, explicit.ratePerSecond());
        Scenario tiny = Scenario.builder(LINUX).fixedRate(1).durationNanos(S / 2).build();
        assertEquals(S / 2, tiny.windowNanos(), "at most the duration");
        assertEquals("x", Scenario.builder(LINUX).name("x").fixedRate(1).build().name());
        IllegalArgumentException noRate = assertThrows(IllegalArgumentException.class,
                () -> Scenario.builder(LINUX).build());
        assertTrue(noRate.getMessage().startsWith("rate: missing"), noRate.getMessage());
    }

    @Test
    void theScenarioLimitsHoldAtTheirBoundaries() {
        ScenarioBuilder b = Scenario.builder(LINUX).fixedRate(1).windowNanos(1L << 42);
        assertEquals(1L << 62, b.durationNanos(1L << 62).build().durationNanos());
        assertRefused(b.durationNanos((1L << 62) + 1), "duration: " + ((1L << 62) + 1));
        assertRefused(Scenario.builder(LINUX).fixedRate(1).durationNanos(-1), "duration: -1");
        assertEquals(1e9, Scenario.builder(LINUX).fixedRate(1e9).durationNanos(S).build().ratePerSecond());
        assertRefused(Scenario.builder(LINUX).fixedRate(Math.nextUp(1e9)).durationNanos(S), "rate: ");
        assertRefused(Scenario.builder(LINUX).fixedRate(0).durationNanos(S), "rate: 0.0");
        assertRefused(Scenario.builder(LINUX).poisson(Double.POSITIVE_INFINITY).durationNanos(S), "rate: Infinity");
        // windows: at most the duration, at most MAX_WINDOWS of them
        ScenarioBuilder w = Scenario.builder(LINUX).fixedRate(1).durationNanos((long) Scenario.MAX_WINDOWS * 4);
        assertEquals(Scenario.MAX_WINDOWS * 4L, w.windowNanos(Scenario.MAX_WINDOWS * 4L).build().windowNanos());
        assertEquals(4, w.windowNanos(4).build().windowNanos());
        assertRefused(w.windowNanos(3), "window: 3");
        assertRefused(w.windowNanos(Scenario.MAX_WINDOWS * 4L + 1), "window: ");
        assertRefused(w.windowNanos(-1), "window: -1");
        // holding
        assertRefused(Scenario.builder(LINUX).fixedRate(1).hold(HoldingTime.NONE, 1), "hold: 1");
        assertRefused(Scenario.builder(LINUX).fixedRate(1).hold(HoldingTime.FIXED, 0), "hold: 0");
        assertRefused(Scenario.builder(LINUX).fixedRate(1).hold(HoldingTime.EXPONENTIAL, -1), "hold: -1");
        // destinations
        assertEquals(Scenario.MAX_DESTINATIONS, Scenario.builder(LINUX).fixedRate(1)
                .destinations(Scenario.MAX_DESTINATIONS).build().destinations());
        assertRefused(Scenario.builder(LINUX).fixedRate(1).destinations(Scenario.MAX_DESTINATIONS + 1), "destinations: ");
        assertRefused(Scenario.builder(LINUX).fixedRate(1).destinations(0), "destinations: 0");
        assertEquals(2, Scenario.builder(LINUX).attemptTimes(new long[] {0, 1})
                .destinationPerAttempt(3, new int[] {0, 2}).build().destinationPerAttempt()[1]);
        assertRefused(Scenario.builder(LINUX).attemptTimes(new long[] {0, 1})
                .destinationPerAttempt(3, new int[] {0, 3}), "destinationPerAttempt[1]: 3");
        assertRefused(Scenario.builder(LINUX).attemptTimes(new long[] {0, 1})
                .destinationPerAttempt(3, new int[] {-1}), "destinationPerAttempt[0]: -1");
        assertRefused(Scenario.builder(LINUX).attemptTimes(new long[] {0})
                .destinationPerAttempt(3, new int[0]), "destinationPerAttempt: empty");
        assertRefused(Scenario.builder(LINUX).fixedRate(1).zipfDestinations(3, 0), "zipf: 0.0");
        assertEquals(1.5, Scenario.builder(LINUX).fixedRate(1).zipfDestinations(3, 1.5).build().zipfExponent());
        // attempt instants: from 0, non-decreasing (equal ones allowed)
        assertEquals(3, Scenario.builder(LINUX).attemptTimes(new long[] {0, 0, 4}).build().attemptTimes().length);
        assertRefused(Scenario.builder(LINUX).attemptTimes(new long[] {-1}), "attemptTimes[0]: -1");
        assertRefused(Scenario.builder(LINUX).attemptTimes(new long[] {5, 4}), "attemptTimes[1]: 4");
        assertRefused(Scenario.builder(LINUX).attemptTimes(new long[0]).durationNanos(S), "attemptTimes: empty");
    }

    @Test
    void destinationsAreDistinctAddressesOnPort443() {
        Scenario remote = Scenario.builder(LINUX).fixedRate(1).destinations(3).build();
        Scenario loop = Scenario.builder(LINUX).fixedRate(1).destinations(3).loopback(true).build();
        assertNotEquals(remote.destinationKey(0), remote.destinationKey(1));
        assertNotEquals(remote.destinationKey(0), loop.destinationKey(0));
        assertEquals(dev.portbench.allocator.Destinations.ipv4(0x0A00_0001, 0x0A00_0003, 443), remote.destinationKey(2));
        assertEquals(dev.portbench.allocator.Destinations.ipv4(0x7F00_0001, 0x7F00_0001, 443), loop.destinationKey(0));
    }

    @Test
    void theoryAtItsBoundaries() {
        assertEquals(3976 / 240.0, Theory.capacityPerSecond(3976, 0, 240), 1e-12);
        assertEquals(100 / 90.0, Theory.capacityPerSecond(100, 30, 60), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, Theory.firstFailureSeconds(100, 2, 2), "at capacity: never");
        assertEquals(50.0, Theory.firstFailureSeconds(100, 2, 1), 1e-12);
        assertEquals(1.0, Theory.longRunSuccess(1, 2));
        assertEquals(0.25, Theory.longRunSuccess(4, 1));
    }

    private static void assertRefused(ScenarioBuilder b, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith(start), e.getMessage() + " (expected to start with " + start + ")");
    }
}
