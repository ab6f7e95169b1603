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
 * Reclaim leaves its entry in the order lists (lazy deletion); an entry counts only while the map
 * still holds its port with the same deadline, so a stale one is dropped when it reaches the head
 * (it cannot block the head: its own deadline orders it). Lazy deletion is bounded: the lists are
 * compacted in place once the consumed prefix is more than half of them, and the stale entries
 * are filtered out once they outnumber the live ones (plus {@value #COMPACT_AT}), so the lists
 * hold at most twice the live entries plus a constant, whatever the history (a client that
 * reclaims every port before it expires never reaches the head). Both are amortized O(1), and no
 * allocation happens once the lists have reached their working size (they start at twice the
 * range, which the bound keeps them within).
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
    /** Entries after {@code head} whose port was reclaimed since. */
    private int stale;

    EclipseCollectionsTimeWaitQueue(int size) {
        this.deadlineOf = new IntLongHashMap(size);
        this.order = new IntArrayList(2 * size);
        this.orderDeadlines = new LongArrayList(2 * size);
    }

    @Override
    public void add(int offset, long deadline) {
        if (stale > COMPACT_AT && stale > deadlineOf.size()) {
            dropStale();
        }
        deadlineOf.put(offset, deadline);
        order.add(offset);
        orderDeadlines.add(deadline);
    }

    @Override
    public void remove(int offset) {
        deadlineOf.remove(offset);
        stale++;
    }

    @Override
    public int expire(long now, ExpiredPortSink sink) {
        int freed = 0;
        int size = order.size();
        while (head < size && orderDeadlines.get(head) <= now) {
            int offset = order.get(head);
            long deadline = orderDeadlines.get(head);
            head++;
            if (isLive(offset, deadline)) {
                deadlineOf.remove(offset);
                sink.expired(offset);
                freed++;
            } else if (stale > 0) {
                stale--;
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

    /** Keeps only the live entries after the head, in order, at the front of the lists. O(entries). */
    private void dropStale() {
        int size = order.size();
        int kept = 0;
        for (int i = head; i < size; i++) {
            int offset = order.get(i);
            long deadline = orderDeadlines.get(i);
            if (isLive(offset, deadline)) {
                order.set(kept, offset);
                orderDeadlines.set(kept, deadline);
                kept++;
            }
        }
        for (int i = size - 1; i >= kept; i--) {
            order.removeAtIndex(i);
            orderDeadlines.removeAtIndex(i);
        }
        head = 0;
        stale = 0;
    }

    /** One lookup: deadlines are never negative, so -1 stands for a port not in the map. */
    private boolean isLive(int offset, long deadline) {
        return deadlineOf.getIfAbsent(offset, -1L) == deadline;
    }

    /** Entries in the release-order lists, live and stale, not yet consumed: for the regression test. */
    int pendingEntries() {
        return order.size() - head;
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
            if (isLive(offset, deadline)) {
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
