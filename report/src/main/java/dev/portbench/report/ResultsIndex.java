package dev.portbench.report;

import dev.portbench.calibration.CalibrationSection;
import dev.portbench.io.AtomicFiles;
import dev.portbench.report.Analysis.Pick;
import dev.portbench.runfolder.EnvironmentFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static dev.portbench.report.RunData.known;

/** {@code results/README.md}: every run, newest first, with its headline, and the committed comparisons. */
final class ResultsIndex {

    private ResultsIndex() {
    }

    /** Writes {@code results/README.md}: every run, newest first, and which is the latest. */
    static Path write(Path results) {
        List<Path> runs = new ArrayList<>(ReportGenerator.runsUnder(results));
        java.util.Collections.reverse(runs);
        StringBuilder md = new StringBuilder("# Results\n\n");
        md.append("Every run folder here was written by `./portbench run` and holds JMH's `jmh.json`, the `console.log`, "
                + "the `environment.json`, `footprint.json`, `simulation.json`, `selection.json`, and its `REPORT.md` with `charts/`. "
                + "This index is rewritten by `./portbench report`.\n\n");
        md.append("- **Spreadsheets**: `results.csv` in each run folder holds every result, one row each, with the fork "
                + "means and their 99% interval beside JMH's own score and interval.\n");
        md.append("- **JMH Visualizer**: open https://jmh.morethan.io and drop a run's `jmh.json` on the page (or give it "
                + "the file's raw URL, e.g. `https://jmh.morethan.io/?source=<raw URL of jmh.json>`); drop two runs' "
                + "files to compare them. The file is JMH's own JSON, written compact. The Visualizer's error bars are "
                + "JMH's pooled-iteration intervals; the reports' intervals are over fork means.\n\n");
        if (runs.isEmpty()) {
            md.append("No runs yet.\n");
        } else {
            md.append("Latest: [").append(runs.get(0).getFileName()).append("](runs/").append(runs.get(0).getFileName())
                    .append("/REPORT.md)\n\n");
            md.append("| run | profile | machine | JVM | commit | headline |\n|---|---|---|---|---|---|\n");
            for (Path p : runs) {
                String name = p.getFileName().toString();
                try {
                    RunData run = RunData.load(p);
                    Pick pick = ReportGenerator.headlinePick(run);
                    String headline = pick == null ? "" : pick.sentence();
                    EnvironmentFile.Git git = run.environment().git() != null ? run.environment().git()
                            : new EnvironmentFile.Git(null, null);
                    String commit = known(git.commit());
                    md.append("| [").append(name).append("](runs/").append(name).append("/REPORT.md) | ")
                            .append(known(run.environment().profile())).append(" | ")
                            .append(ReportGenerator.cpuModel(run)).append(", ").append(ReportGenerator.cores(run)).append(" cores | ")
                            .append(known(run.jvm().vendor())).append(' ').append(known(run.jvm().version())).append(" | ")
                            .append(commit.length() > 10 ? commit.substring(0, 10) : commit)
                            .append(Boolean.TRUE.equals(git.dirty()) ? " (dirty)" : "").append(" | ")
                            .append(headline).append(" |\n");
                } catch (IllegalArgumentException e) {
                    md.append("| ").append(name).append(" | unreadable: ").append(e.getMessage().replace("|", "/"))
                            .append(" | | | | |\n");
                }
            }
        }
        CalibrationSection.appendIndex(md, results);
        Path comparisons = results.resolve("comparisons");
        if (Files.isDirectory(comparisons)) {
            try (Stream<Path> c = Files.list(comparisons)) {
                List<Path> files = c.filter(p -> p.toString().endsWith(".md")).sorted().toList();
                if (!files.isEmpty()) {
                    md.append("\n## Comparisons\n\nWritten by `./portbench compare BASE_RUN NEW_RUN --out results/comparisons/NAME.md`:\n\n");
                    for (Path f : files) {
                        md.append("- [").append(f.getFileName()).append("](comparisons/").append(f.getFileName()).append(")\n");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(comparisons + ": " + e.getMessage(), e);
            }
        }
        Path index = results.resolve("README.md");
        AtomicFiles.write(index, md.toString());
        return index;
    }
}
