package dev.portbench.report;

import dev.portbench.report.Analysis.Format;

import java.util.Locale;

/**
 * The floor ({@code FloorBenchmark}: the cheapest cycle on the same trace and harness, a lower
 * bound and not a usable allocator) as the report uses it: each allocator's cost divided by the
 * floor's on the same workload, beside its ratio to java.util.
 */
final class FloorRatios {

    static final String FLOOR = "FloorBenchmark.replay";

    private FloorRatios() {
    }

    /** The floor's result on {@code workload}, or null if the run did not measure it. */
    static JmhResult floor(RunData run, String workload) {
        return run.on(FLOOR, workload);
    }

    /** {@code score / floor} to two decimals, or n/a. */
    static String cell(double score, JmhResult floor) {
        return floor == null || !(floor.score() > 0) ? "n/a" : String.format(Locale.ROOT, "%.2f", score / floor.score());
    }

    /** The table row of the floor itself. */
    static String row(JmhResult floor) {
        return "| | *floor (lower bound, not an allocator)* | " + Format.ns(floor.score()) + " | " + Format.ns(floor.error())
                + " | | 1.00 | | " + Format.bytes(floor.bytesPerOp()) + " | | |\n";
    }

    /** What the headline adds: the winner's cost as a multiple of the floor, or nothing. */
    static String headlineClause(RunData run, String workload, double bestScore) {
        JmhResult f = floor(run, workload);
        if (f == null || !(f.score() > 0)) {
            return "";
        }
        return String.format(Locale.ROOT, " It costs %s x the floor (%s ns/event: a free ring and a TIME-WAIT ring inline, "
                + "no checks, a lower bound, not an allocator).", cell(bestScore, f), Format.ns(f.score()));
    }
}
