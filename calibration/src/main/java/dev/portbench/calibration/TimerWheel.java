package dev.portbench.calibration;

/**
 * The Linux timer wheel's arithmetic (kernel/time/timer.c since 4.8): levels of 64 buckets, level
 * {@code n} holding timeouts from {@code 63 << 3(n-1)} jiffies with a granularity of {@code 8^n}
 * jiffies; a timer is rounded up to its level's next bucket boundary, so it fires up to one
 * granularity late and never early, together with every timer of that bucket. TIME-WAIT's 60 s
 * timer therefore fires in batches {@link #granularityJiffies granularity(60 x HZ)} apart.
 */
public final class TimerWheel {

    private static final int LVL_CLK_SHIFT = 3;
    private static final int LVL_SIZE = 64;
    /** HZ values Linux offers (CONFIG_HZ_100, 250, 300, 1000). */
    static final int[] HZ_CHOICES = {100, 250, 300, 1000};

    private TimerWheel() {
    }

    /** The wheel level a timeout of {@code jiffies} lands in. */
    public static int level(long jiffies) {
        if (jiffies < 0) {
            throw new IllegalArgumentException("timeout " + jiffies + " jiffies (expected >= 0)");
        }
        int level = 0;
        while (level < 9 && jiffies >= levelStart(level + 1)) {
            level++;
        }
        return level;
    }

    private static long levelStart(int n) {
        return (long) (LVL_SIZE - 1) << ((n - 1) * LVL_CLK_SHIFT);
    }

    /** Granularity in jiffies of the level a timeout of {@code jiffies} lands in. */
    public static long granularityJiffies(long jiffies) {
        return 1L << (LVL_CLK_SHIFT * level(jiffies));
    }

    /** Predicted batch spacing in nanoseconds of a timeout of {@code timeoutNanos} at {@code hz}. */
    public static long granularityNanos(long timeoutNanos, int hz) {
        if (hz <= 0) {
            throw new IllegalArgumentException("HZ " + hz + " (expected > 0)");
        }
        long jiffies = timeoutNanos * hz / 1_000_000_000L;
        return granularityJiffies(jiffies) * 1_000_000_000L / hz;
    }

    /** The HZ among Linux's choices whose predicted batch spacing is nearest the measured one. */
    public static int inferHz(long measuredGranularityNanos, long timeoutNanos) {
        int best = HZ_CHOICES[0];
        double bestError = Double.MAX_VALUE;
        for (int hz : HZ_CHOICES) {
            double error = Math.abs(Math.log((double) granularityNanos(timeoutNanos, hz) / measuredGranularityNanos));
            if (error < bestError) {
                bestError = error;
                best = hz;
            }
        }
        return best;
    }
}
