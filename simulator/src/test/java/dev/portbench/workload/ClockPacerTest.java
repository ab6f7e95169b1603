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

    /**
     * Pacing accuracy in virtual time, with no wall-clock give-up: three threads walk their own
     * virtual clocks at different speeds (1, 3 and 7 per event, the fastest also pausing), all
     * published at time 0 before any starts; each time a check returns, the checking thread is at
     * most the drift ahead of every thread still replaying. Published times only grow, so reading them after the check can only narrow the
     * gap: a correct pacer passes whatever the scheduling; one that let a thread run ahead fails.
     */
    @Test
    void noThreadRunsMoreThanTheDriftAheadOfTheSlowest() throws InterruptedException {
        long drift = 500;
        int threads = 3;
        int checks = 400;
        ClockPacer pacer = new ClockPacer(threads, drift, Long.MAX_VALUE);
        long[] speed = {1, 3, 7};
        java.util.concurrent.atomic.AtomicLong worstGap = new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        // every thread is replaying from time 0 before any runs ahead: a thread that has not begun
        // (an idle slot) holds nobody, by design
        for (int t = 0; t < threads; t++) {
            pacer.pace(t, 0);
        }
        Thread[] ts = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            ts[t] = new Thread(() -> {
                try {
                    long now = 0;
                    for (int c = 0; c < checks; c++) {
                        now += speed[index] * ClockPacer.CHECK_EVERY;
                        pacer.pace(index, now);
                        for (int other = 0; other < threads; other++) {
                            long seen = pacer.publishedTime(other);
                            if (seen != Long.MIN_VALUE) {
                                worstGap.accumulateAndGet(now - seen, Math::max);
                            }
                        }
                        if (index == 2 && c % 50 == 0) {
                            Thread.yield();
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                } finally {
                    pacer.leave(index);
                }
            });
        }
        for (Thread t : ts) {
            t.start();
        }
        for (Thread t : ts) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            assertTrue(!t.isAlive(), "a paced thread did not finish");
        }
        assertEquals(null, failure.get());
        assertTrue(worstGap.get() <= drift, "a thread ran " + worstGap.get() + " ahead (drift " + drift + ")");
        assertTrue(worstGap.get() > 0, "the threads did run apart: " + worstGap.get());
    }
}
