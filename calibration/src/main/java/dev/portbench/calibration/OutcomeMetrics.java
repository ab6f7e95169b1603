package dev.portbench.calibration;

import java.util.ArrayList;
import java.util.List;

/**
 * What a client experienced, from its attempts' instants and outcomes, computed the same way for
 * the kernel's record and the model's replay. Times are seconds from the scenario's start.
 * An outage is a maximal run of consecutive failed attempts: it starts at its first failure and
 * ends at the next success (at the last attempt when none followed: {@code open}). Recovery is
 * the end of the first outage in which attempts to every destination failed: the client was out
 * of ports, not one destination running dry an attempt before another; sustained recovery is the
 * success fraction of the attempts from there to the end. O(attempts + destinations x outages).
 *
 * @param attempts attempts made
 * @param successes attempts that connected
 * @param successFraction successes / attempts (1 without attempts)
 * @param firstFailureSeconds first failed attempt, NaN if none
 * @param firstOutageEndSeconds first success after the first failure, NaN if none
 * @param recoverySeconds end of the first outage that ended and covered every destination, NaN if none
 * @param sustainedRecovery success fraction from recovery on, NaN without recovery
 * @param outageCount how many outages there were
 * @param outages the first {@link #OUTAGES_KEPT} of them, in time order
 */
public record OutcomeMetrics(int attempts, int successes, double successFraction, double firstFailureSeconds,
                             double firstOutageEndSeconds, double recoverySeconds, double sustainedRecovery, int outageCount, List<Outage> outages) {

    /** Outages kept in the summary (the raw attempts hold them all). */
    public static final int OUTAGES_KEPT = 100;

    /**
     * One outage.
     *
     * @param startSeconds its first failed attempt
     * @param endSeconds the next successful attempt, or the last attempt when {@code open}
     * @param failed failed attempts in it
     * @param destinationsFailed distinct destinations among its failed attempts
     * @param open true when no success followed
     */
    public record Outage(double startSeconds, double endSeconds, int failed, int destinationsFailed, boolean open) {
    }

    /**
     * Metrics of attempts at {@code times} (ns, any origin) to {@code destination} (0..{@code destinations - 1})
     * with outcomes {@code ok}, seconds counted from {@code startNanos}.
     */
    public static OutcomeMetrics of(long[] times, int[] destination, int destinations, boolean[] ok, long startNanos) {
        if (times.length != ok.length || times.length != destination.length) {
            throw new IllegalArgumentException(times.length + " times, " + destination.length + " destinations, "
                    + ok.length + " outcomes (expected as many of each)");
        }
        for (int d : destination) {
            if (d < 0 || d >= destinations) {
                throw new IllegalArgumentException("destination " + d + " (expected 0.." + (destinations - 1) + ")");
            }
        }
        int n = times.length;
        int successes = 0;
        for (boolean b : ok) {
            successes += b ? 1 : 0;
        }
        List<Outage> outages = outages(times, destination, destinations, ok, startNanos);
        double firstFailure = outages.isEmpty() ? Double.NaN : outages.get(0).startSeconds();
        double firstEnd = outages.isEmpty() || outages.get(0).open() ? Double.NaN : outages.get(0).endSeconds();
        double recovery = Double.NaN;
        for (Outage o : outages) {
            if (!o.open() && o.destinationsFailed() == destinations) {
                recovery = o.endSeconds();
                break;
            }
        }
        double sustained = Double.NaN;
        if (!Double.isNaN(recovery)) {
            int from = 0;
            while (from < n && !(ok[from] && seconds(times[from], startNanos) >= recovery)) {
                from++;
            }
            int s = 0;
            for (int i = from; i < n; i++) {
                s += ok[i] ? 1 : 0;
            }
            sustained = (double) s / (n - from);
        }
        return new OutcomeMetrics(n, successes, n == 0 ? 1.0 : (double) successes / n, firstFailure, firstEnd, recovery,
                sustained, outages.size(), List.copyOf(outages.subList(0, Math.min(OUTAGES_KEPT, outages.size()))));
    }

    /** Every outage of attempts at {@code times} with outcomes {@code ok}, as {@link #of} finds them. */
    public static List<Outage> outages(long[] times, int[] destination, int destinations, boolean[] ok, long startNanos) {
        List<Outage> outages = new ArrayList<>();
        int n = times.length;
        int runStart = -1;
        for (int i = 0; i < n; i++) {
            if (ok[i]) {
                if (runStart >= 0) {
                    outages.add(new Outage(seconds(times[runStart], startNanos), seconds(times[i], startNanos), i - runStart,
                            distinct(destination, runStart, i, destinations), false));
                    runStart = -1;
                }
            } else if (runStart < 0) {
                runStart = i;
            }
        }
        if (runStart >= 0) {
            outages.add(new Outage(seconds(times[runStart], startNanos), seconds(times[n - 1], startNanos), n - runStart,
                    distinct(destination, runStart, n, destinations), true));
        }
        return outages;
    }

    private static int distinct(int[] destination, int from, int to, int destinations) {
        boolean[] seen = new boolean[destinations];
        int n = 0;
        for (int i = from; i < to && n < destinations; i++) {
            if (!seen[destination[i]]) {
                seen[destination[i]] = true;
                n++;
            }
        }
        return n;
    }

    private static double seconds(long t, long start) {
        return (t - start) / 1e9;
    }
}
