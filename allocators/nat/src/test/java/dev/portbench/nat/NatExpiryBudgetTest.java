package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bounded expiry of {@link ComposedNatAllocator} ({@link NatConfig#expiryBudget()}), counted in
 * mappings ended per call, not in time: an expiry storm costs each call at most the budget, no call
 * sees a mapping after its deadline, the counts stay exact, and a map never fails while ending a
 * due mapping would let it succeed.
 */
class NatExpiryBudgetTest {

    private static final int HOST = NatPairs.ipv4(10, 0, 0, 1);
    private static final int PEER = NatPairs.ipv4(198, 51, 100, 1);
    private static final long T0 = 1_000;
    private static final long UDP_TIMEOUT = 300;
    private static final int STORM = 20_000;

    private static ComposedNatAllocator create(NatCatalog entry, NatConfig.Builder b) {
        return (ComposedNatAllocator) entry.create(b.timeoutNanos(TimerState.UDP, UDP_TIMEOUT)
                .timeoutNanos(TimerState.ESTABLISHED, 1_000_000).build());
    }

    private static NatConfig.Builder pool(int addresses, int ports) {
        return NatConfig.builder().addressRange(NatPairs.ipv4(203, 0, 113, 1), addresses).portRange(1024, 1024 + ports - 1)
                .pairedPooling(false).maxMappings(addresses * ports).maxHosts(1 << 16);
    }

    private static int host(int i) {
        return HOST + i % 50_000;
    }

    private static int port(int i) {
        return 1 + i / 50_000;
    }

    @ParameterizedTest
    @EnumSource(value = MappingBehaviour.class)
    void aStormCostsEachCallAtMostTheBudget(MappingBehaviour behaviour) {
        int budget = 8;
        ComposedNatAllocator nat = create(NatCatalog.EXACT, pool(1, 64_512).behaviour(behaviour).expiryBudget(budget));
        for (int i = 0; i < STORM; i++) {
            assertTrue(NatPairs.isPair(nat.map(host(i), port(i), PEER, 53, NatPairs.UDP, T0)));
        }
        long storm = T0 + UDP_TIMEOUT; // all STORM mappings fall due at once
        int maxEnds = 0;
        long ends = 0;
        int calls = 0;
        for (int i = 0; nat.dueNotEnded() > 0 || i == 0; i++) {
            long pair = nat.map(HOST + 60_000 + i, 7, PEER, 443, NatPairs.TCP, storm + i);
            assertTrue(NatPairs.isPair(pair), "map " + i + " during the storm: " + NatPairs.toText(pair));
            maxEnds = Math.max(maxEnds, nat.endsInLastCall());
            ends += nat.endsInLastCall();
            calls++;
            int due = i * 37 % STORM;
            assertEquals(NatFailure.NOT_FOUND, NatFailure.of(nat.lookup(host(due), port(due), PEER, 53, NatPairs.UDP, storm + i)),
                    "a due mapping is over for every caller");
            maxEnds = Math.max(maxEnds, nat.endsInLastCall());
            ends += nat.endsInLastCall();
            assertTrue(calls <= STORM, "the storm drains at the budget's pace");
        }
        assertEquals(budget, maxEnds, "no call ended more than the budget, and the storm used it");
        assertEquals(STORM, ends, "every stormed mapping was ended exactly once");
        assertEquals(calls, nat.liveMappings(), "the counts hold the new mappings only");
        assertEquals(calls, nat.activeHosts());
    }

    @Test
    void countsAreExactWhileEndsAreDeferred() {
        ComposedNatAllocator nat = create(NatCatalog.EXACT, pool(1, 4_096).expiryBudget(1));
        for (int i = 0; i < 1_000; i++) {
            nat.map(host(i), port(i), PEER, 53, NatPairs.UDP, T0);
        }
        nat.map(HOST + 70_000, 1, PEER, 80, NatPairs.TCP, T0 + UDP_TIMEOUT);
        assertEquals(1, nat.endsInLastCall());
        assertEquals(999, nat.dueNotEnded(), "999 due mappings wait, deferred");
        assertNull(nat.timerState(host(5), port(5), PEER, 53, NatPairs.UDP, T0 + UDP_TIMEOUT));
        assertEquals(1, nat.liveMappings(), "a count ends what is due first");
        assertEquals(0, nat.dueNotEnded());
        assertEquals(0, nat.expire(T0 + UDP_TIMEOUT + 1), "nothing fell due after the previous call");
    }

    @Test
    void expireCountsTheMappingsItsCallReached() {
        ComposedNatAllocator nat = create(NatCatalog.EXACT, pool(1, 4_096).expiryBudget(2));
        for (int i = 0; i < 100; i++) {
            nat.map(host(i), port(i), PEER, 53, NatPairs.UDP, T0 + i);
        }
        nat.map(HOST + 70_000, 1, PEER, 80, NatPairs.TCP, T0 + UDP_TIMEOUT + 49); // 50 due, 2 ended
        assertEquals(2, nat.endsInLastCall());
        assertEquals(50, nat.expire(T0 + UDP_TIMEOUT + 99), "due after the previous call: 50..99");
        assertEquals(98, nat.endsInLastCall(), "expire ends all that is due");
        assertEquals(1, nat.liveMappings());
    }

    @ParameterizedTest
    @EnumSource(value = NatCatalog.class, names = {"EXACT", "ROUND_ROBIN"})
    void aFullPoolWithDueMappingsNeverFails(NatCatalog entry) {
        int pairs = 2 * 512;
        ComposedNatAllocator nat = create(entry, pool(2, 512).expiryBudget(1));
        for (int i = 0; i < pairs; i++) {
            assertTrue(NatPairs.isPair(nat.map(host(i), port(i), PEER, 53, NatPairs.UDP, T0)));
        }
        for (int i = 0; i < pairs; i++) {
            long pair = nat.map(HOST + 60_000 + i, 9, PEER, 443, NatPairs.TCP, T0 + UDP_TIMEOUT + i);
            assertTrue(NatPairs.isPair(pair), entry + " map " + i + ": " + NatPairs.toText(pair));
            assertEquals(1, nat.endsInLastCall(), "the budget's one end freed the pair the search then found");
        }
        assertEquals(0, nat.failures(NatFailure.ADDRESS_POOL_EXHAUSTED), "never exhausted while a due pair exists");
    }

    @Test
    void aHostAtItsLimitGetsItsDueMappingsEndedOnDemand() {
        ComposedNatAllocator nat = create(NatCatalog.EXACT, pool(1, 4_096).portsPerHost(0, 2).expiryBudget(1));
        for (int i = 0; i < 100; i++) {
            nat.map(HOST + 1 + i, 1, PEER, 53, NatPairs.UDP, T0);
        }
        nat.map(HOST, 1, PEER, 53, NatPairs.UDP, T0 + 10);
        nat.map(HOST, 2, PEER, 53, NatPairs.UDP, T0 + 10);
        long due = T0 + 10 + UDP_TIMEOUT; // all 102 are due; HOST's two have the latest deadlines
        long pair = nat.map(HOST, 3, PEER, 53, NatPairs.UDP, due);
        assertTrue(NatPairs.isPair(pair), NatPairs.toText(pair));
        assertEquals(0, nat.failures(NatFailure.PER_HOST_LIMIT));
        assertTrue(nat.endsInLastCall() >= 102 && nat.endsInLastCall() <= 2 * 102 + 1,
                "ends on demand: 1, 1, 2, 4, ... until the host's own two go: " + nat.endsInLastCall());
    }
}
