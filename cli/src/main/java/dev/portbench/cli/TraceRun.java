package dev.portbench.cli;

import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.TraceFile;
import dev.portbench.simulation.TraceStudy;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplayFile;
import dev.portbench.trace.ReplayForm;
import dev.portbench.trace.ReplaySettings;
import dev.portbench.trace.TraceSummary;

import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * The trace part of {@code ./portbench run --trace FILE}: imports the trace once, writes its
 * replay form into the run folder ({@code trace-replay.json.gz}, passed to every JMH fork as the
 * {@code traceFile} parameter, with the workload {@code trace:NAME}) and, after the benchmarks,
 * {@code trace.json} ({@link TraceFile}): the summary, the replay settings and the study of every
 * stack profile, from which the report's trace section is written.
 */
final class TraceRun {

    static final String REPLAY_FILE = "trace-replay.json.gz";

    private final TraceSpec spec;
    private final ConnectionTrace trace;
    private final String workloadId;

    TraceRun(TraceSpec spec, PrintWriter out) {
        this.spec = spec;
        this.trace = spec.load(out);
        this.workloadId = ReplayForm.workloadId(spec.name());
    }

    String workloadId() {
        return workloadId;
    }

    /** Writes the replay form into {@code runDir}; answers its path for the forks. */
    Path writeReplay(Path runDir) {
        Path file = runDir.resolve(REPLAY_FILE);
        ReplayFile.of(ReplayForm.of(trace, spec.replay(), spec.name())).write(file);
        return file;
    }

    /** Writes {@code trace.json}: summary, settings and the stack study; prints the study. */
    void writeStudy(Path runDir, PrintWriter out) {
        TraceFile.Study study = TraceStudy.run(trace, spec.speed(), spec.stack(), spec.custom());
        TraceSummary summary = TraceSummary.of(trace);
        out.print(summary.text().indent(2));
        out.print(TraceStudy.summary(study).indent(2));
        out.flush();
        ReplaySettings r = spec.replay();
        RunFiles.write(runDir.resolve(RunFiles.TRACE), new TraceFile(TraceFile.SCHEMA, workloadId,
                spec.file().getFileName().toString(), spec.clients().addresses(),
                new TraceFile.Replay(r.firstPort(), r.lastPort(), r.timeWaitNanos(), r.speed()), summary.toFile(), study));
    }
}
