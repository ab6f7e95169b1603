package dev.portbench.gateway;

import dev.portbench.nat.CloseKind;
import dev.portbench.nat.MappingBehaviour;
import dev.portbench.nat.NatConfig;
import dev.portbench.nat.NatFailure;
import dev.portbench.nat.NatPairs;
import dev.portbench.nat.TimerState;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain, slow, obviously exact NAT for the simulator's hand-computed tests: lowest usable
 * (address, port) first, exact timers, per-destination limit per address, per-host port limit.
 * Port blocks, workers and bounded searches are not modelled.
 */
final class ReferenceNat extends StandInNat {

    private record Flow(int address, int port, int destination, int destinationPort, int protocol) {
    }

    private static final class Mapping {
        long pair;
        int host;
        int destination;
        TimerState state;
        long deadline;
        final List<Flow> flows = new ArrayList<>();
    }

    private final Map<Flow, Mapping> byFlow = new HashMap<>();
    private final List<Mapping> live = new ArrayList<>();
    private long created;
    private final long[] failures = new long[NatFailure.values().length];

    ReferenceNat(NatConfig config) {
        super(config);
    }

    private Flow key(int a, int p, int d, int dp, int proto) {
        return config().behaviour() == MappingBehaviour.ENDPOINT_INDEPENDENT ? new Flow(a, p, 0, 0, proto) : new Flow(a, p, d, dp, proto);
    }

    @Override
    public long map(int a, int p, int d, int dp, int proto, long now) {
        expire(now);
        Mapping m = byFlow.get(key(a, p, d, dp, proto));
        if (m != null) {
            if (m.state.isOpen()) {
                m.deadline = now + config().timeoutNanos(m.state);
            } else {
                m.state = TimerState.ESTABLISHED;
                m.deadline = now + config().timeoutNanos(m.state);
            }
            return m.pair;
        }
        Set<Long> hostPairs = new HashSet<>();
        for (Mapping x : live) {
            if (x.host == a) {
                hostPairs.add(x.pair);
            }
        }
        boolean apdm = config().behaviour() == MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT;
        boolean destinationFullSomewhere = false;
        boolean hostFull = config().maxPortsPerHost() != NatConfig.UNLIMITED && hostPairs.size() >= config().maxPortsPerHost();
        for (int i = 0; i < config().addressCount(); i++) {
            int address = config().address(i);
            if (apdm && config().maxFlowsPerDestination() != NatConfig.UNLIMITED) {
                long toDestination = live.stream().filter(x -> NatPairs.address(x.pair) == address && x.destination == d).count();
                if (toDestination >= config().maxFlowsPerDestination()) {
                    destinationFullSomewhere = true;
                    continue;
                }
            }
            for (int port = config().firstPort(); port <= config().lastPort(); port++) {
                long pair = NatPairs.pair(address, port);
                if (hostFull && !hostPairs.contains(pair)) {
                    continue;
                }
                boolean taken = false;
                for (Mapping x : live) {
                    if (x.pair == pair && (!apdm || x.destination == d)) {
                        taken = true;
                        break;
                    }
                }
                if (!taken) {
                    Mapping n = new Mapping();
                    n.pair = pair;
                    n.host = a;
                    n.destination = d;
                    n.state = TimerState.ESTABLISHED;
                    n.deadline = now + config().timeoutNanos(n.state);
                    Flow f = key(a, p, d, dp, proto);
                    n.flows.add(f);
                    byFlow.put(f, n);
                    live.add(n);
                    created++;
                    return pair;
                }
            }
        }
        NatFailure why = hostFull ? NatFailure.PER_HOST_LIMIT
                : destinationFullSomewhere ? NatFailure.PER_DESTINATION_LIMIT : NatFailure.ADDRESS_POOL_EXHAUSTED;
        failures[why.ordinal()]++;
        return why.result();
    }

    @Override
    public long lookup(int a, int p, int d, int dp, int proto, long now) {
        expire(now);
        Mapping m = byFlow.get(key(a, p, d, dp, proto));
        return m == null ? NatFailure.NOT_FOUND.result() : m.pair;
    }

    @Override
    public TimerState timerState(int a, int p, int d, int dp, int proto, long now) {
        expire(now);
        Mapping m = byFlow.get(key(a, p, d, dp, proto));
        return m == null ? null : m.state;
    }

    @Override
    public void close(int a, int p, int d, int dp, int proto, CloseKind kind, long now) {
        expire(now);
        Mapping m = byFlow.get(key(a, p, d, dp, proto));
        if (m == null || !m.state.isOpen()) {
            throw new IllegalStateException("no open mapping");
        }
        if (kind == CloseKind.IDLE) {
            remove(m);
            return;
        }
        m.state = kind == CloseKind.FIN ? TimerState.TRANSITORY : TimerState.RST_COOLDOWN;
        m.deadline = now + config().timeoutNanos(m.state);
    }

    private void remove(Mapping m) {
        live.remove(m);
        m.flows.forEach(byFlow::remove);
    }

    @Override
    public int expire(long now) {
        List<Mapping> due = live.stream().filter(m -> m.deadline <= now).toList();
        due.forEach(this::remove);
        return due.size();
    }

    @Override
    public long nextExpiryTime() {
        return live.stream().mapToLong(m -> m.deadline).min().orElseThrow(IllegalStateException::new);
    }

    @Override
    public int liveMappings() {
        return live.size();
    }

    @Override
    public int liveMappings(TimerState state) {
        return (int) live.stream().filter(m -> m.state == state).count();
    }

    @Override
    public int activeHosts() {
        return (int) live.stream().mapToInt(m -> m.host).distinct().count();
    }

    @Override
    public long mappingsCreated() {
        return created;
    }

    @Override
    public long failures(NatFailure failure) {
        return failures[failure.ordinal()];
    }

    @Override
    public String name() {
        return "reference";
    }

    @Override
    public String description() {
        return "test reference: lowest usable pair, exact timers";
    }
}
