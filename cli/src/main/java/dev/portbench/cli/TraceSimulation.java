package dev.portbench.cli;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.TraceFile;
import dev.portbench.simulation.TraceStudy;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.TraceSummary;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ./portbench simulate --trace FILE}: the trace imported, summarized and replayed on every
 * stack profile (and on the custom {@code --stack/--range/--time-wait} rules) with the headroom
 * search of {@link TraceStudy}; {@code --out FILE} writes a {@link TraceFile}. Costs a few replays
 * of the trace per profile (up to 24 for the headroom of a trace that never fails).
 */
final class TraceSimulation {

    /** The options of {@code simulate} that apply to a trace; any other is rejected by name. */
    static final Set<String> TRACE_OPTIONS = Set.of("--trace", "--client", "--speed", "--ends", "--reorder-tolerance",
            "--stack", "--range", "--time-wait", "--out");

    private final CommandLine commandLine;
    private final TraceSpec spec;
    private final Path out;

    TraceSimulation(CommandLine commandLine, TraceSpec spec, Path out) {
        this.commandLine = commandLine;
        this.spec = spec;
        this.out = out;
    }

    int call() {
        for (OptionSpec o : commandLine.getParseResult().matchedOptions()) {
            if (!TRACE_OPTIONS.contains(o.longestName())) {
                throw new IllegalArgumentException(o.longestName() + ": an option of a scenario, not of --trace (expected only "
                        + TRACE_OPTIONS.stream().sorted().toList() + " with --trace)");
            }
        }
        PrintWriter w = commandLine.getOut();
        long start = System.nanoTime();
        ConnectionTrace t = spec.load(w);
        TraceSummary summary = TraceSummary.of(t);
        w.print(summary.text());
        w.flush();
        TraceFile.Study study = TraceStudy.run(t, spec.speed(), spec.stack(), spec.custom());
        w.print(TraceStudy.summary(study));
        w.printf(Locale.ROOT, "(%s in all)%n", PortBench.duration((System.nanoTime() - start) / 1e9));
        if (out != null) {
            RunFiles.write(out, new TraceFile(TraceFile.SCHEMA, null, spec.file().getFileName().toString(),
                    spec.clients().addresses(), null, summary.toFile(), study));
            w.println("wrote " + out);
        }
        w.flush();
        return 0;
    }
}
