package dev.portbench.gateway;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.trace.ConnectionTrace;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays one gateway's recorded flows ({@link FleetFlow}, in open order) through a
 * {@link GatewayProfile} on {@link GatewaySimulator}'s own event loop (this class only turns the
 * flows into that loop's arrivals and its counters into a {@link Result}): each flow's SYN reaches the
 * gateway at its open, a dropped SYN is retransmitted on the clients' {@link SynSchedule}, an
 * established flow is held for its recorded length (from the SYN that got through) with a packet
 * every half idle timeout, then closed by FIN (client or server close), RST (reset) or left to the
 * idle timer (unfinished), and counts against its client and destination until that state's timer
 * ends. A fixed-arrival scenario written out as flows replays to {@link GatewaySimulator}'s answer
 * (the test checks it). Unlike a scenario's run, a replay has no end time: it goes on until every
 * flow has resolved and closed, and has no time series. What a flow log cannot say is taken as in the scenario model: a recorded
 * flow is the client's whole attempt (its retransmissions are this replay's), and a client's
 * flows keep their recorded ports (a flow without one takes the next port, as the simulator's
 * clients do).
 *
 * <p>Client {@code c} (in order of first appearance) is internal address 10.0.0.0 + c + 1,
 * destination {@code d} is 198.18.0.0 + d + 1 port 443, as in {@link GatewaySimulator}; times in
 * the {@link Result} are seconds from the first flow's open.
 *
 * <h2>Cost</h2>
 * Per flow: one {@link NatAllocator#map} (plus one per retransmission and keep-alive packet), one
 * close, two heap operations (O(log live)), two hash lookups (client, destination) and two FIFO
 * operations. Streams its input: memory is the live flows (about 60 bytes each), the clients
 * (a few counters for each declared client, a name for each seen one), the destinations (a name
 * and a few counters each) and the allocator's mappings, not the number of flows. Deterministic: the same flows, profile, allocator and seed give the same result. Not
 * thread-safe; each {@link #run} is independent.
 */
public final class FlowReplay {

    private final GatewayProfile profile;
    private final NatCatalog allocatorKind;
    private final SynSchedule syn;
    private final long seed;

    /**
     * @param allocatorKind the NAT allocator ({@link GatewayNat#allocatorFor} names the profile's)
     * @param syn the clients' SYN retransmissions
     * @param seed the allocator's seed (the scenario seed of {@link GatewaySimulator})
     */
    public FlowReplay(GatewayProfile profile, NatCatalog allocatorKind, SynSchedule syn, long seed) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.allocatorKind = Objects.requireNonNull(allocatorKind, "allocatorKind");
        this.syn = Objects.requireNonNull(syn, "syn");
        this.seed = seed;
    }

    /** The profile's own allocator, Linux clients, seed 1 (what {@code ./portbench gateway} uses by default). */
    public FlowReplay(GatewayProfile profile) {
        this(profile, GatewayNat.allocatorFor(profile), SynSchedule.LINUX, 1);
    }

    /**
     * One gateway's answer.
     *
     * @param gateway the gateway's name
     * @param profile the profile's id
     * @param allocator the NAT allocator ({@code NatCatalog} id)
     * @param clients distinct clients
     * @param destinations distinct destinations
     * @param connects flows replayed
     * @param established flows that got a mapping (possibly after retransmissions)
     * @param failedConnects flows whose connect failed after every retransmission
     * @param droppedSyns SYNs the gateway dropped
     * @param firstDropSeconds when the first SYN was dropped, -1 for never
     * @param firstFailureSeconds when the first connect failed (its last timeout ending), -1 for never
     * @param failedFraction failed connects over connects
     * @param bindingLimit the limit ({@code NatFailure} name) behind most failed connects, or dropped SYNs if
     *     none failed; "none"
     * @param destinationHeadroom the least headroom of any destination: 1 - most flows held at once / its limit
     * @param clientHeadroom the least headroom of any client
     */
    @JsonPropertyOrder({"gateway", "profile", "allocator", "clients", "destinations", "connects", "established",
            "failedConnects", "droppedSyns", "firstDropSeconds", "firstFailureSeconds", "failedFraction", "bindingLimit",
            "destinationHeadroom", "clientHeadroom"})
    public record Result(String gateway, String profile, String allocator, int clients, int destinations, long connects,
                         long established, long failedConnects, long droppedSyns, double firstDropSeconds,
                         double firstFailureSeconds, double failedFraction, String bindingLimit, double destinationHeadroom,
                         double clientHeadroom) {

        /** The same answer from a scenario's run, for comparison (its times are from the scenario's start). */
        public static Result of(String gateway, GatewayResult r) {
            double least = 1;
            for (GatewayResult.DestinationRow d : r.destinations()) {
                least = Math.min(least, d.headroom());
            }
            return new Result(gateway, r.profile(), r.allocator(), r.scenario().clients(), r.destinations().size(),
                    r.connects(), r.established(), r.failedConnects(), r.droppedSyns(), r.firstDropSeconds(),
                    r.firstFailureSeconds(), r.failedFraction(), r.bindingLimit(), least, r.minClientHeadroom());
        }
    }

    /** Replays {@code flows} (one gateway's, in open order), counting their clients first. */
    public Result run(List<FleetFlow> flows) {
        if (flows.isEmpty()) {
            throw new IllegalArgumentException("flows: none (expected at least one flow of the gateway)");
        }
        Set<String> clients = new HashSet<>();
        for (FleetFlow f : flows) {
            clients.add(f.client());
        }
        return run(flows.get(0).gateway(), clients.size(), flows.size(), flows.iterator());
    }

    /**
     * Replays the flows of {@code gateway} as {@code sortedByOpen} streams them.
     *
     * @param clients the gateway's distinct clients (the hosts the profile shares its ports among)
     * @param flows how many flows there are (an upper bound sizes the allocator's table)
     * @throws IllegalArgumentException for a flow of another gateway, opens that go backwards, or more clients than
     *     {@code clients}, naming the flow
     */
    public Result run(String gateway, int clients, long flows, Iterator<FleetFlow> sortedByOpen) {
        if (clients < 1 || clients > FleetScenario.MAX_CLIENTS) {
            throw new IllegalArgumentException("clients: " + clients + " (expected: 1.." + FleetScenario.MAX_CLIENTS + ")");
        }
        if (flows < 1) {
            throw new IllegalArgumentException("flows: " + flows + " (expected: >= 1)");
        }
        profile.portsPerHost(clients); // refuses a fleet outside a pre-allocation table
        FlowArrivals arrivals = new FlowArrivals(gateway, clients, sortedByOpen);
        long live = Math.min(flows, NatConfig.MAX_CAPACITY) + 4L * clients + 4096;
        NatAllocator nat = allocatorKind.create(GatewayNat.configFor(profile, clients, live, seed));
        return new GatewaySimulator.Run(profile, nat, clients, 0, Long.MAX_VALUE, 0, syn, false, Long.MAX_VALUE, arrivals)
                .execute().replayResult(gateway, allocatorKind.id(), arrivals.clientIndex.size());
    }

    /** One gateway's flows as the simulator's arrivals: names numbered in order of first appearance, times from the first open. */
    private static final class FlowArrivals extends GatewaySimulator.Arrivals {
        private final String gateway;
        private final int clients;
        private final Iterator<FleetFlow> input;
        private final Map<String, Integer> clientIndex = new HashMap<>();
        private final Map<String, Integer> destinationIndex = new HashMap<>();
        private long origin = Long.MIN_VALUE;
        private long lastOpen = Long.MIN_VALUE;
        private long taken;

        FlowArrivals(String gateway, int clients, Iterator<FleetFlow> input) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            this.clients = clients;
            this.input = Objects.requireNonNull(input, "sortedByOpen");
        }

        /** Takes the next flow; its open relative to the first flow's, or {@link Long#MAX_VALUE} at the end. */
        @Override
        long next() {
            if (!input.hasNext()) {
                return Long.MAX_VALUE;
            }
            FleetFlow f = input.next();
            taken++;
            if (!f.gateway().equals(gateway)) {
                throw new IllegalArgumentException("flow " + taken + ": gateway '" + f.gateway() + "' (expected: '"
                        + gateway + "', one gateway per replay)");
            }
            if (f.openNanos() < lastOpen) {
                throw new IllegalArgumentException("flow " + taken + " of gateway '" + gateway + "': open "
                        + f.openNanos() + " ns (expected: >= the previous open " + lastOpen + " ns; sort by open time)");
            }
            client = clientOf(f.client());
            destination = destinationOf(f.destination());
            kind = GatewaySimulator.kindOf(f.end());
            holdNanos = f.closeNanos() - f.openNanos();
            port = f.clientPort() == ConnectionTrace.NO_PORT ? -1 : f.clientPort();
            if (origin == Long.MIN_VALUE) {
                origin = f.openNanos();
            }
            lastOpen = f.openNanos();
            return f.openNanos() - origin;
        }

        private int clientOf(String name) {
            Integer known = clientIndex.get(name);
            if (known != null) {
                return known;
            }
            int c = clientIndex.size();
            if (c >= clients) {
                throw new IllegalArgumentException("flow " + taken + " of gateway '" + gateway + "': client '" + name
                        + "' is client " + (c + 1) + " (expected: at most the " + clients + " clients declared)");
            }
            clientIndex.put(name, c);
            return c;
        }

        private int destinationOf(String name) {
            Integer known = destinationIndex.get(name);
            if (known != null) {
                return known;
            }
            int d = destinationIndex.size();
            if (d >= FleetScenario.MAX_DESTINATIONS) {
                throw new IllegalArgumentException("flow " + taken + " of gateway '" + gateway + "': destination '"
                        + name + "' (expected: at most " + FleetScenario.MAX_DESTINATIONS + " destinations per gateway)");
            }
            destinationIndex.put(name, d);
            return d;
        }
    }
}
