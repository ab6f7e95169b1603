package dev.portbench.gateway;

import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One recorded connection of a fleet, as {@link FlowReplay} replays it through a gateway: which
 * gateway it crossed, which client opened it (and from which port), where to, when it opened and
 * closed, and how it ended. The row of a fleet's flow table (the Spark job's input, see
 * {@code docs/nat-and-gateways.md}); {@link #fromTrace} builds the rows from a client's imported
 * flow log.
 *
 * @param gateway the gateway the flow crossed (any non-empty name)
 * @param client the client that opened it (any non-empty name, usually its address)
 * @param clientPort the client's port, 1..65535, or {@link ConnectionTrace#NO_PORT} when not recorded
 * @param destination where it went (any non-empty name, usually {@code address:port})
 * @param openNanos its SYN, nanoseconds, any origin
 * @param closeNanos its close, nanoseconds, {@code >= openNanos}
 * @param end how it ended: client or server close (a FIN), reset (an RST) or unfinished (left idle)
 */
public record FleetFlow(String gateway, String client, int clientPort, String destination, long openNanos,
                        long closeNanos, ConnectionEnd end) {

    /** The most flows {@link #ofFixedScenario} lists. */
    public static final int MAX_SCENARIO_FLOWS = 10_000_000;

    public FleetFlow {
        nonEmpty("gateway", gateway);
        nonEmpty("client", client);
        nonEmpty("destination", destination);
        Objects.requireNonNull(end, "end");
        if (clientPort != ConnectionTrace.NO_PORT && (clientPort < 1 || clientPort > 65_535)) {
            throw new IllegalArgumentException("clientPort: " + clientPort + " (expected: 1..65535, or -1 when not recorded)");
        }
        if (closeNanos < openNanos) {
            throw new IllegalArgumentException("closeNanos: " + closeNanos + " (expected: >= openNanos " + openNanos + ")");
        }
    }

    private static void nonEmpty(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + ": '" + value + "' (expected: a non-empty name)");
        }
    }

    /**
     * The flows {@link GatewaySimulator} makes of a {@link FleetArrival#FIXED} scenario with one
     * destination, every connection closed by FIN and fixed holding times (the one kind of
     * scenario whose flows need no random draw): connection {@code i} opens at {@code i / rate},
     * from client {@code i mod clients} and that client's next port from 1024, to destination
     * {@code 198.18.0.1:443}. Replayed by {@link FlowReplay} they give the scenario's answer.
     *
     * @throws IllegalArgumentException for any other kind of scenario, naming what differs
     */
    public static List<FleetFlow> ofFixedScenario(String gateway, FleetScenario s) {
        if (s.arrival() != FleetArrival.FIXED || s.destinationWeights().size() != 1 || s.closeMix().fin() != 1
                || s.exponentialHold()) {
            throw new IllegalArgumentException("scenario: " + s.arrival() + " arrivals, " + s.destinationWeights().size()
                    + " destination(s), FIN share " + s.closeMix().fin() + ", exponential hold " + s.exponentialHold()
                    + " (expected: fixed arrivals, 1 destination, FIN share 1, fixed holds)");
        }
        double rate = s.connectionsPerSecond();
        long duration = Math.round(s.durationSeconds() * 1e9);
        long hold = Math.round(s.connectionHoldSeconds() * 1e9);
        double expected = Math.ceil(s.durationSeconds() * rate);
        if (expected > MAX_SCENARIO_FLOWS) {
            throw new IllegalArgumentException("scenario: about " + (long) expected + " connections (expected: at most "
                    + MAX_SCENARIO_FLOWS + " as a list of flows)");
        }
        int[] nextPort = new int[s.clients()];
        List<FleetFlow> flows = new ArrayList<>();
        for (long i = 0; i <= MAX_SCENARIO_FLOWS; i++) {
            long open = (long) Math.floor(i / rate * 1e9);
            if (open >= duration) {
                return flows;
            }
            int c = (int) (i % s.clients());
            int port = 1024 + nextPort[c];
            nextPort[c] = (nextPort[c] + 1) % (65_536 - 1024);
            flows.add(new FleetFlow(gateway, "client-" + c, port, "198.18.0.1:443", open, open + hold,
                    ConnectionEnd.CLIENT_CLOSE));
        }
        return flows;
    }

    /** Every connection of {@code trace} (one client's, in open order) as flows of {@code gateway}. */
    public static List<FleetFlow> fromTrace(String gateway, String client, ConnectionTrace trace) {
        List<FleetFlow> flows = new ArrayList<>(trace.size());
        for (int i = 0; i < trace.size(); i++) {
            flows.add(new FleetFlow(gateway, client, trace.localPort(i), trace.destinations().get(trace.destination(i)),
                    trace.open(i), trace.close(i), trace.end(i)));
        }
        return flows;
    }
}
