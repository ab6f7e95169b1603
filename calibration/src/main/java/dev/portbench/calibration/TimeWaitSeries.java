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
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * TIME-WAIT socket counts over time: {@code CLOCK_MONOTONIC} nanoseconds and the {@code tw}
 * field of {@code /proc/net/sockstat} (per network namespace since Linux 4.x: the namespace's
 * own sockets only, which {@code calibrate} checks by reading 0 before its first connect).
 * File form: gzip CSV {@code time_ns,tw}. Not thread-safe.
 */
public final class TimeWaitSeries {

    static final String HEADER = "time_ns,tw";

    private long[] times = new long[1024];
    private int[] counts = new int[1024];
    private int size;

    public void add(long timeNanos, int count) {
        if (count < 0 || (size > 0 && timeNanos < times[size - 1])) {
            throw new IllegalArgumentException("TIME-WAIT sample (" + timeNanos + " ns, " + count
                    + ") (expected count >= 0 and samples in time order)");
        }
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
        }
        times[size] = timeNanos;
        counts[size] = count;
        size++;
    }

    public int size() {
        return size;
    }

    public long time(int i) {
        return times[i];
    }

    public int count(int i) {
        return counts[i];
    }

    /** Highest count seen, 0 when empty. */
    public int max() {
        int m = 0;
        for (int i = 0; i < size; i++) {
            m = Math.max(m, counts[i]);
        }
        return m;
    }

    /**
     * The {@code tw} count in a {@code /proc/net/sockstat} text, from its line
     * {@code TCP: inuse 1 orphan 0 tw 12 alloc 3 mem 1}.
     */
    public static int parseSockstat(String text) {
        for (String line : text.split("\n")) {
            if (line.startsWith("TCP:")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i + 1 < f.length; i++) {
                    if (f[i].equals("tw")) {
                        try {
                            return Integer.parseInt(f[i + 1]);
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("sockstat TCP line '" + line + "': tw '" + f[i + 1]
                                    + "' (expected a count)", e);
                        }
                    }
                }
                throw new IllegalArgumentException("sockstat TCP line '" + line + "' has no tw field");
            }
        }
        throw new IllegalArgumentException("sockstat has no 'TCP:' line (expected /proc/net/sockstat)");
    }

    /** One sample as a CSV row. */
    @JsonPropertyOrder({"time_ns", "tw"})
    record Row(@JsonProperty("time_ns") long timeNanos, @JsonProperty("tw") int count) {
    }

    private static final CsvMapper CSV = new CsvMapper();
    private static final CsvSchema SCHEMA = CSV.schemaFor(Row.class).withHeader();

    /** Writes the gzip CSV {@code time_ns,tw} with its header line. */
    public void write(Path file) {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.US_ASCII));
             SequenceWriter rows = CSV.writer(SCHEMA).writeValues(w)) {
            for (int i = 0; i < size; i++) {
                rows.write(new Row(times[i], counts[i]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a gzip CSV written by {@link #write}; a clear exception naming the file on a bad row. */
    public static TimeWaitSeries read(Path file) {
        TimeWaitSeries s = new TimeWaitSeries();
        try (Reader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.US_ASCII));
             MappingIterator<Row> it = CSV.readerFor(Row.class).with(SCHEMA.withStrictHeaders(true)).readValues(r)) {
            while (it.hasNextValue()) {
                Row row = it.nextValue();
                s.add(row.timeNanos(), row.count());
            }
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage() + " (expected " + HEADER + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return s;
    }
}
