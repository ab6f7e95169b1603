package dev.portbench.report;

import dev.portbench.stats.Confidence;
import dev.portbench.stats.RatioEstimate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What one workload's intervals support, and nothing more: results sorted by mean, each with its
 * cost ratio to the lowest mean and that ratio's interval over fork means
 * ({@link Analysis#ratio}, {@link Confidence#RANKING}), the set not told apart from the best, and
 * a {@link LetterDisplay} of every pairwise verdict (two results share a letter exactly when the
 * interval of their ratio contains 1, or no interval could be made). Replaces the rank column,
 * which could list a "=1" below a "=2" because "not told apart" is not transitive.
 *
 * <p>Cost: n(n-1)/2 ratio intervals for n results. Immutable; thread-safe.
 *
 * @param rows the results, cheapest mean first
 * @param resolved whether every pair had an interval (per-fork data, at least three forks together)
 */
record WorkloadVerdicts(List<Row> rows, boolean resolved) {

    /**
     * One result.
     *
     * @param result the JMH result
     * @param letters its letters: results sharing one are not told apart
     * @param ratio its cost over the best's: of the geometric means of fork means when there is per-fork
     *     data, else of the scores; 1 for the best
     * @param toBest that ratio with its interval (null for the best itself or without per-fork data)
     * @param tiedWithBest whether it is not told apart from the best (true for the best)
     */
    record Row(JmhResult result, String letters, double ratio, RatioEstimate toBest, boolean tiedWithBest) {

        String allocator() {
            return result.param("allocator");
        }
    }

    WorkloadVerdicts {
        rows = List.copyOf(rows);
    }

    /** The verdicts over {@code results} (one workload's), at most {@value LetterDisplay#MAX_TREATMENTS}. */
    static WorkloadVerdicts of(List<JmhResult> results) {
        List<JmhResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparingDouble(JmhResult::score).thenComparing(JmhResult::key));
        int n = sorted.size();
        boolean[][] differs = new boolean[n][n];
        RatioEstimate[] toBest = new RatioEstimate[n];
        boolean resolved = true;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                RatioEstimate r = Analysis.ratio(sorted.get(i), sorted.get(j));
                boolean decided = r != null && r.resolved();
                resolved &= decided;
                differs[i][j] = decided && r.significant();
                differs[j][i] = differs[i][j];
                if (i == 0) {
                    toBest[j] = r;
                }
            }
        }
        String[] letters = LetterDisplay.of(differs);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ratio = i == 0 ? 1 : toBest[i] != null ? toBest[i].ratio() : sorted.get(i).score() / sorted.get(0).score();
            rows.add(new Row(sorted.get(i), letters[i], ratio, toBest[i], i == 0 || !differs[0][i]));
        }
        return new WorkloadVerdicts(rows, resolved);
    }

    /** The results not told apart from the best, best first. */
    List<Row> tiedWithBest() {
        return rows.stream().filter(Row::tiedWithBest).toList();
    }

    /** One sentence: the best, those not told apart from it, how many were told apart. */
    String bestSetSentence() {
        if (rows.isEmpty()) {
            return "";
        }
        List<String> tied = tiedWithBest().stream().map(Row::allocator).toList();
        int pct = (int) Math.round(100 * Confidence.RANKING);
        if (!resolved) {
            return "Not resolved: some pairs have no interval (a verdict needs per-fork data from at least three forks in "
                    + "all), so results without one share letters with everything. Lowest mean: **" + tied.get(0) + "**.";
        }
        if (tied.size() == 1) {
            return String.format(java.util.Locale.ROOT, "Best: **%s**, told apart from every other allocator at %d%% "
                    + "over forks.", tied.get(0), pct);
        }
        return String.format(java.util.Locale.ROOT, "Not told apart from the best (%s) at %d%% over forks: **%s** "
                + "(%d of %d); the other %d cost more.", tied.get(0), pct, String.join("**, **", tied), tied.size(),
                rows.size(), rows.size() - tied.size());
    }
}
