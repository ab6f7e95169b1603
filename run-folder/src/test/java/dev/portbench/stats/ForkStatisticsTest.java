package dev.portbench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Intervals over fork means and ratio intervals, checked against hand-computed values. */
class ForkStatisticsTest {

    @Test
    void intervalIsStudentTOverForkMeansNotOverIterations() {
        // fork means 10, 12, 14: mean 12, sd 2, se 2/sqrt(3); t(0.975, 2) = 4.302653
        ForkSample s = ForkSample.of(new double[][] {{9, 11}, {12, 12}, {13, 15}});
        Interval i = s.interval(0.95);
        assertEquals(12, i.estimate(), 1e-12);
        assertEquals(4.302653 * 2 / Math.sqrt(3), i.halfWidth(), 1e-5);
        assertEquals(3, i.forks());
        // the iterations alone (6 values, tight within forks) would give a far narrower interval
        Interval pooledIterations = ForkSample.of(new double[][] {{9, 11, 12, 12, 13, 15}}).withinForkInterval(0, 0.95);
        assertTrue(pooledIterations.halfWidth() < i.halfWidth(), pooledIterations + " vs " + i);
    }

    @Test
    void forkEffectComparesTheSpreadOfForkMeansWithWhatIterationsPredict() {
        // within-fork variance 2, two iterations: a fork mean's standard error 1; fork means 2 and 12: sd 7.07
        assertEquals(Math.sqrt(50), ForkSample.of(new double[][] {{1, 3}, {11, 13}}).forkEffect(), 1e-12);
        assertEquals(0, ForkSample.of(new double[][] {{1, 3}, {3, 1}}).forkEffect(), 1e-12);
        assertTrue(Double.isNaN(ForkSample.of(new double[][] {{1, 3}}).forkEffect()), "one fork");
    }

    @Test
    void oneForkResolvesNoInterval() {
        Interval i = ForkSample.of(new double[][] {{1, 2, 3}}).interval(0.99);
        assertFalse(i.resolved());
        assertEquals(2, i.estimate(), 1e-12);
        assertFalse(i.overlaps(i), "an unresolved interval supports no verdict, not even a tie");
    }

    @Test
    void ratioIntervalOnLogForkMeans() {
        ForkSample base = ForkSample.of(new double[][] {{10}, {10.2}, {9.8}});
        ForkSample next = ForkSample.of(new double[][] {{20}, {20.4}, {19.6}});
        RatioEstimate r = RatioEstimate.of(base, next, 0.99);
        assertEquals(2.0, r.ratio(), 1e-3);
        assertEquals(4, r.degreesOfFreedom());
        assertTrue(r.low() > 1.8 && r.high() < 2.2, r.toString());
        assertEquals(RatioEstimate.Verdict.HIGHER, r.verdict());
        assertTrue(r.pValue() < 1e-4, r.toString());
        assertEquals(RatioEstimate.Verdict.LOWER, RatioEstimate.of(next, base, 0.99).verdict());
    }

    @Test
    void ratioOfRatiosPoolsTheFourSamples() {
        ForkSample baseA = ForkSample.of(new double[][] {{10}, {10.2}, {9.8}});
        ForkSample nextA = ForkSample.of(new double[][] {{18}, {18.36}, {17.64}});
        ForkSample baseB = ForkSample.of(new double[][] {{50}, {51}, {49}});
        ForkSample nextB = ForkSample.of(new double[][] {{100}, {102}, {98}});
        RatioEstimate r = RatioEstimate.ofRatios(baseA, nextA, baseB, nextB, 0.95);
        assertEquals(0.9, r.ratio(), 1e-9, "1.8x over 2x");
        assertEquals(8, r.degreesOfFreedom());
        // every sample spreads by the same factors: pooled log variance v, standard error sqrt(v * 4/3)
        double[] logs = {Math.log(1.0), Math.log(1.02), Math.log(0.98)};
        double m = (logs[0] + logs[1] + logs[2]) / 3;
        double v = ((logs[0] - m) * (logs[0] - m) + (logs[1] - m) * (logs[1] - m) + (logs[2] - m) * (logs[2] - m)) / 2;
        double half = org.apache.commons.statistics.distribution.TDistribution.of(8).inverseCumulativeProbability(0.975)
                * Math.sqrt(v * 4 / 3);
        assertEquals(0.9 * Math.exp(-half), r.low(), 1e-9);
        assertEquals(0.9 * Math.exp(half), r.high(), 1e-9);
        assertEquals(RatioEstimate.Verdict.LOWER, r.verdict(), r.toString());
        ForkSample one = ForkSample.of(new double[][] {{1}});
        assertEquals(RatioEstimate.Verdict.NOT_RESOLVED, RatioEstimate.ofRatios(one, one, one, one, 0.95).verdict());
    }

