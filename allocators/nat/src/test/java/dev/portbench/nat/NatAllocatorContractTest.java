package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The contract of {@link NatAllocator}, for every {@link NatCatalog} entry. */
class NatAllocatorContractTest {

    private static final int HOST = NatPairs.ipv4(10, 0, 0, 1);
    private static final int PEER = NatPairs.ipv4(198, 51, 100, 1);
    private static final int OTHER_PEER = NatPairs.ipv4(198, 51, 100, 2);
    private static final long START = Long.MAX_VALUE - 1_000;

    private static NatConfig.Builder small(int ports) {
        return NatConfig.builder().portRange(2000, 2000 + ports - 1)
                .timeoutNanos(TimerState.ESTABLISHED, 100).timeoutNanos(TimerState.UDP, 50)
                .timeoutNanos(TimerState.TRANSITORY, 40).timeoutNanos(TimerState.RST_COOLDOWN, 10);
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void mapsIntoThePoolAndLooksUp(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).build());
        long pair = nat.map(HOST, 5000, PEER, 443, NatPairs.TCP, START);
        assertTrue(NatPairs.isPair(pair));
        assertEquals(NatConfig.DEFAULT_ADDRESS, NatPairs.address(pair));
        assertTrue(NatPairs.port(pair) >= 2000 && NatPairs.port(pair) <= 2063, NatPairs.toText(pair));
        assertEquals(pair, nat.lookup(HOST, 5000, PEER, 443, NatPairs.TCP, START + 1));
        assertEquals(pair, nat.map(HOST, 5000, PEER, 443, NatPairs.TCP, START + 2));
        assertEquals(NatFailure.NOT_FOUND, NatFailure.of(nat.lookup(HOST, 5001, PEER, 443, NatPairs.TCP, START + 2)));
        assertEquals(1, nat.liveMappings());
        assertEquals(1, nat.mappingsCreated());
        assertEquals(TimerState.ESTABLISHED, nat.timerState(HOST, 5000, PEER, 443, NatPairs.TCP, START + 2));
        assertEquals(entry.id(), nat.name());
        assertEquals(0, nat.maxLatenessNanos());
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void idleTimerRestartsOnTrafficAndEndsExactly(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).build());
        nat.map(HOST, 5000, PEER, 53, NatPairs.UDP, START);
        nat.map(HOST, 5000, PEER, 53, NatPairs.UDP, START + 30);
        assertEquals(START + 80, nat.nextExpiryTime());
        assertEquals(TimerState.UDP, nat.timerState(HOST, 5000, PEER, 53, NatPairs.UDP, START + 79));
        assertEquals(1, nat.expire(START + 80));
        assertNull(nat.timerState(HOST, 5000, PEER, 53, NatPairs.UDP, START + 80));
        assertEquals(0, nat.activeHosts());
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void closingKindsPickTheirTimers(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).build());
        nat.map(HOST, 1, PEER, 80, NatPairs.TCP, START);
        nat.map(HOST, 2, PEER, 80, NatPairs.TCP, START);
        nat.map(HOST, 3, PEER, 80, NatPairs.TCP, START);
        nat.close(HOST, 1, PEER, 80, NatPairs.TCP, CloseKind.FIN, START + 5);
        nat.close(HOST, 2, PEER, 80, NatPairs.TCP, CloseKind.RST, START + 5);
        nat.close(HOST, 3, PEER, 80, NatPairs.TCP, CloseKind.IDLE, START + 5);
        assertEquals(1, nat.liveMappings(TimerState.TRANSITORY));
        assertEquals(1, nat.liveMappings(TimerState.RST_COOLDOWN));
        assertEquals(2, nat.liveMappings());
        assertEquals(START + 15, nat.nextExpiryTime());
        assertThrows(IllegalStateException.class, () -> nat.close(HOST, 1, PEER, 80, NatPairs.TCP, CloseKind.FIN, START + 6));
        assertThrows(IllegalStateException.class, () -> nat.close(HOST, 3, PEER, 80, NatPairs.TCP, CloseKind.FIN, START + 6));
        assertEquals(1, nat.expire(START + 15));
        assertEquals(1, nat.expire(START + 45));
        assertEquals(0, nat.liveMappings());
        assertThrows(IllegalStateException.class, nat::nextExpiryTime);
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void noPairIsReusedBeforeItsTimerEnds(NatCatalog entry) {
        NatAllocator nat = entry.create(small(8).searchTries(1_000).build());
        Set<Long> taken = new HashSet<>();
        for (int port = 1; port <= 8; port++) {
            long pair = nat.map(HOST, port, PEER, 80, NatPairs.TCP, START);
            assertTrue(NatPairs.isPair(pair), entry + " " + NatPairs.toText(pair));
            assertTrue(taken.add(pair));
        }
        long closed = nat.lookup(HOST, 4, PEER, 80, NatPairs.TCP, START);
        nat.close(HOST, 4, PEER, 80, NatPairs.TCP, CloseKind.FIN, START + 1);
        long refused = nat.map(HOST, 9, PEER, 80, NatPairs.TCP, START + 40);
        if (entry == NatCatalog.NETFILTER_EVICTING) {
            assertEquals(closed, refused, "6.5+ evicts the closing mapping and takes its pair");
            assertEquals(1, nat.evictions());
            return;
        }
        assertFalse(NatPairs.isPair(refused), NatPairs.toText(refused));
        assertEquals(NatFailure.ADDRESS_POOL_EXHAUSTED, NatFailure.of(refused));
        assertEquals(closed, nat.map(HOST, 9, PEER, 80, NatPairs.TCP, START + 41));
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void endpointIndependentMappingSharesOnePairAcrossDestinations(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).build());
        long pair = nat.map(HOST, 7, PEER, 80, NatPairs.TCP, START);
        assertEquals(pair, nat.map(HOST, 7, OTHER_PEER, 443, NatPairs.TCP, START + 1));
        assertEquals(1, nat.liveMappings());
        assertNotEquals(pair, nat.map(HOST + 1, 7, OTHER_PEER, 443, NatPairs.TCP, START + 1));
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void dependentMappingReusesAPortAcrossDestinationsOnlyWhenFull(NatCatalog entry) {
        NatAllocator nat = entry.create(small(1).behaviour(MappingBehaviour.ADDRESS_AND_PORT_DEPENDENT).build());
        long first = nat.map(HOST, 7, PEER, 80, NatPairs.TCP, START);
        assertEquals(first, nat.map(HOST + 1, 7, OTHER_PEER, 80, NatPairs.TCP, START));
        assertEquals(first, nat.map(HOST + 2, 7, PEER, 81, NatPairs.TCP, START));
        assertEquals(NatFailure.ADDRESS_POOL_EXHAUSTED, NatFailure.of(nat.map(HOST + 3, 7, PEER, 80, NatPairs.TCP, START)));
        assertEquals(3, nat.liveMappings());
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void perHostLimitIsAFailureNotAnException(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).portsPerHost(0, 2).build());
        nat.map(HOST, 1, PEER, 80, NatPairs.TCP, START);
        nat.map(HOST, 2, PEER, 80, NatPairs.TCP, START);
        assertEquals(NatFailure.PER_HOST_LIMIT, NatFailure.of(nat.map(HOST, 3, PEER, 80, NatPairs.TCP, START)));
        assertTrue(NatPairs.isPair(nat.map(HOST + 1, 3, PEER, 80, NatPairs.TCP, START)));
        assertEquals(1, nat.failures(NatFailure.PER_HOST_LIMIT));
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void portBlocksAreLoggedOncePerAllocationAndRelease(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).portBlockSize(8).portsPerHost(16, 16).build());
        long a = nat.map(HOST, 1, PEER, 80, NatPairs.TCP, START);
        assertEquals(2, nat.blocksInUse(), "minPortsPerHost 16 gives two blocks of 8 at first need");
        assertEquals(2, nat.blockLogRecords());
        for (int port = 2; port <= 16; port++) {
            long pair = nat.map(HOST, port, PEER, 80, NatPairs.TCP, START);
            assertEquals(NatPairs.port(a) + port - 1, NatPairs.port(pair), "ports of a block are consecutive");
        }
        assertEquals(NatFailure.PER_HOST_LIMIT, NatFailure.of(nat.map(HOST, 17, PEER, 80, NatPairs.TCP, START)));
        nat.expire(START + 100);
        assertEquals(0, nat.blocksInUse());
        assertEquals(4, nat.blockLogRecords());
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void pairedPoolingKeepsAHostOnOneAddress(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).addressRange(NatPairs.ipv4(203, 0, 113, 1), 4).build());
        int address = NatPairs.address(nat.map(HOST, 1, PEER, 80, NatPairs.TCP, START));
        for (int port = 2; port <= 40; port++) {
            assertEquals(address, NatPairs.address(nat.map(HOST, port, PEER, 80, NatPairs.TCP, START)));
        }
    }

    @ParameterizedTest
    @EnumSource(NatCatalog.class)
    void badInputIsRefusedWithTheValueAndNothingChanges(NatCatalog entry) {
        NatAllocator nat = entry.create(small(64).build());
        nat.map(HOST, 1, PEER, 80, NatPairs.TCP, START);
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> nat.map(HOST, 70_000, PEER, 80, NatPairs.TCP, START));
        assertTrue(port.getMessage().contains("70000") && port.getMessage().contains("1..65535"), port.getMessage());
        IllegalArgumentException protocol = assertThrows(IllegalArgumentException.class,
                () -> nat.map(HOST, 1, PEER, 80, 1, START));
        assertTrue(protocol.getMessage().contains("protocol: 1"), protocol.getMessage());
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> nat.expire(START - 1));
        assertTrue(back.getMessage().contains(String.valueOf(START - 1)), back.getMessage());
        assertThrows(IllegalStateException.class, () -> nat.close(HOST, 2, PEER, 80, NatPairs.TCP, CloseKind.FIN, START + 500));
        assertEquals(1, nat.liveMappings(), "the refused close at a later time expired nothing");
        assertEquals(START + 100, nat.nextExpiryTime());
    }

    @ParameterizedTest
    @EnumSource(value = NatCatalog.class, names = {"EXACT", "ROUND_ROBIN"})
    void exactPoliciesFillAMillionPairsWithoutFalseExhaustion(NatCatalog entry) {
        NatConfig config = NatConfig.builder().addressRange(NatPairs.ipv4(203, 0, 113, 1), 16).pairedPooling(false)
                .maxMappings(1_032_192).maxHosts(100_000).build();
        NatAllocator nat = entry.create(config);
        Set<Long> seen = new HashSet<>();
        long now = 0;
        for (int i = 0; i < 1_032_192; i++) {
            long pair = nat.map(HOST + i % 100_000, 1 + i / 100_000, PEER, 443, NatPairs.TCP, now);
            assertTrue(NatPairs.isPair(pair), "mapping " + i + ": " + NatPairs.toText(pair));
            assertTrue(seen.add(pair), "pair twice: " + NatPairs.toText(pair));
        }
        assertEquals(1_032_192, nat.liveMappings());
        assertEquals(100_000, nat.activeHosts());
        assertEquals(NatFailure.MAPPING_TABLE_FULL, NatFailure.of(nat.map(HOST, 60_000, PEER, 443, NatPairs.TCP, now)));
        nat.close(HOST + 5, 3, PEER, 443, NatPairs.TCP, CloseKind.IDLE, now);
        assertTrue(NatPairs.isPair(nat.map(HOST, 60_000, PEER, 443, NatPairs.TCP, now)));
        assertEquals(NatFailure.MAPPING_TABLE_FULL, NatFailure.of(nat.map(HOST, 60_001, PEER, 443, NatPairs.TCP, now)));
    }
}
