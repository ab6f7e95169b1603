package dev.portbench.stack;

import java.util.Objects;

/**
 * How late a stack frees TIME-WAIT, and where that number came from: a kernel timer wheel frees
 * a TIME-WAIT due at {@code d} at the first boundary {@code phase + k * granularity} strictly
 * after {@code d}, so never early and at most one granularity late. Granularity 0 means exact.
 *
 * <p>The fields are those of {@code linux-timewait-lateness.json} (read by {@link StackProfiles}
 * with Jackson; the kernel calibration writes it from measurements).
 *
 * @param kernel the kernel release the value is for ({@code uname -r}), or a description
 * @param hz the kernel's {@code CONFIG_HZ}, 0 when not a Linux value
 * @param timeWaitNanos the TIME-WAIT the lateness applies to
 * @param granularityNanos the spacing of expiry boundaries, 0 for exact
 * @param phaseNanos where the boundaries lie, relative to the time origin of the model
 * @param meanLatenessNanos the mean lateness (measured, or expected from the granularity)
 * @param maxLatenessNanos the largest lateness (measured, or the granularity)
 * @param source how the value was obtained: measured, or computed and from what
 * @param command the command that measured it, empty if not measured
 * @param calibration the calibration folder holding the measurement, empty if not measured
 */
public record TimeWaitLateness(String kernel, int hz, long timeWaitNanos, long granularityNanos, long phaseNanos,
                               long meanLatenessNanos, long maxLatenessNanos, String source, String command,
                               String calibration) {

    public TimeWaitLateness {
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(calibration, "calibration");
        if (hz < 0) {
            throw new IllegalArgumentException("hz: " + hz + " (expected: >= 0, 0 when not a Linux value)");
        }
        if (timeWaitNanos <= 0) {
            throw new IllegalArgumentException("timeWaitNanos: " + timeWaitNanos + " (expected: > 0)");
        }
        if (granularityNanos < 0) {
            throw new IllegalArgumentException("granularityNanos: " + granularityNanos + " (expected: >= 0, 0 for exact)");
        }
        if (meanLatenessNanos < 0 || maxLatenessNanos < meanLatenessNanos) {
            throw new IllegalArgumentException("lateness: mean " + meanLatenessNanos + ", max " + maxLatenessNanos
                    + " (expected: 0 <= mean <= max)");
        }
    }

    /** Exact expiry, for a stack whose lateness is not modelled; {@code source} says why. */
    public static TimeWaitLateness exact(long timeWaitNanos, String source) {
        return new TimeWaitLateness("n/a", 0, timeWaitNanos, 0, 0, 0, 0, source, "", "");
    }

    /** A wheel of {@code granularityNanos} with phase 0: the model's {@code --tick}. */
    public static TimeWaitLateness tick(long timeWaitNanos, long granularityNanos) {
        return new TimeWaitLateness("n/a", 0, timeWaitNanos, granularityNanos, 0, granularityNanos / 2, granularityNanos,
                "a tick of " + granularityNanos + " ns given on the command line", "", "");
    }

    /** Whether expiry is exact. */
    public boolean isExact() {
        return granularityNanos == 0;
    }
}
