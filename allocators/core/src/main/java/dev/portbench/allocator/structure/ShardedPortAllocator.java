package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.ShardedAllocator;

import java.util.function.IntFunction;

/**
 * A thread-safe allocator made of single-owner allocators, one per shard of the range, each
 * behind its own lock, as VPP gives each worker a slice of the range: threads working on
 * different shards never touch the same lock or cache lines.
 *
 * <h2>Implementation notes</h2>
 * The range is split into {@code S} contiguous shards (a power of two, at most the range size).
 * Each shard is a {@link ShardPart}: its own free-port pool and TIME-WAIT structure (with their
 * costs and lateness) guarded by the shard's own monitor, either a ring with the lock fused in
 * ({@link RingShard}) or a lock around any single-owner allocator ({@link Shard}), on cache lines
 * of its own. A call picks its shard as follows:
 * <ul>
 *   <li>{@code allocate}: the caller's <b>home shard</b>. A {@link #worker(int) worker view}
 *       {@code k} (one per event loop) is homed on shard {@code k mod S}, whatever it passes. A
 *       plain call is homed by its destination key when it passes one, else by its thread
 *       ({@code Thread.getId() mod S}: threads created together get consecutive ids and so
 *       distinct shards, but two threads of a pool may share one while another shard idles;
 *       event loops should take worker views). If the home shard
 *       has no free port at {@code now}, every shard is locked together (in index order) and the
 *       home shard, then the others in order from the next, are asked at that one instant (a
 *       <b>borrow</b>). So {@link #NO_PORT} means no shard had a free port at one instant: the
 *       allocator never reports exhaustion while any shard has a free port. Visiting the shards
 *       one lock at a time instead would be cheaper, but the port it got from a later shard
 *       could be one no sequential order of the calls hands out (a port freed meanwhile in a
 *       shard already visited comes first in every order that puts the free before the
 *       allocation): not linearizable against this allocator's own sequential behaviour, which
 *       the Lincheck tests check.</li>
 *   <li>{@code release}, {@code reclaim}: the shard that owns the port.</li>
 *   <li>{@code expire}, {@link #nextExpiryTime()} and the counts: every shard, locked together.</li>
 * </ul>
 * A shard expires its own TIME-WAITs when a call reaches it; the counts and
 * {@link #nextExpiryTime()} first bring every shard to the latest time any shard has seen, so
 * they answer as the contract says (as of the last call). Every call is atomic under the locks
 * it holds (one shard's, or all of them), so the whole is linearizable, and it behaves exactly as
 * its sequential self: which port a call gets depends only on the order of the calls and the
 * home shards.
 *
 * <p>Costs: allocate O(1) lock plus the shard allocator's cost when the home shard has a port;
 * O(S) locks when borrowing, O(S) more for the exhaustion snapshot. Release and reclaim: one
 * lock plus the shard's cost. Expire and counts: O(S) locks. Bytes per port: the shard
 * allocator's; plus 300 to 500 bytes per shard (a 128-byte spacer allocated just before each
 * shard, 128 bytes of padding after its fields, and before them too in a {@link Shard}, so that
 * shards used by different threads share no cache line, their monitor words included). The
 * spacers keep the headers apart in allocation order; a copying collector that moves the shards keeps their fields padded but may place a
 * header beside another object. No allocation on any path (JVM monitors live off the Java heap;
 * worker views are made once, by {@link #worker}).
 *
 * <p>Shard count: one per worker (event loop) is the layout that scales, as VPP's per-worker
 * slices do, with borrowing removing their false exhaustion. More shards than workers make every
 * worker's home shard run dry early and borrow (all locks) for a share of its allocations: with
 * one worker and two shards, half of them.
 *
 * <p>Time: every shard has its own clock; a call behind a shard's clock acts at it, and
 * {@link SharedClock} rejects calls more than the tolerance behind the
 * latest time of any thread; the first call starts every shard at its time, so a shard refuses a
 * release whose deadline would fall 2^63 ns or more after the allocator's first accepted call, as
 * the contract says. Expiry is never early, and late by at most the shard allocator's
 * lateness plus the skew between callers.
 *
 * <p>Progress: blocking (monitors); no call waits for more than S critical sections of other
 * threads, each O(S) apart from the TIME-WAITs it expires. No loop retries.
 *
 * <p>Thread-safe; linearizable.
 */
final class ShardedPortAllocator extends RangeAllocatorBase implements ShardedAllocator {

