package dev.portbench.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The client's record of every attempt of a {@code linux-masquerade} run: gzip CSV
 * ({@code attempts.csv.gz}) with the header {@value #HEADER}; times are nanoseconds from the
 * client's start ({@code CLOCK_MONOTONIC}); {@code latency_ns} is from connect() to its outcome;
 * {@code closed_ns} -1 for a connection held to the end or never established.
 */
final class MasqueradeAttempts {

    static final String HEADER = "index,planned_ns,start_ns,destination,outcome,latency_ns,local_port,closed_ns";

    /** One attempt. {@code outcome} is {@code OK} or the errno name ({@code ETIMEDOUT}, ...). */
    record Row(int index, long plannedNanos, long startNanos, int destination, String outcome, long latencyNanos,
               int localPort, long closedNanos) {
        boolean ok() {
            return outcome.equals("OK");
        }
    }

    private MasqueradeAttempts() {
    }

    static void write(Path file, List<Row> rows) {
        try (Writer w = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            w.write(HEADER + "\n");
            for (Row r : rows) {
                w.write(String.format(Locale.ROOT, "%d,%d,%d,%d,%s,%d,%d,%d%n", r.index(), r.plannedNanos(), r.startNanos(),
                        r.destination(), r.outcome(), r.latencyNanos(), r.localPort(), r.closedNanos()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (!HEADER.equals(header)) {
                throw new IllegalArgumentException(file + ": header '" + header + "' (expected '" + HEADER + "')");
            }
            int line = 1;
            for (String l = r.readLine(); l != null; l = r.readLine()) {
                line++;
                String[] f = l.split(",");
                if (f.length != 8) {
                    throw new IllegalArgumentException(file + " line " + line + ": " + f.length + " fields (expected 8)");
                }
                try {
                    rows.add(new Row(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]),
                            Integer.parseInt(f[3]), f[4], Long.parseLong(f[5]), Integer.parseInt(f[6]), Long.parseLong(f[7])));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(file + " line " + line + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}
