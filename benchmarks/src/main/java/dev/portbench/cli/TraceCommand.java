package dev.portbench.cli;

import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.TraceStudy;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.CsvTraceFormat;
import dev.portbench.trace.SyntheticTraces;
import dev.portbench.trace.TraceSummary;
import dev.portbench.workload.Workloads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * The trace commands that need no benchmark:
 *
 * <pre>
 * ./portbench trace FILE [--client A,B] [--csv OUT]      import, print the summary, optionally write the suite's CSV
 * ./portbench trace --workload ID --csv OUT             export a synthetic workload's trace as CSV
 * ./portbench simulate --trace FILE [--client A,B] [--speed K] [--range A-B] [--time-wait S] [--out FILE]
 * </pre>
 */
final class TraceCommand {

    private TraceCommand() {
    }

    /** {@code ./portbench trace}. */
    static int trace(PortBench.Args a) {
        String workload = a.option("workload", null);
        String csv = a.option("csv", null);
        ConnectionTrace t;
        if (workload != null) {
            TraceOptions.from(a, null);
            a.done();
            if (!a.positional.isEmpty()) {
                throw new IllegalArgumentException("trace: give either FILE or --workload ID, not both");
            }
            t = SyntheticTraces.of(Workloads.byId(workload));
        } else {
            if (a.positional.size() != 1) {
                throw new IllegalArgumentException("trace: " + a.positional.size() + " files given (expected one FILE, "
                        + "or --workload ID)");
            }
            TraceOptions o = TraceOptions.from(a, a.positional.get(0));
            a.done();
            t = o.load();
        }
        System.out.print(TraceSummary.of(t).text());
        if (csv != null) {
            Path out = Path.of(csv);
            try {
                Path dir = out.toAbsolutePath().getParent();
                Files.createDirectories(dir);
                Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".tmp");
                try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                    CsvTraceFormat.write(t, w);
                }
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
            }
            System.out.println("wrote " + out);
        }
        return 0;
    }

    /** {@code ./portbench simulate --trace FILE}. */
    static int simulate(PortBench.Args a) {
        TraceOptions o = TraceOptions.from(a, a.option("trace", null));
        String out = a.option("out", null);
        a.done();
        long start = System.nanoTime();
        ConnectionTrace t = o.load();
        System.out.print(TraceSummary.of(t).text());
        Map<String, Object> study = TraceStudy.run(t, o.speed(), o.stack(), o.custom());
        System.out.print(TraceStudy.summary(study));
        System.out.printf(Locale.ROOT, "(%s in all)%n", PortBench.duration((System.nanoTime() - start) / 1e9));
        if (out != null) {
            Map<String, Object> doc = new java.util.LinkedHashMap<>();
            doc.put("schema", 1);
            doc.put("file", o.file().getFileName().toString());
            doc.put("clients", o.clients().addresses());
            doc.put("summary", TraceSummary.of(t));
            doc.put("study", study);
            AtomicFiles.writeJson(Path.of(out), doc);
            System.out.println("wrote " + out);
        }
        return 0;
    }
}
