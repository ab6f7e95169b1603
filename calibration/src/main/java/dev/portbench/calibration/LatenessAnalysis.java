package dev.portbench.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures TIME-WAIT lateness from a probe: the client's close instants and the namespace's
 * TIME-WAIT count sampled with changes bracketed ({@link TimeWaitSampler}). Every drop of the
 * count is an expiry batch, observed at the first sample showing it (at most one sampling
 * interval after it happened, so its instant is taken as the midpoint between that sample and
 * the one before); the sockets it removed are the oldest ones left, because one
 * constant timeout keeps TIME-WAIT in close order. Drops less than {@link #MERGE_NANOS} after a
 * batch belong to it: each CPU has its own timer base (TIME-WAIT timers are pinned), and the
 * second base may run the same bucket a jiffy later. Each socket's lateness is its batch instant
 * minus (close + TIME-WAIT). The batch spacing (granularity) is the span from first to last batch
 * divided by the number of median gaps in it; the phase is where batches fall modulo it: the
 * middle of the intersection of every batch's bracket (last sample before, first sample after)
 * on that grid when they intersect, else the median batch instant.
 * O(samples + sockets).
 *
 * @param batches instants (ns) and sizes of the expiry batches
 * @param latenessNanos per probe socket, in close order
 * @param granularityNanos spacing of consecutive batches
 * @param phaseNanos median batch instant modulo the granularity
 * @param residualNanos largest distance of a batch from the grid {@code phase + k x granularity}
 */
public record LatenessAnalysis(List<Batch> batches, long[] latenessNanos, long granularityNanos, long phaseNanos,
                               long residualNanos) {

    /** Drops closer than this to a batch's first drop belong to that batch (far below any HZ's spacing, 1.7 s or more). */
    static final long MERGE_NANOS = 100_000_000L;

    /** One expiry batch: when it was first seen, the sample before it, and how many sockets it removed. */
    public record Batch(long seenNanos, long previousSampleNanos, int removed) {

        /** The batch's instant: midway between the last sample before it and the first after. */
        public long instantNanos() {
            return previousSampleNanos + (seenNanos - previousSampleNanos) / 2;
        }
    }

    /** Analyses a probe; {@code closes} in time order, {@code series} with bracketed changes. */
    public static LatenessAnalysis of(long[] closes, TimeWaitSeries series, long timeWaitNanos) {
        if (closes.length == 0) {
            throw new IllegalArgumentException("lateness probe without connections (expected at least one close)");
        }
        List<Batch> batches = new ArrayList<>();
        for (int i = 1; i < series.size(); i++) {
            int drop = series.count(i - 1) - series.count(i);
            if (drop > 0 && series.time(i) > closes[0] + timeWaitNanos / 2) {
                Batch last = batches.isEmpty() ? null : batches.get(batches.size() - 1);
                if (last != null && series.time(i) - last.seenNanos() < MERGE_NANOS) {
                    // the same bucket expiring on another CPU's timer base a jiffy or so later
                    batches.set(batches.size() - 1, new Batch(last.seenNanos(), last.previousSampleNanos(),
                            last.removed() + drop));
                } else {
                    batches.add(new Batch(series.time(i), series.time(i - 1), drop));
                }
            }
        }
        long[] lateness = new long[closes.length];
        int socket = 0;
        for (Batch b : batches) {
            for (int k = 0; k < b.removed() && socket < closes.length; k++, socket++) {
                lateness[socket] = b.instantNanos() - (closes[socket] + timeWaitNanos);
            }
        }
        if (socket < closes.length) {
            throw new IllegalArgumentException("the TIME-WAIT series shows " + socket + " of " + closes.length
                    + " probe sockets expiring (expected all: sample until past the last expiry)");
        }
        if (batches.size() < 2) {
            throw new IllegalArgumentException(batches.size() + " expiry batch(es) (expected >= 2 to measure their spacing:"
                    + " spread the probe's closes wider)");
        }
        long[] gaps = new long[batches.size() - 1];
        for (int i = 1; i < batches.size(); i++) {
            gaps[i - 1] = batches.get(i).instantNanos() - batches.get(i - 1).instantNanos();
        }
        long typicalGap = median(gaps);
        long span = batches.get(batches.size() - 1).instantNanos() - batches.get(0).instantNanos();
        long granularity = span / Math.max(1, Math.round((double) span / typicalGap));
        return fit(List.copyOf(batches), lateness, granularity);
    }

    /**
     * The same batches on a grid of {@code granularity}, phase and residual fitted again: for the
     * timer wheel's exact spacing (512 jiffies at HZ 250 is exactly 2.048 s) once the measurement
     * has confirmed it, so that the grid does not drift when extrapolated over minutes.
     */
    public LatenessAnalysis refit(long granularity) {
        if (granularity <= 0) {
            throw new IllegalArgumentException("granularity " + granularity + " ns (expected > 0)");
        }
        return fit(batches, latenessNanos, granularity);
    }

    private static LatenessAnalysis fit(List<Batch> batches, long[] lateness, long granularity) {
        long first = batches.get(0).instantNanos();
        long[] residues = new long[batches.size()];
        for (int i = 0; i < residues.length; i++) {
            long t = batches.get(i).instantNanos();
            long k = Math.round((double) (t - first) / granularity);
            residues[i] = t - k * granularity;
        }
        long anchor = median(residues);
        // every batch happened between its last sample before and its first after: on an exact grid the
        // phase lies in the intersection of those brackets; take its middle when they agree
        long low = Long.MIN_VALUE;
        long high = Long.MAX_VALUE;
        for (Batch b : batches) {
            long k = Math.round((double) (b.instantNanos() - first) / granularity);
            low = Math.max(low, b.previousSampleNanos() - k * granularity);
            high = Math.min(high, b.seenNanos() - k * granularity);
        }
        if (low <= high) {
            anchor = low + (high - low) / 2;
        }
        long residual = 0;
        for (long r : residues) {
            residual = Math.max(residual, Math.abs(r - anchor));
        }
        long phase = Math.floorMod(anchor, granularity);
        return new LatenessAnalysis(batches, lateness, granularity, phase, residual);
    }

    static long median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    public long meanLatenessNanos() {
        return Math.round(Arrays.stream(latenessNanos).average().orElse(0));
    }

    public long maxLatenessNanos() {
        return Arrays.stream(latenessNanos).max().orElse(0);
    }

    public long minLatenessNanos() {
        return Arrays.stream(latenessNanos).min().orElse(0);
    }
}
