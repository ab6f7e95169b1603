package dev.portbench.calibration;

import java.util.SplittableRandom;

/**
 * The client's random draws for one scenario, in the fixed order the Java client makes them per
 * attempt (Poisson gap, weighted destination, exponential holding time, RST or FIN), whatever the
 * outcome: the client and the analysis draw the same values from the scenario's seed, so the
 * model knows how long an attempt that failed in the kernel would have been held, and how it
 * would have closed. Draws that a scenario does not use are not made. O(destinations) per
 * attempt for a weighted pick, O(1) otherwise; not thread-safe.
 */
final class ClientDraws {

    private final CalibrationScenario s;
    private final SplittableRandom random;
    private final double[] cumulative;
    private long n;
    private double gapSeconds;
    private int destination;
    private long holdNanos;
    private boolean reset;

    ClientDraws(CalibrationScenario s) {
        this.s = s;
        this.random = new SplittableRandom(s.seed());
        if (s.destinationWeights().isEmpty()) {
            this.cumulative = null;
        } else {
            cumulative = new double[s.destinations()];
            double sum = 0;
            for (int i = 0; i < cumulative.length; i++) {
                sum += s.destinationWeights().get(i);
                cumulative[i] = sum;
            }
            for (int i = 0; i < cumulative.length; i++) {
                cumulative[i] /= sum;
            }
        }
    }

    /** Draws the next attempt's values. */
    void next() {
        gapSeconds = s.poisson() ? -Math.log(1 - random.nextDouble()) / s.rate() : 0;
        destination = cumulative == null ? (int) (n % s.destinations()) : pick(cumulative, random.nextDouble());
        holdNanos = s.holdMeanMillis() > 0 ? (long) (-Math.log(1 - random.nextDouble()) * s.holdMeanMillis() * 1e6) : 0;
        reset = s.resetFraction() > 0 && random.nextDouble() < s.resetFraction();
        n++;
    }

    /** The Poisson gap before this attempt, seconds (0 without Poisson arrivals). */
    double gapSeconds() {
        return gapSeconds;
    }

    int destination() {
        return destination;
    }

    /** How long this attempt's connection is held, 0 to close at once. */
    long holdNanos() {
        return holdNanos;
    }

    /** Whether it is closed by an RST. */
    boolean reset() {
        return reset;
    }

    /** The destination whose cumulative weight first exceeds {@code u} in [0, 1). */
    static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
