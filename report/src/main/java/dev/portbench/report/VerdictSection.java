package dev.portbench.report;

import dev.portbench.stats.Confidence;

import java.util.Locale;
import java.util.Map;

/**
 * The report's verdict lines and forest plots from {@link WorkloadVerdicts}: under the headline,
 * the headline workload's set not told apart from the best with its forest plot (the first screen
 * answers "which allocator, and how sure"); under each workload's table, the same for that
 * workload; and the small multiples of every workload in "All workloads".
 */
final class VerdictSection {

    static final String HOW_TO_READ = "- `group`: allocators that share a letter are not told apart (the "
            + Math.round(100 * Confidence.RANKING) + "% interval over fork means of their cost ratio contains 1, or "
            + "there is no interval); two with no letter in common are. Letters come from every pairwise verdict "
            + "(Piepho's insert-absorb, 2004), so they never contradict one another even when ties are not "
            + "transitive. `/ best (99%)` is the cost over the lowest mean's, with that ratio's interval.\n";

    private VerdictSection() {
    }

    /** The headline workload's verdict and forest plot, if the run has it. */
    static void appendHeadline(StringBuilder md, Map<String, String> charts, Map<String, WorkloadVerdicts> verdicts) {
        WorkloadVerdicts v = verdicts.get(ReportGenerator.HEADLINE_WORKLOAD);
        if (v == null || v.rows().isEmpty()) {
            return;
        }
        md.append("**How sure**: ").append(v.bestSetSentence()).append("\n\n");
        md.append("![").append(ReportGenerator.HEADLINE_WORKLOAD).append(": cost relative to the best, 99% interval]")
                .append("(charts/").append(chart(charts, ReportGenerator.HEADLINE_WORKLOAD, v)).append(")\n\n");
    }

    /** One workload's verdict line and forest plot, after its table. */
    static void appendWorkload(StringBuilder md, Map<String, String> charts, String workload, WorkloadVerdicts v) {
        if (v.rows().isEmpty()) {
            return;
        }
        md.append(v.bestSetSentence()).append("\n\n");
        md.append("![").append(workload).append(": cost relative to the best, 99% interval](charts/")
                .append(chart(charts, workload, v)).append(")\n\n");
    }

    /** Small multiples: every workload's forest over one shared axis. */
    static void appendAllWorkloads(StringBuilder md, Map<String, String> charts, Map<String, WorkloadVerdicts> verdicts) {
        if (verdicts.isEmpty()) {
            return;
        }
        charts.put("forest-all.svg", ForestChart.smallMultiples("forestall", verdicts));
        md.append("## All workloads\n\n![every workload: cost relative to its best, 99% interval](charts/forest-all.svg)\n\n");
    }

    /** The {@code / best (99%)} cell: the ratio with its interval. */
    static String toBestCell(WorkloadVerdicts verdicts, WorkloadVerdicts.Row row) {
        if (row == verdicts.rows().get(0)) {
            return "1 (best)";
        }
        if (row.toBest() == null || !row.toBest().resolved()) {
            return String.format(Locale.ROOT, "%.2f (n/a)", row.ratio());
        }
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", row.ratio(), row.toBest().low(), row.toBest().high());
    }

    private static String chart(Map<String, String> charts, String workload, WorkloadVerdicts v) {
        String file = "forest-" + workload + ".svg";
        charts.computeIfAbsent(file, f -> ForestChart.of("forest" + workload.replaceAll("[^A-Za-z0-9]", ""), workload, v));
        return file;
    }
}
