package dev.portbench.allocator;

import dev.portbench.allocator.variants.AllocatorCatalog;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Issue 27: every setter of {@link AllocatorConfig.Builder} and {@link ConnectionAllocatorConfig.Builder}
 * at the int and long extremes (MIN_VALUE, -1, 0, 1, MAX_VALUE, powers of two and their
 * neighbours, Duration extremes), two setters at a time. Each outcome is either a clean
 * {@link IllegalArgumentException} / {@link NullPointerException} whose message names the value,
 * or a configuration that every allocator of {@link AllocatorCatalog} (and of
 * {@link ConnectionAllocatorType}) either refuses through its per-type check
 * ({@link AllocatorFactory#checkServes}, with {@code create} refusing it the same way) or creates
 * and serves a few calls with. Nothing else: no other exception, no refusal first met in a call.
 */
class BuilderFuzzTest {

    private static final long[] SPECIAL_LONGS = specialLongs();

    private static long[] specialLongs() {
        List<Long> values = new ArrayList<>(List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, -1L, 0L, 1L, 2L,
                Long.MAX_VALUE - 1, Long.MAX_VALUE, 1_000_000_000L, 240_000_000_000L));
        for (int bit = 1; bit < 63; bit++) {
            values.add((1L << bit) - 1);
            values.add(1L << bit);
            values.add((1L << bit) + 1);
            values.add(-(1L << bit));
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    @Provide
    Arbitrary<Long> extremeLongs() {
        return Arbitraries.of(boxed(SPECIAL_LONGS));
    }

    @Provide
    Arbitrary<Integer> extremeInts() {
        List<Integer> values = new ArrayList<>();
        for (long v : SPECIAL_LONGS) {
            if (v == (int) v) {
                values.add((int) v);
            }
        }
        values.addAll(List.of(Integer.MIN_VALUE, Integer.MIN_VALUE + 1, Integer.MAX_VALUE, Integer.MAX_VALUE - 1,
                1024, 1025, 5000, 65_535, 65_536));
        return Arbitraries.of(values);
    }

    @Provide
    Arbitrary<Duration> extremeDurations() {
        return Arbitraries.of(Duration.ZERO, Duration.ofNanos(1), Duration.ofNanos(-1), Duration.ofSeconds(240),
                Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), Duration.ofSeconds(Long.MIN_VALUE),
                Duration.ofNanos(Long.MAX_VALUE), Duration.ofNanos(Long.MIN_VALUE), Duration.ofNanos(1L << 61),
                Duration.ofNanos((1L << 61) + 1), Duration.ofDays(365L * 300));
    }

    private static Long[] boxed(long[] values) {
        Long[] boxed = new Long[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }

    /** The setters of the allocator builder, by index; answers the value it was given (nanos for a Duration). */
    private static long set(AllocatorConfig.Builder b, int setter, int i, long l, Duration d) {
        switch (setter) {
            case 0 -> b.portRange(i, clamp(l));
            case 1 -> b.timeWaitNanos(l);
            case 2 -> b.timeWait(d);
            case 3 -> b.tickNanos(l);
            case 4 -> b.tick(d);
            case 5 -> b.seed(l);
            case 6 -> b.maxTries(i);
            case 7 -> b.hashTableSize(i);
            case 8 -> b.randomIncrement(i);
            case 9 -> b.secret(l);
            case 10 -> b.clockSkewToleranceNanos(l);
            case 11 -> b.expiryQuota(i);
            case 12 -> b.shards(i);
            case 13 -> b.portRange(i, i);
            default -> throw new AssertionError(setter);
        }
        return valueSet(setter, i, l, d);
    }

    /** The value the allocator builder's setter {@code setter} is given (nanos for a Duration). */
    private static long valueSet(int setter, int i, long l, Duration d) {
        return setter == 2 || setter == 4 ? saturated(d) : usesInt(setter) ? i : l;
    }

    /**
     * Applies the allocator builder's setter {@code setter}; answers the value set, or null when the
     * builder refused it, having checked that the refusal names the value (or, for a port range,
     * the clamped last port).
     */
    private static Long setOrRefusedNamingTheValue(AllocatorConfig.Builder b, int setter, int i, long l, Duration d) {
        try {
            return set(b, setter, i, l, d);
        } catch (IllegalArgumentException | NullPointerException e) {
            assertNamesValue(e, valueSet(setter, i, l, d), setter == 0 ? (long) clamp(l) : null);
            return null;
        }
    }

    private static final int ALLOCATOR_SETTERS = 14;

    private static boolean usesInt(int setter) {
        return setter == 0 || setter == 6 || setter == 7 || setter == 8 || setter == 11 || setter == 12 || setter == 13;
    }

    private static int clamp(long l) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, l));
    }

    private static long saturated(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    @Property(tries = 300, seed = "27")
    void allocatorConfigSettersAtTheExtremes(@ForAll("extremeInts") int i1, @ForAll("extremeLongs") long l1,
                                             @ForAll("extremeDurations") Duration d1,
                                             @ForAll("extremeInts") int i2, @ForAll("extremeLongs") long l2,
                                             @ForAll("extremeDurations") Duration d2) {
        int s1 = Math.floorMod(l1 ^ i1, ALLOCATOR_SETTERS);
        int s2 = Math.floorMod(l2 * 31 + i2, ALLOCATOR_SETTERS);
        AllocatorConfig.Builder b = AllocatorConfig.builder().secret(1);
        Long v1 = setOrRefusedNamingTheValue(b, s1, i1, l1, d1);
        if (v1 == null) {
            return;
        }
        Long v2 = setOrRefusedNamingTheValue(b, s2, i2, l2, d2);
        if (v2 == null) {
            return;
        }
        AllocatorConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            assertTrue(m.contains(String.valueOf(v1)) || m.contains(String.valueOf(v2)) || m.contains("secret"),
                    "build() refusal '" + m + "' names a value set: " + v1 + " or " + v2);
            return;
        }
        for (AllocatorCatalog type : AllocatorCatalog.values()) {
            servesOrRefusesUpFront(type, config);
        }
    }

    private static void assertNamesValue(RuntimeException e, long value, Long alternative) {
        String m = e.getMessage();
        assertNotNull(m, "a message");
        assertTrue(m.contains(String.valueOf(value)) || alternative != null && m.contains(String.valueOf(alternative))
                || e instanceof NullPointerException && m.contains("null"), "'" + m + "' names " + value);
    }

    /** Either the per-type check refuses (and create the same way), or the allocator serves a few calls. */
    private static void servesOrRefusesUpFront(AllocatorCatalog type, AllocatorConfig config) {
        IllegalArgumentException refused = null;
        try {
            type.checkServes(config);
        } catch (IllegalArgumentException e) {
            refused = e;
        }
        if (refused != null) {
            String expected = refused.getMessage();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> type.create(config),
                    type.id() + " refused by checkServes but created: " + config);
            assertEquals(expected, e.getMessage(), type.id());
            return;
        }
        PortAllocator a;
        try {
            a = type.create(config);
        } catch (RuntimeException e) {
            throw new AssertionError(type.id() + ": checkServes passed " + config + " but create threw " + e, e);
        }
        serve(type.id(), a, config);
    }

    private static void serve(String id, PortAllocator a, AllocatorConfig config) {
        long now = Long.MAX_VALUE - 3 * config.timeWaitNanos(); // near the wrap of the long range
        int p = a.allocate(now);
        if (p == PortAllocator.NO_PORT) {
            fail(id + ": no port from a new allocator for " + config);
        }
        a.release(p, now + 1);
        assertEquals(1, a.timeWaitCount(), id);
        long next = a.nextExpiryTime();
        assertTrue(next - (now + 1 + config.timeWaitNanos()) >= 0, id + ": next expiry " + next + " early for " + config);
        // a quota's lateness (Long.MAX_VALUE) is counted in calls: one expire frees the due port
        long late = a.maxLatenessNanos() == Long.MAX_VALUE ? 0 : a.maxLatenessNanos();
        assertEquals(1, a.expire(now + 1 + config.timeWaitNanos() + late), id + " for " + config);
        assertEquals(a.rangeSize(), a.freeCount(), id);
    }

    /** The setters of the connection builder, by index. */
    private static long setConnection(ConnectionAllocatorConfig.Builder b, int setter, int i, long l, Duration d) {
        switch (setter) {
            case 0 -> b.portRange(i, clamp(l));
            case 1 -> b.timeWaitNanos(l);
            case 2 -> b.timeWait(d);
            case 3 -> b.reuseDelayNanos(l);
            case 4 -> b.lateness(l, i);
            case 5 -> b.hashTableSize(i);
            case 6 -> b.secret(l);
            case 7 -> b.seed(l);
            case 8 -> b.portRange(i, i);
            case 9 -> b.timeWaitReuse(i < 0 ? null : TimeWaitReuse.values()[i % TimeWaitReuse.values().length]);
            default -> throw new AssertionError(setter);
        }
        return setter == 2 ? saturated(d) : setter == 5 || setter == 8 || setter == 0 ? i : l;
    }

    @Property(tries = 200, seed = "27")
    void connectionConfigSettersAtTheExtremes(@ForAll("extremeInts") int i1, @ForAll("extremeLongs") long l1,
                                              @ForAll("extremeDurations") Duration d1,
                                              @ForAll("extremeInts") int i2, @ForAll("extremeLongs") long l2) {
        int s1 = Math.floorMod(l1 ^ i1, 10);
        int s2 = Math.floorMod(l2 * 31 + i2, 10);
        ConnectionAllocatorConfig.Builder b = ConnectionAllocatorConfig.builder().secret(1);
        try {
            setConnection(b, s1, i1, l1, d1);
            setConnection(b, s2, i2, l2, d1);
        } catch (IllegalArgumentException | NullPointerException e) {
            String m = e.getMessage();
            assertNotNull(m, "a message");
            assertTrue(m.contains(String.valueOf(l1)) || m.contains(String.valueOf(i1)) || m.contains(String.valueOf(l2))
                    || m.contains(String.valueOf(i2)) || m.contains(String.valueOf(saturated(d1))) || m.contains("null")
                    || m.contains(String.valueOf(clamp(l1))) || m.contains(String.valueOf(clamp(l2))),
                    "'" + m + "' names the value");
            return;
        }
        ConnectionAllocatorConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException e) {
            assertNotNull(e.getMessage());
            return;
        }
        for (ConnectionAllocatorType type : ConnectionAllocatorType.values()) {
            ConnectionPortAllocator a = type.create(config);
            long now = 1000;
            long destination = Destinations.ipv4(0x0A000001, 0x0A000002, 80);
            int p = a.connect(now, destination);
            assertTrue(p >= a.firstPort() && p <= a.lastPort(), type.id() + ": " + p + " for " + config);
            a.release(p, destination, now + 1);
            assertEquals(1, a.timeWaitCount(), type.id());
            assertTrue(a.nextExpiryTime() - (now + 1 + a.timeWaitNanos()) >= 0, type.id());
        }
    }
}
