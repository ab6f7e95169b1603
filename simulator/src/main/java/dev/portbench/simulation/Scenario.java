package dev.portbench.simulation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.ConnectionAllocatorType;
import dev.portbench.allocator.Destinations;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.stack.PortSharing;
import dev.portbench.stack.SocketCall;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.workload.HoldingTime;

import java.util.Objects;

/**
 * One client on one stack, as data: the stack profile and every override of it (range, TIME-WAIT,
 * {@code tcp_tw_reuse} mode and delay, TIME-WAIT lateness), how attempts arrive (fixed rate,
 * Poisson, or explicit instants), how long connections are held, where they go (N destinations
 * round-robin or Zipf-skewed, or an explicit index per attempt; loopback or not), how the client
 * asks for its port ({@code connect}, {@code bind}, {@code bind} with {@code IP_BIND_ADDRESS_NO_PORT}),
 * which allocator simulates the stack, the reporting window, the seed, and whether to keep each
 * attempt's outcome. Build one with {@link #builder(StackProfile)}; {@link ScenarioSimulator#run}
 * runs it. Every value is checked by the builder, naming the value and what is allowed.
 *
 * <p>Records compare arrays by identity: two scenarios with equal but distinct arrays are not equal.
 *
 * @param name a label for reports and files
 * @param profile the stack the defaults come from
 * @param firstPort first port of the range
 * @param lastPort last port, inclusive
 * @param timeWaitNanos TIME-WAIT
 * @param arrivals how attempts arrive
 * @param ratePerSecond attempts per second for FIXED_RATE and POISSON; 0 for EXPLICIT
 * @param attemptTimes the attempt instants (ns from 0, non-decreasing) for EXPLICIT; empty otherwise
 * @param holding holding-time distribution
 * @param holdNanos mean holding time (0 with NONE)
 * @param durationNanos virtual time simulated
 * @param destinations how many destinations
 * @param destinationPattern how attempts pick them
 * @param zipfExponent the skew for ZIPF, 0 otherwise
 * @param destinationPerAttempt the destination index per attempt for EXPLICIT; empty otherwise
 * @param call how the port is asked for
 * @param timeWaitReuse the tcp_tw_reuse mode
 * @param reuseDelayNanos how old a TIME-WAIT entry must be to be reused
 * @param loopback whether the destinations are in 127.0.0.0/8 (tcp_tw_reuse = 2 applies to them)
 * @param allocator the destination-aware allocator that simulates the stack: neither fails while a
 *     usable port exists, so the counts do not depend on which port it picks, except where
 *     tcp_tw_reuse chooses between a fresh port and a reusable entry ({@code bind-buckets} follows
 *     Linux's order there; {@code pair-table}, the default, is the fast one). The profile's
 *     selection policy is descriptive.
 * @param lateness when TIME-WAIT is freed (granularity and phase)
 * @param windowNanos the time-series window
 * @param seed seed of every random draw (arrivals, holding, destinations, the allocator)
 * @param recordOutcomes whether the result keeps every attempt's port (or NO_PORT)
 */
