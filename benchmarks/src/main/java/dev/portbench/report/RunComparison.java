package dev.portbench.report;

import dev.portbench.report.Analysis.Format;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Compares two runs (before and after a change, two JDKs, two machines): every benchmark present
 * in both, its score in each, the change, and whether the change is outside both 99.9%
 * intervals (significant) or within them (noise).
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

        public boolean significant() {
            return !base.overlaps(next);
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
        long significant = changes.stream().filter(Change::significant).count();
        md.append(String.format(Locale.ROOT, "%n%d benchmarks in both runs; %d changed beyond both 99.9%% intervals "
                + "(marked **faster** / **slower**), the rest are within noise.%n%n", changes.size(), significant));
        md.append("| benchmark | base | new | new / base | verdict |\n|---|---:|---:|---:|---|\n");
        for (Change c : changes) {
            String verdict = !c.significant() ? "within noise" : c.ratio() < 1 ? "**faster**" : "**slower**";
            md.append("| ").append(c.key()).append(" | ")
                    .append(Format.ns(c.base().score())).append(" ± ").append(Format.ns(c.base().error())).append(" | ")
                    .append(Format.ns(c.next().score())).append(" ± ").append(Format.ns(c.next().error())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.3f", c.ratio())).append(" | ").append(verdict).append(" |\n");
        }
        int onlyBase = base.results().size() - changes.size();
        int onlyNext = next.results().size() - changes.size();
        if (onlyBase > 0 || onlyNext > 0) {
            md.append(String.format(Locale.ROOT, "%n%d benchmarks only in the base run, %d only in the new one.%n", onlyBase, onlyNext));
        }
        return md.toString();
    }
}
