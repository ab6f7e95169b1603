package dev.portbench.calibration;

import dev.portbench.stack.TimeWaitLateness;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link LinuxScenarioModel} against cases computed by hand: a range of four ports, one or two
 * loopback destinations, each attempt closed at once (so its port enters TIME-WAIT for 60 s).
 * Linux shares a port between 4-tuples for connect() and bind(IP_BIND_ADDRESS_NO_PORT), not for
 * bind() first; tcp_tw_reuse 1 and 2 (loopback) take a TIME-WAIT port back after the 1 s delay;
 * expiry waits for the lateness grid, counted from the run's first attempt.
 */
class LinuxScenarioModelTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final long TIME_WAIT = 60 * S;
    private static final LinuxScenarioModel EXACT = new LinuxScenarioModel(TimeWaitLateness.exact(TIME_WAIT, "test"));

    private static CalibrationScenario scenario(int destinations, boolean bind, boolean noPort, int twReuse) {
        return new CalibrationScenario("hand", "hand-computed", 40000, 40003, destinations, false, 1, 100, bind, noPort,
                twReuse, 0, 1000);
    }

    private static long[] ms(long... millis) {
        long[] t = new long[millis.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = millis[i] * MS;
        }
        return t;
    }

    private static int[] alternating(int n) {
        int[] d = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = i % 2;
        }
        return d;
    }

    @Test
    void oneDestinationGetsFourPortsThenFails() {
        boolean[] ok = EXACT.replay(scenario(1, false, false, 0), ms(0, 1, 2, 3, 4, 5), new int[6]);
        assertArrayEquals(new boolean[] {true, true, true, true, false, false}, ok);
    }

    @Test
    void connectSharesEachPortBetweenTwoDestinations() {
        boolean[] ok = EXACT.replay(scenario(2, false, false, 0), ms(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), alternating(10));
        assertArrayEquals(new boolean[] {true, true, true, true, true, true, true, true, false, false}, ok);
    }

    @Test
    void bindFirstReservesThePortForEveryDestinationButBindNoPortShares() {
        boolean[] bind = EXACT.replay(scenario(2, true, false, 0), ms(0, 1, 2, 3, 4, 5), alternating(6));
        assertArrayEquals(new boolean[] {true, true, true, true, false, false}, bind);
        boolean[] noPort = EXACT.replay(scenario(2, true, true, 0), ms(0, 1, 2, 3, 4, 5), alternating(6));
        assertArrayEquals(new boolean[] {true, true, true, true, true, true}, noPort);
    }

    @Test
    void aPortComesBackWhenItsTimeWaitEndsNeverBefore() {
        long[] t = ms(0, 1, 2, 3, 60_000 - 1, 60_000 + 1);
        boolean[] ok = EXACT.replay(scenario(1, false, false, 0), t, new int[t.length]);
        assertArrayEquals(new boolean[] {true, true, true, true, false, true}, ok);
    }

    @Test
    void tcpTwReuseTakesATimeWaitPortBackAfterTheOneSecondDelay() {
        long[] t = ms(0, 1, 2, 3, 500, 1_500);
        boolean[] off = EXACT.replay(scenario(1, false, false, 0), t, new int[t.length]);
        boolean[] on = EXACT.replay(scenario(1, false, false, 1), t, new int[t.length]);
        boolean[] loopbackOnly = EXACT.replay(scenario(1, false, false, 2), t, new int[t.length]);
        assertArrayEquals(new boolean[] {true, true, true, true, false, false}, off);
        assertArrayEquals(new boolean[] {true, true, true, true, false, true}, on, "the delay has passed at 1.5 s");
        assertArrayEquals(on, loopbackOnly, "the calibration's destinations are loopback");
    }

    /**
     * A grid of 2.048 s with phase 0 on the kernel clock, the run starting at 10 s: from the run's
     * origin the grid lies at 0.24 + k x 2.048 s, so a TIME-WAIT that ends at 60 s is freed at
     * 0.24 + 30 x 2.048 = 61.68 s.
     */
    @Test
    void theLatenessGridIsCountedFromTheRunsFirstAttempt() {
        long granularity = 2_048 * MS;
        LinuxScenarioModel grid = new LinuxScenarioModel(TimeWaitLateness.tick(TIME_WAIT, granularity));
        long origin = 10 * S;
        long[] t = {origin, origin + MS, origin + 2 * MS, origin + 3 * MS, origin + 61_670 * MS, origin + 61_690 * MS};
        boolean[] ok = grid.replay(scenario(1, false, false, 0), t, new int[t.length]);
        assertArrayEquals(new boolean[] {true, true, true, true, false, true}, ok);
        assertEquals(240 * MS, LinuxScenarioModel.shifted(TimeWaitLateness.tick(TIME_WAIT, granularity), origin).phaseNanos());
    }

    @Test
    void noAttemptsNoOutcomes() {
        assertEquals(0, EXACT.replay(scenario(1, false, false, 0), new long[0], new int[0]).length);
    }

    private static CalibrationScenario custom(int low, int high, int twReuse, int delayMillis, int socketLow, int socketHigh) {
        return new CalibrationScenario("hand", "hand-computed", low, high, 1, false, 1, 100, false, false, twReuse, 0, 1000,
                false, 0, java.util.List.of(), 0, delayMillis, socketLow, socketHigh, 1);
    }

    private static boolean[] ok(int[] ports) {
        boolean[] ok = new boolean[ports.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = ports[i] >= 0;
        }
        return ok;
    }

    @Test
    void anRstCloseLeavesNoTimeWaitAndAHeldConnectionStartsItsTimeWaitWhenItCloses() {
        CalibrationScenario one = custom(40000, 40000, 0, 0, 0, 0);
        long[] t = ms(0, 100, 200);
        // attempt 0 closes by RST at 50 ms: the single port is free again for attempt 1
        int[] rst = EXACT.replayPorts(one, new KernelAttempts(t, new int[3], ms(50, 150, 250),
                new boolean[] {true, false, false}));
        assertArrayEquals(new boolean[] {true, true, false}, ok(rst), "after the RST the FIN close holds the port");
        int[] fin = EXACT.replayPorts(one, new KernelAttempts(t, new int[3], ms(50, 150, 250), new boolean[3]));
        assertArrayEquals(new boolean[] {true, false, false}, ok(fin));
        // held 30 s: TIME-WAIT from 30 s to 90 s
        long[] later = ms(0, 89_000, 90_001);
        int[] held = EXACT.replayPorts(one, new KernelAttempts(later, new int[3], ms(30_000, 89_000, 90_001),
                new boolean[3]));
        assertArrayEquals(new boolean[] {true, false, true}, ok(held));
    }

    @Test
    void theSocketsOwnRangeBoundsItsPorts() {
        int[] ports = EXACT.replayPorts(custom(40000, 40999, 0, 0, 40100, 40101), KernelAttempts.closedAtOnce(ms(0, 1, 2),
                new int[3]));
        assertTrue(ports[0] >= 40100 && ports[0] <= 40101 && ports[1] >= 40100 && ports[1] <= 40101, ports[0] + ", "
                + ports[1]);
        assertEquals(-1, ports[2], "two ports, the third connect fails");
    }

    @Test
    void theReuseDelaySysctlCountsWhereTheKernelHasIt() {
        TimeWaitLateness exact = TimeWaitLateness.exact(TIME_WAIT, "test");
        LinuxScenarioModel v618 = new LinuxScenarioModel(LinuxScenarioModel.withLateness(dev.portbench.stack.StackProfiles.linux(),
                exact), LinuxScenarioModel.Rules.LINUX, dev.portbench.stack.LinuxKernelRules.of("6.18"));
        LinuxScenarioModel v613 = new LinuxScenarioModel(LinuxScenarioModel.withLateness(dev.portbench.stack.StackProfiles.linux(),
                exact), LinuxScenarioModel.Rules.LINUX, dev.portbench.stack.LinuxKernelRules.of("6.13"));
        CalibrationScenario s = custom(40000, 40000, 1, 3000, 0, 0);
        long[] t = ms(0, 1_500, 3_000, 3_002);
        // on the ms clock a TIME-WAIT entered at 0 ms is reusable when now_ms > 0 + delay: 3001 ms
        assertArrayEquals(new boolean[] {true, false, false, true}, v618.replay(s, t, new int[4]));
        assertArrayEquals(new boolean[] {true, true, true, false}, v613.replay(s, t, new int[4]),
                "6.13 has no sysctl: the fixed 1 s, so 1.5 s and 3.0 s reuse, 3.002 s finds the port 2 ms old");
    }

    @Test
    void theSequentialStartControlWalksOneStepWhereLinuxJumps() {
        CalibrationScenario s = custom(40000, 40999, 0, 0, 0, 0);
        long[] t = new long[300];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * MS;
        }
        KernelAttempts k = KernelAttempts.closedAtOnce(t, new int[t.length]);
        TimeWaitLateness exact = TimeWaitLateness.exact(TIME_WAIT, "test");
        PortChoice linux = PortChoice.of(new LinuxScenarioModel(exact).replayPorts(s, k), new int[t.length], 1, 40000);
        LinuxScenarioModel.Rules sequential = LinuxScenarioModel.Rules.controls().get("sequential instead of randomised start");
        PortChoice exactStart = PortChoice.of(new LinuxScenarioModel(exact, sequential).replayPorts(s, k), new int[t.length], 1,
                40000);
        assertEquals(1.0, linux.evenShare(), "connect walks even ports first");
        assertTrue(linux.smallStepShare() > 0.05 && linux.smallStepShare() < 0.25, "about 1 in 8: " + linux.smallStepShare());
        assertEquals(1.0, exactStart.smallStepShare(), "every step is the smallest");
    }
}
