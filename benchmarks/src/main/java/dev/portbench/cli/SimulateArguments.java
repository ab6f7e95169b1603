package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.simulation.Scenario;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.workload.HoldingTime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The arguments of {@code ./portbench simulate}, parsed and checked apart from running them: either
 * the Q170791 study preset ({@code --preset q170791 [--periods N] [--out FILE]}, also what no
 * scenario option gives) or one {@link Scenario} and where to write its result. Every bad value is
 * an {@link IllegalArgumentException} naming the option, the value and what is allowed.
 *
 * @param preset whether to run the Q170791 study instead of a scenario
 * @param periods the study's periods
 * @param studyOut the study's JSON file, or null
 * @param scenario the scenario, or null for the preset
 * @param json where to write the result as JSON, or null
 * @param csv where to write the time series as CSV, or null
 * @param outcomes where to write each attempt's outcome as CSV, or null
 */
public record SimulateArguments(boolean preset, int periods, Path studyOut, Scenario scenario, Path json, Path csv,
                                Path outcomes) {

    /** The options that make {@code simulate} run a scenario rather than the preset. */
    static final Set<String> SCENARIO_OPTIONS = Set.of("stack", "range", "time-wait", "rate", "poisson", "arrivals",
            "hold", "hold-distribution", "duration", "destinations", "zipf", "destination-indices", "call", "tw-reuse",
            "tw-reuse-delay", "loopback", "allocator", "tick", "tick-phase", "window", "seed", "json", "csv",
            "outcomes-csv", "name");

    static final String USAGE = String.join("\n",
            "  simulate  one scenario (any option below), or the Q170791 study: [--preset q170791] [--periods N] [--out FILE]",
            "            --stack " + String.join("|", StackProfiles.ids()) + "   (default linux; every other value defaults to it)",
            "            --range FIRST-LAST           ports, e.g. 1025-5000",
            "            --time-wait DURATION         e.g. 60s, 240s, 500ms (a bare number is seconds)",
            "            --rate N | --poisson N | --arrivals FILE   connects/s fixed or Poisson, or one instant (ns) per line",
            "            --hold DURATION [--hold-distribution fixed|exponential]   how long a connection is held (default 0)",
            "            --duration DURATION          virtual time (default 10 x (hold + TIME-WAIT))",
            "            --destinations N [--zipf S | --destination-indices FILE]   round-robin, Zipf-skewed, or one index per line",
            "            --call " + String.join("|", SocketCall.ids()) + "   (default connect)",
            "            --tw-reuse 0|1|2 [--tw-reuse-delay DURATION]   tcp_tw_reuse mode and delay (default: the stack's)",
            "            --loopback                   destinations in 127.0.0.0/8 (tcp_tw_reuse 2 applies)",
            "            --allocator " + String.join("|", ConnectionAllocatorType.ids()) + "   (default pair-table)",
            "            --tick DURATION [--tick-phase DURATION]   TIME-WAIT freed at tick boundaries (0: exact; default: the stack's)",
            "            --window DURATION  --seed N  --name LABEL",
            "            --json FILE  --csv FILE  --outcomes-csv FILE   the result, the time series, each attempt's port");

    /** Parses what {@code args} holds for {@code simulate}, and checks nothing is left over. */
    static SimulateArguments parse(PortBench.Args args) {
        boolean scenario = args.options.keySet().stream().anyMatch(SCENARIO_OPTIONS::contains);
        String preset = args.option("preset", null);
        if (preset != null && !preset.equals("q170791")) {
            throw new IllegalArgumentException("--preset: '" + preset + "' (expected q170791)");
        }
        if (preset != null && scenario) {
            throw new IllegalArgumentException("--preset q170791 runs the study: give no scenario option with it");
        }
        if (!scenario) {
            int periods = (int) Math.min(1000, args.longOption("periods", Profile.QUICK.simulationPeriods));
            String out = args.option("out", null);
            args.done();
            return new SimulateArguments(true, periods, out == null ? null : Path.of(out), null, null, null, null);
        }
        StackProfile stack = StackProfiles.fromId(args.option("stack", "linux"));
        Scenario.Builder b = Scenario.builder(stack);
        String range = args.option("range", null);
        if (range != null) {
            int[] r = range(range);
            b.portRange(r[0], r[1]);
        }
        String timeWait = args.option("time-wait", null);
        if (timeWait != null) {
            b.timeWaitNanos(positiveNanos("time-wait", timeWait));
        }
        String rate = args.option("rate", null);
        String poisson = args.option("poisson", null);
        String arrivals = args.option("arrivals", null);
        if ((rate != null ? 1 : 0) + (poisson != null ? 1 : 0) + (arrivals != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("arrivals: give exactly one of --rate N, --poisson N or --arrivals FILE");
        }
        if (rate != null) {
            b.fixedRate(positiveNumber("rate", rate));
        } else if (poisson != null) {
            b.poisson(positiveNumber("poisson", poisson));
        } else {
            b.attemptTimes(longsFrom("arrivals", Path.of(arrivals)));
        }
        String hold = args.option("hold", null);
        String distribution = args.option("hold-distribution", null);
        if (hold != null) {
            long nanos = nanos("hold", hold);
            HoldingTime kind = nanos == 0 ? HoldingTime.NONE
                    : distribution == null ? HoldingTime.FIXED : holding(distribution);
            b.hold(kind, nanos);
        } else if (distribution != null) {
            throw new IllegalArgumentException("--hold-distribution: given without --hold DURATION");
        }
        String duration = args.option("duration", null);
        if (duration != null) {
            b.durationNanos(positiveNanos("duration", duration));
        }
        int destinations = (int) Math.min(Integer.MAX_VALUE, args.longOption("destinations", 1));
        String zipf = args.option("zipf", null);
        String indices = args.option("destination-indices", null);
        if (zipf != null && indices != null) {
            throw new IllegalArgumentException("--zipf and --destination-indices: give at most one");
        }
        if (zipf != null) {
            b.zipfDestinations(destinations, positiveNumber("zipf", zipf));
        } else if (indices != null) {
            long[] values = longsFrom("destination-indices", Path.of(indices));
            int[] perAttempt = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] >= destinations) {
                    throw new IllegalArgumentException("--destination-indices: line " + (i + 1) + ": " + values[i]
                            + " (expected: 0.." + (destinations - 1) + " for --destinations " + destinations + ")");
                }
                perAttempt[i] = (int) values[i];
            }
            b.destinationPerAttempt(destinations, perAttempt);
        } else {
            b.destinations(destinations);
        }
        String call = args.option("call", null);
        if (call != null) {
            b.call(SocketCall.fromId(call));
        }
        String reuse = args.option("tw-reuse", null);
        String delay = args.option("tw-reuse-delay", null);
        if (reuse != null || delay != null) {
            TimeWaitReuse mode = reuse == null ? stack.timeWaitReuse() : TimeWaitReuse.fromSysctl((int) integer("tw-reuse", reuse));
            b.timeWaitReuse(mode, delay == null ? stack.reuseDelayNanos() : nanos("tw-reuse-delay", delay));
        }
        String loopback = args.option("loopback", null);
        if (loopback != null) {
            b.loopback(true);
        }
        String allocator = args.option("allocator", null);
        if (allocator != null) {
            b.allocator(ConnectionAllocatorType.fromId(allocator));
        }
        String tick = args.option("tick", null);
        String phase = args.option("tick-phase", null);
        if (tick != null) {
            long g = nanos("tick", tick);
            long p = phase == null ? 0 : nanos("tick-phase", phase);
            long tw = timeWait != null ? positiveNanos("time-wait", timeWait) : stack.timeWaitNanos();
            b.lateness(g == 0 ? TimeWaitLateness.exact(tw, "--tick 0: exact")
                    : new TimeWaitLateness("n/a", 0, tw, g, p, g / 2, g, "--tick " + tick + " on the command line", "", ""));
        } else if (phase != null) {
            throw new IllegalArgumentException("--tick-phase: given without --tick DURATION");
        }
        String window = args.option("window", null);
        if (window != null) {
            b.windowNanos(positiveNanos("window", window));
        }
        String seed = args.option("seed", null);
        if (seed != null) {
            b.seed(integer("seed", seed));
        }
        String name = args.option("name", null);
        if (name != null) {
            b.name(name);
        }
        Path json = path(args.option("json", null));
        Path csv = path(args.option("csv", null));
        Path outcomes = path(args.option("outcomes-csv", null));
        b.recordOutcomes(outcomes != null);
        args.done();
        return new SimulateArguments(false, 0, null, b.build(), json, csv, outcomes);
    }

    private static Path path(String s) {
        return s == null ? null : Path.of(s);
    }

    static int[] range(String s) {
        String[] parts = s.split("-", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("--range: '" + s + "' (expected FIRST-LAST, e.g. 1025-5000)");
        }
        try {
            return new int[] {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--range: '" + s + "' (expected FIRST-LAST, two port numbers, e.g. 1025-5000)");
        }
    }

    static double positiveNumber(String option, String s) {
        double v;
        try {
            v = Double.parseDouble(s.replace("_", ""));
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("--" + option + ": '" + s + "' (expected a number > 0)");
        }
        return v;
    }

    static long integer(String option, String s) {
        try {
            return Long.parseLong(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + ": '" + s + "' (expected an integer)");
        }
    }

    private static HoldingTime holding(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "fixed":
                return HoldingTime.FIXED;
            case "exponential":
                return HoldingTime.EXPONENTIAL;
            default:
                throw new IllegalArgumentException("--hold-distribution: '" + s + "' (expected fixed or exponential)");
        }
    }

    private static final List<String[]> UNITS = List.of(new String[] {"ns", "1"}, new String[] {"us", "1000"},
            new String[] {"ms", "1000000"}, new String[] {"s", "1000000000"}, new String[] {"m", "60000000000"},
            new String[] {"h", "3600000000000"});

    /** A duration such as {@code 60s}, {@code 500ms}, {@code 2m}, {@code 1.5h}; a bare number is seconds. */
    static long nanos(String option, String s) {
        String text = s.trim().toLowerCase(Locale.ROOT);
        BigDecimal factor = new BigDecimal(1_000_000_000L);
        String number = text;
        for (String[] unit : UNITS) {
            if (text.endsWith(unit[0]) && (unit[0].length() > 1 || !text.endsWith("ms") && !text.endsWith("ns")
                    && !text.endsWith("us"))) {
                number = text.substring(0, text.length() - unit[0].length());
                factor = new BigDecimal(unit[1]);
                break;
            }
        }
        try {
            BigDecimal v = new BigDecimal(number.trim()).multiply(factor);
            if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(1L << 62)) > 0) {
                throw new NumberFormatException();
            }
            return v.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("--" + option + ": '" + s
                    + "' (expected a duration >= 0 such as 60s, 500ms, 2m, 1h; a bare number is seconds)");
        }
    }

    static long positiveNanos(String option, String s) {
        long v = nanos(option, s);
        if (v == 0) {
            throw new IllegalArgumentException("--" + option + ": '" + s + "' (expected a duration > 0, such as 60s)");
        }
        return v;
    }

    /** Integers one per line; blank lines and {@code #} comments skipped. */
    static long[] longsFrom(String option, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("--" + option + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        long[] out = new long[lines.size()];
        int n = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out[n++] = Long.parseLong(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + option + ": " + file + " line " + (i + 1) + ": '" + line
                        + "' (expected one integer per line)");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
