package dev.portbench.allocator.connection;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.ConnectionPortAllocator;
import dev.portbench.allocator.Destinations;
import dev.portbench.allocator.TimeWaitReuse;
import dev.portbench.allocator.structure.Checks;
import dev.portbench.allocator.structure.RangeAllocatorBase;

/**
 * A {@link ConnectionPortAllocator} composed of a {@link ConnectionTable} (which entry a
 * (port, destination) pair has) and a {@link PortSearch} (which port to try next). Every
 * destination-aware allocator of this library is one of these; {@code ConnectionAllocatorType}
 * names the combinations.
 *
 * <h2>Implementation notes</h2>
 * This class owns what the structures share, so that they keep one contract: the entries
 * ({@link ConnectionEntries}), each port's bind bucket (how many entries it carries, and whether
 * one is bound: 5 bytes per port), the TIME-WAIT FIFO, the counts, the clock and every argument
 * check. A call is checked completely before anything changes.
 *
 * <p>TIME-WAIT: with one constant TIME-WAIT, release order is deadline order, so an intrusive FIFO
 * threaded through the entries holds every TIME-WAIT entry: release O(1), reclaim and reuse O(1)
 * (unlink), each expiry O(1). With a granularity {@code g > 0} an entry due at {@code d} is freed
 * at the first boundary {@code phase + k g} strictly after {@code d}, as a kernel timer wheel level
 * fires; rounding up keeps the FIFO in order, so lateness costs nothing. Lateness is in (0, g];
 * exact (0) when {@code g = 0}.
 *
 * <p>The clock: as {@link ComposedPortAllocator}, the first accepted call's time is the origin and
 * the structures see only relative time; the phase is taken relative to it modulo {@code g}.
 *
 * <p>Costs on top of the structures': O(1) per call. Memory: 5 bytes per port, 40 bytes per
 * entry slot plus the table's; slots grow with the most entries ever live, independent of how many
 * destinations were seen. No allocation except when the slots grow. Not thread-safe.
 */
final class ComposedConnectionAllocator extends RangeAllocatorBase implements ConnectionPortAllocator, ConnectionCandidates {

    private static final int INITIAL_ENTRIES = 256;

    private final String description;
    private final TimeWaitReuse reuse;
    private final long reuseDelayNanos;
    private final long granularity;
    private final long phase;
    private final ConnectionEntries entries;
    private final ConnectionTable table;
    private final PortSearch search;
    private final int[] owners;
    private final boolean[] bound;

    private int inUse;
    private int inTimeWait;
    private int busyPorts;
    private long reuses;
    private int fifoHead = ConnectionEntries.NIL;
    private int fifoTail = ConnectionEntries.NIL;
    /** Set by {@link #connectable}: the TIME-WAIT entry a connect would take over, or NIL. */
    private int reusable = ConnectionEntries.NIL;

    private boolean started;
    private long origin;
    private long clock;
    private long phaseRelative;

    ComposedConnectionAllocator(String name, ConnectionAllocatorConfig config, TableFactory tables, PortSearch search) {
        super(name, config.firstPort(), config.lastPort(), config.timeWaitNanos());
        this.reuse = config.timeWaitReuse();
        this.reuseDelayNanos = config.reuseDelayNanos();
        this.granularity = config.latenessGranularityNanos();
        this.phase = config.latenessPhaseNanos();
        this.entries = new ConnectionEntries(INITIAL_ENTRIES);
        this.table = tables.create(entries);
        this.search = search;
        this.owners = new int[config.rangeSize()];
        this.bound = new boolean[config.rangeSize()];
        this.description = search.describe() + "; " + table.describe() + "; TIME-WAIT: intrusive FIFO"
                + (granularity == 0 ? ", exact" : ", freed at " + granularity + " ns boundaries");
    }

    /** Builds the table over the allocator's entries. */
    interface TableFactory {
        ConnectionTable create(ConnectionEntries entries);
    }

    @Override
    public int connect(long now, long destination) {
        Destinations.checkConnectable(destination);
        advance(now);
        reusable = ConnectionEntries.NIL;
        int offset = search.connect(destination, this);
        if (offset < 0) {
            return NO_PORT;
        }
        if (reusable != ConnectionEntries.NIL) {
            int old = reusable;
            reusable = ConnectionEntries.NIL;
            unlinkTimeWait(old);
            dropEntry(old);
            reuses++;
        }
        addEntry(offset, destination, ConnectionEntries.IN_USE);
        return firstPort + offset;
    }

    @Override
    public int bind(long now, long destination) {
        Destinations.checkConnectable(destination);
        advance(now);
        if (busyPorts == owners.length) {
            return NO_PORT;
        }
        int offset = search.bind(this);
        if (offset < 0) {
            return NO_PORT;
        }
        bound[offset] = true;
        addEntry(offset, destination, (byte) (ConnectionEntries.IN_USE | ConnectionEntries.BOUND));
        return firstPort + offset;
    }

    @Override
    public boolean connectable(int offset, long destination) {
        if (owners[offset] == 0) {
            return true;
        }
        if (bound[offset]) {
            return false;
        }
        int e = table.find(offset, destination);
        if (e == ConnectionEntries.NIL) {
            return true;
        }
        if (entries.state(e) == ConnectionEntries.TIME_WAIT && reuse.allows(destination)
                && clock - entries.releasedAt(e) >= reuseDelayNanos) {
            reusable = e;
            return true;
        }
        return false;
    }

