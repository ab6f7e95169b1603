package dev.portbench.cli;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.format.OutputFormat;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Locale;

/**
 * JMH's full output goes to the run's {@code console.log}; the terminal gets one line per
 * benchmark: its position in the plan, its score and the time left.
 */
final class ProgressOutputFormat implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream terminal;
    private final int total;
    private final long startNanos = System.nanoTime();
    private final double estimatedSeconds;
    private int done;

    ProgressOutputFormat(OutputFormat log, PrintStream terminal, int total, double estimatedSeconds) {
        this.log = log;
        this.terminal = terminal;
        this.total = total;
        this.estimatedSeconds = estimatedSeconds;
    }

    @Override
    public void iteration(BenchmarkParams benchParams, IterationParams params, int iteration) {
        log.iteration(benchParams, params, iteration);
    }

    @Override
    public void iterationResult(BenchmarkParams benchParams, IterationParams params, int iteration,
                                IterationResult data) {
        log.iterationResult(benchParams, params, iteration, data);
    }

    @Override
    public void startBenchmark(BenchmarkParams benchParams) {
        log.startBenchmark(benchParams);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
        done++;
        BenchmarkParams p = result.getParams();
        String name = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
        StringBuilder params = new StringBuilder();
        for (String key : p.getParamsKeys()) {
            params.append(' ').append(p.getParam(key));
        }
        Result<?> r = result.getPrimaryResult();
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double left = Math.max(0, elapsed / done * (total - done));
        terminal.printf(Locale.ROOT, "[%3d/%d] %-62s %10.3f ± %-9.3f %-6s %s left%n", done, total,
                name + params, r.getScore(), r.getScoreError(), r.getScoreUnit(), PortBench.duration(left));
        terminal.flush();
    }

    @Override
    public void startRun() {
        log.startRun();
        terminal.println("JMH: " + total + " benchmarks, estimated " + PortBench.duration(estimatedSeconds)
                + " (full JMH output in console.log)");
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
    }

    @Override
    public void close() {
        log.close();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
