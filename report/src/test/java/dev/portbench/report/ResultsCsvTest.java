package dev.portbench.report;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** results.csv on the committed fixture run. */
class ResultsCsvTest {

    @Test
    void oneRowPerResultWithForkMeansAndTheirInterval() throws URISyntaxException {
        RunData run = RunData.load(FixtureRun.folder());
        String csv = ResultsCsv.render(run.results());
        List<String> lines = csv.lines().toList();
        assertEquals(run.results().size() + 1, lines.size(), csv);
        assertEquals("benchmark,mode,unit,allocator,workload,score,jmh_low_99.9,jmh_high_99.9,forks,fork_mean,fork_low_99,"
                + "fork_high_99,fork_means,p50,p99,p99.9,p99.99,max,max_median_over_forks,bytes_per_op", lines.get(0));
        assertTrue(lines.get(1).startsWith("ReplayBenchmark.replay,avgt,ns/op,fifo,q170791-rho0.99,6.00000,5.80000,6.20000,3,"
                + "6.00000,5.31"), lines.get(1));
        assertTrue(lines.get(1).contains(",5.88000;6.00000;6.12000,"), lines.get(1));
        assertTrue(csv.contains("ReplayBenchmark.replay,avgt,ns/op,bitset,scale-3976,8.00000,8.00000,8.00000,1,8.00000,,,8.00000,"),
                "one fork: no interval over forks: " + csv);
        assertTrue(csv.contains("BurstLatencyBenchmark.replay,sample,ns/op,heap,,50.0000,"), csv);
        assertTrue(csv.contains(",75000.0,") && csv.contains(",inf,"), "percentiles, infinity spelled out: " + csv);
    }
}
