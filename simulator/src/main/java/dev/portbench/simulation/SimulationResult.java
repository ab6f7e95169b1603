package dev.portbench.simulation;

import dev.portbench.runfolder.SimulationFile;

/**
 * What one simulated client experienced. Counts are exact; only {@link #wallNanos()} depends on
 * the machine.
 *
 * @param allocator the allocator's registry id
 * @param params what was simulated
 * @param arrivals connections that arrived
 * @param attempts connect attempts, retries included
 * @param successes attempts that got a port
 * @param failures connections that finally failed (after their retries, if any)
 * @param reclaims early ends of TIME-WAIT requested
 * @param reclaimedInTimeWait of those, ports still in TIME-WAIT
 * @param firstFailureNanos virtual time of the first failed attempt, -1 if none
 * @param windowAttempts attempts per window
 * @param windowSuccesses successes per window
 * @param inUse ports in use at each window's end
 * @param timeWait ports in TIME-WAIT at each window's end
 * @param free free ports at each window's end
 * @param events events processed
 * @param maxLatenessNanos the allocator's documented expiry lateness
 * @param wallNanos real time the simulation took
 */
public record SimulationResult(String allocator, SimulationParams params, long arrivals, long attempts, long successes,
                               long failures, long reclaims, long reclaimedInTimeWait, long firstFailureNanos,
                               long[] windowAttempts, long[] windowSuccesses, int[] inUse, int[] timeWait, int[] free,
                               long events, long maxLatenessNanos, long wallNanos) {

    /** Successful attempts / attempts over the whole run (1 when nothing was attempted). */
    public double successFraction() {
        return attempts == 0 ? 1.0 : (double) successes / attempts;
    }

    /** Success fraction per window; 1 for a window without attempts. */
    public double windowSuccess(int window) {
        return windowAttempts[window] == 0 ? 1.0 : (double) windowSuccesses[window] / windowAttempts[window];
    }

    /**
     * The steady state of the first phase: successes / attempts over the windows in its second
     * half, after the fill (the first period) has long passed.
     */
    public double steadySuccess() {
        long end = Math.min(params.phaseChangeNanos(), params.durationNanos());
        int to = (int) (end / params.windowNanos());
        int from = to / 2;
        long a = 0;
        long s = 0;
        for (int i = from; i < to; i++) {
            a += windowAttempts[i];
            s += windowSuccesses[i];
        }
        return a == 0 ? 1.0 : (double) s / a;
    }

    /** First failure in seconds, or NaN if none. */
    public double firstFailureSeconds() {
        return firstFailureNanos < 0 ? Double.NaN : firstFailureNanos / 1e9;
    }

    /** The summary as {@code simulation.json} records it (without the per-window series). */
    public SimulationFile.Outcome outcome() {
        return new SimulationFile.Outcome(allocator, arrivals, attempts, successes, failures, round(successFraction()),
                round(steadySuccess()), firstFailureNanos < 0 ? null : round(firstFailureSeconds()),
                reclaims > 0 ? reclaims : null, reclaims > 0 ? reclaimedInTimeWait : null, events, maxLatenessNanos, null);
    }

    /** The per-window series: time (s), success fraction, in use, TIME-WAIT, free. */
    public SimulationFile.Series series() {
        int n = windowAttempts.length;
        double[] t = new double[n];
        double[] success = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = Math.min((i + 1) * params.windowNanos(), params.durationNanos()) / 1e9;
            success[i] = round(windowSuccess(i));
        }
        return new SimulationFile.Series(params.windowNanos() / 1e9, t, windowAttempts, success, inUse, timeWait, free);
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