    @Override
    public boolean reuseAllowed(long destination) {
        return reuse.allows(destination);
    }

    @Override
    public boolean bindable(int offset) {
        return owners[offset] == 0;
    }

    @Override
    public void release(int port, long destination, long now) {
        int offset = offsetOf(port);
        Destinations.checkConnectable(destination);
        long t = relative(now);
        int e = table.find(offset, destination);
        if (e == ConnectionEntries.NIL || (entries.state(e) & ConnectionEntries.IN_USE) == 0) {
            throw new IllegalStateException("release of port " + port + " to destination 0x" + Long.toHexString(destination)
                    + ": " + (e == ConnectionEntries.NIL ? "no such connection" : "it is in TIME-WAIT")
                    + " (expected: a connection in use)");
        }
        if (t > Long.MAX_VALUE - timeWaitNanos - 2 * granularity) {
            throw new IllegalStateException("release at " + now + ": its deadline would be more than "
                    + "2^63-1 ns after this allocator's first call at " + origin);
        }
        commit(now, t);
        entries.toTimeWait(e, t, freeAt(t + timeWaitNanos));
        inUse--;
        inTimeWait++;
        linkTimeWait(e);
    }

    @Override
    public boolean reclaim(int port, long destination, long now) {
        int offset = offsetOf(port);
        Destinations.checkConnectable(destination);
        long t = relative(now);
        commit(now, t);
        int e = table.find(offset, destination);
        if (e == ConnectionEntries.NIL || (entries.state(e) & ConnectionEntries.TIME_WAIT) == 0) {
            return false;
        }
        unlinkTimeWait(e);
        dropEntry(e);
        return true;
    }

    @Override
    public int expire(long now) {
        int before = inTimeWait;
        advance(now);
        return before - inTimeWait;
    }

    @Override
    public long nextExpiryTime() {
        if (fifoHead == ConnectionEntries.NIL) {
            throw new IllegalStateException("nextExpiryTime: no entry is in TIME-WAIT (expected: timeWaitCount() > 0)");
        }
        return origin + entries.freeAt(fifoHead);
    }

    /** The boundary at which an entry due at {@code deadline} is freed: itself when exact. */
    private long freeAt(long deadline) {
        if (granularity == 0) {
            return deadline;
        }
        return phaseRelative + (Math.floorDiv(deadline - phaseRelative, granularity) + 1) * granularity;
    }

    private void addEntry(int offset, long destination, byte state) {
        if (entries.full()) {
            table.capacityChanged(entries.grow());
        }
        int e = entries.take(offset, destination, state);
        table.insert(e);
        search.entryAdded(offset, destination);
        if (owners[offset]++ == 0) {
            busyPorts++;
            search.portBusy(offset);
        }
        inUse++;
    }

    /** Removes a TIME-WAIT entry already unlinked from the FIFO. */
    private void dropEntry(int e) {
        int offset = entries.offset(e);
        search.entryRemoved(offset, entries.destination(e));
        table.remove(e);
        entries.free(e);
        inTimeWait--;
        if (--owners[offset] == 0) {
            bound[offset] = false;
            busyPorts--;
            search.portIdle(offset);
        }
    }

    private void linkTimeWait(int e) {
        entries.links(e, ConnectionEntries.NIL, fifoTail);
        if (fifoTail == ConnectionEntries.NIL) {
            fifoHead = e;
        } else {
            entries.next(fifoTail, e);
        }
        fifoTail = e;
    }

    private void unlinkTimeWait(int e) {
        int p = entries.prev(e);
        int n = entries.next(e);
        if (p == ConnectionEntries.NIL) {
            fifoHead = n;
        } else {
            entries.next(p, n);
        }
        if (n == ConnectionEntries.NIL) {
            fifoTail = p;
        } else {
            entries.prev(n, p);
        }
    }

    /** Checks {@code now}, then moves the clock to it and expires what is due. */
    private void advance(long now) {
        commit(now, relative(now));
    }

    private void commit(long now, long t) {
        if (!started) {
            started = true;
            origin = now;
            phaseRelative = granularity == 0 ? 0 : Math.floorMod(phase - now, granularity);
        }
        clock = t;
        while (fifoHead != ConnectionEntries.NIL && entries.freeAt(fifoHead) <= t) {
            int e = fifoHead;
            unlinkTimeWait(e);
            dropEntry(e);
        }
    }

    private long relative(long now) {
        if (!started) {
            return 0;
        }
        long t = now - origin;
        if (t < clock) {
            throw Checks.timeWentBackwards(now, origin, clock);
        }
        return t;
    }

    private int offsetOf(int port) {
        if (port < firstPort || port > lastPort) {
            throw Checks.portOutsideRange(port, firstPort, lastPort);
        }
        return port - firstPort;
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
    public int busyPortCount() {
        return busyPorts;
    }

    @Override
    public long reuses() {
        return reuses;
    }

    @Override
    public long probes() {
        return search.probes();
    }

    @Override
    public long maxLatenessNanos() {
        return granularity;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name + "{ports=" + firstPort + "-" + lastPort + ", inUse=" + inUse + ", timeWait=" + inTimeWait
                + ", busyPorts=" + busyPorts + "}";
    }
}
