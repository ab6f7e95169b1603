package dev.portbench.allocator.connection;

import dev.portbench.allocator.ConnectionAllocatorConfig;
import dev.portbench.allocator.structure.Structures;

/**
 * A sequential search per destination, and a least-recently-used list of idle ports for binds.
 * A connect resumes after the port its destination last took (RFC 6056 algorithm 3 with one
 * counter per destination; a destination without entries starts at a keyed hash of its key) and
 * walks with step 1. With one constant TIME-WAIT a destination's entries expire in the order it
 * took them, so the port after its cursor is the one it has held longest: under steady load the
 * first candidate is usually usable. A destination that holds an entry on every port fails at
 * once, without a walk, unless {@code tcp_tw_reuse} may take one of them over; otherwise the walk
 * is at most one lap. A bind takes the port idle longest (no entry at all), in O(1), from an
 * intrusive doubly-linked list.
 *
 * <h2>Implementation notes</h2>
 * Per live destination a {@link DestinationTable} slot (entry count and cursor, 34-136 bytes), so
 * memory follows the destinations with entries, not all ever seen. The idle list: 8 bytes per
 * port. Sequential per destination is predictable to that destination (algorithm 3's known
 * weakness); use {@link LinuxPortSearch} where that matters. No allocation except when the
 * destination table resizes.
 */
final class DestinationCursorPortSearch implements PortSearch {

    private static final int NIL = -1;

    private final int size;
    private final long key;
    private final DestinationTable destinations = new DestinationTable();
    private final int[] idleNext;
    private final int[] idlePrev;
    private int idleHead = NIL;
    private int idleTail = NIL;
    private long probes;

    DestinationCursorPortSearch(int size, ConnectionAllocatorConfig config) {
        this.size = size;
        this.key = Structures.mix(config.secret() == null ? config.seed() : config.secret());
        this.idleNext = new int[size];
        this.idlePrev = new int[size];
        for (int offset = 0; offset < size; offset++) {
            portIdle(offset);
        }
    }

    @Override
    public int connect(long destination, ConnectionCandidates candidates) {
        int slot = destinations.find(destination);
        int offset;
        if (slot < 0) {
            offset = (int) Long.remainderUnsigned(Structures.mix(destination ^ key), size);
        } else {
            if (destinations.count(slot) == size && !candidates.reuseAllowed(destination)) {
                return -1;
            }
            offset = destinations.cursor(slot);
        }
        for (int j = 0; j < size; j++) {
            probes++;
            if (candidates.connectable(offset, destination)) {
                return offset;
            }
            if (++offset == size) {
                offset = 0;
            }
        }
        return -1;
    }

    @Override
    public int bind(ConnectionCandidates candidates) {
        probes++;
        return idleHead;
    }

    @Override
    public void entryAdded(int offset, long destination) {
        destinations.added(destination, offset + 1 == size ? 0 : offset + 1);
    }

    @Override
    public void entryRemoved(int offset, long destination) {
        destinations.removed(destination);
    }

    @Override
    public void portIdle(int offset) {
        idleNext[offset] = NIL;
        idlePrev[offset] = idleTail;
        if (idleTail == NIL) {
            idleHead = offset;
        } else {
            idleNext[idleTail] = offset;
        }
        idleTail = offset;
    }

    @Override
    public void portBusy(int offset) {
        int p = idlePrev[offset];
        int n = idleNext[offset];
        if (p == NIL) {
            idleHead = n;
        } else {
            idleNext[p] = n;
        }
        if (n == NIL) {
            idleTail = p;
        } else {
            idlePrev[n] = p;
        }
    }

    @Override
    public long probes() {
        return probes;
    }

    @Override
    public String describe() {
        return "sequential per destination, LRU list of idle ports for binds";
    }
}
