package dev.portbench.cli;

import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.CsvTraceFormat;
import dev.portbench.trace.SyntheticTraces;
import dev.portbench.trace.TraceSummary;
import dev.portbench.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/**
 * {@code ./portbench trace FILE}: imports a CSV, Zeek conn.log, pcap or pcapng (optionally
 * gzipped), prints its summary and optionally writes the suite's CSV; {@code --workload ID --csv OUT}
 * exports a synthetic workload's trace as CSV instead. Import costs one pass over the file in
 * memory proportional to the connections kept.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Import your own traffic (CSV, Zeek conn.log, pcap, pcapng, AWS / Azure / GCP flow logs; .gz too): "
                + "its summary, and the suite's CSV.",
            "  ./portbench trace capture.pcapng --client 10.0.0.5 --csv mine.csv",
            "  ./portbench trace --workload q170791-rho1.25 --csv kb.csv   (export a synthetic workload)"})
final class TraceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The trace to import.")
    private Path file;

    @Option(names = "--workload", paramLabel = "ID", converter = ArgumentTypes.WorkloadId.class,
            completionCandidates = ArgumentTypes.WorkloadIds.class,
            description = "Export this synthetic workload's trace instead of importing a file: ${COMPLETION-CANDIDATES}.")
    private String workload;

    @Option(names = "--csv", paramLabel = "OUT", description = "Write the trace as the suite's CSV.")
    private Path csv;

    @Mixin
    private TraceOptions trace;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ConnectionTrace t;
        if (workload != null) {
            if (file != null) {
                throw new IllegalArgumentException("trace: give either FILE or --workload ID, not both");
            }
            if (trace.given()) {
                throw new IllegalArgumentException("--client, --speed, --ends, --reorder-tolerance, --format and --skip-bad apply to an imported FILE "
                        + "(expected FILE, not --workload, with them)");
            }
            if (csv == null) {
                throw new IllegalArgumentException("--workload: given without --csv OUT (expected the file to export to)");
            }
            t = SyntheticTraces.of(Workloads.byId(workload));
        } else {
            if (file == null) {
                throw new IllegalArgumentException("trace: no FILE given (expected one FILE, or --workload ID --csv OUT)");
            }
            t = trace.resolve(file, null, null, null).load(out);
        }
        out.print(TraceSummary.of(t).text());
        if (csv != null) {
            writeCsv(t, csv);
            out.println("wrote " + csv);
        }
        out.flush();
        return 0;
    }

    /** Writes {@code t} as the suite's CSV, atomically. */
    static void writeCsv(ConnectionTrace t, Path out) {
        try {
            Path dir = out.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                CsvTraceFormat.write(t, w);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }
}
