package dev.portbench.allocator.variants;

import dev.portbench.allocator.structure.ExpiredPortSink;
import dev.portbench.allocator.structure.TimeWaitQueue;

import it.unimi.dsi.fastutil.longs.LongHeapIndirectPriorityQueue;

/**
 * TIME-WAIT ports in a binary heap ordered by deadline: fastutil's
 * {@link LongHeapIndirectPriorityQueue}, indirect over a port-indexed {@code long[]} of deadlines,
 * so nothing is boxed and a port can be removed from the middle (reclaim) through the queue's
 * inverse index.
 *
 * <h2>Implementation notes</h2>
 * Costs: add O(log n), remove O(log n), each expiry O(log n), {@link #expire} one comparison
 * when nothing is due, {@link #nextExpiry} O(1); n is the number of ports in TIME-WAIT. Exact:
 * lateness 0. Unlike the FIFO it needs no constant TIME-WAIT, so it also serves per-connection
 * timeouts. Ties (a burst released at one instant) come out in heap order, not release order.
 *
 * <p>Memory: 16 bytes per port (8 for the deadline, 4 for the heap, 4 for its inverse index).
 * No allocation after construction: the heap is created at the range's size.
 */
final class HeapTimeWaitQueue implements TimeWaitQueue {

    private final long[] deadline;
    private final LongHeapIndirectPriorityQueue heap;

    HeapTimeWaitQueue(int size) {
        this.deadline = new long[size];
        this.heap = new LongHeapIndirectPriorityQueue(deadline, size);
    }

    @Override
    public void add(int offset, long due) {
        deadline[offset] = due;
        heap.enqueue(offset);
    }

    @Override
    public void remove(int offset) {
        heap.remove(offset);
    }

    @Override
    public int expire(long now, ExpiredPortSink sink) {
        int freed = 0;
        while (!heap.isEmpty() && deadline[heap.first()] <= now) {
            sink.expired(heap.dequeue());
            freed++;
        }
        return freed;
    }

    @Override
    public long endOf(int offset) {
        return deadline[offset];
    }

    @Override
    public long nextExpiry() {
        return deadline[heap.first()];
    }

    @Override
    public long maxLatenessNanos() {
        return 0;
    }

    @Override
    public String describe() {
        return "fastutil LongHeapIndirectPriorityQueue over port-indexed deadlines, exact";
    }
}
