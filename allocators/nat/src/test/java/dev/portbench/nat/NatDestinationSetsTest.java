package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The per-destination sets of the dependent mapping (APDM) in {@link ComposedNatAllocator}: the
 * exact search finds a pair every other destination holds, refuses exactly when the destination
 * holds them all, dense and light destinations give the same answers, and the sets are recycled.
 */
class NatDestinationSetsTest {

    private static final int HOST = NatPairs.ipv4(10, 0, 0, 1);
    private static final int PEER = NatPairs.ipv4(198, 51, 100, 1);
    private static final long T0 = 1_000;

    private static NatConfig config(int addresses, int ports, int maxMappings) {
        return NatConfig.builder().addressRange(NatPairs.ipv4(203, 0, 113, 1), addresses).portRange(2000, 2000 + ports - 1)
                .behaviour(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT).pairedPooling(false).maxMappings(maxMappings)
                .maxHosts(maxMappings).timeoutNanos(TimerState.ESTABLISHED, 1_000_000).build();
    }

    /** Threshold 1: every destination dense; threshold above every count: every destination light. */
    private static ComposedNatAllocator create(NatConfig c, int threshold) {
        return new ComposedNatAllocator(NatCatalog.EXACT, c, threshold, ComposedNatAllocator.DENSE_BUDGET_BYTES);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 4, 1 << 20})
    void findsAPairEveryOtherDestinationHoldsAndRefusesOnlyWhenItHoldsThemAll(int threshold) {
        int ports = 300;
        ComposedNatAllocator nat = create(config(2, ports, 4 * 2 * ports), threshold);
        // destinations 2 and 3 hold every pair of both addresses: no pair is wholly free
        for (int d = 2; d <= 3; d++) {
            for (int i = 0; i < 2 * ports; i++) {
                assertTrue(NatPairs.isPair(nat.map(HOST + i, 1 + d, PEER + d, 80, NatPairs.TCP, T0)));
            }
        }
        assertEquals(2, nat.destinations());
        // destination 1 holds all but the pair (address 1, port 2000 + 123): that one is its only choice
        long expected = 0;
        for (int i = 0; i < 2 * ports; i++) {
            long pair = nat.map(HOST + i, 1, PEER, 80, NatPairs.TCP, T0);
            assertTrue(NatPairs.isPair(pair), "pair " + i + ": " + NatPairs.toText(pair));
            if (i == ports + 123) {
                expected = pair;
            }
        }
        assertEquals(NatFailure.ADDRESS_POOL_EXHAUSTED, NatFailure.of(nat.map(HOST, 99, PEER, 80, NatPairs.TCP, T0)),
                "the destination holds every pair");
        assertTrue(NatPairs.isPair(nat.map(HOST, 99, PEER, 81, NatPairs.TCP, T0)), "another port is another destination");
        assertTrue(NatPairs.isPair(nat.map(HOST, 99, PEER, 80, NatPairs.UDP, T0)), "another protocol too");
        nat.close(HOST + ports + 123, 1, PEER, 80, NatPairs.TCP, CloseKind.IDLE, T0);
        assertEquals(expected, nat.map(HOST + 7_000, 1, PEER, 80, NatPairs.TCP, T0), "the one pair it let go");
        assertEquals(NatFailure.ADDRESS_POOL_EXHAUSTED, NatFailure.of(nat.map(HOST, 98, PEER, 80, NatPairs.TCP, T0)));
        assertEquals(threshold == 1 ? 5 : threshold == 4 ? 3 : 0, nat.denseSetsInUse(), "dense sets");
    }

    @Test
    void theLowestPairTheDestinationDoesNotHoldIsChosenAcrossAddresses() {
        ComposedNatAllocator nat = create(config(3, 64, 1_000), 2);
        for (int i = 0; i < 3 * 64; i++) {
            nat.map(HOST + i, 2, PEER + 1, 80, NatPairs.TCP, T0); // fills every pair for another destination
        }
        // the destination gets address 0's pairs in order, then (the cursor moves on a success) spreads
        long first = nat.map(HOST, 1, PEER, 80, NatPairs.TCP, T0);
        assertEquals(NatPairs.pair(NatPairs.ipv4(203, 0, 113, 1), 2000), first);
        long second = nat.map(HOST + 1, 1, PEER, 80, NatPairs.TCP, T0);
        assertEquals(NatPairs.pair(NatPairs.ipv4(203, 0, 113, 2), 2000), second);
    }

    @Test
    void setsAreRecycledWhenADestinationsMappingsEnd() {
        ComposedNatAllocator nat = create(config(1, 512, 4_000), 8);
        for (int round = 0; round < 5; round++) {
            for (int d = 0; d < 3; d++) {
                for (int i = 0; i < 100; i++) {
                    assertTrue(NatPairs.isPair(nat.map(HOST + i, 1 + d, PEER + d, 443, NatPairs.TCP, T0 + round)));
                }
            }
            assertEquals(3, nat.destinations());
            assertEquals(3, nat.denseSetsInUse());
            for (int d = 0; d < 3; d++) {
                for (int i = 0; i < 100; i++) {
                    nat.close(HOST + i, 1 + d, PEER + d, 443, NatPairs.TCP, CloseKind.IDLE, T0 + round);
                }
            }
            assertEquals(0, nat.destinations(), "round " + round);
            assertEquals(0, nat.denseSetsInUse(), "round " + round);
            assertEquals(3, nat.denseSetsBuilt(), "the pool is reused, not grown");
        }
        // a set given back below a quarter of the threshold, and taken again at the threshold
        for (int i = 0; i < 8; i++) {
            nat.map(HOST + i, 1, PEER, 443, NatPairs.TCP, T0 + 10);
        }
        assertEquals(1, nat.denseSetsInUse());
        for (int i = 0; i < 7; i++) {
            nat.close(HOST + i, 1, PEER, 443, NatPairs.TCP, CloseKind.IDLE, T0 + 10);
        }
        assertEquals(1, nat.destinations());
        assertEquals(0, nat.denseSetsInUse(), "1 mapping left < 8 / 4");
    }

    @Test
    void theDenseSetsAreCappedAndTheRestStayLightAndExact() {
        NatConfig c = config(1, 256, 2_000);
        ComposedNatAllocator capped = new ComposedNatAllocator(NatCatalog.EXACT, c, 2, 0);
        assertEquals(1, capped.denseSetCap(), "a budget of 0 still allows one set");
        ComposedNatAllocator light = create(c, 1 << 20);
        for (int d = 0; d < 4; d++) {
            for (int i = 0; i < 250; i++) {
                long a = capped.map(HOST + i, 1 + d, PEER + d, 80, NatPairs.TCP, T0);
                assertEquals(light.map(HOST + i, 1 + d, PEER + d, 80, NatPairs.TCP, T0), a);
            }
        }
        assertEquals(1, capped.denseSetsBuilt());
        assertEquals(config(1, 256, 64).maxMappings() / 16,
                new ComposedNatAllocator(NatCatalog.EXACT, config(1, 256, 64), 64, 1L << 40).denseSetCap(),
                "no more sets than destinations of a quarter of the threshold can hold");
    }

    /** Every policy: all-dense, capped (one set) and all-light allocators agree call by call on random sequences. */
    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void denseCappedAndLightDestinationsGiveTheSameAnswers(NatCatalog entry) {
        for (int c = 0; c < 30; c++) {
            long seed = 0xDE57_0000L + 104_729L * c + entry.ordinal();
            Random r = new Random(seed);
            NatConfig config = NatScenarios.randomConfig(r);
            ComposedNatAllocator[] nats = {
                new ComposedNatAllocator(entry, config, 1, ComposedNatAllocator.DENSE_BUDGET_BYTES),
                new ComposedNatAllocator(entry, config, 2, 0),
                new ComposedNatAllocator(entry, config, 1 << 20, ComposedNatAllocator.DENSE_BUDGET_BYTES),
            };
            long now = r.nextLong();
            for (int step = 0; step < 2_000; step++) {
                now += NatScenarios.step(r);
                int ia = NatScenarios.host(r);
                int ip = NatScenarios.hostPort(r);
                int da = NatScenarios.destination(r);
                int dp = NatScenarios.destinationPort(r);
                int protocol = NatScenarios.protocol(r);
                int op = r.nextInt(10);
                String where = entry.id() + " seed " + seed + " step " + step;
                if (op < 6) {
                    long first = nats[0].map(ia, ip, da, dp, protocol, now);
                    for (int k = 1; k < nats.length; k++) {
                        assertEquals(NatPairs.toText(first), NatPairs.toText(nats[k].map(ia, ip, da, dp, protocol, now)), where);
                    }
                } else if (op < 9) {
                    TimerState s = nats[0].timerState(ia, ip, da, dp, protocol, now);
                    for (int k = 1; k < nats.length; k++) {
                        assertEquals(s, nats[k].timerState(ia, ip, da, dp, protocol, now), where);
                    }
                    if (s != null && s.isOpen()) {
                        CloseKind kind = CloseKind.values()[r.nextInt(3)];
                        for (ComposedNatAllocator nat : nats) {
                            nat.close(ia, ip, da, dp, protocol, kind, now);
                        }
                    }
                } else {
                    int ended = nats[0].expire(now);
                    for (int k = 1; k < nats.length; k++) {
                        assertEquals(ended, nats[k].expire(now), where);
                    }
                }
                for (int k = 1; k < nats.length; k++) {
                    assertEquals(nats[0].liveMappings(), nats[k].liveMappings(), where);
                    assertEquals(nats[0].destinations(), nats[k].destinations(), where);
                }
            }
            for (NatFailure f : NatFailure.values()) {
                for (int k = 1; k < nats.length; k++) {
                    assertEquals(nats[0].failures(f), nats[k].failures(f), f.name());
                }
            }
        }
    }
}
