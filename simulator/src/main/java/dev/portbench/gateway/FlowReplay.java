package dev.portbench.gateway;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.portbench.nat.CloseKind;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatFailure;
import dev.portbench.nat.NatPairs;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Replays one gateway's recorded flows ({@link FleetFlow}, in open order) through a
 * {@link GatewayProfile}, with {@link GatewaySimulator}'s model: each flow's SYN reaches the
 * gateway at its open, a dropped SYN is retransmitted on the clients' {@link SynSchedule}, an
 * established flow is held for its recorded length (from the SYN that got through) with a packet
 * every half idle timeout, then closed by FIN (client or server close), RST (reset) or left to the
 * idle timer (unfinished), and counts against its client and destination until that state's timer
 * ends. A fixed-arrival scenario written out as flows replays to {@link GatewaySimulator}'s answer
 * (the test checks it). What a flow log cannot say is taken as in the scenario model: a recorded
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
 * operations. Streams its input: memory is the live flows (about 60 bytes each), the clients and
 * destinations (a name and a few counters each) and the allocator's mappings, not the number of
 * flows. Deterministic: the same flows, profile, allocator and seed give the same result. Not
 * thread-safe; each {@link #run} is independent.
 */
public final class FlowReplay {

    private static final int DESTINATION_PORT = 443;
    private static final int FIRST_CLIENT = NatPairs.ipv4(10, 0, 0, 1);
    private static final int FIRST_DESTINATION = NatPairs.ipv4(198, 18, 0, 1);
    private static final int FIRST_SOURCE_PORT = 1024;
    private static final int RETRY = 1;
    private static final byte FIN = 0;
    private static final byte RST = 1;
    private static final byte IDLE = 2;

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
        return new Run(gateway, clients, flows, sortedByOpen).execute();
    }

    /** The state of one replay; primitive arrays, grown as clients and destinations appear. */
    private final class Run {
        private final String gateway;
        private final int clients;
        private final Iterator<FleetFlow> input;
        private final long[] timeouts = new long[syn.retries() + 1];
        private final long idleNanos = Math.round(profile.idleSeconds().value() * 1e9);
        private final long[] timerNanos = {Math.round(profile.finSeconds().value() * 1e9),
            Math.round(profile.rstSeconds().value() * 1e9), idleNanos};
        private final NatAllocator nat;

        private final Map<String, Integer> clientIndex = new HashMap<>();
        private final Map<String, Integer> destinationIndex = new HashMap<>();
        private int[] clientLive = new int[16];
        private int[] clientMaxLive = new int[16];
        private int[] clientNextPort = new int[16];
        private int[] destinationLive = new int[16];
        private int[] destinationMaxLive = new int[16];

        private int[] slotClient = new int[1024];
        private int[] slotDestination = new int[1024];
        private int[] slotPort = new int[1024];
        private byte[] slotKind = new byte[1024];
        private byte[] slotSyn = new byte[1024];
        private long[] slotCloseAt = new long[1024];
        private int[] freeSlots = new int[1024];
        private int freeCount;
        private int slotsUsed;

        private final EventHeap heap = new EventHeap();
        private final EndQueue[] ends = {new EndQueue(), new EndQueue(), new EndQueue()};
        private final long[] failuresByLimit = new long[NatFailure.values().length];
        private final long[] dropsByLimit = new long[NatFailure.values().length];

        private long origin = Long.MIN_VALUE;
        private long lastOpen = Long.MIN_VALUE;
        private long connects;
        private long established;
        private long failed;
        private long drops;
        private long firstDrop = -1;
        private long firstFailure = -1;
        private FleetFlow next;

        Run(String gateway, int clients, long flows, Iterator<FleetFlow> input) {
            this.gateway = Objects.requireNonNull(gateway, "gateway");
            this.clients = clients;
            this.input = input;
            for (int j = 0; j <= syn.retries(); j++) {
                timeouts[j] = syn.timeoutNanos(j);
            }
            long live = Math.min(flows, NatConfig.MAX_CAPACITY) + 4L * clients + 4096;
            nat = allocatorKind.create(GatewayNat.configFor(profile, clients, live, seed));
        }

        Result execute() {
            long nextArrival = advance();
            while (true) {
                long t = nextArrival;
                int source = 0;
                long h = heap.peekTime();
                if (h < t) {
                    t = h;
                    source = 1;
                }
                for (int k = 0; k < 3; k++) {
                    long e = ends[k].peekTime();
                    if (e < t) {
                        t = e;
                        source = 2 + k;
                    }
                }
                if (t == Long.MAX_VALUE) {
                    break;
                }
                if (source == 0) {
                    arrive(next, t);
                    nextArrival = advance();
                } else if (source == 1) {
                    int payload = heap.peekPayload();
                    heap.pop();
                    if ((payload & RETRY) != 0) {
                        syn(payload >>> 1, t);
                    } else {
                        close(payload >>> 1, t);
                    }
                } else {
                    EndQueue q = ends[source - 2];
                    clientLive[q.peekClient()]--;
                    destinationLive[q.peekDestination()]--;
                    q.pop();
                }
            }
            return result();
        }

        /** Takes the next flow; its open relative to the first flow's, or {@link Long#MAX_VALUE} at the end. */
        private long advance() {
            if (!input.hasNext()) {
                next = null;
                return Long.MAX_VALUE;
            }
            FleetFlow f = input.next();
            if (!f.gateway().equals(gateway)) {
                throw new IllegalArgumentException("flow " + (connects + 1) + ": gateway '" + f.gateway() + "' (expected: '"
                        + gateway + "', one gateway per replay)");
            }
            if (f.openNanos() < lastOpen) {
                throw new IllegalArgumentException("flow " + (connects + 1) + " of gateway '" + gateway + "': open "
                        + f.openNanos() + " ns (expected: >= the previous open " + lastOpen + " ns; sort by open time)");
            }
            if (origin == Long.MIN_VALUE) {
                origin = f.openNanos();
            }
            lastOpen = f.openNanos();
            next = f;
            return f.openNanos() - origin;
        }

        private void arrive(FleetFlow f, long t) {
            int c = client(f.client());
            int d = destination(f.destination());
            int s = takeSlot();
            slotClient[s] = c;
            slotDestination[s] = d;
            if (f.clientPort() == ConnectionTrace.NO_PORT) {
                slotPort[s] = FIRST_SOURCE_PORT + clientNextPort[c];
                clientNextPort[c] = (clientNextPort[c] + 1) % (65_536 - FIRST_SOURCE_PORT);
            } else {
                slotPort[s] = f.clientPort();
            }
            slotKind[s] = kindOf(f.end());
            slotSyn[s] = 0;
            slotCloseAt[s] = f.closeNanos() - f.openNanos();
            connects++;
            syn(s, t);
        }

        private byte kindOf(ConnectionEnd end) {
            return switch (end) {
                case CLIENT_CLOSE, SERVER_CLOSE -> FIN;
                case RESET -> RST;
                case UNFINISHED -> IDLE;
            };
        }

        private int client(String name) {
            Integer known = clientIndex.get(name);
            if (known != null) {
                return known;
            }
            int c = clientIndex.size();
            if (c >= clients) {
                throw new IllegalArgumentException("flow " + (connects + 1) + " of gateway '" + gateway + "': client '" + name
                        + "' is client " + (c + 1) + " (expected: at most the " + clients + " clients declared)");
            }
            clientIndex.put(name, c);
            if (c == clientLive.length) {
                int n = c * 2;
                clientLive = Arrays.copyOf(clientLive, n);
                clientMaxLive = Arrays.copyOf(clientMaxLive, n);
                clientNextPort = Arrays.copyOf(clientNextPort, n);
            }
            return c;
        }

        private int destination(String name) {
            Integer known = destinationIndex.get(name);
            if (known != null) {
                return known;
            }
            int d = destinationIndex.size();
            if (d >= FleetScenario.MAX_DESTINATIONS) {
                throw new IllegalArgumentException("flow " + (connects + 1) + " of gateway '" + gateway + "': destination '"
                        + name + "' (expected: at most " + FleetScenario.MAX_DESTINATIONS + " destinations per gateway)");
            }
            destinationIndex.put(name, d);
            if (d == destinationLive.length) {
                destinationLive = Arrays.copyOf(destinationLive, d * 2);
                destinationMaxLive = Arrays.copyOf(destinationMaxLive, d * 2);
            }
            return d;
        }

        private long map(int s, long t) {
            return nat.map(FIRST_CLIENT + slotClient[s], slotPort[s], FIRST_DESTINATION + slotDestination[s],
                    DESTINATION_PORT, NatPairs.TCP, t);
        }

        /** The flow's SYN number {@code slotSyn[s]} reaches the gateway at {@code t}. */
        private void syn(int s, long t) {
            long r = map(s, t);
            int c = slotClient[s];
            int d = slotDestination[s];
            int k = slotSyn[s];
            if (r >= 0) {
                established++;
                if (++clientLive[c] > clientMaxLive[c]) {
                    clientMaxLive[c] = clientLive[c];
                }
                if (++destinationLive[d] > destinationMaxLive[d]) {
                    destinationMaxLive[d] = destinationLive[d];
                }
                long closeAt = t + slotCloseAt[s];
                slotCloseAt[s] = closeAt;
                heap.push(nextCloseEvent(t, closeAt), s << 1);
                return;
            }
            int limit = NatFailure.of(r).ordinal();
            drops++;
            dropsByLimit[limit]++;
            if (firstDrop < 0) {
                firstDrop = t;
            }
            if (k < syn.retries()) {
                slotSyn[s] = (byte) (k + 1);
                heap.push(t + timeouts[k], (s << 1) | RETRY);
                return;
            }
            long failAt = t + timeouts[k];
            failed++;
            failuresByLimit[limit]++;
            if (firstFailure < 0 || failAt < firstFailure) {
                firstFailure = failAt;
            }
            freeSlots[freeCount++] = s;
        }

        private long nextCloseEvent(long t, long closeAt) {
            return closeAt - t > idleNanos / 2 ? t + idleNanos / 2 : closeAt;
        }

        private void close(int s, long t) {
            if (t < slotCloseAt[s]) {
                map(s, t); // the flow's traffic restarts the gateway's idle timer
                heap.push(nextCloseEvent(t, slotCloseAt[s]), s << 1);
                return;
            }
            byte kind = slotKind[s];
            if (kind == IDLE) {
                map(s, t);
            } else {
                nat.close(FIRST_CLIENT + slotClient[s], slotPort[s], FIRST_DESTINATION + slotDestination[s],
                        DESTINATION_PORT, NatPairs.TCP, kind == FIN ? CloseKind.FIN : CloseKind.RST, t);
            }
            ends[kind].push(t + timerNanos[kind], slotClient[s], slotDestination[s]);
            freeSlots[freeCount++] = s;
        }

        private int takeSlot() {
            if (freeCount > 0) {
                return freeSlots[--freeCount];
            }
            if (slotsUsed == slotClient.length) {
                int n = slotsUsed * 2;
                slotClient = Arrays.copyOf(slotClient, n);
                slotDestination = Arrays.copyOf(slotDestination, n);
                slotPort = Arrays.copyOf(slotPort, n);
                slotKind = Arrays.copyOf(slotKind, n);
                slotSyn = Arrays.copyOf(slotSyn, n);
                slotCloseAt = Arrays.copyOf(slotCloseAt, n);
                freeSlots = Arrays.copyOf(freeSlots, n);
            }
            return slotsUsed++;
        }

        private Result result() {
            NatFailure[] limits = NatFailure.values();
            long[] byLimit = failed > 0 ? failuresByLimit : dropsByLimit;
            int binding = -1;
            for (int i = 0; i < limits.length; i++) {
                if (byLimit[i] > 0 && (binding < 0 || byLimit[i] > byLimit[binding])) {
                    binding = i;
                }
            }
            int seenClients = clientIndex.size();
            int destinations = destinationIndex.size();
            long destinationLimit = profile.mappingKind() == MappingKind.ENDPOINT_INDEPENDENT
                    ? (long) profile.addressCount() * profile.ports().size()
                    : (long) profile.addressCount() * profile.perDestinationPerAddress();
            int mostPerDestination = 0;
            for (int d = 0; d < destinations; d++) {
                mostPerDestination = Math.max(mostPerDestination, destinationMaxLive[d]);
            }
            int perHost = profile.portsPerHost(clients);
            long pairs = (long) profile.addressCount() * profile.ports().size();
            long perDestinationFlows = profile.mappingKind() == MappingKind.ENDPOINT_INDEPENDENT ? 1 : destinations;
            long clientLimit = perHost == 0 ? pairs * perDestinationFlows : (long) perHost * perDestinationFlows;
            int mostPerClient = 0;
            for (int c = 0; c < seenClients; c++) {
                mostPerClient = Math.max(mostPerClient, clientMaxLive[c]);
            }
            return new Result(gateway, profile.id(), allocatorKind.id(), seenClients, destinations, connects, established,
                    failed, drops, seconds(firstDrop), seconds(firstFailure), connects == 0 ? 0 : (double) failed / connects,
                    binding < 0 ? "none" : limits[binding].name(), 1 - (double) mostPerDestination / destinationLimit,
                    1 - (double) mostPerClient / clientLimit);
        }

        private double seconds(long nanos) {
            return nanos < 0 ? -1 : nanos / 1e9;
        }
    }
}
