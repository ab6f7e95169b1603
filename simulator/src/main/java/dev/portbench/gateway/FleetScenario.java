package dev.portbench.gateway;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Objects;

/**
 * A fleet of clients behind one gateway, as data: a JSON scenario file (read by
 * {@link FleetScenarios}) or the options of {@code ./portbench gateway}. Each client makes
 * {@code requestsPerSecondPerClient} requests, {@code requestsPerConnection} of them on one
 * connection (keep-alive), so it opens {@link #connectionsPerSecond()} / {@code clients}
 * connections per second, each held {@code requestsPerConnection * holdSeconds}.
 *
 * @param clients internal hosts behind the gateway, 1..{@value #MAX_CLIENTS}
 * @param durationSeconds simulated time
 * @param arrival how connections arrive
 * @param requestsPerSecondPerClient each client's mean request rate
 * @param burstFactor rate multiplier during a burst ({@link FleetArrival#BURSTS}), >= 1
 * @param burstSeconds length of a burst
 * @param burstPeriodSeconds one burst starts every this many seconds
 * @param dailyAmplitude relative swing of the daily curve, 0..1 ({@link FleetArrival#DAILY})
 * @param dailyPeriodSeconds the curve's period (86,400 for a day)
 * @param destinationWeights one weight per destination (address, port 443): how often each is chosen
 * @param holdSeconds mean holding time of one request
 * @param exponentialHold whether holding times are exponential (else fixed)
 * @param closeMix how connections end
 * @param requestsPerConnection requests carried by one connection (keep-alive), >= 1
 * @param synSchedule the clients' SYN retransmission schedule ({@link SynSchedule#byId})
 * @param seed the seed of every random draw: equal seeds give equal results
 * @param windows how many windows the time series has
 */
@JsonPropertyOrder({"clients", "durationSeconds", "arrival", "requestsPerSecondPerClient", "burstFactor", "burstSeconds",
        "burstPeriodSeconds", "dailyAmplitude", "dailyPeriodSeconds", "destinationWeights", "holdSeconds", "exponentialHold",
        "closeMix", "requestsPerConnection", "synSchedule", "seed", "windows"})
