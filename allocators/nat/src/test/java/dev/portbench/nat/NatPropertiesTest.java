package dev.portbench.nat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The behaviours as properties over random configurations and sequences, for every catalog entry,
 * checked by a tracker that knows only the documented timers (not the reference model): EIM gives
 * an endpoint one pair for every destination; paired pooling keeps a host on one address; no pair
 * is reused before its holder's timer ends (the 6.5+ netfilter eviction excepted, and counted);
 * a per-host limit is never exceeded.
 */
class NatPropertiesTest {

    /** What the tracker knows of one mapping: its key, pair, destination and deadline. */
    private static final class Held {
        final int ia;
        final int da;
        final int dp;
        final int protocol;
        final long pair;
        long deadline;
        boolean open = true;

        Held(int ia, int da, int dp, int protocol, long pair) {
            this.ia = ia;
            this.da = da;
            this.dp = dp;
            this.protocol = protocol;
            this.pair = pair;
        }
    }

    @Property(tries = 60)
    void behavioursHold(@ForAll NatCatalog entry, @ForAll long seed) {
        Random r = new Random(seed);
        NatConfig config = NatScenarios.randomConfig(r);
        Assume.that(config.maxMappings() > 0);
        boolean eim = config.behaviour() == MappingBehaviour.ENDPOINT_INDEPENDENT;
        NatAllocator nat = entry.create(config);
        Map<List<Integer>, Held> held = new HashMap<>();
        long now = 0;
        for (int step = 0; step < 1_500; step++) {
            now += NatScenarios.step(r);
            final long at = now;
            held.values().removeIf(h -> h.deadline - at <= 0);
            int ia = NatScenarios.host(r);
            int ip = NatScenarios.hostPort(r);
            int da = NatScenarios.destination(r);
            int dp = NatScenarios.destinationPort(r);
            int protocol = NatScenarios.protocol(r);
            List<Integer> key = eim ? List.of(ia, ip, protocol) : List.of(ia, ip, da, dp, protocol);
            Held mine = held.get(key);
            if (r.nextInt(4) == 0 && mine != null && mine.open) {
                CloseKind kind = CloseKind.values()[r.nextInt(3)];
                nat.close(ia, ip, da, dp, protocol, kind, now);
                mine.open = false;
                mine.deadline = kind == CloseKind.IDLE ? now
                        : now + config.timeoutNanos(kind == CloseKind.FIN ? TimerState.TRANSITORY : TimerState.RST_COOLDOWN);
                held.values().removeIf(h -> h.deadline - at <= 0);
                continue;
            }
            long evictionsBefore = nat.evictions();
            long pair = nat.map(ia, ip, da, dp, protocol, now);
            if (!NatPairs.isPair(pair)) {
                check(mine == null, "a live mapping's flow was refused: " + NatPairs.toText(pair));
                continue;
            }
            if (mine != null) {
                check(mine.pair == pair, "EIM / restart: the endpoint keeps its pair for every destination");
            } else {
                for (Held other : new ArrayList<>(held.values())) {
                    boolean conflict = other.pair == pair && (eim || (other.da == da && other.dp == dp && other.protocol == protocol));
                    if (conflict) {
                        check(entry == NatCatalog.NETFILTER_EVICTING && !other.open && other.protocol == NatPairs.TCP
                                && nat.evictions() == evictionsBefore + 1,
                                "pair " + NatPairs.toText(pair) + " reused before its timer ended, by " + entry);
                        held.values().remove(other);
                    }
                }
                mine = new Held(ia, da, dp, protocol, pair);
                held.put(key, mine);
            }
            mine.open = true;
            mine.deadline = now + config.timeoutNanos(protocol == NatPairs.TCP ? TimerState.ESTABLISHED : TimerState.UDP);
            Set<Integer> addresses = new HashSet<>();
            Set<Long> blocks = new HashSet<>();
            int count = 0;
            for (Held h : held.values()) {
                if (h.ia == ia) {
                    addresses.add(NatPairs.address(h.pair));
                    blocks.add(NatPairs.pair(NatPairs.address(h.pair), 0) + (NatPairs.port(h.pair) - config.firstPort())
                            / Math.max(1, config.portBlockSize()));
                    count++;
                }
            }
            if (config.pairedPooling()) {
                check(addresses.size() == 1, "paired pooling: host on " + addresses.size() + " addresses");
            }
            if (config.portBlocks()) {
                check((long) blocks.size() * config.portBlockSize() <= config.maxPortsPerHost(), "host in too many blocks");
            } else {
                check(count <= config.maxPortsPerHost(), "host holds " + count + " > " + config.maxPortsPerHost());
            }
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
