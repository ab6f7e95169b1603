package dev.portbench.allocator.variants;

import dev.portbench.allocator.structure.ExpiredPortSink;
import dev.portbench.allocator.structure.TimeWaitQueue;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntLongHashMap;

/**
 * TIME-WAIT ports with Eclipse Collections primitive collections: an {@link IntLongHashMap} from
 * port to deadline (reclaim is a map removal), and the release order in an {@link IntArrayList}
 * with a parallel {@link LongArrayList} of deadlines, consumed from a head index. With one
 * constant TIME-WAIT, release order is deadline order.
 *
 * <h2>Implementation notes</h2>
 * Reclaim leaves its entry in the order lists; an entry counts only while the map still holds
 * its port with the same deadline, so a stale one is dropped when it reaches the head (it cannot
 * block the head: its own deadline orders it). The lists are compacted in place once the
 * consumed prefix is more than half of them: amortized O(1), no allocation once the lists have
 * reached their working size (they start at twice the range).
 *
 * <p>Costs: add O(1) amortized, remove O(1), each expiry O(1) amortized, {@link #expire} one
 * comparison when nothing is due. Exact: lateness 0. About 16 bytes per port for the map plus 12
 * per entry in the order lists.
 */
final class EclipseCollectionsTimeWaitQueue implements TimeWaitQueue {

    private static final int COMPACT_AT = 1024;

    private final IntLongHashMap deadlineOf;
    private final IntArrayList order;
    private final LongArrayList orderDeadlines;
    private int head;

    EclipseCollectionsTimeWaitQueue(int size) {
        this.deadlineOf = new IntLongHashMap(size);
        this.order = new IntArrayList(2 * size);
        this.orderDeadlines = new LongArrayList(2 * size);
    }

    @Override
    public void add(int offset, long deadline) {
        deadlineOf.put(offset, deadline);
        order.add(offset);
        orderDeadlines.add(deadline);
    }

    @Override
    public void remove(int offset) {
        deadlineOf.remove(offset);
    }

    @Override
    public int expire(long now, ExpiredPortSink sink) {
        int freed = 0;
        int size = order.size();
        while (head < size && orderDeadlines.get(head) <= now) {
            int offset = order.get(head);
            long deadline = orderDeadlines.get(head);
            head++;
            if (deadlineOf.containsKey(offset) && deadlineOf.get(offset) == deadline) {
                deadlineOf.remove(offset);
                sink.expired(offset);
                freed++;
            }
        }
        if (head > COMPACT_AT && head * 2 > size) {
            compact();
        }
        return freed;
    }

    /** Moves the live suffix to the front and drops the consumed prefix, in place. */
    private void compact() {
        int size = order.size();
        int live = size - head;
        for (int i = 0; i < live; i++) {
            order.set(i, order.get(head + i));
            orderDeadlines.set(i, orderDeadlines.get(head + i));
        }
        for (int i = size - 1; i >= live; i--) {
            order.removeAtIndex(i);
            orderDeadlines.removeAtIndex(i);
        }
        head = 0;
    }

    @Override
    public long endOf(int offset) {
        return deadlineOf.get(offset);
    }

    @Override
    public long nextExpiry() {
        // The earliest live entry: skip stale ones without consuming them.
        for (int i = head; i < order.size(); i++) {
            int offset = order.get(i);
            long deadline = orderDeadlines.get(i);
            if (deadlineOf.containsKey(offset) && deadlineOf.get(offset) == deadline) {
                return deadline;
            }
        }
        throw new IllegalStateException("no port in TIME-WAIT");
    }

    @Override
    public long maxLatenessNanos() {
        return 0;
    }

    @Override
    public String describe() {
        return "Eclipse Collections IntLongHashMap of deadlines + IntArrayList/LongArrayList release order";
    }
}