public record FleetScenario(int clients, double durationSeconds, FleetArrival arrival, double requestsPerSecondPerClient,
                            double burstFactor, double burstSeconds, double burstPeriodSeconds, double dailyAmplitude,
                            double dailyPeriodSeconds, List<Double> destinationWeights, double holdSeconds,
                            boolean exponentialHold, CloseKindShare closeMix, int requestsPerConnection, String synSchedule,
                            long seed, int windows) {

    /** The most clients a scenario may have. */
    public static final int MAX_CLIENTS = 1 << 20;
    /** The most destinations a scenario may have. */
    public static final int MAX_DESTINATIONS = 1 << 16;
    /** The longest simulated time (30 days). */
    public static final double MAX_DURATION_SECONDS = 30 * 86_400.0;

    public FleetScenario {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(closeMix, "closeMix");
        Objects.requireNonNull(synSchedule, "synSchedule");
        destinationWeights = List.copyOf(Objects.requireNonNull(destinationWeights, "destinationWeights"));
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("clients: " + clients + " (expected: 1.." + MAX_CLIENTS + ")");
        }
        range("durationSeconds", durationSeconds, 1e-3, MAX_DURATION_SECONDS);
        range("requestsPerSecondPerClient", requestsPerSecondPerClient, 1e-6, 1e6);
        range("burstFactor", burstFactor, 1, 1e3);
        range("burstSeconds", burstSeconds, 0, MAX_DURATION_SECONDS);
        range("burstPeriodSeconds", burstPeriodSeconds, 1e-3, MAX_DURATION_SECONDS);
        if (burstSeconds > burstPeriodSeconds) {
            throw new IllegalArgumentException("burstSeconds: " + burstSeconds + " (expected: <= burstPeriodSeconds "
                    + burstPeriodSeconds + ")");
        }
        range("dailyAmplitude", dailyAmplitude, 0, 1);
        range("dailyPeriodSeconds", dailyPeriodSeconds, 1, MAX_DURATION_SECONDS);
        if (destinationWeights.isEmpty() || destinationWeights.size() > MAX_DESTINATIONS) {
            throw new IllegalArgumentException("destinationWeights: " + destinationWeights.size() + " destinations (expected: 1.."
                    + MAX_DESTINATIONS + ")");
        }
        double total = 0;
        for (int i = 0; i < destinationWeights.size(); i++) {
            double w = Objects.requireNonNull(destinationWeights.get(i), "destinationWeights[" + i + "]");
            range("destinationWeights[" + i + "]", w, 0, 1e12);
            total += w;
        }
        if (total <= 0) {
            throw new IllegalArgumentException("destinationWeights: all 0 (expected: at least one weight > 0)");
        }
        range("holdSeconds", holdSeconds, 0, 86_400);
        if (requestsPerConnection < 1 || requestsPerConnection > 1_000_000) {
            throw new IllegalArgumentException("requestsPerConnection: " + requestsPerConnection + " (expected: 1..1000000)");
        }
        SynSchedule.byId(synSchedule);
        if (windows < 1 || windows > 100_000) {
            throw new IllegalArgumentException("windows: " + windows + " (expected: 1..100000)");
        }
    }

    private static void range(String name, double v, double min, double max) {
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + ".." + max + ")");
        }
    }

    /** A steady Poisson fleet: every connection closed by FIN, one request per connection, Linux clients. */
    public static FleetScenario steady(int clients, double requestsPerSecondPerClient, double durationSeconds,
                                       List<Double> destinationWeights, double holdSeconds) {
        return new FleetScenario(clients, durationSeconds, FleetArrival.POISSON, requestsPerSecondPerClient, 1, 0, 60, 0,
                86_400, destinationWeights, holdSeconds, false, CloseKindShare.ALL_FIN, 1, SynSchedule.LINUX.id(), 1, 60);
    }

    /** {@code n} destinations, one of them taking {@code hotShare} of the connections, the rest even. */
    public static List<Double> hotDestination(int n, double hotShare) {
        if (n < 1 || !(hotShare >= 0 && hotShare <= 1)) {
            throw new IllegalArgumentException("destinations " + n + ", hot share " + hotShare
                    + " (expected: n >= 1, share 0..1)");
        }
        if (n == 1) {
            return List.of(1.0);
        }
        Double[] w = new Double[n];
        w[0] = hotShare;
        for (int i = 1; i < n; i++) {
            w[i] = (1 - hotShare) / (n - 1);
        }
        return List.of(w);
    }

    /** New connections per second over the fleet. */
    public double connectionsPerSecond() {
        return clients * requestsPerSecondPerClient / requestsPerConnection;
    }

    /** How long one connection is held. */
    public double connectionHoldSeconds() {
        return holdSeconds * requestsPerConnection;
    }

    public SynSchedule syn() {
        return SynSchedule.byId(synSchedule);
    }

    public FleetScenario withClients(int n) {
        return new FleetScenario(n, durationSeconds, arrival, requestsPerSecondPerClient, burstFactor, burstSeconds,
                burstPeriodSeconds, dailyAmplitude, dailyPeriodSeconds, destinationWeights, holdSeconds, exponentialHold,
                closeMix, requestsPerConnection, synSchedule, seed, windows);
    }

    public FleetScenario withRatePerClient(double rate) {
        return new FleetScenario(clients, durationSeconds, arrival, rate, burstFactor, burstSeconds,
                burstPeriodSeconds, dailyAmplitude, dailyPeriodSeconds, destinationWeights, holdSeconds, exponentialHold,
                closeMix, requestsPerConnection, synSchedule, seed, windows);
    }

    public FleetScenario withRequestsPerConnection(int k) {
        return new FleetScenario(clients, durationSeconds, arrival, requestsPerSecondPerClient, burstFactor, burstSeconds,
                burstPeriodSeconds, dailyAmplitude, dailyPeriodSeconds, destinationWeights, holdSeconds, exponentialHold,
                closeMix, k, synSchedule, seed, windows);
    }

    public FleetScenario withDestinationWeights(List<Double> weights) {
        return new FleetScenario(clients, durationSeconds, arrival, requestsPerSecondPerClient, burstFactor, burstSeconds,
                burstPeriodSeconds, dailyAmplitude, dailyPeriodSeconds, weights, holdSeconds, exponentialHold,
                closeMix, requestsPerConnection, synSchedule, seed, windows);
    }
}
