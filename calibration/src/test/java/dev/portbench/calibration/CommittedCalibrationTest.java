package dev.portbench.calibration;

import dev.portbench.stack.PortSharing;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed kernel calibration, re-read from its raw data on every build: re-analysing the
 * folder reproduces its committed tables byte for byte, the Linux profile meets every scenario,
 * and each negative control (a model lacking one rule: batch expiry, on-demand TIME-WAIT reuse,
 * 4-tuple sharing, bind blocking) misses at least one committed scenario, so the calibration
 * tells those rules apart. Not told apart by the committed data: a sequential start instead of
 * the randomised one (every scenario uses its whole small range, so which free port comes first
 * never changes an outcome); that needs a scenario that records where in the range the kernel
 * starts, not yet run.
 */
class CommittedCalibrationTest {

    private static final Path COMMITTED = Path.of("..", "results", "calibration", "20261126-6.18.44-fc-v782");

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void reAnalysingTheCommittedFolderReproducesItsTables(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve(COMMITTED.getFileName().toString());
        copy(COMMITTED, dir);
        CalibrationRunner.analyse(dir, tmp, null);
        for (String file : List.of("summary.json", "CALIBRATION.md", "linux-timewait-lateness.json")) {
            assertArrayEquals(Files.readAllBytes(COMMITTED.resolve(file)), Files.readAllBytes(dir.resolve(file)),
                    file + ": the committed table disagrees with the analysis of the committed raw data");
        }
    }

    private static TimeWaitLateness measured() {
        return CalibrationJson.read(COMMITTED.resolve("linux-timewait-lateness.json"), TimeWaitLateness.class);
    }

    /** The scenarios {@code model} misses, each with the checks it misses. */
    private static List<String> missed(PortModel model, TimeWaitLateness lateness) {
        LatenessAnalysis a = CalibrationAnalysis.latenessAnalysis(COMMITTED);
        CalibrationSummary s = CalibrationAnalysis.summarize(COMMITTED, lateness, a, model);
        List<String> missed = new ArrayList<>();
        for (ScenarioComparison c : s.scenarios()) {
            for (MetricCheck m : c.checks()) {
                if (!m.met()) {
                    missed.add(c.scenario().id() + " " + m.metric() + " (kernel " + m.kernel() + ", model " + m.model() + ")");
                }
            }
        }
        return missed;
    }

    private static StackProfile linux(TimeWaitLateness lateness) {
        return LinuxScenarioModel.withLateness(StackProfiles.linux(), lateness);
    }

    private static StackProfile with(StackProfile p, PortSharing sharing) {
        return new StackProfile(p.id(), p.description(), p.firstPort(), p.lastPort(), p.timeWaitNanos(), sharing,
                p.bindAddressNoPort(), p.timeWaitReuse(), p.reuseDelayNanos(), p.selection(), p.lateness());
    }

    @Test
    void theLinuxProfileMeetsEveryCommittedScenario() {
        List<String> missed = missed(new LinuxScenarioModel(measured()), measured());
        assertTrue(missed.isEmpty(), "the linux profile misses: " + missed);
    }

    @Test
    void aModelWithoutBatchExpiryMissesAScenario() {
        TimeWaitLateness exact = TimeWaitLateness.exact(measured().timeWaitNanos(), "negative control: no batch expiry");
        List<String> missed = missed(new LinuxScenarioModel(linux(exact), true, true), measured());
        assertFalse(missed.isEmpty(), "expiry exactly at 60 s passes every committed scenario");
    }

    @Test
    void aModelWithoutOnDemandTimeWaitReuseMissesAScenario() {
        List<String> missed = missed(new LinuxScenarioModel(linux(measured()), false, true), measured());
        assertFalse(missed.isEmpty(), "ignoring tcp_tw_reuse passes every committed scenario");
    }

    @Test
    void aModelWithoutFourTupleSharingMissesAScenario() {
        StackProfile global = with(linux(measured()), PortSharing.GLOBAL_POOL);
        List<String> missed = missed(new LinuxScenarioModel(global, true, true), measured());
        assertFalse(missed.isEmpty(), "one global pool passes every committed scenario");
    }

    @Test
    void aModelWithoutBindBlockingMissesAScenario() {
        List<String> missed = missed(new LinuxScenarioModel(linux(measured()), true, false), measured());
        assertFalse(missed.isEmpty(), "bind as a plain connect passes every committed scenario");
    }
}