public record Scenario(String name, StackProfile profile, int firstPort, int lastPort, long timeWaitNanos,
                       ArrivalPattern arrivals, double ratePerSecond, @JsonIgnore long[] attemptTimes,
                       HoldingTime holding, long holdNanos, long durationNanos, int destinations,
                       DestinationPattern destinationPattern, double zipfExponent,
                       @JsonIgnore int[] destinationPerAttempt, SocketCall call, TimeWaitReuse timeWaitReuse,
                       long reuseDelayNanos, boolean loopback, ConnectionAllocatorType allocator,
                       TimeWaitLateness lateness, long windowNanos, long seed, boolean recordOutcomes) {

    /** At most this many destinations: each gets a distinct address in one /8. */
    public static final int MAX_DESTINATIONS = (1 << 24) - 2;
    /** At most this many windows in the time series. */
    public static final int MAX_WINDOWS = 1 << 20;
    /** The local address of the simulated client, 10.0.0.1 (127.0.0.1 for loopback). */
    public static final int LOCAL_ADDRESS = 0x0A00_0001;
    /**
     * Periods of (hold + TIME-WAIT) simulated when no duration is given: a client that fails in
     * bursts refills about once a period, late by the wheel's lateness, so the steady state (the
     * second half) must span many periods for its rate to be within a fraction of a percent.
     */
    public static final int DEFAULT_PERIODS = 100;
    /** The remote port every destination listens on. */
    public static final int REMOTE_PORT = 443;

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(attemptTimes, "attemptTimes");
        Objects.requireNonNull(holding, "holding");
        Objects.requireNonNull(destinationPattern, "destinationPattern");
        Objects.requireNonNull(destinationPerAttempt, "destinationPerAttempt");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(timeWaitReuse, "timeWaitReuse");
        Objects.requireNonNull(allocator, "allocator");
        Objects.requireNonNull(lateness, "lateness");
        // the allocator's own checks, with its messages: range, TIME-WAIT, delay, lateness
        allocatorConfig(firstPort, lastPort, timeWaitNanos, timeWaitReuse, reuseDelayNanos, lateness, seed);
        if (arrivals == ArrivalPattern.EXPLICIT) {
            if (ratePerSecond != 0) {
                throw new IllegalArgumentException("rate: " + ratePerSecond + " (expected: none with explicit attempt times)");
            }
            checkTimes(attemptTimes);
        } else {
            if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond) || ratePerSecond > 1e9) {
                throw new IllegalArgumentException("rate: " + ratePerSecond
                        + " (expected: connects per second, > 0 and at most 1e9)");
            }
            if (attemptTimes.length != 0) {
                throw new IllegalArgumentException("attemptTimes: " + attemptTimes.length
                        + " given (expected: none unless arrivals are EXPLICIT)");
            }
        }
        if (holdNanos < 0 || (holding == HoldingTime.NONE) != (holdNanos == 0)) {
            throw new IllegalArgumentException("hold: " + holdNanos + " ns with holding " + holding
                    + " (expected: 0 with NONE, > 0 with FIXED or EXPONENTIAL)");
        }
        if (durationNanos <= 0 || durationNanos > (1L << 62)) {
            throw new IllegalArgumentException("duration: " + durationNanos + " ns (expected: > 0 and at most 2^62)");
        }
        if (destinations < 1 || destinations > MAX_DESTINATIONS) {
            throw new IllegalArgumentException("destinations: " + destinations + " (expected: 1.." + MAX_DESTINATIONS + ")");
        }
        if (destinationPattern == DestinationPattern.ZIPF) {
            if (!(zipfExponent > 0) || Double.isInfinite(zipfExponent)) {
                throw new IllegalArgumentException("zipf: " + zipfExponent + " (expected: an exponent > 0)");
            }
        } else if (zipfExponent != 0) {
            throw new IllegalArgumentException("zipf: " + zipfExponent + " (expected: none unless destinations are ZIPF-skewed)");
        }
        if (destinationPattern == DestinationPattern.EXPLICIT) {
            if (destinationPerAttempt.length == 0) {
                throw new IllegalArgumentException("destinationPerAttempt: empty (expected: one index per attempt)");
            }
            for (int i = 0; i < destinationPerAttempt.length; i++) {
                if (destinationPerAttempt[i] < 0 || destinationPerAttempt[i] >= destinations) {
                    throw new IllegalArgumentException("destinationPerAttempt[" + i + "]: " + destinationPerAttempt[i]
                            + " (expected: 0.." + (destinations - 1) + ")");
                }
            }
        } else if (destinationPerAttempt.length != 0) {
            throw new IllegalArgumentException("destinationPerAttempt: " + destinationPerAttempt.length
                    + " given (expected: none unless destinations are EXPLICIT)");
        }
        if (call == SocketCall.BIND_ADDRESS_NO_PORT && !profile.bindAddressNoPort()) {
            throw new IllegalArgumentException("call: bind-no-port (expected: connect or bind; stack "
                    + profile.id() + " has no IP_BIND_ADDRESS_NO_PORT)");
        }
        if (windowNanos <= 0 || windowNanos > durationNanos || (durationNanos - 1) / windowNanos + 1 > MAX_WINDOWS) {
            throw new IllegalArgumentException("window: " + windowNanos + " ns (expected: > 0, at most the duration "
                    + durationNanos + " ns, and at most " + MAX_WINDOWS + " windows)");
        }
    }

    private static void checkTimes(long[] times) {
        if (times.length == 0) {
            throw new IllegalArgumentException("attemptTimes: empty (expected: at least one attempt instant)");
        }
        long previous = 0;
        for (int i = 0; i < times.length; i++) {
            if (times[i] < previous) {
                throw new IllegalArgumentException("attemptTimes[" + i + "]: " + times[i] + " ns (expected: >= "
                        + previous + ", instants from 0 in non-decreasing order)");
            }
            previous = times[i];
        }
    }

    /** A builder holding {@code profile}'s range, TIME-WAIT, reuse and lateness, one destination, connect. */
    public static ScenarioBuilder builder(StackProfile profile) {
        return new ScenarioBuilder(Objects.requireNonNull(profile, "profile"));
    }

    public int ports() {
        return lastPort - firstPort + 1;
    }

    /** Whether the stack shares ports per destination for this scenario's call. */
    public boolean sharesPorts() {
        return profile.sharing() == PortSharing.PER_DESTINATION && call != SocketCall.BIND;
    }

    /**
     * The closed-form capacity in connections per second: ports / (hold + TIME-WAIT), times the
     * destinations when ports are shared per destination (an upper bound under skew, reached
     * with round-robin).
     */
    public double capacityPerSecond() {
        return Theory.capacityPerSecond(ports(), holdNanos / 1e9, timeWaitNanos / 1e9) * (sharesPorts() ? destinations : 1);
    }

    /** The attempts a FIXED_RATE or EXPLICIT scenario makes; for POISSON the expected number. */
    public long expectedAttempts() {
        return arrivals == ArrivalPattern.EXPLICIT ? attemptCountWithin()
                : (long) Math.ceil(durationNanos / 1e9 * ratePerSecond);
    }

    private long attemptCountWithin() {
        long n = 0;
        for (long t : attemptTimes) {
            if (t < durationNanos) {
                n++;
            }
        }
        return n;
    }

    /** The configuration of this scenario's allocator. */
    public ConnectionAllocatorConfig allocatorConfig() {
        return allocatorConfig(firstPort, lastPort, timeWaitNanos, timeWaitReuse, reuseDelayNanos, lateness, seed);
    }

    private static ConnectionAllocatorConfig allocatorConfig(int first, int last, long timeWait, TimeWaitReuse reuse,
                                                             long reuseDelay, TimeWaitLateness lateness, long seed) {
        Objects.requireNonNull(lateness, "lateness");
        return ConnectionAllocatorConfig.builder()
                .portRange(first, last)
                .timeWaitNanos(timeWait)
                .timeWaitReuse(reuse)
                .reuseDelayNanos(reuseDelay)
                .lateness(lateness.granularityNanos(), lateness.phaseNanos())
                .secret(seed * 0x9E3779B97F4A7C15L + 1)
                .seed(seed)
                .build();
    }

    /** The {@link Destinations} key of destination {@code index}: 10.x.y.z:443, or 127.x.y.z:443 for loopback. */
    public long destinationKey(int index) {
        int remote = (loopback ? 0x7F00_0000 : 0x0A00_0000) | (index + 1);
        return Destinations.ipv4(loopback ? 0x7F00_0001 : LOCAL_ADDRESS, remote, REMOTE_PORT);
    }
}
