package dev.portbench.workload;

import dev.portbench.allocator.PortAllocator;

/**
 * The floor: the cheapest cycle that can keep the TIME-WAIT rule on a clean trace, written inline:
 * a ring of free ports and a ring of (port, deadline) in TIME-WAIT, no interface call below it, no
 * argument, state or clock check, no counts, no reclaim (a reclaim leaves the port to its
 * deadline), expiry only on demand (an open takes a free port, else the oldest TIME-WAIT port if it
 * is due).
 *
 * <p><b>A lower bound, not an allocator</b>: it trusts its input completely, cannot end a
 * TIME-WAIT early and answers no query. Benchmarks and reports show it, replayed by the same
 * {@link TraceReplayer} as every allocator, so that each allocator's cost reads as a multiple of
 * what any allocator must spend on the same events in the same harness.
 *
 * <p>Two int rings and one long ring of the range's size (16 bytes per port); every call O(1),
 * allocation-free; not thread-safe.
 */
public final class ReplayFloor implements ReplayTarget {

    private final int firstPort;
    private final long timeWait;

    private final int[] free;
    private int freeHead;
    private int freeCount;

    private final int[] waiting;
    private final long[] deadlines;
    private int waitHead;
    private int waitTail;
    private int waitCount;

    /** A floor for {@code workload}'s range and TIME-WAIT, every port free. */
    public ReplayFloor(Workload workload) {
        this.firstPort = workload.firstPort();
        this.timeWait = workload.timeWaitNanos();
        int size = workload.lastPort() - workload.firstPort() + 1;
        this.free = new int[size];
        for (int i = 0; i < size; i++) {
            free[i] = i;
        }
        this.freeCount = size;
        this.waiting = new int[size];
        this.deadlines = new long[size];
    }

    @Override
    public int open(long now, int connection) {
        int offset;
        if (freeCount != 0) {
            offset = free[freeHead];
            freeHead = freeHead + 1 == free.length ? 0 : freeHead + 1;
            freeCount--;
        } else if (waitCount != 0 && deadlines[waitHead] - now <= 0) {
            offset = waiting[waitHead];
            waitHead = waitHead + 1 == waiting.length ? 0 : waitHead + 1;
            waitCount--;
        } else {
            return PortAllocator.NO_PORT;
        }
        return firstPort + offset;
    }

    @Override
    public void close(int port, int connection, long now) {
        waiting[waitTail] = port - firstPort;
        deadlines[waitTail] = now + timeWait;
        waitTail = waitTail + 1 == waiting.length ? 0 : waitTail + 1;
        waitCount++;
    }

    /** Skipped: the floor leaves the port to its deadline. */
    @Override
    public boolean reclaim(int port, int connection, long now) {
        return false;
    }

    /** Ports in TIME-WAIT or due and not yet taken. */
    public int timeWaitCount() {
        return waitCount;
    }

    /** Ports in the free ring. */
    public int freeCount() {
        return freeCount;
    }
}
