package dev.portbench.calibration;

import dev.portbench.stack.TimeWaitLateness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every committed kernel calibration, re-read from its raw data on every build: re-analysing each
 * folder reproduces its committed tables byte for byte, and each negative control (a model
 * lacking one rule: batch expiry, on-demand TIME-WAIT reuse, 4-tuple sharing, bind blocking, the
 * randomised start) misses at least one committed scenario of the folders recorded with close
 * instants (2026-12-07 on), so the calibration tells those rules apart. What the full Linux model
 * meets and misses is the committed tables' business (re-derived here byte for byte), not this
 * test's: the misses it has are disclosed there with their causes.
 */
class CommittedCalibrationTest {

    private static final Path RESULTS = Path.of("..", "results", "calibration");
    /** The folders whose scenarios recorded close instants: the ones the negative controls are judged on. */
    private static final List<String> WITH_CLOSES = List.of("20261207-6.18.44-fc-v1272");

    private static List<Path> committed() {
        return CalibrationSection.calibrationsUnder(RESULTS.getParent());
    }

    @Test
    void reAnalysingEachCommittedFolderReproducesItsTables(@TempDir Path tmp) throws IOException {
        List<Path> folders = committed();
        assertTrue(folders.size() >= 2, "the calibrations of 2026-11-26 and 2026-12-07: " + folders);
        for (Path committed : folders) {
            Path dir = tmp.resolve(committed.getFileName().toString());
            FolderCopy.copyTree(committed, dir);
            CalibrationRunner.analyse(dir, tmp, null);
            for (String file : List.of("summary.json", "CALIBRATION.md", "linux-timewait-lateness.json")) {
                assertArrayEquals(Files.readAllBytes(committed.resolve(file)), Files.readAllBytes(dir.resolve(file)),
                        committed.getFileName() + "/" + file
                                + ": the committed table disagrees with the analysis of the committed raw data");
            }
        }
    }

    /** The scenarios of the folders with closes that {@code rules} misses, each with the checks it misses. */
    private static List<String> missed(LinuxScenarioModel.Rules rules) {
        List<String> missed = new ArrayList<>();
        for (String name : WITH_CLOSES) {
            Path dir = RESULTS.resolve(name);
            TimeWaitLateness measured = CalibrationJson.read(dir.resolve("linux-timewait-lateness.json"),
                    TimeWaitLateness.class);
            CalibrationSummary s = CalibrationAnalysis.summarize(dir, measured, CalibrationAnalysis.latenessAnalysis(dir),
                    new LinuxScenarioModel(measured, rules));
            for (ScenarioComparison c : s.scenarios()) {
                for (MetricCheck m : c.checks()) {
                    if (!m.met()) {
                        missed.add(name + " " + c.scenario().id() + " " + m.metric());
                    }
                }
            }
        }
        return missed;
    }

    @Test
    void eachNegativeControlMissesAScenarioTheLinuxModelMeetsOnThatCheck() {
        List<String> linux = missed(LinuxScenarioModel.Rules.LINUX);
        for (Map.Entry<String, LinuxScenarioModel.Rules> control : LinuxScenarioModel.Rules.controls().entrySet()) {
            List<String> extra = new ArrayList<>(missed(control.getValue()));
            extra.removeAll(linux);
            assertFalse(extra.isEmpty(), "a model with " + control.getKey() + " misses nothing the linux model meets");
        }
    }

    @Test
    void theRecordedClosesAreTheFoldersOwn() {
        for (String name : WITH_CLOSES) {
            for (Path s : CalibrationAnalysis.scenarioDirs(RESULTS.resolve(name))) {
                assertTrue(Files.isRegularFile(s.resolve(CloseLog.FILE)), s + " has its close instants");
            }
        }
    }
}
