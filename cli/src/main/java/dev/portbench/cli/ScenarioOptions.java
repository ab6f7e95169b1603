package dev.portbench.cli;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.cli.ArgumentTypes.Allocator;
import dev.portbench.cli.ArgumentTypes.Call;
import dev.portbench.cli.ArgumentTypes.Duration;
import dev.portbench.cli.ArgumentTypes.Holding;
import dev.portbench.cli.ArgumentTypes.PortRange;
import dev.portbench.cli.ArgumentTypes.PortRangeConverter;
import dev.portbench.cli.ArgumentTypes.PositiveDuration;
import dev.portbench.cli.ArgumentTypes.PositiveNumber;
import dev.portbench.cli.ArgumentTypes.Reuse;
import dev.portbench.cli.ArgumentTypes.StackId;
import dev.portbench.simulation.Scenario;
import dev.portbench.simulation.ScenarioBuilder;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.workload.HoldingTime;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The scenario options of {@code ./portbench simulate}, parsed by picocli and turned into one
 * {@link Scenario} by {@link #scenario()}, apart from running it. Every value is converted by a
 * converter that names what is allowed; what the options mean together is checked by the
 * {@link Scenario} builder, whose {@link IllegalArgumentException}s name the value and the rule.
 * An option left out takes the stack profile's value.
 */
final class ScenarioOptions {

    @Option(names = "--stack", paramLabel = "ID", converter = StackId.class,
            description = "Stack profile: windows95, windows, linux (default) or freebsd; every other option defaults to it.")
    StackProfile stack;

    @Option(names = "--range", paramLabel = "FIRST-LAST", converter = PortRangeConverter.class,
            description = "Ephemeral port range, e.g. 1025-5000.")
    PortRange range;

    @Option(names = "--time-wait", paramLabel = "DURATION", converter = PositiveDuration.class,
            description = "TIME-WAIT, e.g. 60s, 240s (a bare number is seconds).")
    Long timeWaitNanos;

    @Option(names = "--rate", paramLabel = "N", converter = PositiveNumber.class, description = "Connects per second, fixed rate.")
    Double rate;

    @Option(names = "--poisson", paramLabel = "N", converter = PositiveNumber.class, description = "Connects per second, Poisson.")
    Double poisson;

    @Option(names = "--arrivals", paramLabel = "FILE",
            description = "Attempt instants, one per line in ns from 0, non-decreasing (# comments allowed).")
    Path arrivals;

    @Option(names = "--hold", paramLabel = "DURATION", converter = Duration.class,
            description = "How long each connection is held before it closes (default 0).")
    Long holdNanos;

    @Option(names = "--hold-distribution", paramLabel = "KIND", converter = Holding.class,
            description = "fixed (default) or exponential, with --hold as the mean.")
    HoldingTime holding;

    @Option(names = "--duration", paramLabel = "DURATION", converter = PositiveDuration.class,
            description = "Virtual time simulated (default " + Scenario.DEFAULT_PERIODS + " x (hold + TIME-WAIT)).")
    Long durationNanos;

    @Option(names = "--destinations", paramLabel = "N", converter = ArgumentTypes.PositiveInt.class,
            description = "How many destinations (default 1), round-robin unless --zipf or --destination-indices.")
    Integer destinations;

    @Option(names = "--zipf", paramLabel = "S", converter = PositiveNumber.class,
            description = "Zipf-skewed destinations with exponent S.")
    Double zipf;

    @Option(names = "--destination-indices", paramLabel = "FILE",
            description = "The destination of each attempt, one index 0..N-1 per line.")
    Path destinationIndices;

    @Option(names = "--call", paramLabel = "CALL", converter = Call.class,
            description = "connect (default), bind (bind(addr, 0) first: no sharing) or bind-no-port (IP_BIND_ADDRESS_NO_PORT).")
    SocketCall call;

    @Option(names = "--tw-reuse", paramLabel = "0|1|2", converter = Reuse.class,
            description = "tcp_tw_reuse: 0 off, 1 on, 2 loopback only (default: the stack's).")
    TimeWaitReuse twReuse;

    @Option(names = "--tw-reuse-delay", paramLabel = "DURATION", converter = Duration.class,
            description = "How old a TIME-WAIT entry must be to be reused (default: the stack's, 1000ms on Linux).")
    Long twReuseDelayNanos;

    @Option(names = "--loopback", description = "Destinations in 127.0.0.0/8 (tcp_tw_reuse 2 applies to them).")
    boolean loopback;

    @Option(names = "--allocator", paramLabel = "ID", converter = Allocator.class,
            description = "bind-buckets (Linux's shape) or pair-table (default).")
    ConnectionAllocatorType allocator;

    @Option(names = "--tick", paramLabel = "DURATION", converter = Duration.class,
            description = "TIME-WAIT freed at tick boundaries (0: exact; default: the stack's lateness).")
    Long tickNanos;

    @Option(names = "--tick-phase", paramLabel = "DURATION", converter = Duration.class,
            description = "Where the tick boundaries lie (default 0).")
    Long tickPhaseNanos;

    @Option(names = "--window", paramLabel = "DURATION", converter = PositiveDuration.class,
            description = "Time-series window (default: duration / 100, at least 1 s).")
    Long windowNanos;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random draw (default 1).")
    Long seed;

    @Option(names = "--name", paramLabel = "LABEL", description = "A label for the output.")
    String name;

    @Option(names = "--json", paramLabel = "FILE", description = "Write the whole result as JSON.")
    Path json;

    @Option(names = "--csv", paramLabel = "FILE", description = "Write the time series as CSV.")
    Path csv;

    @Option(names = "--outcomes-csv", paramLabel = "FILE", description = "Write each attempt's port (-1: failed) as CSV.")
    Path outcomesCsv;

    /** Whether any scenario option was given: otherwise {@code simulate} runs the Q170791 study. */
    boolean given() {
        return loopback || Arrays.stream(new Object[] {stack, range, timeWaitNanos, rate, poisson, arrivals, holdNanos, holding,
            durationNanos, destinations, zipf, destinationIndices, call, twReuse, twReuseDelayNanos, allocator, tickNanos,
            tickPhaseNanos, windowNanos, seed, name, json, csv, outcomesCsv}).anyMatch(o -> o != null);
    }

    /**
     * The scenario these options describe.
     *
     * @throws IllegalArgumentException naming the option or value and what is allowed
     */
    Scenario scenario() {
        StackProfile profile = stack != null ? stack : StackProfiles.linux();
        ScenarioBuilder b = Scenario.builder(profile);
        if (range != null) {
            b.portRange(range.first(), range.last());
        }
        if (timeWaitNanos != null) {
            b.timeWaitNanos(timeWaitNanos);
        }
        if ((rate != null ? 1 : 0) + (poisson != null ? 1 : 0) + (arrivals != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("arrivals: give exactly one of --rate N, --poisson N or --arrivals FILE");
        }
        if (rate != null) {
            b.fixedRate(rate);
        } else if (poisson != null) {
            b.poisson(poisson);
        } else {
            b.attemptTimes(longsFrom("--arrivals", arrivals));
        }
        if (holdNanos != null) {
            b.hold(holdNanos == 0 ? HoldingTime.NONE : holding != null ? holding : HoldingTime.FIXED, holdNanos);
        } else if (holding != null) {
            throw new IllegalArgumentException("--hold-distribution: given without --hold DURATION");
        }
        if (durationNanos != null) {
            b.durationNanos(durationNanos);
        }
        int n = destinations != null ? destinations : 1;
        if (zipf != null && destinationIndices != null) {
            throw new IllegalArgumentException("--zipf and --destination-indices: give at most one");
        }
        if (zipf != null) {
            b.zipfDestinations(n, zipf);
        } else if (destinationIndices != null) {
            long[] values = longsFrom("--destination-indices", destinationIndices);
            int[] perAttempt = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                if (values[i] < 0 || values[i] >= n) {
                    throw new IllegalArgumentException("--destination-indices: line " + (i + 1) + ": " + values[i]
                            + " (expected: 0.." + (n - 1) + " for --destinations " + n + ")");
                }
                perAttempt[i] = (int) values[i];
            }
            b.destinationPerAttempt(n, perAttempt);
        } else {
            b.destinations(n);
        }
        if (call != null) {
            b.call(call);
        }
        if (twReuse != null || twReuseDelayNanos != null) {
            b.timeWaitReuse(twReuse != null ? twReuse : profile.timeWaitReuse(),
                    twReuseDelayNanos != null ? twReuseDelayNanos : profile.reuseDelayNanos());
        }
        b.loopback(loopback);
        if (allocator != null) {
            b.allocator(allocator);
        }
        if (tickNanos != null) {
            long tw = timeWaitNanos != null ? timeWaitNanos : profile.timeWaitNanos();
            long phase = tickPhaseNanos != null ? tickPhaseNanos : 0;
            b.lateness(tickNanos == 0 ? TimeWaitLateness.exact(tw, "--tick 0 on the command line: exact")
                    : new TimeWaitLateness("n/a", 0, tw, tickNanos, phase, tickNanos / 2, tickNanos,
                            "--tick " + tickNanos + " ns on the command line", "", ""));
        } else if (tickPhaseNanos != null) {
            throw new IllegalArgumentException("--tick-phase: given without --tick DURATION");
        }
        if (windowNanos != null) {
            b.windowNanos(windowNanos);
        }
        if (seed != null) {
            b.seed(seed);
        }
        if (name != null) {
            b.name(name);
        }
        return b.recordOutcomes(outcomesCsv != null).build();
    }

    /** Integers one per line; blank lines and {@code #} comments skipped. */
    static long[] longsFrom(String option, Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(option + ": cannot read " + file + ": " + e.getMessage(), e);
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
                throw new IllegalArgumentException(option + ": " + file + " line " + (i + 1) + ": '" + line
                        + "' (expected one integer per line)");
            }
        }
        return Arrays.copyOf(out, n);
    }
}
