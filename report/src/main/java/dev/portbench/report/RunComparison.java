package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.RatioEstimate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Compares two runs (before and after a change, two JDKs, two machines): every benchmark present
 * in both, its score in each, and the ratio new / base with its 99.9% interval over fork means
 * ({@link RatioEstimate}, {@link Confidence#COMPARISON}): faster or slower when the interval
 * excludes 1, "no change shown" when it contains 1, and "not resolved" when the two runs
 * together have too few forks (one each) to estimate fork-to-fork variance. On the reference
 * run, this method calls 0 of 339 comparisons of forks of the same code changed, where the
 * single-fork method called 13 (see {@code ForkAaCheckTest}).
 */
public final class RunComparison {

    private RunComparison() {
    }

    /** One compared benchmark. */
    public record Change(String key, JmhResult base, JmhResult next) {
        /** next / base: below 1 is faster. */
        public double ratio() {
            return next.score() / base.score();
        }

        /** The ratio with its interval over fork means; null when a run holds no per-fork data. */
        public RatioEstimate estimate() {
            ForkSample a = base.forkSample();
            ForkSample b = next.forkSample();
            return a == null || b == null ? null : RatioEstimate.of(a, b, Confidence.COMPARISON);
        }

        public RatioEstimate.Verdict verdict() {
            RatioEstimate e = estimate();
            return e == null ? RatioEstimate.Verdict.NOT_RESOLVED : e.verdict();
        }

        public boolean significant() {
            RatioEstimate.Verdict v = verdict();
            return v == RatioEstimate.Verdict.LOWER || v == RatioEstimate.Verdict.HIGHER;
        }
    }

    public static List<Change> changes(RunData base, RunData next) {
        Map<String, JmhResult> before = new LinkedHashMap<>();
        for (JmhResult r : base.results()) {
            before.put(r.key(), r);
        }
        return next.results().stream().filter(r -> before.containsKey(r.key()))
                .map(r -> new Change(r.key(), before.get(r.key()), r)).toList();
    }

    public static String markdown(Path baseDir, Path nextDir) {
        RunData base = RunData.load(baseDir);
        RunData next = RunData.load(nextDir);
        List<Change> changes = changes(base, next);
        StringBuilder md = new StringBuilder();
        md.append("# Comparison: ").append(base.name()).append(" -> ").append(next.name()).append("\n\n");
        md.append("| | base | new |\n|---|---|---|\n");
        Map<String, Function<RunData, Object>> fields = new LinkedHashMap<>();
        fields.put("profile", r -> r.environment().profile());
        fields.put("CPU", r -> r.environment().machine() == null ? null : r.environment().machine().cpuModel());
        fields.put("kernel", r -> r.environment().machine() == null ? null : r.environment().machine().kernel());
        fields.put("JVM", r -> r.jvm().runtime());
        fields.put("JVM vendor", r -> r.jvm().vendor());
        fields.put("commit", r -> r.environment().git() == null ? null : r.environment().git().commit());
        fields.put("started", r -> r.environment().startedAt());
        fields.forEach((label, field) -> {
            String a = RunData.known(field.apply(base));
            String b = RunData.known(field.apply(next));
            md.append("| ").append(label).append(" | ").append(a).append(" | ").append(a.equals(b) ? "same" : b).append(" |\n");
        });
        String cpuBase = RunData.known(fields.get("CPU").apply(base));
        String cpuNext = RunData.known(fields.get("CPU").apply(next));
        if (!cpuBase.equals(cpuNext)) {
            md.append(String.format(Locale.ROOT, "%n**Different machines** (%s, then %s): every verdict below is the machine's "
                    + "change as much as the code's. To judge the code, run both commits on one machine (`git worktree add` "
                    + "the base commit, build it, run the same benchmarks) and compare those runs.%n", cpuBase, cpuNext));
        }
        long significant = changes.stream().filter(Change::significant).count();
        long unresolved = changes.stream().filter(c -> c.verdict() == RatioEstimate.Verdict.NOT_RESOLVED).count();
        md.append(String.format(Locale.ROOT, "%n%d benchmarks in both runs (%s forks against %s). %d changed: the 99.9%% "
                + "interval of new / base over fork means excludes 1 (marked **faster** / **slower**); %d not resolved "
                + "(one fork on each side cannot measure fork-to-fork variance, and sample-time results carry no per-fork "
                + "scores); the rest show no change at this "
                + "confidence, which is not proof of none: the interval says how large a change could hide.%n%n",
                changes.size(), forks(base), forks(next), significant, unresolved));
        md.append("| benchmark | base | new | new / base | 99.9% interval | verdict |\n|---|---:|---:|---:|---:|---|\n");
        for (Change c : changes) {
            RatioEstimate e = c.estimate();
            String verdict = switch (c.verdict()) {
                case LOWER -> "**faster**";
                case HIGHER -> "**slower**";
                case NO_DIFFERENCE_SHOWN -> "no change shown";
                case NOT_RESOLVED -> "not resolved";
            };
            md.append("| ").append(c.key()).append(" | ")
                    .append(Format.ns(c.base().score())).append(" ± ").append(Format.ns(c.base().error())).append(" | ")
                    .append(Format.ns(c.next().score())).append(" ± ").append(Format.ns(c.next().error())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", c.ratio())).append(" | ")
                    .append(e == null || !e.resolved() ? "n/a"
                            : String.format(Locale.ROOT, "%.3f-%.3f", e.low(), e.high()))
                    .append(" | ").append(verdict).append(" |\n");
        }
        int onlyBase = base.results().size() - changes.size();
        int onlyNext = next.results().size() - changes.size();
        if (onlyBase > 0 || onlyNext > 0) {
            md.append(String.format(Locale.ROOT, "%n%d benchmarks only in the base run, %d only in the new one.%n", onlyBase, onlyNext));
        }
        return md.toString();
    }

    private static String forks(RunData run) {
        return run.environment().jmh() == null ? "unknown" : String.valueOf(run.environment().jmh().forks());
    }
}
