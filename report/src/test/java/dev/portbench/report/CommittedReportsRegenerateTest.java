package dev.portbench.report;

import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./portbench report} on the published reference run (the one README.md names) and on the
 * latest run of the results index regenerates their committed files byte for byte: REPORT.md,
 * REPORT.html, every chart and results.csv. Rendered in memory, nothing written into results/.
 * About 12 s a run (the Gateways section simulates its fleets).
 */
class CommittedReportsRegenerateTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void theReferenceAndTheLatestRunRegenerateByteForByte() throws IOException {
        List<Path> runs = new ArrayList<>();
        Matcher reference = Pattern.compile("Reference run: \\[(results/runs/[^\\]]+)\\]")
                .matcher(Files.readString(ROOT.resolve("README.md")));
        assertTrue(reference.find(), "README.md names its reference run");
        runs.add(ROOT.resolve(reference.group(1)));
        Matcher latest = Pattern.compile("Latest: \\[[^\\]]+\\]\\((runs/[^)]+)/REPORT.md\\)")
                .matcher(Files.readString(ROOT.resolve("results/README.md")));
        assertTrue(latest.find(), "results/README.md names the latest run");
        Path latestRun = ROOT.resolve("results").resolve(latest.group(1));
        if (!latestRun.normalize().equals(runs.get(0).normalize())) {
            runs.add(latestRun);
        }
        for (Path dir : runs) {
            RunData run = RunData.load(dir);
            ReportGenerator.Rendered r = ReportGenerator.render(run);
            assertEquals(Files.readString(dir.resolve("REPORT.md")), r.markdown(), dir + "/REPORT.md");
            assertEquals(Files.readString(dir.resolve("REPORT.html")),
                    HtmlReport.render("Ephemeral-port allocators: run " + run.name(), r.markdown(), r.charts()), dir + "/REPORT.html");
            assertEquals(Files.readString(dir.resolve("results.csv")), ResultsCsv.render(run.results()), dir + "/results.csv");
            TreeSet<String> committed = new TreeSet<>();
            try (Stream<Path> s = Files.list(dir.resolve("charts"))) {
                s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".svg")).forEach(committed::add);
            }
            assertEquals(committed, new TreeSet<>(r.charts().keySet()), dir + "/charts");
            for (Map.Entry<String, String> c : r.charts().entrySet()) {
                assertEquals(Files.readString(dir.resolve("charts").resolve(c.getKey())), c.getValue(), dir + "/charts/" + c.getKey());
            }
            assertTrue(Files.isRegularFile(dir.resolve(RunFiles.ENVIRONMENT)));
        }
    }
}
