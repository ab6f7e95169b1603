package dev.portbench.trace;

import dev.portbench.io.AtomicFiles;
import dev.portbench.workload.ArrivalProcess;
import dev.portbench.workload.HoldingTime;
import dev.portbench.workload.Trace;
import dev.portbench.workload.Workload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The replay form of an imported trace as a file ({@code trace-replay.json.gz} in a run folder),
 * written by {@code ./portbench run --trace} and read by every benchmark fork through the JMH
 * parameter {@code traceFile}: the workload (id, range, TIME-WAIT, load) and the event arrays.
 * Gzip-compressed JSON, written and read by Jackson; about 3 bytes per event on disk.
 *
 * @param schema format version, 1
 * @param id the workload id, {@code trace:NAME}
 * @param description one line for reports
 * @param firstPort first port of the replay range
 * @param lastPort last port
 * @param timeWaitNanos TIME-WAIT of the replay
 * @param rho offered load of the recorded traffic on this range
 * @param meanHoldNanos mean holding time
 * @param connections connections per lap
 * @param lapNanos lap length
 * @param times event times, sorted
 * @param ops packed events, as {@link Trace#op(int)}
 */
public record ReplayFile(int schema, String id, String description, int firstPort, int lastPort, long timeWaitNanos,
                         double rho, long meanHoldNanos, int connections, long lapNanos, long[] times, int[] ops) {

    /** The file's form of {@code trace}. */
    public static ReplayFile of(Trace trace) {
        Workload w = trace.workload();
        long[] times = new long[trace.size()];
        int[] ops = new int[trace.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = trace.time(i);
            ops[i] = trace.op(i);
        }
        return new ReplayFile(1, w.id(), w.description(), w.firstPort(), w.lastPort(), w.timeWaitNanos(), w.rho(),
                w.meanHoldNanos(), trace.connections(), trace.lapNanos(), times, ops);
    }

    /** The trace again, checked as {@link Trace#recorded} checks it. */
    public Trace trace() {
        Workload w = new Workload(id, description, firstPort, lastPort, timeWaitNanos, ArrivalProcess.RECORDED, rho,
                meanHoldNanos == 0 ? HoldingTime.NONE : HoldingTime.FIXED, meanHoldNanos, 0, 0);
        return Trace.recorded(w, times, ops, connections, lapNanos);
    }

    public void write(Path file) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes, 1 << 16)) {
            AtomicFiles.JSON.writeValue(gz, this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize " + file + ": " + e.getMessage(), e);
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }

    /**
     * Reads a replay file.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static ReplayFile read(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            ReplayFile f = AtomicFiles.JSON.readValue(in, ReplayFile.class);
            if (f.schema != 1 || f.times == null || f.ops == null) {
                throw new IllegalArgumentException(file + ": not a portbench replay file (schema " + f.schema + ", expected 1)");
            }
            return f;
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such replay file (expected trace-replay.json.gz written by "
                    + "./portbench run --trace)");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a portbench replay file: " + e.getMessage());
        }
    }
}
