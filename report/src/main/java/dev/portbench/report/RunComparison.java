package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.RatioEstimate;

import java.nio.file.Path;
import java.util.ArrayList;
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
 *
 * <p>Runs from different CPUs or JDKs ({@link #machineDifference}) are not judged on absolute
 * times, which measure the machine as much as the code: the comparison warns, and judges each
 * benchmark's cost relative to the {@code java.util} peer baseline of the same workload in the
 * same run, (new / new baseline) / (base / base baseline), with its 99.9% interval over the four
 * samples' fork means ({@link RatioEstimate#ofRatios}). A benchmark with no such baseline (the
 * harness, the floor, policies) is "not judged".
 */
public final class RunComparison {

    private RunComparison() {
    }

    /**
     * One compared benchmark.
     *
     * @param baseReference the {@code java.util} baseline of the same workload in the base run, or null
     * @param nextReference the same in the new run, or null
     */
    public record Change(String key, JmhResult base, JmhResult next, JmhResult baseReference, JmhResult nextReference) {

        public Change(String key, JmhResult base, JmhResult next) {
            this(key, base, next, null, null);
        }

        /**
         * (new / new baseline) / (base / base baseline) with its 99.9% interval; null without a
         * baseline on both sides or without per-fork data.
         */
        public RatioEstimate relativeEstimate() {
            if (baseReference == null || nextReference == null) {
                return null;
            }
            ForkSample[] s = {base.forkSample(), next.forkSample(), baseReference.forkSample(), nextReference.forkSample()};
            for (ForkSample f : s) {
                if (f == null) {
                    return null;
                }
            }
            return RatioEstimate.ofRatios(s[0], s[1], s[2], s[3], Confidence.COMPARISON);
        }

        /** The verdict on the relative cost: not resolved without a baseline or per-fork data. */
        public RatioEstimate.Verdict relativeVerdict() {
            RatioEstimate e = relativeEstimate();
            return e == null ? RatioEstimate.Verdict.NOT_RESOLVED : e.verdict();
        }

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
        Map<String, JmhResult> before = byKey(base);
        Map<String, JmhResult> after = byKey(next);
        return next.results().stream().filter(r -> before.containsKey(r.key()))
                .map(r -> new Change(r.key(), before.get(r.key()), r, reference(before, r), reference(after, r))).toList();
    }

    private static Map<String, JmhResult> byKey(RunData run) {
        Map<String, JmhResult> m = new LinkedHashMap<>();
        for (JmhResult r : run.results()) {
            m.put(r.key(), r);
        }
        return m;
    }

    /** The result that is {@code r} with the {@code java.util} baseline as its allocator, in {@code run}; null if none. */
    private static JmhResult reference(Map<String, JmhResult> run, JmhResult r) {
        if (r.param("allocator") == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>(r.params());
        params.put("allocator", Analysis.JAVA_UTIL);
        return run.get(new JmhResult(r.benchmark(), r.mode(), params, 0, 0, 0, r.unit(), Map.of(), 0).key());
    }

    /**
     * What differs between the two runs' machines and JDKs (CPU model, cores, JVM runtime version,
     * JVM vendor), as "CPU A vs B; JVM C vs D", or null when all are the same.
     */
    public static String machineDifference(RunData base, RunData next) {
        List<String> diffs = new ArrayList<>();
        Map<String, Function<RunData, Object>> fields = new LinkedHashMap<>();
        fields.put("CPU", r -> r.environment().machine() == null ? null : r.environment().machine().cpuModel());
        fields.put("cores", r -> r.environment().machine() == null ? null : r.environment().machine().cores());
        fields.put("JVM", r -> r.jvm().runtime());
        fields.put("JVM vendor", r -> r.jvm().vendor());
        fields.forEach((label, field) -> {
            String a = RunData.known(field.apply(base));
            String b = RunData.known(field.apply(next));
            if (!a.equals(b)) {
                diffs.add(label + " " + a + " vs " + b);
            }
        });
        return diffs.isEmpty() ? null : String.join("; ", diffs);
    }

    public static String markdown(Path baseDir, Path nextDir) {
        return markdown(RunData.load(baseDir), RunData.load(nextDir));
    }

    /** The comparison of two loaded runs. */
    public static String markdown(RunData base, RunData next) {
        List<Change> changes = changes(base, next);
        String difference = machineDifference(base, next);
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
        if (difference != null) {
            md.append(String.format(Locale.ROOT, "%n**Warning: different machines or JDKs** (%s). Absolute times measure the "
                    + "machine as much as the code, so they are shown but not judged: each verdict below judges the benchmark's "
                    + "cost relative to the `%s` baseline of the same workload in the same run, (new / new baseline) / "
                    + "(base / base baseline), on its 99.9%% interval over fork means. To judge the code alone, run both "
                    + "commits on one machine and JDK (`git worktree add` the base commit, build it, run the same "
                    + "benchmarks) and compare those runs.%n", difference, Analysis.JAVA_UTIL));
            crossMachineTable(md, changes, base, next);
            return md.toString();
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
            appendScores(md, c).append(interval(e)).append(" | ").append(verdict).append(" |\n");
        }
        onlyInOne(md, base, next, changes);
        return md.toString();
    }

    private static void crossMachineTable(StringBuilder md, List<Change> changes, RunData base, RunData next) {
        long judged = changes.stream().filter(c -> c.relativeEstimate() != null && c.relativeEstimate().resolved()).count();
        long significant = changes.stream().filter(c -> c.relativeVerdict() == RatioEstimate.Verdict.LOWER
                || c.relativeVerdict() == RatioEstimate.Verdict.HIGHER).count();
        md.append(String.format(Locale.ROOT, "%n%d benchmarks in both runs (%s forks against %s); %d have a `%s` baseline on "
                + "both sides and enough per-fork data (some side with two forks) to be judged on their relative cost; %d of "
                + "those changed (marked **relatively faster** / **relatively slower**). The rest are not judged or not "
                + "resolved.%n%n",
                changes.size(), forks(base), forks(next), judged, Analysis.JAVA_UTIL, significant));
        md.append("| benchmark | base | new | new / base (not judged) | relative: (new / baseline) / (base / baseline) "
                + "| 99.9% interval | verdict |\n|---|---:|---:|---:|---:|---:|---|\n");
        for (Change c : changes) {
            RatioEstimate e = c.relativeEstimate();
            String verdict = e == null ? "not judged (no same-run baseline, or no per-fork data)" : switch (e.verdict()) {
                case LOWER -> "**relatively faster**";
                case HIGHER -> "**relatively slower**";
                case NO_DIFFERENCE_SHOWN -> "no relative change shown";
                case NOT_RESOLVED -> "not resolved";
            };
            appendScores(md, c).append(e == null ? "n/a" : String.format(Locale.ROOT, "%.3f", e.ratio())).append(" | ")
                    .append(interval(e)).append(" | ").append(verdict).append(" |\n");
        }
        onlyInOne(md, base, next, changes);
    }

    /** Opens a row of either comparison table: the benchmark, both scores with their errors, and new / base. */
    private static StringBuilder appendScores(StringBuilder md, Change c) {
        return md.append("| ").append(c.key()).append(" | ")
                .append(Format.ns(c.base().score())).append(" ± ").append(Format.ns(c.base().error())).append(" | ")
                .append(Format.ns(c.next().score())).append(" ± ").append(Format.ns(c.next().error())).append(" | ")
                .append(String.format(Locale.ROOT, "%.3f", c.ratio())).append(" | ");
    }

    /** An estimate's interval as {@code low-high}, or {@code n/a} when there is none or it is not resolved. */
    private static String interval(RatioEstimate e) {
        return e == null || !e.resolved() ? "n/a" : String.format(Locale.ROOT, "%.3f-%.3f", e.low(), e.high());
    }

    private static void onlyInOne(StringBuilder md, RunData base, RunData next, List<Change> changes) {
        int onlyBase = base.results().size() - changes.size();
        int onlyNext = next.results().size() - changes.size();
        if (onlyBase > 0 || onlyNext > 0) {
            md.append(String.format(Locale.ROOT, "%n%d benchmarks only in the base run, %d only in the new one.%n", onlyBase, onlyNext));
        }
    }

    private static String forks(RunData run) {
        return run.environment().jmh() == null ? "unknown" : String.valueOf(run.environment().jmh().forks());
    }
}
