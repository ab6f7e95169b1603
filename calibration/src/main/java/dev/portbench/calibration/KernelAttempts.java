package dev.portbench.calibration;

/**
 * What the kernel run recorded per attempt, for a model to replay: the attempt instants
 * ({@code CLOCK_MONOTONIC} ns), destinations, the instant each successful connection's TIME-WAIT
 * began (its attempt instant when none was recorded) and whether it closed by RST. Arrays are
 * kept, not copied; all have one entry per attempt.
 *
 * @param times attempt instants, non-decreasing
 * @param destinations destination index per attempt
 * @param closeTimes when each connection closed (TIME-WAIT began), at or after its attempt
 * @param resets closed by RST (no TIME-WAIT)
 */
public record KernelAttempts(long[] times, int[] destinations, long[] closeTimes, boolean[] resets) {

    public KernelAttempts {
        int n = times.length;
        if (destinations.length != n || closeTimes.length != n || resets.length != n) {
            throw new IllegalArgumentException(n + " times, " + destinations.length + " destinations, " + closeTimes.length
                    + " close times, " + resets.length + " reset flags (expected as many of each)");
        }
    }

    /** Attempts closed at once by FIN at their own instant: the form of runs that recorded no closes. */
    public static KernelAttempts closedAtOnce(long[] times, int[] destinations) {
        return new KernelAttempts(times, destinations, times, new boolean[times.length]);
    }

    public int size() {
        return times.length;
    }
}
