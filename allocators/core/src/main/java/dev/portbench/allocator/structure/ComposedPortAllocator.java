package dev.portbench.allocator.structure;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * A {@link PortAllocator} composed of a {@link FreePortPool} (which free port to hand out) and a
 * {@link TimeWaitQueue} (when a released port is free again). Every allocator of this library is
 * one of these; {@link AllocatorType} names the combinations.
 *
 * <h2>Implementation notes</h2>
 * This class owns everything the structures share, so that they all keep one contract: the
 * state of every port (one byte per port), the counts, the clock, and every argument check. A
 * call is checked completely before anything changes, so a rejected call leaves no trace.
 *
 * <p>The clock: the first accepted call's {@code now} becomes the origin, and the structures see
 * only {@code now - origin}, which is never negative while the allocator lives less than
 * 2<sup>63</sup> ns. That makes wrapped absolute times (a start near {@code Long.MAX_VALUE}, or
 * crossing zero) invisible to them, so they can compare deadlines with plain {@code <}.
 *
 * <p>Costs on top of the structures': O(1) per call, no allocation.
 *
 * <p>Not thread-safe.
 */
final class ComposedPortAllocator extends RangeAllocatorBase implements PortAllocator, ExpiredPortSink {

    private static final byte FREE = 0;
    private static final byte IN_USE = 1;
    private static final byte TIME_WAIT = 2;

    private final String description;
    private final FreePortPool pool;
    private final TimeWaitQueue timeWait;
    private final byte[] state;

    private int inUse;
    private int inTimeWait;
    private boolean started;
    private long origin;
    /** The last accepted time, relative to {@link #origin}. */
    private long clock;

    ComposedPortAllocator(String name, String description, AllocatorConfig config,
                          FreePortPool pool, TimeWaitQueue timeWait) {
        super(name, config.firstPort(), config.lastPort(), config.timeWaitNanos());
        this.description = description;
        this.pool = pool;
        this.timeWait = timeWait;
        this.state = new byte[config.rangeSize()];
    }

    /**
     * Fills the pool with every offset. Kept out of the constructor so that a pool starts empty
     * and learns its ports the same way it will learn them later.
     */
    ComposedPortAllocator fill() {
        for (int offset = 0; offset < state.length; offset++) {
            pool.add(offset);
        }
        return this;
    }

    @Override
    public int allocate(long now, long destination) {
        advance(now);
        if (inUse + inTimeWait == state.length) {
            return NO_PORT;
        }
        int offset = pool.take(destination);
        if (offset < 0) {
            return NO_PORT;
        }
        state[offset] = IN_USE;
        inUse++;
        return firstPort + offset;
    }

    @Override
    public void release(int port, long now) {
        int offset = offsetOf(port);
        long t = relative(now);
        if (state[offset] == TIME_WAIT && timeWait.endOf(offset) <= t) {
            throw new IllegalStateException("release of port " + port + " at " + now + ": it is free, its TIME-WAIT "
                    + "ended at " + (origin + timeWait.endOf(offset)) + " (expected: in use)");
        }
        if (state[offset] != IN_USE) {
            throw new IllegalStateException("release of port " + port + ": it is "
                    + stateName(state[offset]) + " (expected: in use)");
        }
        if (Lifetime.deadlinePastLife(t, timeWaitNanos)) {
            throw Lifetime.lifeOver(port, now, started ? origin : now, timeWaitNanos);
        }
        commit(now, t);
        state[offset] = TIME_WAIT;
        inUse--;
        inTimeWait++;
        timeWait.add(offset, t + timeWaitNanos);
    }

    @Override
    public boolean reclaim(int port, long now) {
        int offset = offsetOf(port);
        long t = relative(now);
        commit(now, t);
        if (state[offset] != TIME_WAIT) {
            return false;
        }
        timeWait.remove(offset);
        state[offset] = FREE;
        inTimeWait--;
        pool.add(offset);
        return true;
    }

    @Override
    public int expire(long now) {
        int before = inTimeWait;
        advance(now);
        return before - inTimeWait;
    }

    @Override
    public void expired(int offset) {
        state[offset] = FREE;
        inTimeWait--;
        pool.add(offset);
    }

    @Override
    public long nextExpiryTime() {
        if (inTimeWait == 0) {
            throw new IllegalStateException("nextExpiryTime: no port is in TIME-WAIT (timeWaitCount() == 0)");
        }
        return origin + timeWait.nextExpiry();
    }

    /** Checks {@code now}, then moves the clock to it and frees what is due. */
    private void advance(long now) {
        commit(now, relative(now));
    }

    /**
     * Moves the clock to {@code now}, already checked and {@code t} relative to the origin, and
     * frees every port due by then. The first call's {@code now} becomes the origin.
     */
    private void commit(long now, long t) {
        if (!started) {
            started = true;
            origin = now;
        }
        clock = t;
        if (inTimeWait != 0) {
            timeWait.expire(t, this);
        }
    }

    /**
     * {@code now} relative to the origin, checked not to go backwards nor past the life
     * ({@link Lifetime#relative}); changes nothing. Before the first accepted call every time is
     * 0: it will become the origin.
     */
    private long relative(long now) {
        return started ? Lifetime.relative(now, origin, clock, 0) : 0;
    }

    private int offsetOf(int port) {
        if (port < firstPort || port > lastPort) {
            throw Checks.portOutsideRange(port, firstPort, lastPort);
        }
        return port - firstPort;
    }

    private static String stateName(byte s) {
        return s == FREE ? "free" : s == IN_USE ? "in use" : "in TIME-WAIT";
    }

    @Override
    public int inUseCount() {
        return inUse;
    }

    @Override
    public int timeWaitCount() {
        return inTimeWait;
    }

    @Override
    public int freeCount() {
        return state.length - inUse - inTimeWait;
    }

    @Override
    public long maxLatenessNanos() {
        return timeWait.maxLatenessNanos();
    }

    @Override
    public long probes() {
        return pool.probes();
    }

    @Override
    public PortSelection selection() {
        return pool.selection();
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name + "{ports=" + firstPort + "-" + lastPort + ", inUse=" + inUse + ", timeWait="
                + inTimeWait + ", free=" + freeCount() + "}";
    }
}
