package dev.portbench.workload;

import it.unimi.dsi.fastutil.longs.LongArrays;

import java.util.SplittableRandom;

/**
 * Turns a {@link Workload} into a {@link Trace}. Deterministic: the same workload and lap give
 * the same arrays, on every machine and JDK ({@link SplittableRandom} is specified exactly).
 *
 * <p>Generation is O(n log n) in the events (one radix sort) and runs once, before anything is
 * measured.
 */
public final class TraceGenerator {

    /** The default lap spans this many TIME-WAIT + holding periods: the steady state repeats several times. */
    public static final int DEFAULT_PERIODS_PER_LAP = 4;
    /** The most connections one lap may hold (op packing keeps 30 bits for the connection). */
    public static final int MAX_CONNECTIONS = 1 << 29;

    /**
     * How long after a burst's TIME-WAITs end the next burst opens: 2 s, so that an allocator
     * late by up to its documented lateness (one tick: 1 s for the timing wheel, 2^30 ns for
     * Agrona's wheel with a 1 s tick) has freed every port in time, and all are compared on the
     * same work.
     */
    public static final long BURST_SLACK_NANOS = 2_000_000_000L;

    private TraceGenerator() {
    }

    /** A lap of {@link #DEFAULT_PERIODS_PER_LAP} x (TIME-WAIT + mean holding time). */
    public static Trace generate(Workload workload) {
        return generate(workload, DEFAULT_PERIODS_PER_LAP * (workload.timeWaitNanos() + workload.meanHoldNanos()));
    }

    /**
     * One lap of {@code lapNanos} of {@code workload}.
     *
     * @throws IllegalArgumentException if the lap is not longer than TIME-WAIT plus the mean
     *     holding time, or would hold more than {@link #MAX_CONNECTIONS} connections
     */
    public static Trace generate(Workload workload, long lapNanos) {
        if (workload.arrivals() == ArrivalProcess.RECORDED) {
            throw new IllegalArgumentException("workload " + workload.id()
                    + ": RECORDED arrivals (expected a synthetic workload; import a recorded one with TraceImport)");
        }
        long period = workload.timeWaitNanos() + workload.meanHoldNanos();
        if (lapNanos <= period) {
            throw new IllegalArgumentException("lapNanos: " + lapNanos + " (expected: > TIME-WAIT + mean hold = "
                    + period + ")");
        }
        double expected = workload.ratePerSecond() * lapNanos / 1e9;
        if (workload.arrivals() == ArrivalProcess.BURST) {
            expected = (double) workload.ports() * (lapNanos / (period + BURST_SLACK_NANOS));
        }
        if (expected * 1.1 + 64 > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("lapNanos: " + lapNanos + " (expected: a lap of at most "
                    + MAX_CONNECTIONS + " connections; this one would hold about " + (long) expected + ")");
        }
        SplittableRandom random = new SplittableRandom(workload.seed());
        long[] opens = openTimes(workload, lapNanos, random);
        int n = opens.length;
        int reclaims = 0;
        long[] holds = new long[n];
        long[] reclaimDelays = new long[n];
        for (int c = 0; c < n; c++) {
            holds[c] = Math.min(holdNanos(workload, random), lapNanos - workload.timeWaitNanos() - 1);
            if (workload.reclaimShare() > 0 && random.nextDouble() < workload.reclaimShare()) {
                reclaimDelays[c] = random.nextLong(Workload.MIN_RECLAIM_DELAY_NANOS, workload.timeWaitNanos());
                reclaims++;
            } else {
                reclaimDelays[c] = -1;
            }
        }
        long[] times = new long[2 * n + reclaims];
        long[] keys = new long[times.length];
        int e = 0;
        for (int c = 0; c < n; c++) {
            long close = opens[c] + holds[c];
            times[e] = opens[c];
            keys[e++] = Trace.pack(c, Trace.OPEN);
            times[e] = close % lapNanos;
            keys[e++] = Trace.pack(c, Trace.CLOSE);
            if (reclaimDelays[c] >= 0) {
                times[e] = (close + reclaimDelays[c]) % lapNanos;
                keys[e++] = Trace.pack(c, Trace.RECLAIM);
            }
        }
        LongArrays.radixSort(times, keys);
        int[] ops = new int[keys.length];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = (int) keys[i];
        }
        return new Trace(workload, times, ops, n, lapNanos);
    }

    private static long[] openTimes(Workload w, long lapNanos, SplittableRandom random) {
        switch (w.arrivals()) {
            case BURST: {
                long period = w.timeWaitNanos() + w.meanHoldNanos() + BURST_SLACK_NANOS;
                int cycles = (int) (lapNanos / period);
                long[] t = new long[cycles * w.ports()];
                for (int i = 0; i < t.length; i++) {
                    t[i] = (i / w.ports()) * period;
                }
                return t;
            }
            case FIXED_RATE: {
                double gap = 1e9 / w.ratePerSecond();
                int count = (int) Math.floor(lapNanos / gap);
                long[] t = new long[count];
                for (int i = 0; i < count; i++) {
                    t[i] = (long) Math.floor(i * gap);
                }
                return t;
            }
            case POISSON: {
                double mean = 1e9 / w.ratePerSecond();
                long[] t = new long[(int) (lapNanos / mean * 1.1) + 64];
                int count = 0;
                double at = 0;
                while (true) {
                    at += -Math.log(1 - random.nextDouble()) * mean;
                    if (at >= lapNanos) {
                        break;
                    }
                    if (count == t.length) {
                        t = java.util.Arrays.copyOf(t, count * 2);
                    }
                    t[count++] = (long) at;
                }
                return java.util.Arrays.copyOf(t, count);
            }
            default:
                throw new AssertionError(w.arrivals());
        }
    }

    private static long holdNanos(Workload w, SplittableRandom random) {
        switch (w.holding()) {
            case NONE:
                return 0;
            case FIXED:
                return w.meanHoldNanos();
            case EXPONENTIAL:
                return (long) (-Math.log(1 - random.nextDouble()) * w.meanHoldNanos());
            default:
                throw new AssertionError(w.holding());
        }
    }
}
