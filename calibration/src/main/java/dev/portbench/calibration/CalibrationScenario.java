package dev.portbench.calibration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One kernel experiment: a loopback server on {@code destinations} ports or addresses, a client
 * connecting at {@code rate} per second (0: as fast as it can) for {@code durationSeconds}, closing
 * first, inside a fresh network namespace whose {@code ip_local_port_range} is
 * {@code rangeLow..rangeHigh} and whose {@code tcp_tw_reuse} is {@code twReuse}.
 *
 * <p>Destination {@code i} is {@code 127.0.0.1:(SERVER_PORT + i)} by port, or
 * {@code 127.0.0.(1 + i):SERVER_PORT} by address; attempt {@code n} goes to destination
 * {@code n % destinations}, or to one drawn by {@code destinationWeights} when given. The Java
 * client can also draw Poisson gaps, exponential holding times and RST closes from {@code seed};
 * the C client runs fixed-rate or fast loops only. Server ports lie below every allowed range, so they never compete
 * with ephemeral ports.
 *
 * @param id short name, used for file names
 * @param description one line for the report
 * @param rangeLow first ephemeral port (inclusive)
 * @param rangeHigh last ephemeral port (inclusive)
 * @param destinations number of destinations, 1..16
 * @param byAddress destinations differ by address (127.0.0.x) rather than by port
 * @param rate attempts per second, or 0 for a fast loop
 * @param durationSeconds how long the client runs, at most {@link #MAX_DURATION_SECONDS}
 * @param bindBeforeConnect {@code bind(127.0.0.1, 0)} before {@code connect()}
 * @param bindAddressNoPort set {@code IP_BIND_ADDRESS_NO_PORT} before the bind (C client)
 * @param twReuse {@code net.ipv4.tcp_tw_reuse}: 0 off, 1 on, 2 loopback only
 * @param failureBackoffMicros fast loop only: pause after a failed attempt, bounding the attempts
 * @param maxAttempts hard bound on attempts
 * @param poisson attempts arrive as a Poisson process of {@code rate} (seeded gaps) instead of on a fixed grid
 * @param holdMeanMillis mean of an exponential holding time before the client closes (0: close at once)
 * @param destinationWeights relative weight of each destination, drawn per attempt (empty: round-robin)
 * @param resetFraction share of connections closed with an RST ({@code SO_LINGER} 0: no TIME-WAIT)
 * @param twReuseDelayMillis {@code net.ipv4.tcp_tw_reuse_delay} to set in the namespace (Linux 6.14+), 0: leave it
 * @param socketRangeLow per-socket {@code IP_LOCAL_PORT_RANGE} low end (Linux 6.3+, C client), 0: none
 * @param socketRangeHigh its high end, inclusive, 0: none
 * @param seed seed of the client's draws (gaps, destinations, holding, resets)
 */
public record CalibrationScenario(String id, String description, int rangeLow, int rangeHigh, int destinations,
                                  boolean byAddress, double rate, double durationSeconds, boolean bindBeforeConnect,
                                  boolean bindAddressNoPort, int twReuse, long failureBackoffMicros, long maxAttempts,
                                  boolean poisson, double holdMeanMillis, List<Double> destinationWeights,
                                  double resetFraction, int twReuseDelayMillis, int socketRangeLow, int socketRangeHigh,
                                  long seed) {

    /** The first server port; destinations by port use the next ones. */
    public static final int SERVER_PORT = 5001;
    /** Longest scenario allowed (the issue asks for about two minutes at most). */
    public static final double MAX_DURATION_SECONDS = 200;
    /** Longest mean holding time (a held connection keeps a socket open in the client). */
    public static final double MAX_HOLD_MILLIS = 10_000;
    /** Most destinations a scenario may use. */
    public static final int MAX_DESTINATIONS = 16;

    /** The plain form: fixed rate or fast loop, round-robin, closed at once with a FIN. */
    public CalibrationScenario(String id, String description, int rangeLow, int rangeHigh, int destinations,
                               boolean byAddress, double rate, double durationSeconds, boolean bindBeforeConnect,
                               boolean bindAddressNoPort, int twReuse, long failureBackoffMicros, long maxAttempts) {
        this(id, description, rangeLow, rangeHigh, destinations, byAddress, rate, durationSeconds, bindBeforeConnect,
                bindAddressNoPort, twReuse, failureBackoffMicros, maxAttempts, false, 0, List.of(), 0, 0, 0, 0, 1);
    }

    public CalibrationScenario {
        destinationWeights = destinationWeights == null ? List.of() : List.copyOf(destinationWeights);
        List<String> bad = problems(id, rangeLow, rangeHigh, destinations, rate, durationSeconds, bindBeforeConnect,
                bindAddressNoPort, twReuse, failureBackoffMicros, maxAttempts);
        bad.addAll(workloadProblems(rangeLow, rangeHigh, destinations, rate, bindAddressNoPort, poisson, holdMeanMillis,
                destinationWeights, resetFraction, twReuseDelayMillis, socketRangeLow, socketRangeHigh));
        if (!bad.isEmpty()) {
            throw new IllegalArgumentException("scenario " + id + ": " + String.join("; ", bad));
        }
    }

    private static List<String> problems(String id, int low, int high, int destinations, double rate, double duration,
                                         boolean bind, boolean noPort, int twReuse, long backoff, long maxAttempts) {
        List<String> bad = new ArrayList<>();
        if (id == null || !id.matches("[a-z0-9][a-z0-9-]*")) {
            bad.add("id '" + id + "' (expected lower-case letters, digits and dashes)");
        }
        int minLow = SERVER_PORT + MAX_DESTINATIONS;
        if (low < minLow || high > 65535 || low > high) {
            bad.add("range " + low + ".." + high + " (expected " + minLow + " <= low <= high <= 65535)");
        }
        if (destinations < 1 || destinations > MAX_DESTINATIONS) {
            bad.add("destinations " + destinations + " (expected 1.." + MAX_DESTINATIONS + ")");
        }
        if (!(rate >= 0) || rate > 100_000) {
            bad.add("rate " + rate + " (expected 0 for a fast loop, or up to 100000 per second)");
        }
        if (!(duration > 0) || duration > MAX_DURATION_SECONDS) {
            bad.add("duration " + duration + " s (expected > 0 and <= " + MAX_DURATION_SECONDS + ")");
        }
        if (noPort && !bind) {
            bad.add("IP_BIND_ADDRESS_NO_PORT without bind() before connect (expected both)");
        }
        if (twReuse < 0 || twReuse > 2) {
            bad.add("tcp_tw_reuse " + twReuse + " (expected 0, 1 or 2)");
        }
        if (backoff < 0 || backoff > 1_000_000) {
            bad.add("failure backoff " + backoff + " us (expected 0..1000000)");
        }
        if (maxAttempts < 1 || maxAttempts > 10_000_000) {
            bad.add("max attempts " + maxAttempts + " (expected 1..10000000)");
        }
        return bad;
    }

    private static List<String> workloadProblems(int low, int high, int destinations, double rate, boolean noPort,
                                                 boolean poisson, double hold, List<Double> weights, double resets,
                                                 int delay, int socketLow, int socketHigh) {
        List<String> bad = new ArrayList<>();
        if (poisson && !(rate > 0)) {
            bad.add("Poisson arrivals with rate " + rate + " (expected a rate > 0)");
        }
        if (!(hold >= 0) || hold > MAX_HOLD_MILLIS) {
            bad.add("mean holding time " + hold + " ms (expected 0.." + MAX_HOLD_MILLIS + ")");
        }
        if (!weights.isEmpty() && (weights.size() != destinations
                || weights.stream().anyMatch(w -> w == null || !(w > 0) || w.isInfinite()))) {
            bad.add("destination weights " + weights + " (expected none, or " + destinations + " finite weights > 0)");
        }
        if (!(resets >= 0) || resets > 1) {
            bad.add("reset fraction " + resets + " (expected 0..1)");
        }
        if (delay < 0 || delay > 60_000) {
            bad.add("tcp_tw_reuse_delay " + delay + " ms (expected 0 to leave it, or 1..60000)");
        }
        boolean socketRange = socketLow != 0 || socketHigh != 0;
        if (socketRange && (socketLow < low || socketHigh > high || socketLow > socketHigh)) {
            bad.add("IP_LOCAL_PORT_RANGE " + socketLow + ".." + socketHigh + " (expected inside the range " + low + ".."
                    + high + ", low <= high)");
        }
        boolean nativeClient = noPort || socketRange;
        if (nativeClient && (poisson || hold > 0 || !weights.isEmpty() || resets > 0)) {
            bad.add("Poisson arrivals, holding, weights or resets with the C client (IP_BIND_ADDRESS_NO_PORT or "
                    + "IP_LOCAL_PORT_RANGE) (expected them with the Java client only)");
        }
        return bad;
    }

    /** True when the per-socket {@code IP_LOCAL_PORT_RANGE} is set. */
    public boolean socketRange() {
        return socketRangeLow != 0 || socketRangeHigh != 0;
    }

    /** True when the scenario runs the C client (options the JDK cannot set). */
    public boolean nativeClient() {
        return bindAddressNoPort || socketRange();
    }

    /** The lowest port a connect may get: the socket's range when set, else the namespace's. */
    public int effectiveLow() {
        return socketRange() ? socketRangeLow : rangeLow;
    }

    /** The highest port a connect may get. */
    public int effectiveHigh() {
        return socketRange() ? socketRangeHigh : rangeHigh;
    }

    /**
     * The oldest Linux release that can run this scenario as asked ({@code "0"} for any):
     * {@code IP_LOCAL_PORT_RANGE} needs 6.3, the {@code tcp_tw_reuse_delay} sysctl 6.14
     * (FACTS.md, Linux per-socket range and sysctl entries).
     */
    public String requiredKernel() {
        if (twReuseDelayMillis > 0) {
            return "6.14";
        }
        return socketRange() ? "6.3" : "0";
    }

    /** Ports in the range. */
    public int rangeSize() {
        return rangeHigh - rangeLow + 1;
    }

    /** True for a fast loop (no fixed rate). */
    public boolean fastLoop() {
        return rate == 0;
    }

    /** Destination {@code i} as {@code ip:port}. */
    public String destination(int i) {
        return byAddress ? "127.0.0." + (1 + i) + ":" + SERVER_PORT : "127.0.0.1:" + (SERVER_PORT + i);
    }

    /** Every destination as {@code ip:port}. */
    public List<String> destinationList() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < destinations; i++) {
            out.add(destination(i));
        }
        return out;
    }

    /** Capacity in connections per second with per-destination sharing: destinations x range / TIME-WAIT. */
    public double sharedCapacityPerSecond(double timeWaitSeconds) {
        return destinations * (double) rangeSize() / timeWaitSeconds;
    }

    /** The scenario in one line: range, destinations, rate, options. */
    public String settings() {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "ports %d-%d (%d), %d destination%s%s, %s, %.0f s, tcp_tw_reuse=%d",
                rangeLow, rangeHigh, rangeSize(), destinations, destinations == 1 ? "" : "s",
                destinations == 1 ? "" : byAddress ? " by address" : " by port",
                fastLoop() ? "fast loop" : String.format(Locale.ROOT, "%.4g/s", rate), durationSeconds, twReuse));
        if (bindBeforeConnect) {
            s.append(bindAddressNoPort ? ", bind() with IP_BIND_ADDRESS_NO_PORT" : ", bind() before connect");
        }
        if (poisson) {
            s.append(", Poisson arrivals");
        }
        if (holdMeanMillis > 0) {
            s.append(String.format(Locale.ROOT, ", held %.0f ms on average (exponential)", holdMeanMillis));
        }
        if (!destinationWeights.isEmpty()) {
            s.append(", destination weights ").append(destinationWeights);
        }
        if (resetFraction > 0) {
            s.append(String.format(Locale.ROOT, ", %.0f%% closed by RST", 100 * resetFraction));
        }
        if (twReuseDelayMillis > 0) {
            s.append(", tcp_tw_reuse_delay=").append(twReuseDelayMillis).append(" ms");
        }
        if (socketRange()) {
            s.append(", IP_LOCAL_PORT_RANGE ").append(socketRangeLow).append('-').append(socketRangeHigh);
        }
        return s.toString();
    }

    /** Adjusted copy, for command-line overrides. */
    public CalibrationScenario withDuration(double seconds) {
        return new CalibrationScenario(id, description, rangeLow, rangeHigh, destinations, byAddress, rate, seconds,
                bindBeforeConnect, bindAddressNoPort, twReuse, failureBackoffMicros, maxAttempts, poisson, holdMeanMillis,
                destinationWeights, resetFraction, twReuseDelayMillis, socketRangeLow, socketRangeHigh, seed);
    }
}
