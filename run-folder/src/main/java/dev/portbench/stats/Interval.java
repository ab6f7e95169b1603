package dev.portbench.stats;

/**
 * An estimate with its confidence interval, or an unresolved one (NaN ends) when the data
 * cannot support an interval, as with a single fork.
 *
 * @param estimate the point estimate
 * @param low the lower end, NaN when not resolved
 * @param high the upper end, NaN when not resolved
 * @param forks how many forks the interval rests on
 * @param confidence the coverage, e.g. 0.99
 */
public record Interval(double estimate, double low, double high, int forks, double confidence) {

    /** Whether the data supported an interval. */
    public boolean resolved() {
        return !Double.isNaN(low) && !Double.isNaN(high);
    }

    /** Half the width; NaN when not resolved. */
    public double halfWidth() {
        return resolved() ? (high - low) / 2 : Double.NaN;
    }

    /** Whether both are resolved and overlap. */
    public boolean overlaps(Interval other) {
        return resolved() && other.resolved() && low <= other.high && other.low <= high;
    }

    static void checkConfidence(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence: " + confidence + " (expected: strictly between 0 and 1)");
        }
    }
}
