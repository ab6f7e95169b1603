package dev.portbench.threads;

import dev.portbench.io.AtomicFiles;
import dev.portbench.runfolder.ManyThreadsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throughput rows from JMH's JSON: fork means from rawData and the 95% Student t interval over them. */
class ManyThreadsRunRowsTest {

    @TempDir
    Path tmp;

    @Test
    void forkMeansAndTheirStudentTInterval() {
        Path jmh = tmp.resolve("t2.json");
        AtomicFiles.write(jmh, """
                [{"benchmark": "dev.portbench.jmh.ManyThreadsBenchmark.replay", "mode": "thrpt",
                  "params": {"allocator": "sharded-fifo", "workload": "w"},
                  "primaryMetric": {"score": 11.0, "scoreUnit": "ops/us", "rawData": [[9.0, 11.0], [12.0, 12.0]]}},
                 {"benchmark": "dev.portbench.jmh.ManyThreadsBenchmark.replay", "mode": "thrpt",
                  "params": {"allocator": "fifo", "workload": "w"},
                  "primaryMetric": {"score": 5.0, "scoreUnit": "ops/us", "rawData": [[5.0, 5.0]]}}]
                """);
        List<ManyThreadsFile.Throughput> rows = ManyThreadsRun.rows(jmh, 2);
        ManyThreadsFile.Throughput sharded = rows.get(0);
        assertEquals(List.of(10.0, 12.0), sharded.forkMeans());
        assertEquals(11.0, sharded.mean(), 1e-12);
        assertTrue(sharded.shared());
        // two forks at the suite's 99%: t(0.995, 1) = 63.657, sd of {10, 12} = sqrt(2), half = 63.657 * sqrt(2) / sqrt(2)
        assertEquals(11.0 - 63.6567, sharded.low(), 1e-3);
        assertEquals(11.0 + 63.6567, sharded.high(), 1e-3);
        ManyThreadsFile.Throughput fifo = rows.get(1);
        assertFalse(fifo.shared());
        assertTrue(Double.isNaN(fifo.low()) && Double.isNaN(fifo.high()), "one fork: no interval");
    }

    @Test
    void aResultWithoutForkDataIsNamed() {
        Path jmh = tmp.resolve("t1.json");
        AtomicFiles.write(jmh, """
                [{"benchmark": "b", "mode": "thrpt", "params": {"allocator": "fifo", "workload": "w"},
                  "primaryMetric": {"score": 5.0, "scoreUnit": "ops/us"}}]
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManyThreadsRun.rows(jmh, 1));
        assertTrue(e.getMessage().contains("t1.json: result 0 has no primaryMetric.rawData"), e.getMessage());
    }
}
