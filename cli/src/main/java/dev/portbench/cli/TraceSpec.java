package dev.portbench.cli;

import dev.portbench.stack.StackProfile;
import dev.portbench.trace.ClientFilter;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplaySettings;
import dev.portbench.trace.TraceFormat;
import dev.portbench.trace.TraceImport;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A trace to import and how to replay it, as the command line chose ({@link TraceOptions#resolve}).
 *
 * @param file the trace file
 * @param clients whose connections to keep
 * @param speed replay speed factor
 * @param stack the stack whose rules the custom range and TIME-WAIT use
 * @param custom the range / TIME-WAIT given on the command line (with the speed), or null if none was
 * @param reorderToleranceNanos how far capture timestamps may step back
 * @param everyEnd replay every connection as ended that way (what if the client closed first?); null
 *     for the ends as observed
 * @param format the file's format, or {@link TraceFormat#AUTO}
 * @param skipBad count and skip malformed lines / records (CSV, Zeek, flow logs) instead of refusing the file
 */
record TraceSpec(Path file, ClientFilter clients, double speed, StackProfile stack, ReplaySettings custom,
                 long reorderToleranceNanos, ConnectionEnd everyEnd, TraceFormat format, boolean skipBad) {

    /** The replay settings of the benchmark: the custom ones, else Linux's defaults, at the speed given. */
    ReplaySettings replay() {
        return custom != null ? custom : ReplaySettings.LINUX.withSpeed(speed);
    }

    /**
     * Imports the file, printing how long it took.
     *
     * @throws IllegalArgumentException if the file is bad or holds no connection of the chosen clients
     */
    ConnectionTrace load(PrintWriter out) {
        long start = System.nanoTime();
        ConnectionTrace t = new TraceImport(clients, reorderToleranceNanos, format, skipBad).read(file);
        out.printf(Locale.ROOT, "imported %s in %.2f s%n", file, (System.nanoTime() - start) / 1e9);
        if (t.stats().malformed() > 0) {
            out.printf(Locale.ROOT, "skipped %,d malformed records (--skip-bad)%n", t.stats().malformed());
        }
        out.flush();
        if (everyEnd != null) {
            t = t.withEveryEnd(everyEnd);
        }
        if (t.size() == 0) {
            throw new IllegalArgumentException(file + ": no connections" + (clients.isAny() ? "" : " from the clients "
                    + clients.addresses()) + " (" + t.stats().summary() + ")");
        }
        return t;
    }

    /** A short name for the trace: the file name without its extensions. */
    String name() {
        String n = file.getFileName().toString();
        int dot = n.indexOf('.');
        return (dot > 0 ? n.substring(0, dot) : n).replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
