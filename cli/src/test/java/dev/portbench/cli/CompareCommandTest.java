package dev.portbench.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./portbench compare} on committed runs: across machines it warns and judges relative costs. */
class CompareCommandTest {

    private static final Path RUNS = Path.of("..", "results", "runs");

    @TempDir
    Path tmp;

    private String compare(String base, String next, StringWriter err) throws IOException {
        CommandLine cl = PortBench.commandLine();
        cl.setErr(new PrintWriter(err, true));
        Path out = tmp.resolve(base + "-vs-" + next + ".md");
        int status = cl.execute("compare", RUNS.resolve(base).toString(), RUNS.resolve(next).toString(), "--out", out.toString());
        assertEquals(0, status, err.toString());
        return Files.readString(out);
    }

    @Test
    void runsFromDifferentCpusWarnAndAreJudgedOnCostRelativeToTheirOwnBaseline() throws IOException {
        StringWriter err = new StringWriter();
        String md = compare("20261125-193336-full", "20261126-085922-full", err);
        assertTrue(err.toString().startsWith("warning: the runs come from different machines or JDKs (CPU Intel(R) Xeon(R) "
                + "Processor vs AMD EPYC"), err.toString());
        assertTrue(md.contains("**Warning: different machines or JDKs**"), md);
        assertTrue(md.contains("| new / base (not judged) | relative: (new / baseline) / (base / baseline) |"), md);
        assertFalse(md.contains("| **faster** |") || md.contains("| **slower** |"), "no absolute verdicts: " + md);
        assertTrue(md.contains("| ReplayBenchmark.replay allocator=jdk-collections workload=q170791-rho0.99 |"), md);
    }

    @Test
    void runsFromOneMachineAndJdkAreJudgedOnAbsoluteTimesWithoutAWarning() throws IOException {
        StringWriter err = new StringWriter();
        String md = compare("20261126-102948-quick", "20261126-123859-quick", err);
        assertEquals("", err.toString());
        assertFalse(md.contains("Warning"), md);
        assertTrue(md.contains("| benchmark | base | new | new / base | 99.9% interval | verdict |"), md);
    }
}
