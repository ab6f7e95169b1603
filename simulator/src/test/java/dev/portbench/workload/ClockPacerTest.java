package dev.portbench.workload;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pacer's drift: long enough that a check's worth of events does not hold threads in lockstep, bounded. */
class ClockPacerTest {

    private static final Trace Q170791 = TraceGenerator.generate(Workloads.byId("q170791-rho0.99"));

    /** Virtual nanoseconds one thread's slice covers in one pacing check. */
    private static double checkNanos(Trace trace, int threads) {
        return (double) trace.lapNanos() * threads / trace.size() * ClockPacer.CHECK_EVERY;
    }

    @Test
    void driftCoversSeveralChecksAndNeverLessThanA64thOfTheTimeWait() {
        long timeWait = Q170791.workload().timeWaitNanos();
        for (int threads : new int[] {1, 2, 4, 64}) {
            long drift = ClockPacer.driftFor(Q170791, threads);
            assertTrue(drift >= timeWait / 64, threads + " threads: " + drift);
            assertTrue(drift <= timeWait / 16, threads + " threads: " + drift + " (at most a 16th of the TIME-WAIT)");
            double check = checkNanos(Q170791, threads);
            if (ClockPacer.MIN_CHECKS_OF_DRIFT * check <= timeWait / 16) {
                assertTrue(drift >= ClockPacer.MIN_CHECKS_OF_DRIFT * check - 1,
                        threads + " threads: drift " + drift + " against one check of " + check);
            }
        }
        // at 2 threads one check covers about 3.9 s of q170791's virtual time: more than a 64th of 240 s
        assertTrue(checkNanos(Q170791, 2) > timeWait / 64, "the case the minimum is for");
        assertTrue(ClockPacer.driftFor(Q170791, 2) > timeWait / 64);
        assertEquals(timeWait / 16, ClockPacer.driftFor(Q170791, 64), "64 threads: capped");
    }

    @Test
    void badThreadCountsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClockPacer.driftFor(Q170791, 0));
        assertTrue(e.getMessage().contains("threads: 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClockPacer(0, TimeUnit.SECONDS.toNanos(1)));
        assertTrue(e.getMessage().contains("threads: 0"), e.getMessage());
    }

    @Test
    void aThreadFarAheadWaitsBoundedlyAndOneThatLeftHoldsNobody() {
        ClockPacer pacer = new ClockPacer(2, 100);
        pacer.pace(0, 0);
        // 1000 ahead of thread 0, which never moves: it gives up after MAX_WAIT_NANOS instead of hanging
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pacer.pace(1, 1_000));
        pacer.leave(0);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> pacer.pace(1, 1_000_000));
    }
}
