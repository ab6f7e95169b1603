package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Nonsense configurations are refused with the value and what was allowed; the encodings round-trip. */
class NatConfigTest {

    private static void refused(String expectedInMessage, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
    }

    @Test
    void refusesNonsense() {
        refused("portBlockSize: 100 (expected: a divisor of the 64512 ports",
                () -> NatConfig.builder().portBlockSize(100).portsPerHost(0, 1000).build());
        refused("maxPortsPerHost: 32 (expected: >= portBlockSize 64", () -> NatConfig.builder().portBlockSize(64).portsPerHost(0, 32).build());
        refused("minPortsPerHost: 8 (expected: 0 without port blocks", () -> NatConfig.builder().portsPerHost(8, 16).build());
        refused("minPortsPerHost: 20 (expected: 0..16)", () -> NatConfig.builder().portsPerHost(20, 16));
        refused("workers: 5 (expected: <= the 4 ports", () -> NatConfig.builder().portRange(10, 13).workers(5).build());
        refused("twice", () -> NatConfig.builder().addresses(1, 2, 1));
        refused("addresses: 0.0.0.0", () -> NatConfig.builder().addresses(0));
        refused("lastPort: 5 (expected: 10..65535)", () -> NatConfig.builder().portRange(10, 5));
        refused("timeout of UDP (ns): 0 (expected: 1..", () -> NatConfig.builder().timeout(TimerState.UDP, Duration.ZERO));
        refused("maxMappings: 0", () -> NatConfig.builder().maxMappings(0));
        refused("count: 2 (expected: addresses from 255.255.255.255", () -> NatConfig.builder().addressRange(-1, 2));
        refused("NAT allocator: nope (expected one of: exact, netfilter", () -> NatCatalog.byId("nope"));
        assertThrows(NullPointerException.class, () -> NatConfig.builder().behaviour(null));
    }

    @Test
    void defaultsAreTheRfcTimersOnAzureSizedAddresses() {
        NatConfig c = NatConfig.builder().build();
        assertEquals(64_512, c.rangeSize());
        assertEquals(Duration.ofMinutes(124).toNanos(), c.timeoutNanos(TimerState.ESTABLISHED));
        assertEquals(Duration.ofSeconds(240).toNanos(), c.timeoutNanos(TimerState.TRANSITORY));
        assertEquals(Duration.ofSeconds(300).toNanos(), c.timeoutNanos(TimerState.UDP));
        assertEquals(1_032_192, NatConfig.builder().addressRange(1, 16).build().pairCount());
        assertEquals(c.toString(), c.toBuilder().build().toString());
    }

    @Test
    void encodingsRoundTrip() {
        long pair = NatPairs.pair(NatPairs.ipv4(255, 1, 2, 3), 65_535);
        assertTrue(pair >= 0);
        assertEquals(NatPairs.ipv4(255, 1, 2, 3), NatPairs.address(pair));
        assertEquals(65_535, NatPairs.port(pair));
        assertEquals("255.1.2.3:65535", NatPairs.toText(pair));
        for (NatFailure f : NatFailure.values()) {
            assertEquals(f, NatFailure.of(f.result()));
            assertTrue(f.result() < 0);
        }
        refused("result: 5 (expected: a failure", () -> NatFailure.of(5));
        assertEquals(NatCatalog.NETFILTER_EVICTING, NatCatalog.byId("netfilter-6.5"));
    }
}
