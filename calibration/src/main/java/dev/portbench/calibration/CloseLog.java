package dev.portbench.calibration;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * How each successful connection of a run ended: the {@code CLOCK_MONOTONIC} instant its
 * TIME-WAIT began and whether it was closed by a FIN (TIME-WAIT) or an RST (none). For a FIN the
 * client sends its FIN ({@code shutdown(SHUT_WR)}), reads until the server's FIN and records the
 * instant the read returned end of file: the kernel arms the TIME-WAIT timer when that FIN
 * arrives ({@code tcp_fin} -> {@code tcp_time_wait}), so the record is at most a wake-up later.
 * For an RST ({@code SO_LINGER} 0) it is the instant {@code close()} returned. Indexed by attempt;
 * the file is a gzip CSV {@code attempt,close_ns,kind} of the successful attempts only. Folders
 * without it (runs before it existed) read as "closed at the attempt instant with a FIN".
 * Appending O(1) amortized. Not thread-safe.
 */
public final class CloseLog {

    /** File name in a scenario folder. */
    public static final String FILE = "closes.csv.gz";
    /** Closed with a FIN: the client's side holds TIME-WAIT. */
    public static final String FIN = "FIN";
    /** Closed with an RST: no TIME-WAIT. */
    public static final String RST = "RST";

    private long[] closeNanos = new long[1024];
    private boolean[] reset = new boolean[1024];
    private boolean[] present = new boolean[1024];

    /** Records that attempt {@code attempt} closed at {@code nanos}, by RST when {@code rst}. */
    public void add(int attempt, long nanos, boolean rst) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt " + attempt + " (expected >= 0)");
        }
        if (attempt >= closeNanos.length) {
            int n = Math.max(attempt + 1, 2 * closeNanos.length);
            closeNanos = Arrays.copyOf(closeNanos, n);
            reset = Arrays.copyOf(reset, n);
            present = Arrays.copyOf(present, n);
        }
        closeNanos[attempt] = nanos;
        reset[attempt] = rst;
        present[attempt] = true;
    }

    /** Whether attempt {@code i} has a close recorded. */
    public boolean has(int i) {
        return i >= 0 && i < present.length && present[i];
    }

    /**
     * Close instants for {@code log}'s attempts: the recorded one, else the attempt's own instant
     * (old folders, failed attempts).
     */
    public long[] closeTimes(AttemptLog log) {
        long[] out = new long[log.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = has(i) ? closeNanos[i] : log.time(i);
        }
        return out;
    }

    /** Whether each of {@code attempts} attempts was closed by an RST. */
    public boolean[] resets(int attempts) {
        boolean[] out = new boolean[attempts];
        for (int i = 0; i < attempts; i++) {
            out[i] = has(i) && reset[i];
        }
        return out;
    }

    @JsonPropertyOrder({"attempt", "close_ns", "kind"})
    record Row(@JsonProperty("attempt") int attempt, @JsonProperty("close_ns") long closeNanos,
               @JsonProperty("kind") String kind) {
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema COLUMNS = CSV.schemaFor(Row.class);

    /** Writes the gzip CSV with its header line. */
    public void write(Path file) {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.US_ASCII));
             SequenceWriter rows = CSV.writer(COLUMNS.withHeader()).writeValues(w)) {
            for (int i = 0; i < present.length; i++) {
                if (present[i]) {
                    rows.write(new Row(i, closeNanos[i], reset[i] ? RST : FIN));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads {@code file}, or an empty log when it does not exist. */
    public static CloseLog read(Path file) {
        CloseLog log = new CloseLog();
        if (!Files.isRegularFile(file)) {
            return log;
        }
        try (Reader r = new BufferedReader(new InputStreamReader(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII));
             MappingIterator<Row> it = CSV.readerFor(Row.class).with(COLUMNS.withHeader().withStrictHeaders(true))
                     .readValues(r)) {
            while (it.hasNextValue()) {
                Row row = it.nextValue();
                if (!row.kind().equals(FIN) && !row.kind().equals(RST)) {
                    throw new IllegalArgumentException(file + ": close kind '" + row.kind() + "' (expected FIN or RST)");
                }
                log.add(row.attempt(), row.closeNanos(), row.kind().equals(RST));
            }
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + " (expected rows of attempt,close_ns,kind)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return log;
    }
}
