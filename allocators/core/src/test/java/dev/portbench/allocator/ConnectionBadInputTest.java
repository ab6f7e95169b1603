package dev.portbench.allocator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.SplittableRandom;
import java.util.function.Consumer;

import static dev.portbench.allocator.ConnectionPortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Misuse of a destination-aware allocator is rejected with an exception naming the bad value and
 * what was allowed, and leaves the allocator exactly as it was: checked by a twin that gets the
 * same calls except the rejected one and must then answer every later call identically.
 */
class ConnectionBadInputTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 1000 * SECOND;
    private static final long A = Destinations.ipv4(0x0A000001, 0x0A000002, 443);
    private static final long B = Destinations.ipv4(0x0A000001, 0x0A000003, 443);
    private static final long LOOP = Destinations.ipv4(0x7F000001, 0x7F000001, 8080);
    private static final long[] DESTINATIONS = {A, B, LOOP};

    private static final ConnectionAllocatorConfig CONFIG = ConnectionAllocatorConfig.builder().portRange(7000, 7063)
            .timeWaitNanos(60 * SECOND).timeWaitReuse(TimeWaitReuse.ON).reuseDelayNanos(SECOND)
            .lateness(SECOND / 2, 0).secret(7).build();

    /** In use at T0: the ports connected to A at i = 64..127 (see prepared). */
    private static int inUse;
    /** In TIME-WAIT at T0 towards A. */
    private static int timeWait;

    /** 64 connects to A released into TIME-WAIT at T0 - 30 s, 64 more to A and 10 binds held. */
    private static ConnectionPortAllocator prepared(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(CONFIG);
        int[] first = new int[64];
        for (int i = 0; i < 64; i++) {
            first[i] = a.connect(T0 - 40 * SECOND + i, A);
        }
        for (int i = 0; i < 64; i++) {
            a.release(first[i], A, T0 - 30 * SECOND);
        }
        timeWait = first[10];
        for (int i = 0; i < 10; i++) {
            inUse = a.connect(T0 - 20 * SECOND, B);
        }
        return a;
    }

    private static void rejectedAndUnchanged(ConnectionAllocatorType type, Class<? extends RuntimeException> expected,
                                             Consumer<ConnectionPortAllocator> bad, String... fragments) {
        Refusals.rejectedAndUnchanged(() -> prepared(type), ConnectionBadInputTest::assertSameFuture, expected, bad,
                fragments);
    }

    private static void assertSameFuture(ConnectionPortAllocator a, ConnectionPortAllocator twin) {
        assertEquals(twin.inUseCount(), a.inUseCount());
        assertEquals(twin.timeWaitCount(), a.timeWaitCount());
        assertEquals(twin.busyPortCount(), a.busyPortCount());
        assertEquals(twin.nextExpiryTime(), a.nextExpiryTime());
        SplittableRandom random = new SplittableRandom(7);
        long now = T0;
        for (int i = 0; i < 20_000; i++) {
            now += random.nextLong(SECOND / 10);
            long d = DESTINATIONS[random.nextInt(DESTINATIONS.length)];
            boolean bind = random.nextInt(8) == 0;
            int p = bind ? a.bind(now, d) : a.connect(now, d);
            assertEquals(bind ? twin.bind(now, d) : twin.connect(now, d), p, "call " + i);
            if (p != NO_PORT && random.nextBoolean()) {
                a.release(p, d, now);
                twin.release(p, d, now);
            }
            int port = 7000 + random.nextInt(64);
            assertEquals(twin.reclaim(port, d, now), a.reclaim(port, d, now), "reclaim " + i);
            assertEquals(twin.timeWaitCount(), a.timeWaitCount());
            assertEquals(twin.reuses(), a.reuses());
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void portsOutsideTheRange(ConnectionAllocatorType type) {
        for (int port : new int[] {0, -1, 6999, 7064, 65_536, Integer.MIN_VALUE}) {
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(port, A, T0),
                    "port: " + port, "7000..7063");
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.reclaim(port, A, T0),
                    "port: " + port, "7000..7063");
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void destinationsThatAreNoPeer(ConnectionAllocatorType type) {
        long noAddress = Destinations.ipv4(0x0A000001, 0, 443);
        long noPort = Destinations.ipv4(0x0A000001, 0x0A000002, 0);
        for (long d : new long[] {0L, noAddress, noPort}) {
            String hex = "0x" + Long.toHexString(d);
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.connect(T0, d), "destination: " + hex, "0.0.0.0");
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.bind(T0, d), "destination: " + hex);
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(inUse, d, T0), "destination: " + hex);
            rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.reclaim(timeWait, d, T0), "destination: " + hex);
        }
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void releaseOfAnUnknownConnection(ConnectionAllocatorType type) {
        prepared(type);
        releaseRefusedForItsState(type, inUse, LOOP, "no such connection");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void doubleRelease(ConnectionAllocatorType type) {
        prepared(type);
        releaseRefusedForItsState(type, timeWait, A, "TIME-WAIT");
    }

    /** A release at T0 of {@code port} towards {@code destination} is refused naming the port and {@code state}. */
    private static void releaseRefusedForItsState(ConnectionAllocatorType type, int port, long destination, String state) {
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(port, destination, T0),
                "port " + port, state, "expected: a connection in use");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void timeGoingBackwards(ConnectionAllocatorType type) {
        prepared(type);
        int inUsePort = inUse;
        int timeWaitPort = timeWait;
        long before = T0 - 60 * SECOND;
        String[] names = {"now: " + before, "expected: at or after"};
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.connect(before, A), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.bind(before, A), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(inUsePort, B, before), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.reclaim(timeWaitPort, A, before), names);
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.expire(before), names);
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void aRejectedCallDoesNotMoveTheClock(ConnectionAllocatorType type) {
        long hoursLater = T0 + 10 * 3600 * SECOND;
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.release(1, A, hoursLater), "port: 1");
        rejectedAndUnchanged(type, IllegalStateException.class, a -> a.release(7000, LOOP, hoursLater), "port 7000");
        rejectedAndUnchanged(type, IllegalArgumentException.class, a -> a.connect(hoursLater, 0L), "destination: 0x0");
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void nextExpiryTimeWithNothingInTimeWait(ConnectionAllocatorType type) {
        ConnectionPortAllocator a = type.create(CONFIG);
        IllegalStateException e = assertThrows(IllegalStateException.class, a::nextExpiryTime);
        assertTrue(e.getMessage().contains("timeWaitCount() > 0"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ConnectionAllocatorType.class)
    void nonsenseConfiguration(ConnectionAllocatorType type) {
        assertThrows(IllegalArgumentException.class, () -> ConnectionAllocatorConfig.builder().portRange(5000, 4999));
        assertThrows(IllegalArgumentException.class, () -> ConnectionAllocatorConfig.builder().timeWaitNanos(0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionAllocatorConfig.builder().reuseDelayNanos(-1));
        assertThrows(IllegalArgumentException.class, () -> ConnectionAllocatorConfig.builder().lateness(-1, 0));
        assertThrows(IllegalArgumentException.class, () -> ConnectionAllocatorConfig.builder().hashTableSize(1000));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TimeWaitReuse.fromSysctl(3));
        assertTrue(e.getMessage().contains("tcp_tw_reuse: 3"), e.getMessage());
        assertThrows(NullPointerException.class, () -> type.create(null));
    }

    @ParameterizedTest
    @EnumSource(value = ConnectionAllocatorType.class, names = "BIND_BUCKETS")
    void theLinuxModelNeedsASecret(ConnectionAllocatorType type) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> type.create(ConnectionAllocatorConfig.builder().build()));
        assertTrue(e.getMessage().contains("secret: missing"), e.getMessage());
    }
}
