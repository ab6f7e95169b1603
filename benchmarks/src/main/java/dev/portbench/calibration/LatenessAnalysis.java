package dev.portbench.calibration;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures TIME-WAIT lateness from a probe: the client's close instants and the namespace's
 * TIME-WAIT count sampled with changes bracketed ({@link TimeWaitSampler}). Every drop of the
 * count is an expiry batch, observed at the first sample showing it (at most one sampling
 * interval after it happened); the sockets it removed are the oldest ones left, because one
 * constant timeout keeps TIME-WAIT in close order. Each socket's lateness is its batch instant
 * minus (close + TIME-WAIT). The batch spacing (granularity) is the median gap between
 * consecutive batches; the phase is where batches fall modulo it. O(samples + sockets).
 *
 * @param batches instants (ns) and sizes of the expiry batches
 * @param latenessNanos per probe socket, in close order
 * @param granularityNanos median spacing of consecutive batches
 * @param phaseNanos median batch instant modulo the granularity
 * @param residualNanos largest distance of a batch from the grid {@code phase + k x granularity}
 */
public record LatenessAnalysis(List<Batch> batches, long[] latenessNanos, long granularityNanos, long phaseNanos,
                               long residualNanos) {

    /** One expiry batch: when it was first seen, the sample before it, and how many sockets it removed. */
    public record Batch(long seenNanos, long previousSampleNanos, int removed) {
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
                batches.add(new Batch(series.time(i), series.time(i - 1), drop));
            }
        }
        long[] lateness = new long[closes.length];
        int socket = 0;
        for (Batch b : batches) {
            for (int k = 0; k < b.removed() && socket < closes.length; k++, socket++) {
                lateness[socket] = b.seenNanos() - (closes[socket] + timeWaitNanos);
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
            gaps[i - 1] = batches.get(i).seenNanos() - batches.get(i - 1).seenNanos();
        }
        long granularity = median(gaps);
        long first = batches.get(0).seenNanos();
        long[] residues = new long[batches.size()];
        for (int i = 0; i < residues.length; i++) {
            long t = batches.get(i).seenNanos();
            long k = Math.round((double) (t - first) / granularity);
            residues[i] = t - k * granularity;
        }
        long anchor = median(residues);
        long residual = 0;
        for (long r : residues) {
            residual = Math.max(residual, Math.abs(r - anchor));
        }
        long phase = Math.floorMod(anchor, granularity);
        return new LatenessAnalysis(List.copyOf(batches), lateness, granularity, phase, residual);
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
