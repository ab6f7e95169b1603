package dev.portbench.report;

import dev.portbench.workload.Workloads;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where the headline's pick holds: the workloads (load, arrival shape, range) on which its
 * winner also wins or ties for first, and the others with their winners, so that the headline
 * names its conditions instead of generalising from one workload.
 */
final class HeadlineConditions {

    private HeadlineConditions() {
    }

    /** One sentence; empty when the run has only the headline workload or no resolved picks. */
    static String sentence(RunData run, Analysis.Pick headline) {
        Map<String, List<JmhResult>> byWorkload = ReportGenerator.byWorkload(run.of(ReportGenerator.REPLAY));
        if (byWorkload.size() < 2 || headline == null || !headline.resolved()) {
            return "";
        }
        String winner = headline.winners().get(0);
        List<String> holds = new ArrayList<>();
        Map<String, List<String>> others = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (Map.Entry<String, List<JmhResult>> e : byWorkload.entrySet()) {
            Analysis.Pick p = Analysis.pick(e.getKey(), e.getValue(), ReportGenerator.harness(run, e.getKey()));
            String label = e.getKey() + " (" + shape(e.getKey()) + ")";
            if (!p.resolved()) {
                unresolved.add(label);
            } else if (p.winners().contains(winner)) {
                holds.add(label);
            } else {
                others.computeIfAbsent(String.join(" / ", p.winners()), k -> new ArrayList<>()).add(label);
            }
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, " Where it holds: %s wins or ties for first on %d of "
                + "%d workloads (%s)", winner, holds.size(), byWorkload.size(), String.join(", ", holds)));
        if (!others.isEmpty()) {
            List<String> parts = new ArrayList<>();
            others.forEach((w, list) -> parts.add(w + " on " + String.join(", ", list)));
            b.append("; the winner changes to ").append(String.join("; ", parts));
        }
        if (!unresolved.isEmpty()) {
            b.append("; not resolved on ").append(String.join(", ", unresolved));
        }
        return b.append('.').toString();
    }

    private static String shape(String workload) {
        try {
            var w = Workloads.byId(workload);
            return String.format(Locale.ROOT, "%s, rho %s, %d ports", w.arrivals().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                    Analysis.Format.ns(w.rho()), w.ports());
        } catch (IllegalArgumentException unknown) {
            return "unknown workload";
        }
    }
}
