package dev.portbench.report;

import dev.portbench.runfolder.RoundsFile;
import dev.portbench.stats.SequentialDesign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's section on a run's adaptive rounds ({@code rounds.json}): the design its verdicts
 * honour, each round with its level, the open pairs it was planned on, the forks it added and
 * why, and why no further round ran. Nothing for a run of one round. Deterministic: the same file
 * gives the same bytes (the rounds' wall times are the file's).
 */
final class RoundsSection {

    private RoundsSection() {
    }

    static void append(StringBuilder md, RoundsFile rounds) {
        if (rounds == null) {
            return;
        }
        SequentialDesign d = rounds.design();
        md.append("## Rounds of forks\n\n");
        md.append(String.format(Locale.ROOT, "The first round ran every benchmark with the profile's forks; each later round "
                + "added forks to the replay results whose verdict against another result of their workload was still open "
                + "(neighbours in the workload's ranking, and in runs since 2026-12-08 any two results of the headline "
                + "workload; each addition below names its pair). A pair is decided when its interval excludes 1, or lies within %.2fx either way. The verdicts "
                + "between replay results honour a group-sequential design: %s alpha spending (Lan and DeMets 1983) over "
                + "%d planned looks, so that looking after every round calls identical code different at most %.0f%% of "
                + "the time over all looks (Bonferroni over the looks' levels). A pair is decided at the first look whose "
                + "interval excludes 1, and the tables show that look's interval; a later look never undoes it. See "
                + "[docs/statistics.md](../../../docs/statistics.md).%n%n", rounds.margin(),
                d.spending() == SequentialDesign.Spending.POCOCK ? "Pocock-type" : "O'Brien-Fleming-type", d.looks(),
                100 * (1 - d.confidence())));
        md.append("| round | intervals at | open pairs before | forks added | wall time | why |\n");
        md.append("|---:|---:|---:|---:|---:|---|\n");
        for (RoundsFile.Round r : rounds.rounds()) {
            md.append(String.format(Locale.ROOT, "| %d | %.2f%% | %s | %d | %.0f s | %s |%n", r.round(),
                    100 * r.nominalConfidence(), r.round() == 1 ? "" : String.valueOf(r.openPairs()), r.forksAdded(),
                    r.seconds(), r.round() == 1 ? "the profile's forks of every benchmark" : r.added().size()
                            + " benchmarks, for the pairs below"));
        }
        RoundsFile.Round last = rounds.rounds().get(rounds.rounds().size() - 1);
        md.append("\n");
        for (RoundsFile.Round r : rounds.rounds()) {
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            for (RoundsFile.Addition a : r.added()) {
                byReason.computeIfAbsent(a.reason(), k -> new ArrayList<>()).add("+" + a.forks() + " " + a.allocator());
            }
            byReason.forEach((reason, adds) -> md.append("- round ").append(r.round()).append(": ").append(reason)
                    .append(": ").append(String.join(", ", adds)).append("\n"));
        }
        if (last.stop() != null) {
            md.append(rounds.rounds().size() > 1 ? "\n" : "").append("No round ").append(last.round() + 1).append(": ")
                    .append(last.stop()).append(".\n");
        }
        md.append("\n");
    }
}
