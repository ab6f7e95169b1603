package dev.portbench.report;

import dev.portbench.io.AtomicFiles;
import dev.portbench.runfolder.ManyThreadsFile;
import dev.portbench.runfolder.ManyThreadsFile.Exhaustion;
import dev.portbench.runfolder.ManyThreadsFile.Throughput;
import dev.portbench.runfolder.RunFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The "Many threads" section on hand-made data: ratios, targets, the pick, the cores statement. */
class ManyThreadsSectionTest {

    @TempDir
    Path tmp;

    static ManyThreadsFile data(double sharded2) {
        return data(List.of(sharded2 - 0.1, sharded2 + 0.1));
    }

    /** Hand-made data in which sharded-fifo's 2-thread fork means are {@code sharded2}. */
    static ManyThreadsFile data(List<Double> sharded2) {
        double mean = sharded2.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        List<Throughput> t = List.of(
                new Throughput("locked-fifo", true, "w", 1, 50, 48, 52, List.of(49.0, 51.0)),
                new Throughput("locked-fifo", true, "w", 2, 30, 28, 32, List.of(29.0, 31.0)),
                new Throughput("sharded-fifo", true, "w", 1, 40, 39, 41, List.of(39.9, 40.1)),
                new Throughput("sharded-fifo", true, "w", 2, mean, mean - 1, mean + 1, sharded2),
                new Throughput("fifo", false, "w", 1, 100, 99, 101, List.of(100.0, 100.0)),
                new Throughput("fifo", false, "w", 2, 200, 198, 202, List.of(200.0, 200.0)));
        List<Exhaustion> e = List.of(
                new Exhaustion("sharded-fifo", true, "w", 2, 1_000_000, 0, 1_000_000, 0, 1234),
                new Exhaustion("locked-fifo", true, "w", 2, 1_000_000, 0, 1_000_000, 0, -1),
                new Exhaustion("fifo", false, "w", 2, 1_000_000, 5000, 1_000_000, 0, -1));
        return new ManyThreadsFile(1, "Test CPU", 2, "java", "portbench threads", "2026-11-26T00:00:00Z", List.of(1, 2), 2, t, e, true, true);
    }

    @Test
    void tablesRatiosTargetsAndPick() {
        Map<String, String> charts = new LinkedHashMap<>();
        String md = ManyThreadsSection.render(data(76), charts);
        assertTrue(md.contains("## Many threads"), md);
        assertTrue(md.contains("**This machine has 2 cores** (Test CPU)"), md);
        // cells at the suite's 99% from the fork means (39.9, 40.1 and 75.9, 76.1): t(0.995, 1) x 0.1 = 6.37
        assertTrue(md.contains("| `sharded-fifo` | shared | 40.0 [33.6, 46.4] | 76.0 [69.6, 82.4] | 1.90x |"), md);
        assertTrue(md.contains("`sharded-fifo` (76.0 events/us), delivers **1.90x** its own 1-thread throughput (40.0 events/us; "
                + "99% interval 1.8"), md);
        assertTrue(md.contains("target >= 1.8x on 2 cores): **met**"), md);
        // the ideal (fifo confined) doubles: sharded-fifo keeps 0.95x of that, and the forks are tight enough to show it
        assertTrue(md.contains("`fifo` confined (nothing shared, not even time) scales 2.00x"), md);
        assertTrue(md.contains("`sharded-fifo` keeps **0.95x** of that scaling"), md);
        assertTrue(md.contains("sharing the range costs scaling beyond what the machine allows"), md);
        // the target's allocator (sharded-fifo, 40/us) costs 2.5x fifo (100/us) at one thread; the fastest
        // thread-safe one at 1 thread (locked-fifo, 50/us) 2x: both missed
        assertTrue(md.contains("the best thread-safe allocator at 2 threads, `sharded-fifo` (40.0 events/us at 1 thread), "
                + "costs **2.50x** the best single-owner allocator at 1 thread, `fifo` (100.0 events/us; "), md);
        assertTrue(md.contains("the fastest thread-safe allocator at 1 thread, `locked-fifo` (50.0 events/us at 1 thread), "
                + "costs **2.00x** the best single-owner allocator at 1 thread, `fifo` (100.0 events/us; "), md);
        assertTrue(md.contains("target <= 1.5x): **missed**"), md);
        assertTrue(md.contains("A sharded allocator has one shard per thread"), md);
        assertTrue(md.contains("run unpaced, as the confined ones"), md);
        ManyThreadsFile old = data(76);
        old = new ManyThreadsFile(old.schema(), old.cpu(), old.availableProcessors(), old.jvm(), old.command(), old.startedAt(),
                old.threadCounts(), old.forks(), old.throughput(), old.exhaustion(), false, false);
        String oldMd = ManyThreadsSection.render(old, new LinkedHashMap<>());
        assertFalse(oldMd.contains("one shard per thread"), "a run from before worker views does not claim them");
        assertTrue(oldMd.contains("every shared allocator paced"), oldMd);
        assertTrue(md.contains("| `w` | `fifo` confined | 2 | 1000000 | 5000 | 0 / 1000000 | 5000 | - |"), md);
        assertTrue(md.contains("**`sharded-fifo`**: the highest throughput"), md);
        assertTrue(charts.containsKey("many-threads.svg"));
        assertEquals(md, ManyThreadsSection.render(data(76), new LinkedHashMap<>()), "the same bytes for the same data");

        String missed = ManyThreadsSection.render(data(60), new LinkedHashMap<>());
        assertTrue(missed.contains("delivers **1.50x**") && missed.contains("on 2 cores): **missed**"), missed);
    }

    @Test
    void aVerdictNeedsTheWholeIntervalOnOneSide() {
        // mean 76 again (1.9x at the point estimate), but the two forks disagree by 2x: no verdict either way
        String wide = ManyThreadsSection.render(data(List.of(50.0, 102.0)), new LinkedHashMap<>());
        assertTrue(wide.contains("on 2 cores): **not decided** (the interval contains 1.8x"), wide);
        assertTrue(wide.contains("no loss from sharing shown; what limits the scaling here is the machine"), wide);
        assertFalse(wide.contains("on 2 cores): **met**"), wide);
    }

    @Test
    void readsWhatTheRunWroteAndNothingWhenAbsent() {
        assertNull(ManyThreadsSection.read(tmp));
        RunFiles.write(tmp.resolve(RunFiles.MANY_THREADS), data(76));
        assertEquals(data(76), ManyThreadsSection.read(tmp));
        AtomicFiles.write(tmp.resolve(RunFiles.MANY_THREADS), "{\"schema\": 1, \"threadCounts\": \"many\"}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManyThreadsSection.read(tmp));
        assertTrue(e.getMessage().contains(RunFiles.MANY_THREADS) && e.getMessage().contains("threadCounts"), e.getMessage());
    }
}
