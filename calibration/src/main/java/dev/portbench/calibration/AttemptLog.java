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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Every connect attempt of one run, as parallel primitive arrays: when it started
 * ({@code CLOCK_MONOTONIC} nanoseconds, the clock of {@link System#nanoTime()} on Linux), which
 * destination it went to, its outcome ({@link #OK} or an errno name) and the local port it got
 * (0 when none). Appending is amortized O(1); the file form is a gzip CSV,
 * {@code time_ns,destination,outcome,local_port}, written and read with Jackson's CSV module.
 * Not thread-safe.
 */
public final class AttemptLog {

    /** The outcome of a successful connect. */
    public static final String OK = "OK";
    static final String HEADER = "time_ns,destination,outcome,local_port";

    private long[] times = new long[1024];
    private int[] destinations = new int[1024];
    private String[] outcomes = new String[1024];
    private int[] ports = new int[1024];
    private int size;

    /** Appends one attempt; times must not go backwards. */
    public void add(long timeNanos, int destination, String outcome, int localPort) {
        if (size > 0 && timeNanos < times[size - 1]) {
            throw new IllegalArgumentException("attempt at " + timeNanos + " ns is before the previous one at "
                    + times[size - 1] + " ns (expected attempts in time order)");
        }
        if (destination < 0 || localPort < 0 || localPort > 65535 || outcome == null || outcome.isEmpty()) {
            throw new IllegalArgumentException("attempt (destination " + destination + ", outcome " + outcome
                    + ", port " + localPort + ") (expected destination >= 0, an outcome, port 0..65535)");
        }
        if (size == times.length) {
            int n = size * 2;
            times = Arrays.copyOf(times, n);
            destinations = Arrays.copyOf(destinations, n);
            outcomes = Arrays.copyOf(outcomes, n);
            ports = Arrays.copyOf(ports, n);
        }
        times[size] = timeNanos;
        destinations[size] = destination;
        outcomes[size] = outcome.equals(OK) ? OK : outcome.intern();
        ports[size] = localPort;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[check(i)];
    }

    public int destination(int i) {
        return destinations[check(i)];
    }

    public String outcome(int i) {
        return outcomes[check(i)];
    }

    public boolean ok(int i) {
        return OK.equals(outcomes[check(i)]);
    }

    public int port(int i) {
        return ports[check(i)];
    }

    /** Attempt instants, a copy. */
    public long[] times() {
        return Arrays.copyOf(times, size);
    }

    /** Destination indexes, a copy. */
    public int[] destinations() {
        return Arrays.copyOf(destinations, size);
    }

    /** Whether each attempt succeeded, a copy. */
    public boolean[] successes() {
        boolean[] out = new boolean[size];
        for (int i = 0; i < size; i++) {
            out[i] = OK.equals(outcomes[i]);
        }
        return out;
    }

    /** Count of each outcome, in order of first appearance. */
    public Map<String, Long> outcomeCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < size; i++) {
            counts.merge(outcomes[i], 1L, Long::sum);
        }
        return counts;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("attempt " + i + " (expected 0.." + (size - 1) + ")");
        }
        return i;
    }

    /** One attempt as a CSV row: the file's columns. */
    @JsonPropertyOrder({"time_ns", "destination", "outcome", "local_port"})
    record Row(@JsonProperty("time_ns") long timeNanos, @JsonProperty("destination") int destination,
               @JsonProperty("outcome") String outcome, @JsonProperty("local_port") int localPort) {
    }

    private static final CsvMapper CSV = new CsvMapper();
    /** The columns without a header line: what the C client prints. */
    static final CsvSchema COLUMNS = CSV.schemaFor(Row.class);

    /** Appends every row of {@code rows} (CSV in {@code schema}) to this log; a clear exception on a bad row. */
    void readRows(Reader rows, CsvSchema schema, String what) throws IOException {
        try (MappingIterator<Row> it = CSV.readerFor(Row.class).with(schema).readValues(rows)) {
            while (it.hasNextValue()) {
                Row r = it.nextValue();
                add(r.timeNanos(), r.destination(), r.outcome(), r.localPort());
            }
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage() + " (expected rows of " + HEADER + ")", e);
        }
    }

    /** Writes the gzip CSV with its header line. */
    public void write(Path file) {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.US_ASCII));
             SequenceWriter rows = CSV.writer(COLUMNS.withHeader()).writeValues(w)) {
            for (int i = 0; i < size; i++) {
                rows.write(new Row(times[i], destinations[i], outcomes[i], ports[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a gzip CSV written by {@link #write}. */
    public static AttemptLog read(Path file) {
        AttemptLog log = new AttemptLog();
        try (Reader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.US_ASCII))) {
            log.readRows(r, COLUMNS.withHeader().withStrictHeaders(true), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return log;
    }
}
