package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.TraceStudy;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplayFile;
import dev.portbench.trace.ReplayForm;
import dev.portbench.trace.TraceSummary;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trace part of {@code ./portbench run --trace FILE}: imports the trace once, writes its
 * replay form into the run folder ({@code trace-replay.json.gz}, passed to every JMH fork as the
 * {@code traceFile} parameter, with the workload {@code trace:NAME}) and, after the benchmarks,
 * {@code trace.json}: the summary, the replay settings and the study of every stack profile,
 * from which the report's trace section is written.
 */
final class TraceRun {

    static final String REPLAY_FILE = "trace-replay.json.gz";
    static final String TRACE_FILE = "trace.json";

    private final TraceOptions options;
    private final ConnectionTrace trace;
    private final String workloadId;

    private TraceRun(TraceOptions options) {
        this.options = options;
        this.trace = options.load();
        this.workloadId = ReplayForm.workloadId(options.name());
    }

    /** The trace run of the command line, or null without {@code --trace}. */
    static TraceRun from(PortBench.Args a) {
        TraceOptions o = TraceOptions.from(a, a.option("trace", null));
        return o == null ? null : new TraceRun(o);
    }

    String workloadId() {
        return workloadId;
    }

    /** Writes the replay form into {@code runDir}; answers its path for the forks. */
    Path writeReplay(Path runDir) {
        Path file = runDir.resolve(REPLAY_FILE);
        ReplayFile.of(ReplayForm.of(trace, options.replay(), options.name())).write(file);
        return file;
    }

    /** Writes {@code trace.json}: summary, settings and the stack study; prints the study. */
    void writeStudy(Path runDir) {
        Map<String, Object> study = TraceStudy.run(trace, options.speed(), options.stack(), options.custom());
        System.out.print(TraceSummary.of(trace).text().indent(2));
        System.out.print(TraceStudy.summary(study).indent(2));
        AtomicFiles.writeJson(runDir.resolve(TRACE_FILE), document(study));
    }

    Map<String, Object> document(Map<String, Object> study) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema", 1);
        doc.put("workload", workloadId);
        doc.put("file", options.file().getFileName().toString());
        doc.put("clients", options.clients().addresses());
        doc.put("replay", options.replay());
        doc.put("summary", TraceSummary.of(trace));
        doc.put("study", study);
        return doc;
    }

    /** What the environment records about the trace. */
    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", options.file().toString());
        m.put("clients", options.clients().addresses());
        m.put("replay", options.replay().summary());
        m.put("connections", trace.size());
        return m;
    }
}