    private final String description;
    private final int size;
    private final ShardPart[] shards;
    /**
     * Never read: allocated just before each shard, so that the memory before a shard's object
     * header, which its monitor writes on every call, holds nothing that another thread reads or
     * writes (without it, shard 0's header shared a cache line with this {@code shards} array,
     * which every call of every thread reads).
     */
    @SuppressWarnings("unused")
    private final long[][] spacers;
    private final int mask;
    private final SharedClock clock;
    /** Allocations a shard served for another shard's caller; written only with every shard locked. */
    private long borrows;
    /** Allocations that found no free port in any shard; written only with every shard locked. */
    private long exhaustions;

    /**
     * @param shardOf builds shard {@code i} (its part of the range starting at
     *     {@code firstPort + firstOffset(i, count, size)}); called once per shard in index order, each
     *     just after a spacer is allocated for it
     */
    ShardedPortAllocator(String name, int firstPort, int lastPort, long timeWaitNanos, int count,
                         IntFunction<ShardPart> shardOf, long toleranceNanos) {
        super(name, firstPort, lastPort, timeWaitNanos);
        this.size = lastPort - firstPort + 1;
        if (count <= 0 || Integer.bitCount(count) != 1 || count > size) {
            throw new IllegalArgumentException("shards: " + count + " (expected: a power of two <= the range size " + size + ")");
        }
        this.shards = new ShardPart[count];
        this.spacers = new long[count][];
        for (int i = 0; i < count; i++) {
            spacers[i] = new long[SPACER_LONGS];
            shards[i] = shardOf.apply(i);
        }
        this.mask = count - 1;
        this.clock = new SharedClock(toleranceNanos);
        this.description = count + " shards, each " + shards[0].description();
    }

    /** Longs in a spacer: 128 bytes of payload, two cache lines. */
    private static final int SPACER_LONGS = 16;

    /** The first offset of shard {@code i} of {@code count} over {@code size} ports. */
    static int firstOffset(int i, int count, int size) {
        return (int) ((long) i * size / count);
    }

    /** The shard holding {@code offset}: the largest i with {@code firstOffset(i) <= offset}. */
    private int shardOfOffset(int offset) {
        return (int) (((long) offset + 1) * shards.length - 1) / size;
    }

    private int home(long destination) {
        long key = destination == ANY_DESTINATION ? Thread.currentThread().getId() : mix(destination);
        return (int) key & mask;
    }

    @Override
    public int homeShardOf(long destination) {
        return (int) mix(destination) & mask;
    }

    private static long mix(long x) {
        x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL;
        return x ^ (x >>> 33);
    }

    private ShardPart shardOf(int port) {
        if (port < firstPort || port > lastPort) {
            throw Checks.portOutsideRange(port, firstPort, lastPort);
        }
        return shards[shardOfOffset(port - firstPort)];
    }

    @Override
    public int allocate(long now, long destination) {
        return allocateFrom(home(destination), now, destination);
    }

    /** Allocates for a caller homed on shard {@code home} (a {@link #worker} view's, or a plain call's). */
    int allocateFrom(int home, long now, long destination) {
        begin(now);
        int port = shards[home].allocate(now, destination);
        if (port == NO_PORT) {
            port = (int) underAllLocks(0, BORROW, now, destination, home);
        }
        clock.advance(now);
        return port;
    }

