package dev.portbench.gateway;

import dev.portbench.nat.CloseKind;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatFailure;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Runs a {@link FleetScenario} against a {@link GatewayProfile} in virtual time, on the NAT
 * allocator the profile names ({@link GatewayNat}): connections arrive, the gateway maps their
 * SYN or drops it silently, a client retransmits a dropped SYN on its {@link SynSchedule}, an
 * established connection is held and closed by FIN, RST or left idle, and the gateway keeps the
 * mapping for that state's timer.
 *
 * <h2>Model</h2>
 * Client {@code c} is internal address 10.0.0.0 + c + 1, its source ports cycle through
 * 1024-65535 (one new port per connection); destination {@code d} is 198.18.0.0 + d + 1 port 443
 * (RFC 2544's benchmarking range). A connection held longer than half the gateway's idle timeout
 * sends a packet every half idle timeout (keep-alive traffic), so the gateway never idles out a
 * held connection; an idle-closed connection sends its last packet at its close. A flow counts
 * against its client and destination from its mapping until its close plus the state's timer
 * (the allocator may free the pair up to {@link NatAllocator#maxLatenessNanos()} later): that is
 * what the headroom measures. Connects in flight at the end are followed until they resolve.
 *
 * <p>One event loop serves every source of connections ({@code Arrivals}): a scenario's draws,
 * an imported trace ({@link #replaying}) and a stream of recorded flows ({@link FlowReplay}, the
 * Spark job's per-gateway replay), so the three give the same answer for the same connections.
 *
 * <h2>Cost</h2>
 * Per connection: one {@link NatAllocator#map} (plus one per retransmission), one close, two heap
 * operations (O(log live)) and two FIFO operations; with fixed holding times (no longer than half
 * the idle timeout) the closes come in time order and go to a FIFO instead of the heap, O(1). No
 * allocation except when arrays double.
 * Memory is bounded by the live connections and pending retransmissions (about 60 bytes each),
 * a few counters per client and destination, plus the allocator's mappings, not by the
 * scenario's length (a trace replay holds its trace, which its caller has loaded). Deterministic: the same profile,
 * scenario and seed give the same result. Not thread-safe; one simulator per run.
 */
public final class GatewaySimulator {

    private static final int DESTINATION_PORT = 443;
    private static final int FIRST_CLIENT = NatPairs.ipv4(10, 0, 0, 1);
    private static final int FIRST_DESTINATION = NatPairs.ipv4(198, 18, 0, 1);
    private static final int FIRST_SOURCE_PORT = 1024;
    private static final int RETRY = 1;
    /** Ends: closed by FIN, by RST, or left to the idle timer. */
    static final byte FIN = 0;
    static final byte RST = 1;
    static final byte IDLE = 2;
    private static final int WORST_CLIENTS = 10;

    private final GatewayProfile profile;
    private final FleetScenario scenario;
    private final String allocatorName;
    private final Function<NatConfig, NatAllocator> allocatorFactory;
    private final long abortAfterFailures;
    private final ConnectionTrace trace;

    /** A simulation on the allocator the profile names, run to the end. */
    public GatewaySimulator(GatewayProfile profile, FleetScenario scenario) {
        this(profile, scenario, GatewayNat.allocatorFor(profile), Long.MAX_VALUE);
    }

    /**
     * @param allocatorKind the NAT allocator to use
     * @param abortAfterFailures stop once more connects than this have failed (capacity searches)
     */
    public GatewaySimulator(GatewayProfile profile, FleetScenario scenario, NatCatalog allocatorKind,
                            long abortAfterFailures) {
        this(profile, scenario, allocatorKind.id(), allocatorKind::create, abortAfterFailures);
    }

    /** As above, on any allocator {@code factory} builds from the profile's configuration (tests use a reference model). */
    GatewaySimulator(GatewayProfile profile, FleetScenario scenario, String allocatorName,
                     Function<NatConfig, NatAllocator> factory, long abortAfterFailures) {
        this(profile, scenario, allocatorName, factory, abortAfterFailures, null);
    }

    /**
     * Replays {@code trace} through the gateway instead of drawing arrivals: each row is one
     * connection of its client ({@link ConnectionTrace#client}) to its destination, opened at its
     * open time (relative to the first), held until its close time and ended as it ended
     * (client or server close: FIN; reset: RST; unfinished: left idle); its recorded local port is
     * the SYN's source port. The clients still retransmit dropped SYNs on {@code synSchedule}.
     * The result's scenario is the one the trace amounts to ({@link #scenarioOf}).
     */
    public static GatewaySimulator replaying(GatewayProfile profile, ConnectionTrace trace, String synSchedule, int windows,
                                             NatCatalog allocatorKind) {
        return replaying(profile, trace, synSchedule, windows, allocatorKind, 1);
    }

    /** As above; {@code seed} seeds the allocator's own random choices (netfilter's offsets, random tries). */
    public static GatewaySimulator replaying(GatewayProfile profile, ConnectionTrace trace, String synSchedule, int windows,
                                             NatCatalog allocatorKind, long seed) {
        Objects.requireNonNull(trace, "trace");
        if (trace.size() == 0) {
            throw new IllegalArgumentException("trace " + trace.source() + ": no connections (expected at least one)");
        }
        return new GatewaySimulator(profile, scenarioOf(trace, synSchedule, windows, seed), allocatorKind.id(),
                allocatorKind::create, Long.MAX_VALUE, trace);
    }

    /**
     * The fleet a trace amounts to: its clients, its span (first open to last close) as the
     * duration, its mean rate per client, one weight per destination (its connection count), its
     * mean holding time, fixed arrivals; {@code seed} reaches only the allocator (a replay draws nothing).
     */
    public static FleetScenario scenarioOf(ConnectionTrace trace, String synSchedule, int windows, long seed) {
        int n = trace.size();
        double[] counts = new double[trace.destinations().size()];
        double hold = 0;
        long fin = 0;
        long rst = 0;
        for (int i = 0; i < n; i++) {
            counts[trace.destination(i)]++;
            hold += (trace.close(i) - trace.open(i)) / 1e9;
            ConnectionEnd e = trace.end(i);
            if (e == ConnectionEnd.RESET) {
                rst++;
            } else if (e != ConnectionEnd.UNFINISHED) {
                fin++;
            }
        }
        List<Double> weights = new ArrayList<>(counts.length);
        for (double c : counts) {
            weights.add(c);
        }
        double duration = Math.ceil((trace.end() - trace.start()) / 1e6 + 1) / 1e3;
        int clients = trace.clients().size();
        CloseKindShare mix = new CloseKindShare((double) fin / n, (double) rst / n, (double) (n - fin - rst) / n);
        return new FleetScenario(clients, duration, FleetArrival.FIXED, n / duration / clients, 1, 0, 60, 0, 86_400,
                weights, Math.min(86_400, hold / n), false, mix, 1, synSchedule, seed, windows);
    }

    private GatewaySimulator(GatewayProfile profile, FleetScenario scenario, String allocatorName,
                             Function<NatConfig, NatAllocator> factory, long abortAfterFailures, ConnectionTrace trace) {
        this.trace = trace;
        if (abortAfterFailures < 0) {
            throw new IllegalArgumentException("abortAfterFailures: " + abortAfterFailures + " (expected: >= 0)");
        }
        this.profile = Objects.requireNonNull(profile, "profile");
        this.scenario = Objects.requireNonNull(scenario, "scenario");
        this.allocatorName = allocatorName;
        this.allocatorFactory = factory;
        this.abortAfterFailures = abortAfterFailures;
        profile.portsPerHost(scenario.clients()); // refuses a fleet outside a pre-allocation table
        if (scenario.destinationWeights().size() > 131_000) {
            throw new IllegalArgumentException("destinations: " + scenario.destinationWeights().size() + " (expected: <= 131000)");
        }
    }

    /** Runs the scenario. */
    public GatewayResult run() {
        long durationNanos = Math.round(scenario.durationSeconds() * 1e9);
        long holdNanos = Math.round(scenario.connectionHoldSeconds() * 1e9);
        boolean fifoCloses = trace == null && !scenario.exponentialHold()
                && holdNanos <= Math.round(profile.idleSeconds().value() * 1e9) / 2;
        Arrivals arrivals = trace == null ? new ScenarioArrivals(scenario, durationNanos, holdNanos) : new TraceArrivals(trace);
        NatAllocator nat = allocatorFactory.apply(GatewayNat.configFor(profile, scenario.clients(), expectedLiveMappings(),
                scenario.seed()));
        Run run = new Run(profile, nat, scenario.clients(), scenario.destinationWeights().size(), durationNanos,
                scenario.windows(), scenario.syn(), fifoCloses, abortAfterFailures, arrivals);
        return run.execute().result(allocatorName, scenario);
    }

    private long expectedLiveMappings() {
        CloseKindShare mix = scenario.closeMix();
        double timer = mix.fin() * profile.finSeconds().value() + mix.rst() * profile.rstSeconds().value()
                + mix.idle() * Math.min(profile.idleSeconds().value(), scenario.durationSeconds());
        double life = Math.min(scenario.connectionHoldSeconds() + timer, scenario.durationSeconds() + timer);
        return Math.round(scenario.connectionsPerSecond() * life * 1.5 + 4 * scenario.clients() + 4096);
    }

    /** How a connection ends: FIN, RST or IDLE (left to the idle timer). */
    static byte kindOf(ConnectionEnd end) {
        return switch (end) {
            case CLIENT_CLOSE, SERVER_CLOSE -> FIN;
            case RESET -> RST;
            case UNFINISHED -> IDLE;
        };
    }

    /**
     * Where a run's connections come from, in the order of their first SYNs: a scenario's draws,
     * a trace's rows or a stream of flows ({@link FlowReplay}). {@link #next} moves to the next
     * connection and sets the fields that describe it.
     */
    abstract static class Arrivals {
        /** Its client, 0 to the run's clients - 1. */
        int client;
        /** Its destination, 0 or more (the run's tables grow to it). */
        int destination;
        /** How it ends: FIN, RST or IDLE. */
        byte kind;
        /** How long it is held from the SYN that gets through, ns. */
        long holdNanos;
        /** Its SYN's source port, or -1 for the client's next port. */
        int port = -1;

        /** Moves to the next connection: its first SYN, ns from the run's start (never decreasing), or {@link Long#MAX_VALUE} for none. */
        abstract long next();
    }

    /** A scenario's connections, drawn from its seed as they are needed. */
    private static final class ScenarioArrivals extends Arrivals {
        private final FleetScenario scenario;
        private final long durationNanos;
        private final long scenarioHoldNanos;
        private final int clients;
        private final double[] cumulative;
        private final SplittableRandom random;
        private long arrivalIndex;
        private double arrivalClock;

        ScenarioArrivals(FleetScenario scenario, long durationNanos, long holdNanos) {
            this.scenario = scenario;
            this.durationNanos = durationNanos;
            this.scenarioHoldNanos = holdNanos;
            this.clients = scenario.clients();
            this.random = new SplittableRandom(scenario.seed());
            int destinations = scenario.destinationWeights().size();
            cumulative = new double[destinations];
            double total = 0;
            for (int d = 0; d < destinations; d++) {
                total += scenario.destinationWeights().get(d);
                cumulative[d] = total;
            }
            for (int d = 0; d < destinations; d++) {
                cumulative[d] /= total;
            }
            cumulative[destinations - 1] = 1.0;
        }

        @Override
        long next() {
            long t = nextArrivalNanos();
            if (t == Long.MAX_VALUE) {
                return t;
            }
            client = scenario.arrival() == FleetArrival.FIXED ? (int) ((arrivalIndex - 1) % clients) : random.nextInt(clients);
            destination = destinationAt(random.nextDouble());
            double u = random.nextDouble();
            CloseKindShare mix = scenario.closeMix();
            kind = u < mix.fin() ? FIN : u < mix.fin() + mix.rst() ? RST : IDLE;
            holdNanos = scenario.exponentialHold() ? Math.round(exponential(scenarioHoldNanos)) : scenarioHoldNanos;
            return t;
        }

        /** The next arrival in nanoseconds, or {@link Long#MAX_VALUE} past the end. */
        private long nextArrivalNanos() {
            double rate = scenario.connectionsPerSecond();
            double t;
            switch (scenario.arrival()) {
                case FIXED -> t = arrivalIndex / rate;
                case POISSON -> t = arrivalClock + exponential(1 / rate);
                case BURSTS, DAILY -> {
                    double peak = scenario.arrival() == FleetArrival.BURSTS ? rate * scenario.burstFactor()
                            : rate * (1 + scenario.dailyAmplitude());
                    t = arrivalClock;
                    do {
                        t += exponential(1 / peak);
                    } while (random.nextDouble() * peak > rateAt(t, rate) && t * 1e9 < durationNanos);
                }
                default -> throw new IllegalStateException(scenario.arrival().toString());
            }
            arrivalClock = t;
            arrivalIndex++;
            long nanos = (long) Math.floor(t * 1e9);
            return nanos < durationNanos ? nanos : Long.MAX_VALUE;
        }

        private double rateAt(double t, double rate) {
            if (scenario.arrival() == FleetArrival.BURSTS) {
                return t % scenario.burstPeriodSeconds() < scenario.burstSeconds() ? rate * scenario.burstFactor() : rate;
            }
            return rate * (1 + scenario.dailyAmplitude() * Math.sin(2 * Math.PI * t / scenario.dailyPeriodSeconds()));
        }

        private double exponential(double mean) {
            return -mean * Math.log(1 - random.nextDouble());
        }

        private int destinationAt(double u) {
            int i = Arrays.binarySearch(cumulative, u);
            int d = i >= 0 ? i + 1 : -i - 1;
            int destinations = cumulative.length;
            while (d < destinations - 1 && scenario.destinationWeights().get(d) == 0) {
                d++;
            }
            return Math.min(d, destinations - 1);
        }
    }

    /** A trace's rows in open order; times from its first open. */
    private static final class TraceArrivals extends Arrivals {
        private final ConnectionTrace trace;
        private int next;

        TraceArrivals(ConnectionTrace trace) {
            this.trace = trace;
        }

        @Override
        long next() {
            if (next >= trace.size()) {
                return Long.MAX_VALUE;
            }
            int row = next++;
            client = trace.client(row);
            destination = trace.destination(row);
            kind = kindOf(trace.end(row));
            holdNanos = trace.close(row) - trace.open(row);
            int recorded = trace.localPort(row);
            port = recorded == ConnectionTrace.NO_PORT ? -1 : recorded;
            return trace.open(row) - trace.start();
        }
    }

    /**
     * The event loop and state of one run, every array primitive: {@link GatewaySimulator}'s
     * scenarios and traces and {@link FlowReplay}'s streams all run here. A run with duration
     * {@link Long#MAX_VALUE} and no windows (a stream of unknown length) goes on until every
     * connection has resolved and closed.
     */
    static final class Run {
        private final GatewayProfile profile;
        private final NatAllocator nat;
        private final Arrivals arrivals;
        private final int clients;
        private final SynSchedule syn;
        private final long[] timeouts;
        private final long durationNanos;
        private final long idleNanos;
        private final long[] timerNanos;
        private final long abortAfterFailures;

        private final long[] clientConnects;
        private final long[] clientFailed;
        private final int[] clientLive;
        private final int[] clientMaxLive;
        private final int[] clientNextPort;
        private int destinations;
        private long[] destinationConnects;
        private long[] destinationFailed;
        private int[] destinationLive;
        private int[] destinationMaxLive;

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
        /** Closes in time order when every connection is held the same time (no heap needed for them). */
        private final TimeFifo closes = new TimeFifo();
        private final boolean fifoCloses;
        private final TimeFifo[] ends = {new TimeFifo(), new TimeFifo(), new TimeFifo()};
        private final long[] establishedAfter;
        private final long[] failuresByLimit = new long[NatFailure.values().length];
        private final long[] dropsByLimit = new long[NatFailure.values().length];
        private final int windows;
        private final long[] windowConnects;
        private final long[] windowDrops;
        private final long[] windowFailed;
        private final int[][] windowStates;

        private long connects;
        private long established;
        private long failed;
        private long drops;
        private long firstDrop = -1;
        private long firstFailure = -1;
        private long lastNatTime;
        private boolean aborted;

        /**
         * @param nat the allocator, fresh
         * @param destinations the destinations expected (the tables grow past it)
         * @param durationNanos when arrivals end; {@link Long#MAX_VALUE}: when {@code arrivals} ends
         * @param windows the time series' windows over the duration, 0 for none
         * @param fifoCloses whether every connection is held the same time, at most half the idle timeout
         */
        Run(GatewayProfile profile, NatAllocator nat, int clients, int destinations, long durationNanos, int windows,
            SynSchedule syn, boolean fifoCloses, long abortAfterFailures, Arrivals arrivals) {
            this.profile = profile;
            this.nat = nat;
            this.clients = clients;
            this.durationNanos = durationNanos;
            this.windows = windows;
            this.syn = syn;
            this.fifoCloses = fifoCloses;
            this.abortAfterFailures = abortAfterFailures;
            this.arrivals = arrivals;
            idleNanos = Math.round(profile.idleSeconds().value() * 1e9);
            timerNanos = new long[] {Math.round(profile.finSeconds().value() * 1e9),
                Math.round(profile.rstSeconds().value() * 1e9), idleNanos};
            timeouts = new long[syn.retries() + 1];
            for (int j = 0; j <= syn.retries(); j++) {
                timeouts[j] = syn.timeoutNanos(j);
            }
            clientConnects = new long[clients];
            clientFailed = new long[clients];
            clientLive = new int[clients];
            clientMaxLive = new int[clients];
            clientNextPort = new int[clients];
            this.destinations = destinations;
            int tables = Math.max(1, destinations);
            destinationConnects = new long[tables];
            destinationFailed = new long[tables];
            destinationLive = new int[tables];
            destinationMaxLive = new int[tables];
            establishedAfter = new long[syn.retries() + 1];
            windowConnects = new long[windows];
            windowDrops = new long[windows];
            windowFailed = new long[windows];
            windowStates = new int[3][windows];
        }

        Run execute() {
            long stop = durationNanos == Long.MAX_VALUE ? Long.MAX_VALUE : durationNanos + syn.giveUpNanos();
            long nextArrival = arrivals.next();
            int window = 0;
            while (true) {
                long t = nextArrival;
                int source = 0;
                long h = heap.peekTime();
                if (h < t) {
                    t = h;
                    source = 1;
                }
                long f = closes.peekTime();
                if (f < t) {
                    t = f;
                    source = 5;
                }
                for (int k = 0; k < 3; k++) {
                    long e = ends[k].peekTime();
                    if (e < t) {
                        t = e;
                        source = 2 + k;
                    }
                }
                while (window < windows && windowEnd(window) <= Math.min(t, durationNanos)) {
                    sample(window++);
                }
                if (t == Long.MAX_VALUE || t > stop) {
                    break;
                }
                if (source == 0) {
                    start(t, arrivals.client, arrivals.destination, arrivals.kind, arrivals.holdNanos, arrivals.port);
                    nextArrival = arrivals.next();
                } else if (source == 5) {
                    int slot = closes.peekA();
                    closes.pop();
                    close(slot, t);
                } else if (source == 1) {
                    int payload = heap.peekPayload();
                    heap.pop();
                    if ((payload & RETRY) != 0) {
                        syn(payload >>> 1, t);
                    } else {
                        close(payload >>> 1, t);
                    }
                } else {
                    TimeFifo q = ends[source - 2];
                    clientLive[q.peekA()]--;
                    destinationLive[q.peekB()]--;
                    q.pop();
                }
                if (failed > abortAfterFailures) {
                    aborted = true;
                    break;
                }
            }
            while (window < windows && !aborted) {
                sample(window++);
            }
            return this;
        }

        private long windowEnd(int w) {
            return w == windows - 1 ? durationNanos : durationNanos / windows * (w + 1);
        }

        private void sample(int w) {
            nat.expire(Math.max(windowEnd(w), lastNatTime));
            windowStates[0][w] = nat.liveMappings(TimerState.ESTABLISHED);
            windowStates[1][w] = nat.liveMappings(TimerState.TRANSITORY);
            windowStates[2][w] = nat.liveMappings(TimerState.RST_COOLDOWN);
        }

        /** Connection to {@code d} of client {@code c} sends its first SYN; {@code port} -1: the client's next. */
        private void start(long t, int c, int d, byte kind, long hold, int port) {
            int s = takeSlot();
            slotClient[s] = c;
            slotDestination[s] = d;
            if (port < 0) {
                slotPort[s] = FIRST_SOURCE_PORT + clientNextPort[c];
                clientNextPort[c] = (clientNextPort[c] + 1) % (65_536 - FIRST_SOURCE_PORT);
            } else {
                slotPort[s] = port;
            }
            slotKind[s] = kind;
            slotSyn[s] = 0;
            slotCloseAt[s] = hold;
            if (d >= destinations) {
                growDestinations(d);
            }
            connects++;
            clientConnects[c]++;
            destinationConnects[d]++;
            count(windowConnects, t);
            syn(s, t);
        }

        private void growDestinations(int d) {
            destinations = d + 1;
            if (d >= destinationLive.length) {
                int n = Math.max(d + 1, destinationLive.length * 2);
                destinationConnects = Arrays.copyOf(destinationConnects, n);
                destinationFailed = Arrays.copyOf(destinationFailed, n);
                destinationLive = Arrays.copyOf(destinationLive, n);
                destinationMaxLive = Arrays.copyOf(destinationMaxLive, n);
            }
        }

        /** Counts an event at {@code t} in its window of {@code series}, if it falls in one. */
        private void count(long[] series, long t) {
            if (t < durationNanos && windows > 0) {
                series[window(t)]++;
            }
        }

        private int window(long t) {
            long w = t / Math.max(1, durationNanos / windows);
            return (int) Math.min(windows - 1, Math.max(0, w));
        }

        private long map(int s, long t) {
            lastNatTime = t;
            return nat.map(FIRST_CLIENT + slotClient[s], slotPort[s], FIRST_DESTINATION + slotDestination[s],
                    DESTINATION_PORT, NatPairs.TCP, t);
        }

        /** The connection's SYN number {@code slotSyn[s]} reaches the gateway at {@code t}. */
        private void syn(int s, long t) {
            long r = map(s, t);
            int c = slotClient[s];
            int d = slotDestination[s];
            int k = slotSyn[s];
            if (r >= 0) {
                established++;
                establishedAfter[k]++;
                if (++clientLive[c] > clientMaxLive[c]) {
                    clientMaxLive[c] = clientLive[c];
                }
                if (++destinationLive[d] > destinationMaxLive[d]) {
                    destinationMaxLive[d] = destinationLive[d];
                }
                long closeAt = t + slotCloseAt[s];
                slotCloseAt[s] = closeAt;
                if (fifoCloses) {
                    closes.push(closeAt, s, 0);
                } else {
                    heap.push(nextCloseEvent(t, closeAt), s << 1);
                }
                return;
            }
            int limit = NatFailure.of(r).ordinal();
            drops++;
            dropsByLimit[limit]++;
            if (firstDrop < 0) {
                firstDrop = t;
            }
            count(windowDrops, t);
            if (k < syn.retries()) {
                slotSyn[s] = (byte) (k + 1);
                heap.push(t + timeouts[k], (s << 1) | RETRY);
                return;
            }
            long failAt = t + timeouts[k];
            failed++;
            failuresByLimit[limit]++;
            clientFailed[c]++;
            destinationFailed[d]++;
            if (firstFailure < 0 || failAt < firstFailure) {
                firstFailure = failAt;
            }
            count(windowFailed, failAt);
            freeSlot(s);
        }

        private long nextCloseEvent(long t, long closeAt) {
            return closeAt - t > idleNanos / 2 ? t + idleNanos / 2 : closeAt;
        }

        private void close(int s, long t) {
            if (t < slotCloseAt[s]) {
                map(s, t); // keep-alive traffic restarts the gateway's idle timer
                heap.push(nextCloseEvent(t, slotCloseAt[s]), s << 1);
                return;
            }
            byte kind = slotKind[s];
            if (kind == IDLE) {
                map(s, t);
            } else {
                lastNatTime = t;
                nat.close(FIRST_CLIENT + slotClient[s], slotPort[s], FIRST_DESTINATION + slotDestination[s],
                        DESTINATION_PORT, NatPairs.TCP, kind == FIN ? CloseKind.FIN : CloseKind.RST, t);
            }
            ends[kind].push(t + timerNanos[kind], slotClient[s], slotDestination[s]);
            freeSlot(s);
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

        private void freeSlot(int s) {
            freeSlots[freeCount++] = s;
        }

        /** The whole answer; {@code scenario} is the one the run's arrivals came from (its weights name the destinations). */
        GatewayResult result(String allocatorName, FleetScenario scenario) {
            NatFailure[] limits = NatFailure.values();
            Map<String, Long> failures = new LinkedHashMap<>();
            Map<String, Long> dropped = new LinkedHashMap<>();
            for (int i = 0; i < limits.length; i++) {
                if (failuresByLimit[i] > 0) {
                    failures.put(limits[i].name(), failuresByLimit[i]);
                }
                if (dropsByLimit[i] > 0) {
                    dropped.put(limits[i].name(), dropsByLimit[i]);
                }
            }
            return new GatewayResult(profile.id(), allocatorName, scenario, connects, established, failed, drops,
                    firstDropSeconds(), firstFailureSeconds(), failedFraction(), bindingLimit(), failures, dropped, latency(),
                    clientsWithFailures(), worstClients(), minClientHeadroom(), destinationRows(scenario), windowRows(),
                    aborted);
        }

        /** {@link FlowReplay}'s answer: {@code clients} is the clients the flows named. */
        FlowReplay.Result replayResult(String gateway, String allocatorName, int clients) {
            return new FlowReplay.Result(gateway, profile.id(), allocatorName, clients, destinations, connects, established,
                    failed, drops, firstDropSeconds(), firstFailureSeconds(), failedFraction(), bindingLimit(),
                    minDestinationHeadroom(), minClientHeadroom());
        }

        private double firstDropSeconds() {
            return seconds(firstDrop);
        }

        private double firstFailureSeconds() {
            return seconds(firstFailure);
        }

        private double failedFraction() {
            return connects == 0 ? 0 : (double) failed / connects;
        }

        /** The limit ({@code NatFailure} name) behind most failed connects, or dropped SYNs if none failed; "none". */
        private String bindingLimit() {
            NatFailure[] limits = NatFailure.values();
            long[] byLimit = failed > 0 ? failuresByLimit : dropsByLimit;
            int binding = -1;
            for (int i = 0; i < limits.length; i++) {
                if (byLimit[i] > 0 && (binding < 0 || byLimit[i] > byLimit[binding])) {
                    binding = i;
                }
            }
            return binding < 0 ? "none" : limits[binding].name();
        }

        /** The least headroom of any destination: 1 - most flows held at once / its limit. */
        private double minDestinationHeadroom() {
            double least = 1;
            long limit = destinationLimit();
            for (int d = 0; d < destinations; d++) {
                least = Math.min(least, 1 - (double) destinationMaxLive[d] / limit);
            }
            return least;
        }

        private long destinationLimit() {
            return profile.mappingKind() == MappingKind.ENDPOINT_INDEPENDENT
                    ? (long) profile.addressCount() * profile.ports().size()
                    : (long) profile.addressCount() * profile.perDestinationPerAddress();
        }

        private double seconds(long nanos) {
            return nanos < 0 ? -1 : nanos / 1e9;
        }

        private GatewayResult.AddedLatency latency() {
            long delayed = established - establishedAfter[0];
            double[] added = new double[establishedAfter.length];
            for (int k = 1; k < added.length; k++) {
                added[k] = added[k - 1] + timeouts[k - 1] / 1e9;
            }
            int max = 0;
            for (int k = 0; k < added.length; k++) {
                if (establishedAfter[k] > 0) {
                    max = k;
                }
            }
            return new GatewayResult.AddedLatency(delayed, percentile(added, 0.5), percentile(added, 0.99),
                    percentile(added, 0.999), added[max]);
        }

        private double percentile(double[] added, double p) {
            long rank = (long) Math.ceil(p * established);
            long seen = 0;
            for (int k = 0; k < added.length; k++) {
                seen += establishedAfter[k];
                if (seen >= rank) {
                    return added[k];
                }
            }
            return 0;
        }

        private long clientLimit() {
            int perHost = profile.portsPerHost(clients);
            long pairs = (long) profile.addressCount() * profile.ports().size();
            long perDestinationFlows = profile.mappingKind() == MappingKind.ENDPOINT_INDEPENDENT ? 1 : destinations;
            return perHost == 0 ? pairs * perDestinationFlows : (long) perHost * perDestinationFlows;
        }

        private long clientsWithFailures() {
            long n = 0;
            for (int c = 0; c < clients; c++) {
                if (clientFailed[c] > 0) {
                    n++;
                }
            }
            return n;
        }

        private double minClientHeadroom() {
            int most = 0;
            for (int c = 0; c < clients; c++) {
                most = Math.max(most, clientMaxLive[c]);
            }
            return 1 - (double) most / clientLimit();
        }

        private List<GatewayResult.ClientRow> worstClients() {
            Integer[] order = new Integer[clients];
            for (int c = 0; c < clients; c++) {
                order[c] = c;
            }
            Arrays.sort(order, (a, b) -> {
                int byFraction = Double.compare(fraction(clientFailed[b], clientConnects[b]),
                        fraction(clientFailed[a], clientConnects[a]));
                return byFraction != 0 ? byFraction : Integer.compare(a, b);
            });
            List<GatewayResult.ClientRow> rows = new ArrayList<>();
            long limit = clientLimit();
            for (int i = 0; i < Math.min(WORST_CLIENTS, clients); i++) {
                int c = order[i];
                rows.add(new GatewayResult.ClientRow(c, clientConnects[c], clientFailed[c],
                        fraction(clientFailed[c], clientConnects[c]), clientMaxLive[c], 1 - (double) clientMaxLive[c] / limit));
            }
            return rows;
        }

        private List<GatewayResult.DestinationRow> destinationRows(FleetScenario scenario) {
            long limit = destinationLimit();
            List<GatewayResult.DestinationRow> rows = new ArrayList<>(destinations);
            for (int d = 0; d < destinations; d++) {
                rows.add(new GatewayResult.DestinationRow(d, scenario.destinationWeights().get(d), destinationConnects[d],
                        destinationFailed[d], fraction(destinationFailed[d], destinationConnects[d]), destinationMaxLive[d],
                        limit, 1 - (double) destinationMaxLive[d] / limit));
            }
            return rows;
        }

        private List<GatewayResult.WindowRow> windowRows() {
            List<GatewayResult.WindowRow> rows = new ArrayList<>(windows);
            for (int w = 0; w < windows; w++) {
                rows.add(new GatewayResult.WindowRow(windowEnd(w) / 1e9, windowConnects[w], windowDrops[w], windowFailed[w],
                        windowStates[0][w], windowStates[1][w], windowStates[2][w]));
            }
            return rows;
        }

        private static double fraction(long part, long whole) {
            return whole == 0 ? 0 : (double) part / whole;
        }
    }
}
