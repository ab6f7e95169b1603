package dev.portbench.workload;

import dev.portbench.allocator.PortAllocator;

import java.util.Arrays;

/**
 * The floor: replays a {@link Trace} exactly as {@link TraceReplayer} does (the same array reads,
 * time arithmetic and per-connection bookkeeping) against the cheapest cycle that can keep the
 * TIME-WAIT rule on a clean trace, written inline: a ring of free ports and a ring of (port,
 * deadline) in TIME-WAIT, no interface call, no argument, state or clock check, no counts, no
 * reclaim (a reclaim event is skipped), expiry only on demand (an open takes a free port, else
 * the oldest TIME-WAIT port if it is due).
 *
 * <p><b>A lower bound, not an allocator</b>: it trusts its input completely, cannot end a
 * TIME-WAIT early and answers no query. Benchmarks and reports show it so that each allocator's
 * cost reads as a multiple of what any allocator must spend on the same events in the same
 * harness.
 *
 * <p>Allocation-free; not thread-safe.
 */
public final class FloorReplayer {

    private final long[] times;
    private final int[] ops;
    private final long lapNanos;
    private final long startTime;
    private final int[] portOf;
    private final int firstPort;
    private final long timeWait;

    private final int[] free;
    private int freeHead;
    private int freeTail;
    private int freeCount;

    private final int[] waiting;
    private final long[] deadlines;
    private int waitHead;
    private int waitTail;
    private int waitCount;

    private int index;
    private long lapStart;
    private long opens;
    private long failures;

    public FloorReplayer(Trace trace, long startTime) {
        Workload w = trace.workload();
        this.times = trace.timesArray();
        this.ops = trace.opsArray();
        this.lapNanos = trace.lapNanos();
        this.startTime = startTime;
        this.portOf = new int[trace.connections()];
        Arrays.fill(portOf, PortAllocator.NO_PORT);
        this.firstPort = w.firstPort();
        this.timeWait = w.timeWaitNanos();
        int size = w.lastPort() - w.firstPort() + 1;
        this.free = new int[size];
        for (int i = 0; i < size; i++) {
            free[i] = i;
        }
        this.freeCount = size;
        this.waiting = new int[size];
        this.deadlines = new long[size];
    }

    /** Replays the next event; answers the port it concerned, as {@link TraceReplayer#step()}. */
    public int step() {
        int i = index;
        long now = startTime + lapStart + times[i];
        int op = ops[i];
        if (++index == times.length) {
            index = 0;
            lapStart += lapNanos;
        }
        int connection = op >>> 2;
        int port = portOf[connection];
        switch (op & 3) {
            case Trace.OPEN:
                port = take(now);
                portOf[connection] = port;
                opens++;
                if (port == PortAllocator.NO_PORT) {
                    failures++;
                }
                return port;
            case Trace.CLOSE:
                if (port != PortAllocator.NO_PORT) {
                    int offset = port - firstPort;
                    waiting[waitTail] = offset;
                    deadlines[waitTail] = now + timeWait;
                    waitTail = waitTail + 1 == waiting.length ? 0 : waitTail + 1;
                    waitCount++;
                }
                return port;
            default:
                return port;
        }
    }

    private int take(long now) {
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

    /** Replays {@code events} events; answers the sum of the ports they returned, to be consumed. */
    public long run(long events) {
        long sum = 0;
        for (long e = 0; e < events; e++) {
            sum += step();
        }
        return sum;
    }

    /** Opens attempted. */
    public long opens() {
        return opens;
    }

    /** Opens that found no port. */
    public long failures() {
        return failures;
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
