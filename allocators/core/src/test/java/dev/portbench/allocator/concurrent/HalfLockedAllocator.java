package dev.portbench.allocator.concurrent;

import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.PortSelection;

/**
 * A deliberately broken thread-safe allocator, for showing that the concurrency tests fail when
 * they should: a single-owner allocator behind one lock, except that {@link #release} forgets
 * to take it (the kind of slip a hand-written wrapper makes). Like the real one it acts at its
 * latest time when a call arrives a little late. Test sources only.
 */
final class HalfLockedAllocator implements PortAllocator {

    private final PortAllocator inner;
    private boolean started;
    private long clock;

    HalfLockedAllocator(PortAllocator inner) {
        this.inner = inner;
    }

    @Override
    public synchronized int allocate(long now, long destination) {
        long t = at(now);
        int port = inner.allocate(t, destination);
        accepted(t);
        return port;
    }

    private long at(long now) {
        return started && now - clock < 0 ? clock : now;
    }

    private void accepted(long t) {
        started = true;
        clock = t;
    }

    /** The bug: no lock. */
    @Override
    public void release(int port, long now) {
        long t = at(now);
        inner.release(port, t);
        accepted(t);
    }

    @Override
    public synchronized boolean reclaim(int port, long now) {
        long t = at(now);
        boolean was = inner.reclaim(port, t);
        accepted(t);
        return was;
    }

    @Override
    public synchronized int expire(long now) {
        long t = at(now);
        int freed = inner.expire(t);
        accepted(t);
        return freed;
    }

    @Override
    public synchronized long nextExpiryTime() {
        return inner.nextExpiryTime();
    }

    @Override
    public synchronized int inUseCount() {
        return inner.inUseCount();
    }

    @Override
    public synchronized long probes() {
        return inner.probes();
    }

    @Override
    public synchronized int timeWaitCount() {
        return inner.timeWaitCount();
    }

    @Override
    public synchronized int freeCount() {
        return inner.freeCount();
    }

    @Override
    public int firstPort() {
        return inner.firstPort();
    }

    @Override
    public int lastPort() {
        return inner.lastPort();
    }

    @Override
    public long timeWaitNanos() {
        return inner.timeWaitNanos();
    }

    @Override
    public long maxLatenessNanos() {
        return inner.maxLatenessNanos();
    }

    @Override
    public PortSelection selection() {
        return inner.selection();
    }

    @Override
    public String name() {
        return "half-locked-fifo";
    }

    @Override
    public String description() {
        return "fifo behind a lock that release forgets to take (broken on purpose)";
    }
}
