package dev.portbench.report;

import dev.portbench.stats.ForkSample;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of the report's reading notes: how much this run's forks differ, as the median over
 * results of {@link ForkSample#forkEffect()}, so that a reader sees why the intervals are taken
 * over fork means rather than over pooled iterations.
 */
final class ForkEffectLine {

    private ForkEffectLine() {
    }

    static String of(List<JmhResult> results) {
        List<Double> effects = new ArrayList<>();
        for (JmhResult r : results) {
            ForkSample s = r.forkSample();
            double e = s == null ? Double.NaN : s.forkEffect();
            if (!Double.isNaN(e)) {
                effects.add(e);
            }
        }
        if (effects.isEmpty()) {
            return "- This run has one fork per result: fork-to-fork variance is not measured, so no interval and no "
                    + "ranking is resolved.\n";
        }
        effects.sort(Double::compare);
        double median = effects.size() % 2 == 1 ? effects.get(effects.size() / 2)
                : (effects.get(effects.size() / 2 - 1) + effects.get(effects.size() / 2)) / 2;
        long above = effects.stream().filter(e -> e > 2).count();
        return String.format(Locale.ROOT, "- In this run fork means spread %.1fx as far as their iterations predict (median "
                + "over %d results; %d spread more than 2x): JMH's pooled-iteration interval would be that much too "
                + "narrow, which is why every interval here is taken over fork means.%n", median, effects.size(), above);
    }
}
