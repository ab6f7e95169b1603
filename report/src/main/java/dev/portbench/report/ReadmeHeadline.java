package dev.portbench.report;

import dev.portbench.io.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.portbench.report.RunData.known;

/** The README's headline block: one run's headline sentence and a link to its report, between two marker lines. */
final class ReadmeHeadline {

    private ReadmeHeadline() {
    }

    static final String HEADLINE_START = "<!-- headline:start (written by ./portbench report --publish RUN) -->";
    static final String HEADLINE_END = "<!-- headline:end -->";

    /**
     * Makes {@code runDir} the reference run: rewrites the block between the headline markers of
     * the project's {@code README.md} with the run's headline and a link to its report.
     *
     * @throws IllegalArgumentException if the README has no headline markers or the run is unreadable
     */
    public static Path publish(Path root, Path runDir) {
        RunData run = RunData.load(runDir);
        Path readme = root.resolve("README.md");
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new IllegalArgumentException(readme + ": cannot read: " + e.getMessage());
        }
        int start = text.indexOf(HEADLINE_START);
        int end = text.indexOf(HEADLINE_END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(readme + ": no headline markers (expected the lines '" + HEADLINE_START
                    + "' and '" + HEADLINE_END + "')");
        }
        String link = root.toAbsolutePath().normalize().relativize(runDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
        String block = HEADLINE_START + "\n" + ReportGenerator.headline(run) + "\n\nReference run: [" + link + "](" + link + "/REPORT.md) ("
                + known(run.environment().profile()) + " profile, " + known(run.environment().startedAt())
                + "); all runs: [results/](results/README.md).\n";
        AtomicFiles.write(readme, text.substring(0, start) + block + text.substring(end));
        return readme;
    }
}
