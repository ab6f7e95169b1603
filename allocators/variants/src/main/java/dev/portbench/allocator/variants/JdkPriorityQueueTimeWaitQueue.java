package dev.portbench.allocator.variants;

import dev.portbench.allocator.structure.ExpiredPortSink;
import dev.portbench.allocator.structure.TimeWaitQueue;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Peer baseline: TIME-WAIT entries in a {@link java.util.PriorityQueue} ordered by deadline, as a
 * user of {@code java.util} would write it: one small object per TIME-WAIT, and a port-indexed
 * array to find a port's entry for reclaim.
 *
 * <h2>Implementation notes</h2>
 * Costs: add O(log n) and one 24-byte object allocated; each expiry O(log n); reclaim O(n),
 * because {@link PriorityQueue#remove(Object)} searches the array linearly; {@link #expire} one
 * comparison when nothing is due. Exact: lateness 0. About 4 bytes per port for the index array,
 * 4 for the queue's slot, plus 24 per port in TIME-WAIT. It allocates on every release: that is
 * the cost this baseline exists to show.
 */
final class JdkPriorityQueueTimeWaitQueue implements TimeWaitQueue {

    /** One port in TIME-WAIT. */
    private static final class Entry {
        final long deadline;
        final int offset;

        Entry(long deadline, int offset) {
            this.deadline = deadline;
            this.offset = offset;
        }
    }

    private static final Comparator<Entry> BY_DEADLINE = Comparator.comparingLong(e -> e.deadline);

    private final PriorityQueue<Entry> queue;
    private final Entry[] entryOf;

    JdkPriorityQueueTimeWaitQueue(int size) {
        this.queue = new PriorityQueue<>(size, BY_DEADLINE);
        this.entryOf = new Entry[size];
    }

    @Override
    public void add(int offset, long deadline) {
        Entry e = new Entry(deadline, offset);
        entryOf[offset] = e;
        queue.add(e);
    }

    @Override
    public void remove(int offset) {
        queue.remove(entryOf[offset]);
        entryOf[offset] = null;
    }

    @Override
    public int expire(long now, ExpiredPortSink sink) {
        int freed = 0;
        Entry head;
        while ((head = queue.peek()) != null && head.deadline <= now) {
            queue.poll();
            entryOf[head.offset] = null;
            sink.expired(head.offset);
            freed++;
        }
        return freed;
    }

    @Override
    public long endOf(int offset) {
        return entryOf[offset].deadline;
    }

    @Override
    public long nextExpiry() {
        return queue.peek().deadline;
    }

    @Override
    public long maxLatenessNanos() {
        return 0;
    }

    @Override
    public String describe() {
        return "java.util.PriorityQueue of (deadline, port) entries, remove(Object) for reclaim";
    }
}