    @Test
    void targetVerdictsNeedTheWholeInterval() {
        assertEquals(RatioEstimate.TargetVerdict.MET, new RatioEstimate(1.9, 1.85, 1.95, 4, 0, 0.95).against(1.8, true));
        assertEquals(RatioEstimate.TargetVerdict.MISSED, new RatioEstimate(1.7, 1.6, 1.75, 4, 0, 0.95).against(1.8, true));
        assertEquals(RatioEstimate.TargetVerdict.NOT_DECIDED, new RatioEstimate(1.85, 1.5, 2.2, 4, 0, 0.95).against(1.8, true));
        assertEquals(RatioEstimate.TargetVerdict.NOT_DECIDED, new RatioEstimate(1.7, 1.5, 2.2, 4, 0, 0.95).against(1.8, true));
        assertEquals(RatioEstimate.TargetVerdict.MET, new RatioEstimate(1.4, 1.3, 1.45, 4, 0, 0.95).against(1.5, false));
        assertEquals(RatioEstimate.TargetVerdict.MISSED, new RatioEstimate(1.6, 1.55, 1.7, 4, 0, 0.95).against(1.5, false));
        assertEquals(RatioEstimate.TargetVerdict.NOT_DECIDED, new RatioEstimate(1.45, 1.2, 1.8, 4, 0, 0.95).against(1.5, false));
        assertEquals(RatioEstimate.TargetVerdict.NOT_RESOLVED,
                new RatioEstimate(2, Double.NaN, Double.NaN, 0, Double.NaN, 0.95).against(1.8, true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RatioEstimate(2, 1, 3, 4, 0, 0.95).against(0, true));
        assertTrue(e.getMessage().contains("target: 0.0"), e.getMessage());
    }

    @Test
    void forkToForkSpreadWidensTheRatioIntervalUntilItContainsOne() {
        ForkSample base = ForkSample.of(new double[][] {{10, 10, 10}, {13, 13, 13}, {8, 8, 8}});
        ForkSample next = ForkSample.of(new double[][] {{11, 11, 11}, {9, 9, 9}, {14, 14, 14}});
        RatioEstimate r = RatioEstimate.of(base, next, 0.99);
        assertEquals(RatioEstimate.Verdict.NO_DIFFERENCE_SHOWN, r.verdict(), r.toString());
        // while every fork's iterations are identical, so JMH's pooled-iteration interval would be tight
        assertTrue(r.low() < 1 && r.high() > 1);
    }

    @Test
    void oneForkAgainstOneIsNotResolvedButTwoAgainstOneIs() {
        ForkSample one = ForkSample.of(new double[][] {{10}});
        ForkSample other = ForkSample.of(new double[][] {{30}});
        assertEquals(RatioEstimate.Verdict.NOT_RESOLVED, RatioEstimate.of(one, other, 0.99).verdict());
        ForkSample two = ForkSample.of(new double[][] {{10}, {10.1}});
        RatioEstimate r = RatioEstimate.of(two, other, 0.99);
        assertTrue(r.resolved());
        assertEquals(1, r.degreesOfFreedom());
    }

    @Test
    void badInputIsRejectedByName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForkSample.of(new double[0][]))
                .getMessage().contains("no fork"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForkSample.of(new double[][] {{1}, {}}))
                .getMessage().contains("fork 1 has no iterations"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ForkSample.of(new double[][] {{Double.NaN}}))
                .getMessage().contains("NaN"));
        ForkSample s = ForkSample.of(new double[][] {{1}, {2}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.interval(1.0)).getMessage().contains("confidence: 1.0"));
        ForkSample zero = ForkSample.of(new double[][] {{0}, {0}});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RatioEstimate.of(zero, s, 0.9))
                .getMessage().contains("> 0"));
    }

    @Test
    void tailPercentilesPerForkAndTheirMedian() {
        // fork 0: 999 samples of 10 and one of 1000; fork 1: all 10 but one 50; fork 2: one 5000
        double[][][][] h = {
            {{{10, 500}}, {{10, 499}, {1000, 1}}},
            {{{10, 999}, {50, 1}}},
            {{{10, 999}}, {{5000, 1}}},
        };
        TailSample t = TailSample.of(h);
        assertEquals(3, t.forkCount());
        assertEquals(1000, t.samples(0));
        assertEquals(10, t.percentile(0, 99.9), 0);
        assertEquals(1000, t.percentile(0, 100), 0);
        assertEquals(50, t.percentile(1, 100), 0);
        assertEquals(1000, t.medianOverForks(100), 0);
        assertEquals(10, t.medianOverForks(50), 0);
        assertThrows(IllegalArgumentException.class, () -> t.percentile(0, 0));
        assertThrows(IllegalArgumentException.class, () -> TailSample.of(new double[][][][] {{{{1, 0}}}}));
    }
}
