package dev.portbench.report;

import dev.portbench.io.AtomicFiles;
import dev.portbench.runfolder.ExpiryCallsFile;
import dev.portbench.runfolder.ExpiryCallsFile.Fork;
import dev.portbench.runfolder.ExpiryCallsFile.Row;
import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "every call timed" section on hand-made data: the table, both ratios, their intervals and the verdicts. */
class ExpiryCallsSectionTest {

    @TempDir
    Path tmp;

    /** Five forks, the timer's floor 25 ns; each fork's median call, worst call and mean from the arrays. */
    static Row row(String allocator, int quota, int ports, double[] median, double[] worst, double[] mean) {
        List<Fork> forks = new ArrayList<>();
        for (int f = 0; f < median.length; f++) {
            forks.add(new Fork(30, 25, 30, median[f], worst[f], 0, worst[f] / 3, worst[f] * 100, mean[f]));
        }
        return new Row(allocator, quota, ports, forks);
    }

    /** Unbounded ring and ring with quota 64 on both ranges; {@code boundedWorst} its worst calls at 64512. */
    static ExpiryCallsFile data(double[] boundedWorst) {
        double[] median = {6.0, 6.0, 6.0, 6.0, 6.0};
        double[] unboundedMean = {18, 18.5, 17.5, 18.2, 18.1};
        double[] boundedMean = {11, 11.2, 10.9, 11.1, 11.0};
        return new ExpiryCallsFile(ExpiryCallsFile.SCHEMA, "portbench expiry-calls", "2026-11-26T00:00:00Z", "Test CPU", "java",
                List.of(), 64, 10, 30, List.of(
                row("ring", 0, 3976, median, new double[] {12_000, 12_500, 11_800, 12_100, 12_200}, unboundedMean),
                row("ring", 0, 64512, median, new double[] {200_000, 190_000, 210_000, 205_000, 195_000}, unboundedMean),
                row("ring", 64, 3976, median, new double[] {220, 230, 225, 215, 235}, boundedMean),
                row("ring", 64, 64512, median, boundedWorst, boundedMean)));
    }

    static final double[] MISSED = {545, 560, 555, 570, 550};
    static final double[] MET = {80, 80.5, 79.5, 80.2, 79.8};
    static final double[] UNDECIDED = {75, 95, 85, 80, 90};

    @Test
    void theTableGivesTheAlgorithmsCallsTheRawSlowestAndTheTimersFloor() {
        String md = ExpiryCallsSection.render(data(MISSED));
        assertTrue(md.contains("## The bulk expiry, every call timed"), md);
        assertTrue(md.contains("| ring /quota=64 | 64512 | 30 | 25.0 | 6.00 | 185 | 555 (545-570) | 0 | 88x | 55,500 (57,000) | 11.0 |"), md);
        assertTrue(md.contains("| ring | 64512 | 30 | 25.0 | 6.00 |"), md);
        assertEquals(md, ExpiryCallsSection.render(data(MISSED)), "the same bytes for the same data");
    }

    @Test
    void theTargetsAreJudgedOnIntervalsOverForksAtTheTargetsRangeOnly() {
        String missed = ExpiryCallsSection.render(data(MISSED));
        // the mean over forks of (worst - 25) / 6 = 88.5; as timed 555 / 30; mean 11.04 / 18.06
        assertTrue(missed.contains("`ring /quota=64` at 64512 ports: worst / median **88.5x** ("), missed);
        assertTrue(missed.contains("): target **missed**, 18.5x as timed; mean cost **0.611x** the unbounded one's ("), missed);
        assertTrue(missed.contains("): target **met**; unbounded, its worst call is 200,000 ns"), missed);
        String small = missed.lines().filter(l -> l.startsWith("- `ring /quota=64` at 3976 ports")).findFirst().orElseThrow();
        assertFalse(small.contains("target"), "no verdict off the target's range: " + small);

        String met = ExpiryCallsSection.render(data(MET));
        assertTrue(met.contains("worst / median **9.2x** (") && met.contains("): target **met**, "), met);
        String undecided = ExpiryCallsSection.render(data(UNDECIDED));
        assertTrue(undecided.contains("): **not decided** (the interval contains the target), "), undecided);
        assertTrue(ExpiryCallsSection.summary(data(MISSED)).contains("target missed"), "the console summary has no markdown");
    }

    @Test
    void aMedianCallAtTheTimersFloorLeavesTheRatioUnresolved() {
        ExpiryCallsFile d = data(MISSED);
        Row bounded = d.rows().get(3);
        List<Fork> forks = new ArrayList<>(bounded.forks());
        Fork f = forks.get(0);
        forks.set(0, new Fork(f.repetitions(), f.timerFloorNs(), f.medianCallNs(), 0, f.worstCallNs(), f.worstPosition(),
                f.p99CallNs(), f.rawMaxNs(), f.meanCallNs()));
        String line = ExpiryCallsSection.targetLine(new Row("ring", 64, 64512, forks), d.rows().get(1));
        assertTrue(line.contains("worst / median not resolved (a fork's median call is not above the timer's floor)"), line);
    }

    @Test
    void readsWhatTheRunWroteAndTheReportIncludesIt() throws IOException, URISyntaxException {
        assertNull(ExpiryCallsSection.read(tmp));
        RunFiles.write(tmp.resolve(ExpiryCallsFile.FILE), data(MISSED));
        assertEquals(data(MISSED), ExpiryCallsSection.read(tmp));
        AtomicFiles.write(tmp.resolve(ExpiryCallsFile.FILE), "{\"schema\": 1, \"rows\": \"many\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExpiryCallsSection.read(tmp));
        assertTrue(e.getMessage().contains(ExpiryCallsFile.FILE) && e.getMessage().contains("rows"), e.getMessage());

        Path run = FixtureRun.copyTo(tmp.resolve("run"));
        assertFalse(ReportGenerator.render(RunData.load(run)).markdown().contains("every call timed"), "absent: no section");
        RunFiles.write(run.resolve(ExpiryCallsFile.FILE), data(MISSED));
        String md = ReportGenerator.render(RunData.load(run)).markdown();
        assertTrue(md.contains("## The bulk expiry, every call timed") && md.contains("target **missed**"), md);
    }
}
