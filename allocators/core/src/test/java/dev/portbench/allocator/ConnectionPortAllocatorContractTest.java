package dev.portbench.allocator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.HashSet;
import java.util.Set;

import static dev.portbench.allocator.ConnectionPortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract of {@link ConnectionPortAllocator}, run by every {@link ConnectionAllocatorType}:
 * per-destination sharing for connect, no sharing for bind, tcp_tw_reuse on demand, TIME-WAIT
 * never early and freed at the configured boundaries, counts, and time at its edges.
 */
class ConnectionPortAllocatorContractTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long A = Destinations.ipv4(0x0A000001, 0x0A000002, 443);
    private static final long B = Destinations.ipv4(0x0A000001, 0x0A000003, 443);
    private static final long C = Destinations.ipv4(0x0A000001, 0x0A000002, 8443);
    private static final long LOOP = Destinations.ipv4(0x7F000001, 0x7F000001, 8080);

    private static ConnectionAllocatorConfig.Builder tenPorts() {
        return ConnectionAllocatorConfig.builder().portRange(5000, 5009).timeWaitNanos(60 * SECOND)
                .timeWaitReuse(TimeWaitReuse.OFF).secret(42);
    }

    private static ConnectionPortAllocator tenPorts(ConnectionAllocatorType type) {
        return type.create(tenPorts().build());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void connectGivesEveryDestinationTheWholeRange(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = tenPorts(type);
        for (long d : new long[] {A, B, C}) {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                int p = a.connect(0, d);
                assertTrue(p >= 5000 && p <= 5009, "port " + p);
                assertTrue(ports.add(p), "one port twice for one destination: " + p);
            }
            assertEquals(NO_PORT, a.connect(0, d), "the eleventh connect to one destination");
        }
        assertEquals(30, a.inUseCount());
        assertEquals(10, a.busyPortCount());
        assertEquals(NO_PORT, a.bind(0, LOOP), "a bind needs a port with no entry at all");
        assertTrue(a.connect(0, LOOP) != NO_PORT, "a fourth destination still has the whole range");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void bindBlocksItsPortForEveryDestination(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).build());
        int p = a.bind(0, A);
        assertEquals(5000, p);
        assertEquals(NO_PORT, a.connect(0, B), "a bound port is not shared");
        assertEquals(NO_PORT, a.bind(0, B));
        a.release(p, A, SECOND);
        assertEquals(NO_PORT, a.connect(2 * SECOND, B), "nor while its TIME-WAIT lasts");
        assertEquals(NO_PORT, a.connect(59 * SECOND, A));
        assertEquals(5000, a.connect(61 * SECOND, B), "free of every owner once its TIME-WAIT ends");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void bindTakesOnlyPortsWithoutEntries(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = tenPorts(type);
        Set<Integer> connected = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            connected.add(a.connect(0, i % 2 == 0 ? A : B));
        }
        int busy = a.busyPortCount();
        for (int i = busy; i < 10; i++) {
            int p = a.bind(0, C);
            assertTrue(p != NO_PORT && !connected.contains(p), "bind took " + p + " which has connections");
        }
        assertEquals(NO_PORT, a.bind(0, C));
        assertEquals(10, a.busyPortCount());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void timeWaitEndsAtItsDeadlineNeverBefore(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).build());
        int p = a.connect(0, A);
        a.release(p, A, 5 * SECOND);
        assertEquals(65 * SECOND, a.nextExpiryTime());
        assertEquals(NO_PORT, a.connect(65 * SECOND - 1, A));
        assertEquals(1, a.timeWaitCount());
        assertEquals(1, a.expire(65 * SECOND));
        assertEquals(0, a.timeWaitCount());
        assertEquals(0, a.busyPortCount());
        assertEquals(5000, a.connect(65 * SECOND, A));
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void aGranularityFreesAtTheNextBoundaryStrictlyAfterTheDeadline(ConnectionAllocatorType type) {
        long g = 2_048_000_000L;
        long phase = 300_000_000L;
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).lateness(g, phase).build());
        assertEquals(g, a.maxLatenessNanos());
        a.connect(0, A);
        a.release(5000, A, 0);
        long boundary = phase + (Math.floorDiv(60 * SECOND - phase, g) + 1) * g;
        assertTrue(boundary > 60 * SECOND && boundary - 60 * SECOND <= g);
        assertEquals(boundary, a.nextExpiryTime());
        assertEquals(NO_PORT, a.connect(boundary - 1, A));
        assertEquals(5000, a.connect(boundary, A));
        // a deadline exactly on a boundary waits for the next one: the kernel rounds up too
        a.release(5000, A, boundary + 30 * g - 60 * SECOND);
        assertEquals(boundary + 31 * g, a.nextExpiryTime());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void twReuseTakesOverAnOldEnoughEntryOfTheSameDestinationOnDemand(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).timeWaitReuse(TimeWaitReuse.ON)
                .reuseDelayNanos(SECOND).build());
        a.connect(0, A);
        a.release(5000, A, 0);
        assertEquals(5000, a.connect(0, B), "another destination shares the port anyway");
        assertEquals(NO_PORT, a.connect(SECOND - 1, A), "younger than the reuse delay");
        assertEquals(1, a.timeWaitCount());
        assertEquals(5000, a.connect(SECOND, A), "old enough: taken over");
        assertEquals(1, a.reuses());
        assertEquals(0, a.timeWaitCount());
        assertEquals(2, a.inUseCount());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void twReuseModes(ConnectionAllocatorType type) {
        for (TimeWaitReuse mode : TimeWaitReuse.values()) {
            for (long d : new long[] {A, LOOP}) {
                ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).timeWaitReuse(mode).build());
                a.connect(0, d);
                a.release(5000, d, 0);
                boolean expected = mode == TimeWaitReuse.ON || (mode == TimeWaitReuse.LOOPBACK_ONLY && d == LOOP);
                assertEquals(expected ? 5000 : NO_PORT, a.connect(10 * SECOND, d), mode + " to " + Long.toHexString(d));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void aBoundTimeWaitEntryIsNeverReused(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).timeWaitReuse(TimeWaitReuse.ON).build());
        a.bind(0, A);
        a.release(5000, A, 0);
        assertEquals(NO_PORT, a.connect(30 * SECOND, A));
        assertEquals(0, a.reuses());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void reclaimEndsOneEntryOnly(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).build());
        a.connect(0, A);
        a.connect(0, B);
        a.release(5000, A, 0);
        a.release(5000, B, 0);
        assertFalse(a.reclaim(5000, C, SECOND), "no entry with C");
        assertTrue(a.reclaim(5000, A, SECOND));
        assertFalse(a.reclaim(5000, A, SECOND), "already ended");
        assertEquals(1, a.timeWaitCount());
        assertEquals(5000, a.connect(SECOND, A));
        assertEquals(NO_PORT, a.connect(SECOND, B));
        assertFalse(a.reclaim(5000, A, SECOND), "in use, not in TIME-WAIT");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void timeMayStartAnywhereAndWrap(ConnectionAllocatorType type) {
        for (long start : new long[] {Long.MIN_VALUE, -SECOND, -1, 0, Long.MAX_VALUE - 30 * SECOND}) {
            ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5000).build());
            a.connect(start, A);
            a.release(5000, A, start + SECOND);
            assertEquals(start + 61 * SECOND, a.nextExpiryTime(), "start " + start);
            assertEquals(NO_PORT, a.connect(start + 61 * SECOND - 1, A), "start " + start);
            assertEquals(5000, a.connect(start + 61 * SECOND, A), "start " + start);
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void aLargeJumpExpiresEverything(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = tenPorts(type);
        for (int i = 0; i < 10; i++) {
            a.release(a.connect(i, A), A, i);
            a.release(a.connect(i, B), B, i);
        }
        assertEquals(20, a.timeWaitCount());
        assertEquals(20, a.expire(3600 * SECOND));
        assertEquals(0, a.busyPortCount());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void countsStayConsistentWhenEntriesGrowPastTheInitialCapacity(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5099).build());
        int destinations = 50;
        for (int d = 0; d < destinations; d++) {
            long key = Destinations.ipv4(0x0A000001, 0x0B000000 + d, 443);
            for (int i = 0; i < 100; i++) {
                assertNotEquals(NO_PORT, a.connect(d, key));
            }
        }
        assertEquals(5000, a.inUseCount());
        for (int d = 0; d < destinations; d++) {
            long key = Destinations.ipv4(0x0A000001, 0x0B000000 + d, 443);
            for (int p = 5000; p <= 5099; p++) {
                a.release(p, key, 100);
            }
        }
        assertEquals(5000, a.timeWaitCount());
        assertEquals(100, a.busyPortCount());
        assertThrows(IllegalStateException.class, () -> a.release(5000, A, 200));
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionAllocatorType.class, names = "BIND_BUCKETS")
    void linuxConnectTriesEvenPortsFirstAndBindOddOnes(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(tenPorts().portRange(5000, 5099).build());
        for (int i = 0; i < 50; i++) {
            int p = a.connect(0, Destinations.ipv4(0x0A000001, 0x0C000000 + i, 443));
            assertEquals(0, (p - 5000) % 2, "connect " + i + " took " + p + " while even ports were idle");
        }
        ConnectionPortAllocator b = type.create(tenPorts().portRange(5000, 5099).build());
        for (int i = 0; i < 50; i++) {
            int p = b.bind(0, A);
            assertEquals(1, (p - 5000) % 2, "bind " + i + " took " + p + " while odd ports were idle");
        }
        assertEquals(0, (b.bind(0, A) - 5000) % 2, "then the even ones");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void theRegistryFindsEveryTypeByIdOrName(ConnectionAllocatorType type) {
        assertEquals(type, ConnectionAllocatorType.fromId(type.id()));
        assertEquals(type, ConnectionAllocatorType.fromId(type.name().toLowerCase(java.util.Locale.ROOT)));
        assertEquals(type.id(), type.create(tenPorts().build()).name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConnectionAllocatorType.fromId("nope"));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains(type.id()), e.getMessage());
    }
}
