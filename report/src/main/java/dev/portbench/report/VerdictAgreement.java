package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.RatioEstimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether shorter runs decide what a reference run decides: on one workload of the replay
 * benchmark, every pair of allocators that the reference tells apart ({@link Analysis#ratio},
 * {@link Confidence#RANKING} interval over fork means excluding 1) with a cost ratio of at least
 * {@code minRatio}, and how each other run judges the same pair: the same way, open (its interval
 * contains 1, or it has too few forks), the other way (a contradiction), or not measured (an
 * allocator missing from the run). This is issue 26's target for quick runs against the full
 * reference, as a table a reader can reproduce with {@code ./portbench agreement}.
 *
 * <p>Cost: one ratio interval per pair and run, n(n-1)/2 pairs for n allocators. Stateless.
 */
public final class VerdictAgreement {

    /** How a run judges one of the reference's decided pairs. */
    public enum Judgement {
        SAME("same"), OPEN("open"), CONTRADICTS("contradicts"), NOT_MEASURED("not measured");

        private final String label;

        Judgement(String label) {
            this.label = label;
        }

        /** The table's word for it. */
        public String label() {
            return label;
        }
    }

    /**
     * One pair the reference decides: {@code faster} costs less than {@code slower} by {@code ratio}
     * (slower / faster, at least the threshold) within {@code [low, high]}; then one judgement, ratio
     * and interval per compared run, in the order given (ratios slower / faster too, NaN when not
     * measured or not resolved).
     */
    public record Pair(String faster, String slower, double ratio, double low, double high, List<Judgement> judgements,
            List<RatioEstimate> estimates) {

        public Pair {
            judgements = List.copyOf(judgements);
            estimates = java.util.Collections.unmodifiableList(new ArrayList<>(estimates));
        }
    }

    private VerdictAgreement() {
    }

    /**
     * The reference's decided pairs on {@code workload} at ratio {@code >= minRatio}, each judged by every run.
     *
     * @throws IllegalArgumentException if {@code minRatio < 1} or is not a number, or if the reference has no
     *     replay result on {@code workload}
     */
    public static List<Pair> pairs(RunData reference, List<RunData> runs, String workload, double minRatio) {
        if (!(minRatio >= 1)) {
            throw new IllegalArgumentException("minimum ratio: " + minRatio + " (expected a number of at least 1)");
        }
        List<JmhResult> base = ReportGenerator.byWorkload(reference.of(ReportGenerator.REPLAY)).get(workload);
        if (base == null || base.size() < 2) {
            throw new IllegalArgumentException("workload '" + workload + "': the reference run " + reference.dir()
                    + " has " + (base == null ? "no" : "one") + " replay result on it (expected at least two allocators; it has "
                    + ReportGenerator.byWorkload(reference.of(ReportGenerator.REPLAY)).keySet() + ")");
        }
        List<List<JmhResult>> others = new ArrayList<>();
        for (RunData run : runs) {
            List<JmhResult> r = ReportGenerator.byWorkload(run.of(ReportGenerator.REPLAY)).get(workload);
            others.add(r == null ? List.of() : r);
        }
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < base.size(); i++) {
            for (int j = i + 1; j < base.size(); j++) {
                RatioEstimate ref = Analysis.ratio(base.get(i), base.get(j));
                if (ref == null || !ref.significant()) {
                    continue;
                }
                boolean iFaster = ref.ratio() > 1;
                JmhResult faster = iFaster ? base.get(i) : base.get(j);
                JmhResult slower = iFaster ? base.get(j) : base.get(i);
                RatioEstimate oriented = Analysis.ratio(faster, slower);
                if (oriented.ratio() < minRatio) {
                    continue;
                }
                List<Judgement> judged = new ArrayList<>();
                List<RatioEstimate> estimates = new ArrayList<>();
                for (List<JmhResult> other : others) {
                    JmhResult f = Analysis.byAllocator(other, faster.param("allocator"));
                    JmhResult s = Analysis.byAllocator(other, slower.param("allocator"));
                    RatioEstimate e = f == null || s == null ? null : Analysis.ratio(f, s);
                    estimates.add(e);
                    judged.add(f == null || s == null ? Judgement.NOT_MEASURED
                            : e == null || !e.significant() ? Judgement.OPEN
                            : e.ratio() > 1 ? Judgement.SAME : Judgement.CONTRADICTS);
                }
                pairs.add(new Pair(faster.param("allocator"), slower.param("allocator"), oriented.ratio(), oriented.low(),
                        oriented.high(), judged, estimates));
            }
        }
        pairs.sort(java.util.Comparator.comparingDouble(Pair::ratio).reversed().thenComparing(Pair::faster)
                .thenComparing(Pair::slower));
        return pairs;
    }

    /** The table of {@link #pairs} in Markdown, with one count line per run and whether the target is met. */
    public static String markdown(Path referenceDir, List<Path> runDirs, String workload, double minRatio) {
        RunData reference = RunData.load(referenceDir);
        List<RunData> runs = runDirs.stream().map(RunData::load).toList();
        List<Pair> pairs = pairs(reference, runs, workload, minRatio);
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "# Verdict agreement on `%s`%n%n", workload));
        md.append(String.format(Locale.ROOT, "Reference `%s`: %d pairs of allocators told apart by a cost ratio of at least "
                + "%s (%d%% interval over fork means). Each run's verdict on the same pair: **same**, **open** (its interval "
                + "contains 1), **contradicts**, or not measured.%n%n", name(reference), pairs.size(), Format.ratio(minRatio),
                Math.round(100 * Confidence.RANKING)));
        md.append("| faster | slower | reference: slower / faster [interval] |");
        for (RunData r : runs) {
            md.append(" `").append(name(r)).append("` |");
        }
        md.append("\n|---|---|---:|");
        md.append("---|".repeat(runs.size())).append('\n');
        for (Pair p : pairs) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s [%s, %s] |", p.faster(), p.slower(), Format.ratio(p.ratio()),
                    Format.ratio(p.low()), Format.ratio(p.high())));
            for (int k = 0; k < runs.size(); k++) {
                RatioEstimate e = p.estimates().get(k);
                md.append(' ').append(p.judgements().get(k).label());
                if (e != null) {
                    md.append(String.format(Locale.ROOT, " %s", Format.ratio(e.ratio())));
                    if (e.resolved()) {
                        md.append(String.format(Locale.ROOT, " [%s, %s]", Format.ratio(e.low()), Format.ratio(e.high())));
                    }
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
        boolean met = !pairs.isEmpty();
        for (int k = 0; k < runs.size(); k++) {
            int[] counts = new int[Judgement.values().length];
            for (Pair p : pairs) {
                counts[p.judgements().get(k).ordinal()]++;
            }
            met &= counts[Judgement.SAME.ordinal()] == pairs.size();
            md.append(String.format(Locale.ROOT, "- `%s`: %d same, %d open, %d contradict, %d not measured, of %d.%n", name(runs.get(k)),
                    counts[0], counts[1], counts[2], counts[3], pairs.size()));
        }
        md.append(String.format(Locale.ROOT, "%nTarget (every pair decided the same way by every run): **%s**.%n",
                met ? "met" : "missed"));
        return md.toString();
    }

    private static String name(RunData run) {
        return run.name();
    }
}
