package dev.portbench.natstudy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.portbench.nat.NatCatalog;
import dev.portbench.natstudy.FalseExhaustionStudy.FillKind;
import dev.portbench.natstudy.FalseExhaustionStudy.Point;
import org.junit.jupiter.api.Test;

import java.util.List;

/** The false-exhaustion study against theory: f^k for independent uniform probes, 0 for the exhaustive searches. */
class FalseExhaustionStudyTest {

    private static final long SEED = 7;

    @Test
    void uniformFillRatesOfTheIndependentProbesAreWithinTheBinomialIntervalOfFToTheK() {
        List<Point> points = new FalseExhaustionStudy(4096, 20_000, 1, SEED)
                .run(List.of(NatCatalog.CILIUM, NatCatalog.VPP), List.of(0.8, 0.9, 0.95));
        int checked = 0;
        for (Point p : points) {
            if (p.kind() != FillKind.UNIFORM) {
                continue;
            }
            assertEquals(p.targetFill(), p.fill(), 1e-3, "the uniform fill is the one asked for: " + p);
            assertEquals(Math.pow(p.fill(), p.probesK()), p.theory(), 1e-12);
            assertTrue(p.low() <= p.theory() && p.theory() <= p.high(), "seed " + SEED + ": f^k = " + p.theory()
                    + " outside the 99% interval [" + p.low() + ", " + p.high() + "] of " + p.gaveUp() + " / " + p.tries()
                    + " (" + p.policy().id() + " at " + p.fill() + ")");
            checked++;
        }
        assertEquals(6, checked);
        assertEquals(32, FalseExhaustionStudy.probes(NatCatalog.CILIUM));
        assertEquals(10, FalseExhaustionStudy.probes(NatCatalog.VPP));
    }

    @Test
    void theExhaustiveSearchesNeverGiveUpOnEitherFill() {
        List<Point> points = new FalseExhaustionStudy(2048, 2000, 2000, SEED)
                .run(List.of(NatCatalog.EXACT, NatCatalog.ROUND_ROBIN), List.of(0.5, 0.99));
        assertEquals(8, points.size());
        for (Point p : points) {
            assertEquals(0, p.gaveUp(), p.toString());
            assertEquals(0, p.theory());
            assertTrue(p.tries() >= 2000, p.toString());
        }
    }

    @Test
    void theSteadyStateKeepsItsFillAndTheBoundedSearchesGiveUpNearlyFull() {
        List<Point> points = new FalseExhaustionStudy(2048, 2000, 4000, SEED)
                .run(List.of(NatCatalog.NETFILTER, NatCatalog.NETFILTER_EVICTING, NatCatalog.CILIUM), List.of(0.99));
        for (Point p : points) {
            if (p.policy() == NatCatalog.NETFILTER_EVICTING && p.kind() == FillKind.STEADY_STATE) {
                assertTrue(p.fill() < 0.985, "Linux 6.5+ frees closing pairs early, so fewer are held: " + p);
            } else {
                assertEquals(0.99, p.fill(), 0.002, "pairs held while trying: " + p);
            }
            assertTrue(p.gaveUp() > 0, "at 99% every bounded search sometimes gives up: " + p);
            assertTrue(p.low() <= p.rate() && p.rate() <= p.high(), p.toString());
        }
    }

    @Test
    void theSameSeedGivesTheSamePoints() {
        FalseExhaustionStudy a = new FalseExhaustionStudy(1024, 500, 500, 3);
        FalseExhaustionStudy b = new FalseExhaustionStudy(1024, 500, 500, 3);
        List<NatCatalog> all = List.of(NatCatalog.values());
        assertEquals(a.run(all, List.of(0.9, 0.97)), b.run(all, List.of(0.9, 0.97)));
    }

    @Test
    void badArgumentsAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FalseExhaustionStudy(1001, 10, 10, 1))
                .getMessage().contains("ports: 1001"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FalseExhaustionStudy(1024, 0, 10, 1))
                .getMessage().contains("trials: 0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new FalseExhaustionStudy(1024, 10, 0, 1))
                .getMessage().contains("steadySteps: 0"));
        FalseExhaustionStudy s = new FalseExhaustionStudy(1024, 10, 10, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.run(List.of(NatCatalog.EXACT), List.of(1.0)))
                .getMessage().contains("fill: 1.0"));
    }

    /** Prints the report's study and its time (not asserted): run with -Dtest=FalseExhaustionStudyTest#printReportStudy. */
    @Test
    void printReportStudy() {
        if (!Boolean.getBoolean("study.print")) {
            return;
        }
        long t0 = System.nanoTime();
        List<Point> points = FalseExhaustionStudy.forReport().run(List.of(NatCatalog.values()), FalseExhaustionStudy.REPORT_FILLS);
        System.out.printf("study: %.1f s%n", (System.nanoTime() - t0) / 1e9);
        points.forEach(System.out::println);
    }
}
