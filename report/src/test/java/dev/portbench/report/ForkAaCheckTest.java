package dev.portbench.report;

import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkAaCheck;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.RatioEstimate;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A/A check on our own data: the fixture {@code aa-fixture/jmh-avgt-forks.json} holds the
 * 113 average-time results of the reference run {@code results/runs/20261125-193336-full} (3
 * forks x 5 iterations each), reduced to what the check reads:
 * {@code jq -c '[.[] | select(.mode=="avgt") | {benchmark, mode, forks, params, primaryMetric:
 * {score: .primaryMetric.score, scoreError: .primaryMetric.scoreError, scoreConfidence:
 * .primaryMetric.scoreConfidence, scoreUnit: .primaryMetric.scoreUnit, rawData: .primaryMetric.rawData}}]'}.
 * Forks of the same code are compared against each other: the suite's fork-aware method must
 * call at most 1% of them "changed"; the single-fork method it replaced is shown for contrast.
 */
class ForkAaCheckTest {

    private static List<ForkSample> fixture() throws IOException, URISyntaxException {
        Path file = Path.of(ForkAaCheckTest.class.getResource("/aa-fixture/jmh-avgt-forks.json").toURI());
        List<ForkSample> samples = new ArrayList<>();
        List<JmhResultFile> results = RunFiles.readJmh(file);
        for (int i = 0; i < results.size(); i++) {
            samples.add(JmhResult.of(results.get(i), file + ": result " + i).forkSample());
        }
        return samples;
    }

    @Test
    void forksOfTheSameCodeAreRarelyCalledChanged() throws IOException, URISyntaxException {
        List<ForkSample> samples = fixture();
        assertEquals(113, samples.size());
        assertTrue(samples.stream().allMatch(s -> s.forkCount() == 3), "the reference run has 3 forks");
        ForkAaCheck.Result r = ForkAaCheck.run(samples, Confidence.COMPARISON);
        String message = String.format(Locale.ROOT,
                "A/A on the reference run at %.1f%%: fork-aware method flags %d of %d pairs (%.2f%%); the single-fork "
                        + "method (JMH's interval over one fork's iterations) flags %d of %d (%.2f%%)",
                100 * Confidence.COMPARISON, r.forkAwareFlagged(), r.forkAwarePairs(), 100 * r.forkAwareRate(),
                r.singleForkFlagged(), r.singleForkPairs(), 100 * r.singleForkRate());
        System.out.println(message);
        assertEquals(339, r.forkAwarePairs(), message);
        assertTrue(r.forkAwareRate() <= 0.01, message);
        assertTrue(r.singleForkRate() > r.forkAwareRate(), "the contrast the check exists to show: " + message);
    }

    @Test
    void theMethodSeesARealChangeOfThirtyPercent() throws IOException, URISyntaxException {
        // every benchmark against itself made 30% slower (3 forks against 3): a compare of two such runs
        int flagged = 0;
        List<ForkSample> samples = fixture();
        for (ForkSample s : samples) {
            double[][] slower = new double[s.forkCount()][];
            for (int f = 0; f < slower.length; f++) {
                slower[f] = s.fork(f);
                for (int i = 0; i < slower[f].length; i++) {
                    slower[f][i] *= 1.30;
                }
            }
            if (RatioEstimate.of(s, ForkSample.of(slower), Confidence.COMPARISON).verdict() == RatioEstimate.Verdict.HIGHER) {
                flagged++;
            }
        }
        assertTrue(flagged > samples.size() / 2, flagged + " of " + samples.size() + " 30% slowdowns seen at 99.9% with 3 forks against 3");
    }
}
