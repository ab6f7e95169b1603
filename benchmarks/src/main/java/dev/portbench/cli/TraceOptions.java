package dev.portbench.cli;

import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.trace.ClientFilter;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ReplaySettings;
import dev.portbench.trace.TraceImport;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The options every trace command shares, read from the command line and checked:
 * {@code --trace FILE}, {@code --client ADDR,...}, {@code --speed K}, {@code --range FIRST-LAST},
 * {@code --time-wait SECONDS}, {@code --ends observed|client-close|...}, {@code --stack ID} (the rules the custom range and TIME-WAIT are
 * simulated with; default linux) and {@code --reorder-tolerance SECONDS}.
 *
 * @param file the trace file
 * @param clients whose connections to keep
 * @param speed replay speed factor
 * @param stack the stack whose rules the custom range and TIME-WAIT use
 * @param custom the range / TIME-WAIT given on the command line (with the speed), or null if neither was
 * @param reorderToleranceNanos how far capture timestamps may step back
 * @param everyEnd {@code --ends client-close}: replay every connection as ended that way (what if the
 *     client closed first?); null for the ends as observed
 */
record TraceOptions(Path file, ClientFilter clients, double speed, StackProfile stack, ReplaySettings custom,
                    long reorderToleranceNanos, ConnectionEnd everyEnd) {

    /** Reads the trace options; null if {@code --trace} was not given (then no other trace option may be). */
    static TraceOptions from(PortBench.Args a, String file) {
        String client = a.option("client", null);
        String speedText = a.option("speed", null);
        String range = a.option("range", null);
        String timeWait = a.option("time-wait", null);
        String tolerance = a.option("reorder-tolerance", null);
        String stack = a.option("stack", null);
        String ends = a.option("ends", null);
        if (file == null) {
            for (String[] o : new String[][] {{"client", client}, {"speed", speedText}, {"range", range}, {"stack", stack}, {"ends", ends},
                    {"time-wait", timeWait}, {"reorder-tolerance", tolerance}}) {
                if (o[1] != null) {
                    throw new IllegalArgumentException("--" + o[0] + " applies to a trace (expected --trace FILE with it)");
                }
            }
            return null;
        }
        double speed = speedText == null ? 1.0 : positive("speed", speedText);
        StackProfile profile = StackProfiles.fromId(stack == null ? "linux" : stack);
        ReplaySettings custom = null;
        if (range != null || timeWait != null || stack != null) {
            int[] r = range == null ? new int[] {profile.firstPort(), profile.lastPort()} : ReplaySettings.parseRange(range);
            long tw = timeWait == null ? profile.timeWaitNanos() : Math.round(positive("time-wait", timeWait) * 1e9);
            custom = new ReplaySettings(r[0], r[1], tw, speed);
        }
        long tol = tolerance == null ? TraceImport.DEFAULT_REORDER_TOLERANCE_NANOS
                : Math.round(nonNegative("reorder-tolerance", tolerance) * 1e9);
        ConnectionEnd every = ends == null || ends.equals("observed") ? null : ConnectionEnd.fromId(ends);
        return new TraceOptions(Path.of(file), ClientFilter.parse(client), speed, profile, custom, tol, every);
    }

    /** The replay settings of the benchmark: the custom ones, else Linux's defaults, at the speed given. */
    ReplaySettings replay() {
        return custom != null ? custom : ReplaySettings.LINUX.withSpeed(speed);
    }

    /** Imports the file, printing how long it took. */
    ConnectionTrace load() {
        long start = System.nanoTime();
        ConnectionTrace t = new TraceImport(clients, reorderToleranceNanos).read(file);
        System.out.printf(Locale.ROOT, "imported %s in %.2f s%n", file, (System.nanoTime() - start) / 1e9);
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

    private static double positive(String name, String v) {
        try {
            double d = Double.parseDouble(v);
            if (d > 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + ": '" + v + "' (expected a number > 0)");
    }

    private static double nonNegative(String name, String v) {
        try {
            double d = Double.parseDouble(v);
            if (d >= 0 && !Double.isInfinite(d)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--" + name + ": '" + v + "' (expected a number >= 0)");
    }
}