    @Override
    public PortAllocator worker(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index: " + index + " (expected: >= 0; worker k is homed on shard k mod "
                    + shards.length + ")");
        }
        return new ShardWorker(this, index, index & mask);
    }

    /**
     * Checks {@code now}; at the first call, first starts the clock and every shard at {@code now}
     * (under the clock's monitor, once), so that every shard's life, from which it refuses a
     * release too late, is the allocator's.
     */
    private void begin(long now) {
        if (!clock.started()) {
            synchronized (clock) {
                if (!clock.started()) {
                    for (ShardPart s : shards) {
                        s.expire(now);
                    }
                    clock.start(now);
                }
            }
        }
        clock.check(now);
    }

    /**
     * The checks in the contract's order: the port's range, the time, then (in the shard) the
     * port's state and the allocator's life. Before the first call the clock is not started, and
     * every port is free: the shard refuses the release without starting anything.
     */
    @Override
    public void release(int port, long now) {
        ShardPart shard = shardOf(port);
        clock.check(now);
        shard.release(port, now);
        clock.advance(now);
    }

    @Override
    public boolean reclaim(int port, long now) {
        ShardPart shard = shardOf(port);
        begin(now);
        boolean was = shard.reclaim(port, now);
        clock.advance(now);
        return was;
    }

    @Override
    public int expire(long now) {
        begin(now);
        int freed = (int) underAllLocks(0, EXPIRE, now, ANY_DESTINATION, 0);
        clock.advance(now);
        return freed;
    }

    private static final int BORROW = 0;
    private static final int EXPIRE = 1;
    private static final int IN_USE = 2;
    private static final int TIME_WAIT = 3;
    private static final int FREE = 4;
    private static final int NEXT_EXPIRY = 5;
    private static final int PROBES = 6;

    /**
     * Locks shards {@code i..S-1} in index order (nested monitors; every path that holds more than
     * one lock takes them in this order, so none deadlocks), then does {@code op} on the snapshot.
     * No allocation: the recursion depth is S.
     */
    private long underAllLocks(int i, int op, long now, long destination, int home) {
        if (i < shards.length) {
            synchronized (shards[i]) {
                return underAllLocks(i + 1, op, now, destination, home);
            }
        }
        switch (op) {
            case BORROW:
                return borrowLocked(now, destination, home);
            case EXPIRE:
                int freed = 0;
                for (ShardPart s : shards) {
                    freed += s.expire(now);
                }
                return freed;
            case NEXT_EXPIRY:
                catchUpLocked();
                return nextExpiryLocked();
            case PROBES:
                long probes = 0;
                for (ShardPart s : shards) {
                    probes += s.probes();
                }
                return probes;
            default:
                catchUpLocked();
                long n = 0;
                for (ShardPart s : shards) {
                    n += op == IN_USE ? s.inUseCount() : op == TIME_WAIT ? s.timeWaitCount() : s.freeCount();
                }
                return n;
        }
    }

    /**
     * With every shard locked: the home shard again (a port may have come free since), then the
     * others in order from the next one. Answers {@link #NO_PORT} only if no shard has a free
     * port at {@code now}, at this one instant.
     */
    private int borrowLocked(long now, long destination, int home) {
        int port = shards[home].allocate(now, destination);
        if (port != NO_PORT) {
            return port;
        }
        for (int i = 1; i < shards.length; i++) {
            port = shards[(home + i) & mask].allocate(now, destination);
            if (port != NO_PORT) {
                borrows++;
                return port;
            }
        }
        exhaustions++;
        return NO_PORT;
    }

    /** With every shard locked: brings each to the latest time any shard has accepted. */
    private void catchUpLocked() {
        boolean started = false;
        long latest = 0;
        for (ShardPart s : shards) {
            if (s.hasStarted() && (!started || s.clockTime() - latest > 0)) {
                latest = s.clockTime();
                started = true;
            }
        }
        if (started) {
            for (ShardPart s : shards) {
                s.expire(latest);
            }
        }
    }

    private long nextExpiryLocked() {
        boolean any = false;
        long earliest = 0;
        for (ShardPart s : shards) {
            if (s.timeWaitCount() > 0) {
                long next = s.nextExpiryTime();
                if (!any || next - earliest < 0) {
                    earliest = next;
                    any = true;
                }
            }
        }
        if (!any) {
            throw new IllegalStateException("nextExpiryTime: no port is in TIME-WAIT (timeWaitCount() == 0)");
        }
        return earliest;
    }

    @Override
    public long nextExpiryTime() {
        return underAllLocks(0, NEXT_EXPIRY, 0, ANY_DESTINATION, 0);
    }

    @Override
    public int inUseCount() {
        return (int) underAllLocks(0, IN_USE, 0, ANY_DESTINATION, 0);
    }

    @Override
    public int timeWaitCount() {
        return (int) underAllLocks(0, TIME_WAIT, 0, ANY_DESTINATION, 0);
    }

    @Override
    public int freeCount() {
        return (int) underAllLocks(0, FREE, 0, ANY_DESTINATION, 0);
    }

    @Override
    public long probes() {
        return underAllLocks(0, PROBES, 0, ANY_DESTINATION, 0);
    }

    @Override
    public int shardCount() {
        return shards.length;
    }

    @Override
    public long borrows() {
        synchronized (shards[0]) { // every writer holds all the locks
            return borrows;
        }
    }

    @Override
    public long exhaustions() {
        synchronized (shards[0]) {
            return exhaustions;
        }
    }


    @Override
    public long maxLatenessNanos() {
        return shards[0].maxLatenessNanos();
    }

    @Override
    public PortSelection selection() {
        return shards[0].selection();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name + "{ports=" + firstPort + "-" + lastPort + ", shards=" + shards.length + "}";
    }
}
