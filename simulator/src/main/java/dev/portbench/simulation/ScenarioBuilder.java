package dev.portbench.simulation;

import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.workload.HoldingTime;

import java.time.Duration;
import java.util.Objects;

/**
 * Collects a {@link Scenario}: {@link Scenario#builder(StackProfile)} starts one from a stack
 * profile's range, TIME-WAIT, reuse and lateness; every setter checks its value; {@link #build()}
 * checks the whole. Not thread-safe; one builder, one scenario at a time.
 */
public final class ScenarioBuilder {
    private String name;
    private final StackProfile profile;
    private int firstPort;
    private int lastPort;
    private long timeWaitNanos;
    private ArrivalPattern arrivals = ArrivalPattern.FIXED_RATE;
    private double ratePerSecond = Double.NaN;
    private long[] attemptTimes = new long[0];
    private HoldingTime holding = HoldingTime.NONE;
    private long holdNanos;
    private long durationNanos;
    private int destinations = 1;
    private DestinationPattern destinationPattern = DestinationPattern.ROUND_ROBIN;
    private double zipfExponent;
    private int[] destinationPerAttempt = new int[0];
    private SocketCall call = SocketCall.CONNECT;
    private TimeWaitReuse timeWaitReuse;
    private long reuseDelayNanos;
    private boolean loopback;
    private ConnectionAllocatorType allocator = ConnectionAllocatorType.PAIR_TABLE;
    private TimeWaitLateness lateness;
    private long windowNanos;
    private long seed = 1;
    private boolean recordOutcomes;

    ScenarioBuilder(StackProfile profile) {
        this.profile = profile;
        this.firstPort = profile.firstPort();
        this.lastPort = profile.lastPort();
        this.timeWaitNanos = profile.timeWaitNanos();
        this.timeWaitReuse = profile.timeWaitReuse();
        this.reuseDelayNanos = profile.reuseDelayNanos();
        this.lateness = profile.lateness();
    }

    public ScenarioBuilder name(String name) {
        this.name = name;
        return this;
    }

    public ScenarioBuilder portRange(int first, int last) {
        this.firstPort = first;
        this.lastPort = last;
        return this;
    }

    public ScenarioBuilder timeWait(Duration timeWait) {
        this.timeWaitNanos = timeWait.toNanos();
        return this;
    }

    public ScenarioBuilder timeWaitNanos(long nanos) {
        this.timeWaitNanos = nanos;
        return this;
    }

    /** Fixed-rate arrivals of {@code perSecond}. */
    public ScenarioBuilder fixedRate(double perSecond) {
        return rate(ArrivalPattern.FIXED_RATE, perSecond);
    }

    /** Poisson arrivals of {@code perSecond}. */
    public ScenarioBuilder poisson(double perSecond) {
        return rate(ArrivalPattern.POISSON, perSecond);
    }

    private ScenarioBuilder rate(ArrivalPattern pattern, double perSecond) {
        this.arrivals = pattern;
        this.ratePerSecond = perSecond;
        this.attemptTimes = new long[0];
        return this;
    }

    /** Attempts at these instants, ns from 0, non-decreasing (kept, not copied). */
    public ScenarioBuilder attemptTimes(long[] times) {
        this.arrivals = ArrivalPattern.EXPLICIT;
        this.ratePerSecond = 0;
        this.attemptTimes = Objects.requireNonNull(times, "attemptTimes");
        return this;
    }

    public ScenarioBuilder hold(HoldingTime holding, long meanNanos) {
        this.holding = Objects.requireNonNull(holding, "holding");
        this.holdNanos = meanNanos;
        return this;
    }

    public ScenarioBuilder duration(Duration duration) {
        this.durationNanos = duration.toNanos();
        return this;
    }

    public ScenarioBuilder durationNanos(long nanos) {
        this.durationNanos = nanos;
        return this;
    }

    /** {@code count} destinations, round-robin. */
    public ScenarioBuilder destinations(int count) {
        return destinations(count, DestinationPattern.ROUND_ROBIN, 0, new int[0]);
    }

    /** {@code count} destinations, Zipf-skewed with exponent {@code s}. */
    public ScenarioBuilder zipfDestinations(int count, double s) {
        return destinations(count, DestinationPattern.ZIPF, s, new int[0]);
    }

    /** {@code count} destinations, attempt i to {@code perAttempt[i]} (kept, not copied). */
    public ScenarioBuilder destinationPerAttempt(int count, int[] perAttempt) {
        return destinations(count, DestinationPattern.EXPLICIT, 0,
                Objects.requireNonNull(perAttempt, "destinationPerAttempt"));
    }

    private ScenarioBuilder destinations(int count, DestinationPattern pattern, double s, int[] perAttempt) {
        this.destinations = count;
        this.destinationPattern = pattern;
        this.zipfExponent = s;
        this.destinationPerAttempt = perAttempt;
        return this;
    }

    public ScenarioBuilder call(SocketCall call) {
        this.call = call;
        return this;
    }

    public ScenarioBuilder timeWaitReuse(TimeWaitReuse mode, long delayNanos) {
        this.timeWaitReuse = mode;
        this.reuseDelayNanos = delayNanos;
        return this;
    }

    public ScenarioBuilder loopback(boolean loopback) {
        this.loopback = loopback;
        return this;
    }

    public ScenarioBuilder allocator(ConnectionAllocatorType type) {
        this.allocator = type;
        return this;
    }

    public ScenarioBuilder lateness(TimeWaitLateness lateness) {
        this.lateness = lateness;
        return this;
    }

    /** The time-series window; default: the duration / 100, at least 1 s, at most the duration. */
    public ScenarioBuilder windowNanos(long nanos) {
        this.windowNanos = nanos;
        return this;
    }

    public ScenarioBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    public ScenarioBuilder recordOutcomes(boolean record) {
        this.recordOutcomes = record;
        return this;
    }

    /**
     * The scenario. The duration defaults to {@value Scenario#DEFAULT_PERIODS} periods of (hold + TIME-WAIT), or for explicit
     * instants to the last one plus (hold + TIME-WAIT) plus 1 ns.
     *
     * @throws IllegalArgumentException naming the first bad value and what is allowed
     */
    public Scenario build() {
        if (arrivals != ArrivalPattern.EXPLICIT && Double.isNaN(ratePerSecond)) {
            throw new IllegalArgumentException("rate: missing (expected: a fixed or Poisson rate, or explicit attempt times)");
        }
        long duration = durationNanos;
        if (duration == 0) {
            long period = timeWaitNanos + holdNanos;
            duration = arrivals == ArrivalPattern.EXPLICIT && attemptTimes.length > 0
                    ? attemptTimes[attemptTimes.length - 1] + period + 1
                    : Scenario.DEFAULT_PERIODS * period;
        }
        long window = windowNanos != 0 ? windowNanos
                : Math.min(duration, Math.max(1_000_000_000L, duration / 100));
        String label = name != null ? name : profile.id() + "-" + destinations + "dst";
        return new Scenario(label, profile, firstPort, lastPort, timeWaitNanos, arrivals,
                arrivals == ArrivalPattern.EXPLICIT ? 0 : ratePerSecond, attemptTimes, holding, holdNanos, duration,
                destinations, destinationPattern, zipfExponent, destinationPerAttempt, call,
                timeWaitReuse, reuseDelayNanos, loopback, allocator, lateness, window, seed, recordOutcomes);
    }
}
