package dev.portbench.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges of the verdict arithmetic, where an off-by-one in a comparison changes a published
 * word (the survivors of a mutation run of this package): intervals that touch, targets on an
 * interval's end, confidence at its limits, the A/A check's counting, the median over forks.
 */
class StatsBoundariesTest {

    private static Interval interval(double low, double high) {
        return new Interval((low + high) / 2, low, high, 3, 0.99);
    }

    @Test
    void intervalsThatTouchOverlapAndUnresolvedOnesNever() {
        assertTrue(interval(1, 2).overlaps(interval(2, 3)), "sharing an end");
        assertTrue(interval(2, 3).overlaps(interval(1, 2)));
        assertFalse(interval(1, 2).overlaps(interval(2.0001, 3)));
        assertFalse(interval(2.0001, 3).overlaps(interval(1, 2)));
        Interval unresolved = new Interval(1.5, Double.NaN, Double.NaN, 1, 0.99);
        assertFalse(unresolved.overlaps(interval(1, 2)));
        assertFalse(interval(1, 2).overlaps(unresolved));
        assertEquals(0.5, interval(1, 2).halfWidth(), 1e-12);
        assertTrue(Double.isNaN(unresolved.halfWidth()));
    }

    @Test
    void confidenceMustLieStrictlyBetweenZeroAndOne() {
        for (double bad : new double[] {0, 1, -0.1, 1.1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Interval.checkConfidence(bad));
            assertTrue(e.getMessage().contains("confidence: " + bad), e.getMessage());
        }
        Interval.checkConfidence(Math.ulp(0.0));
        Interval.checkConfidence(0.999);
    }

    private static RatioEstimate ratio(double low, double high) {
        return new RatioEstimate((low + high) / 2, low, high, 4, 0.01, 0.99);
    }

    @Test
    void aTargetOnTheIntervalsEndIsMet() {
        assertEquals(RatioEstimate.TargetVerdict.MET, ratio(2, 3).against(2, true), "low end on an at-least target");
        assertEquals(RatioEstimate.TargetVerdict.MET, ratio(1, 2).against(2, false), "high end on an at-most target");
        assertEquals(RatioEstimate.TargetVerdict.NOT_DECIDED, ratio(1.9, 3).against(2, true));
        assertEquals(RatioEstimate.TargetVerdict.NOT_DECIDED, ratio(1, 2.1).against(2, false));
        assertEquals(RatioEstimate.TargetVerdict.MISSED, ratio(1, 1.9).against(2, true));
        assertEquals(RatioEstimate.TargetVerdict.MISSED, ratio(2.1, 3).against(2, false));
        assertEquals(RatioEstimate.TargetVerdict.NOT_RESOLVED,
                new RatioEstimate(1, Double.NaN, Double.NaN, 0, Double.NaN, 0.99).against(2, true));
        for (double bad : new double[] {0, -1, Double.POSITIVE_INFINITY, Double.NaN}) {
            assertThrows(IllegalArgumentException.class, () -> ratio(1, 2).against(bad, true), "target " + bad);
        }
    }

    private static ForkSample forks(double... means) {
        double[][] raw = new double[means.length][];
        for (int f = 0; f < means.length; f++) {
            raw[f] = new double[] {means[f] * 0.999, means[f], means[f] * 1.001};
        }
        return ForkSample.of(raw);
    }

    @Test
    void theAaCheckComparesEachForkAgainstTheRestAndSkipsTooFewForks() {
        ForkSample steady = forks(10, 10.1, 9.9, 10.05);
        ForkSample twoForks = forks(10, 10.1);
        ForkAaCheck.Result r = ForkAaCheck.run(List.of(steady, twoForks), 0.99);
        assertEquals(4, r.forkAwarePairs(), "each of the 4 forks against the other 3; the 2-fork sample skipped");
        assertEquals(6, r.singleForkPairs(), "4 choose 2 pairs of forks");
        assertEquals(0, r.forkAwareFlagged(), "forks within 1% of each other: " + r);
        ForkSample outlier = forks(10, 10, 10.02, 9.98, 30);
        ForkAaCheck.Result o = ForkAaCheck.run(List.of(outlier), 0.99);
        assertEquals(5, o.forkAwarePairs());
        assertTrue(o.forkAwareFlagged() >= 1, "a fork three times the others is flagged: " + o);
        assertEquals((double) o.forkAwareFlagged() / 5, o.forkAwareRate(), 1e-12);
        assertEquals((double) o.singleForkFlagged() / 10, o.singleForkRate(), 1e-12);
        assertTrue(Double.isNaN(ForkAaCheck.run(List.of(twoForks), 0.99).forkAwareRate()), "nothing compared: no rate");
    }

    /** One fork's histogram: each value seen once. */
    private static double[][][] fork(double... values) {
        double[][] pairs = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            pairs[i] = new double[] {values[i], 1};
        }
        return new double[][][] {pairs};
    }

    @Test
    void theMedianOverForksTakesTheMiddleOrTheMeanOfTheMiddleTwo() {
        TailSample odd = TailSample.of(new double[][][][] {fork(1, 2, 3), fork(10, 20, 30), fork(4, 5, 6)});
        assertEquals(6, odd.medianOverForks(100), "maxima 3, 30, 6: the middle is 6");
        TailSample even = TailSample.of(new double[][][][] {fork(1, 2, 3), fork(10, 20, 30), fork(4, 5, 6), fork(7, 8, 9)});
        assertEquals((6 + 9) / 2.0, even.medianOverForks(100), "maxima 3, 6, 9, 30: the mean of 6 and 9");
        assertEquals(2, odd.percentile(0, 50), "nearest rank: the smallest value with half the samples at or below");
    }
}
