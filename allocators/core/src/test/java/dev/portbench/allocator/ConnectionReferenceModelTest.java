package dev.portbench.allocator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static dev.portbench.allocator.ConnectionPortAllocator.NO_PORT;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Drives every destination-aware allocator with long seeded random sequences (connects and binds
 * to a few destinations, some loopback; releases, reclaims, expiries, time jumps) and checks each
 * answer against a plain model of the contract: a map from (port, destination) to an entry,
 * nothing clever. A connect must answer a port the model says it may take (no entry with that
 * destination and none bound, or a TIME-WAIT entry old enough to reuse) and may answer
 * {@code NO_PORT} only when there is none; a bind only a port with no entry at all; TIME-WAIT ends
 * at the first boundary after the deadline, never before. Counts, reuses and the next expiry are
 * compared after every call. The seed is printed in every failure; rerun with {@code -Dportbench.seed=N}.
 */
class ConnectionReferenceModelTest {

    private static final int OPERATIONS = 150_000;
    private static final long SECOND = 1_000_000_000L;

    static List<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (ConnectionAllocatorType type : ConnectionAllocatorType.values()) {
            for (TimeWaitReuse reuse : TimeWaitReuse.values()) {
                out.add(Arguments.of(type, reuse, 0L));
                out.add(Arguments.of(type, reuse, SECOND / 3));
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}, tcp_tw_reuse {1}, granularity {2} ns")
    @MethodSource("cases")
    void agreesWithTheModel(ConnectionAllocatorType type, TimeWaitReuse reuse, long granularity) {
        String fixed = System.getProperty("portbench.seed");
        long seed = fixed != null ? Long.parseLong(fixed)
                : 0x9E3779B97F4A7C15L * (type.id().hashCode() * 31 + reuse.ordinal() * 7 + 1) + granularity;
        // 24 ports, 5 destinations, 10 s TIME-WAIT: per-destination exhaustion, binds that find nothing,
        // reuse and expiry all happen often
        ConnectionAllocatorConfig config = ConnectionAllocatorConfig.builder().portRange(3000, 3023)
                .timeWaitNanos(10 * SECOND).timeWaitReuse(reuse).reuseDelayNanos(SECOND)
                .lateness(granularity, SECOND / 7).secret(seed).seed(seed).build();
        new Run(type.create(config), config, seed).go();
    }

    private static final class Entry {
        boolean inUse;
        boolean bound;
        long releasedAt;
        long freeAt;
    }

    private record Key(int port, long destination) {
    }

    private record Deadline(long freeAt, Key key, Entry entry) {
    }

    private static final class Run {
        final ConnectionPortAllocator a;
        final ConnectionAllocatorConfig c;
        final long seed;
        final SplittableRandom random;
        final long[] destinations;
        final Map<Key, Entry> model = new HashMap<>();
        final java.util.PriorityQueue<Deadline> deadlines = new java.util.PriorityQueue<>(
                java.util.Comparator.comparingLong(Deadline::freeAt));
        long inUseCount;
        final Map<Integer, Integer> perPort = new HashMap<>();
        final java.util.Set<Integer> bound = new java.util.HashSet<>();
        final List<Key> inUse = new ArrayList<>();
        long now;
        long reuses;
        int op;

        Run(ConnectionPortAllocator a, ConnectionAllocatorConfig c, long seed) {
            this.a = a;
            this.c = c;
            this.seed = seed;
            this.random = new SplittableRandom(seed);
            this.destinations = new long[] {
                Destinations.ipv4(0x0A000001, 0x0A000102, 443), Destinations.ipv4(0x0A000001, 0x0A000103, 443),
                Destinations.ipv4(0x0A000001, 0x0A000102, 80), Destinations.ipv4(0x7F000001, 0x7F000001, 8080),
                Destinations.ipv4(0x7F000001, 0x7F000002, 8080)};
            this.now = random.nextLong(-1000 * SECOND, 1000 * SECOND);
        }

        void go() {
            for (op = 0; op < OPERATIONS; op++) {
                int kind = random.nextInt(100);
                now += random.nextInt(10) == 0 ? random.nextLong(3 * SECOND) : random.nextLong(SECOND / 20);
                expireModel();
                long d = destinations[random.nextInt(destinations.length)];
                if (kind < 45) {
                    checkConnect(d, a.connect(now, d));
                } else if (kind < 55) {
                    checkBind(d, a.bind(now, d));
                } else if (kind < 85) {
                    if (!inUse.isEmpty()) {
                        Key k = inUse.remove(random.nextInt(inUse.size()));
                        a.release(k.port(), k.destination(), now);
                        Entry e = model.get(k);
                        e.inUse = false;
                        e.releasedAt = now;
                        e.freeAt = freeAt(now + c.timeWaitNanos());
                        deadlines.add(new Deadline(e.freeAt, k, e));
                        inUseCount--;
                    }
                } else if (kind < 92) {
                    int port = c.firstPort() + random.nextInt(c.rangeSize());
                    Key k = new Key(port, d);
                    Entry e = model.get(k);
                    boolean expected = e != null && !e.inUse;
                    check(expected == a.reclaim(port, d, now), "reclaim " + k + " answered " + !expected);
                    if (expected) {
                        forget(k, model.remove(k));
                    }
                } else {
                    a.expire(now);
                }
                compare();
            }
        }

        long freeAt(long deadline) {
            long g = c.latenessGranularityNanos();
            if (g == 0) {
                return deadline;
            }
            long phase = c.latenessPhaseNanos();
            return phase + (Math.floorDiv(deadline - phase, g) + 1) * g;
        }

        /** Ends every TIME-WAIT due by now; entries reclaimed or reused meanwhile are skipped (lazy deletion). */
        void expireModel() {
            while (!deadlines.isEmpty() && deadlines.peek().freeAt() - now <= 0) {
                Deadline x = deadlines.poll();
                if (model.get(x.key()) == x.entry()) {
                    forget(x.key(), model.remove(x.key()));
                }
            }
        }

        /** The earliest deadline of an entry still in TIME-WAIT. */
        long nextDeadline() {
            while (model.get(deadlines.peek().key()) != deadlines.peek().entry()) {
                deadlines.poll();
            }
            return deadlines.peek().freeAt();
        }

        void remember(Key k, Entry e) {
            model.put(k, e);
            inUseCount++;
            perPort.merge(k.port(), 1, Integer::sum);
            if (e.bound) {
                bound.add(k.port());
            }
        }

        void forget(Key k, Entry e) {
            perPort.merge(k.port(), -1, (x, y) -> x + y == 0 ? null : x + y);
            if (e.bound) {
                bound.remove(k.port());
            }
        }

        boolean reusable(Entry e, long d) {
            return e != null && !e.inUse && !e.bound && c.timeWaitReuse().allows(d) && now - e.releasedAt >= c.reuseDelayNanos();
        }

        boolean connectable(int port, long d) {
            if (bound.contains(port)) {
                return false;
            }
            Entry e = model.get(new Key(port, d));
            return e == null || reusable(e, d);
        }

        boolean idle(int port) {
            return !perPort.containsKey(port);
        }

        void checkConnect(long d, int port) {
            if (port == NO_PORT) {
                for (int p = c.firstPort(); p <= c.lastPort(); p++) {
                    check(!connectable(p, d), "connect to " + Long.toHexString(d) + " answered NO_PORT but " + p + " was usable");
                }
                return;
            }
            check(port >= c.firstPort() && port <= c.lastPort() && connectable(port, d),
                    "connect to " + Long.toHexString(d) + " answered " + port + ", which it may not take");
            Key k = new Key(port, d);
            Entry old = model.remove(k);
            if (old != null) {
                forget(k, old);
                reuses++;
            }
            Entry e = new Entry();
            e.inUse = true;
            remember(k, e);
            inUse.add(k);
        }

        void checkBind(long d, int port) {
            if (port == NO_PORT) {
                for (int p = c.firstPort(); p <= c.lastPort(); p++) {
                    check(!idle(p), "bind answered NO_PORT but " + p + " had no entry");
                }
                return;
            }
            check(port >= c.firstPort() && port <= c.lastPort() && idle(port), "bind answered " + port + ", which has entries");
            Entry e = new Entry();
            e.inUse = true;
            e.bound = true;
            Key k = new Key(port, d);
            remember(k, e);
            inUse.add(k);
        }

        void compare() {
            long timeWait = model.size() - inUseCount;
            long busy = perPort.size();
            check(a.inUseCount() == inUseCount, "inUseCount " + a.inUseCount() + ", model " + inUseCount);
            check(a.timeWaitCount() == timeWait, "timeWaitCount " + a.timeWaitCount() + ", model " + timeWait);
            check(a.busyPortCount() == busy, "busyPortCount " + a.busyPortCount() + ", model " + busy);
            check(a.reuses() == reuses, "reuses " + a.reuses() + ", model " + reuses);
            if (timeWait > 0) {
                long next = nextDeadline();
                check(a.nextExpiryTime() == next, "nextExpiryTime " + a.nextExpiryTime() + ", model " + next);
            }
        }

        void check(boolean ok, String what) {
            if (!ok) {
                fail(a.name() + " seed " + seed + " operation " + op + " at " + now + ": " + what);
            }
        }
    }

}
