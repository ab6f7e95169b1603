package dev.portbench.allocator.structure;

/**
 * TIME-WAIT ports in an indexed 4-ary min-heap of deadlines: the general priority queue of the
 * library, which would also take per-port timeouts (a FIFO needs one constant TIME-WAIT).
 *
 * <h2>Implementation notes</h2>
 * {@code heap} holds offsets; {@code deadline} and {@code position} are indexed by offset, so
 * reclaim finds its port's slot in O(1) and removes it exactly (indexed deletion, no
 * tombstones, nothing that grows with history). Four children per node halve the depth of a
 * binary heap and keep a node's children in one cache line of {@code heap}. With one constant
 * TIME-WAIT every new deadline is the latest, so add's sift-up stops after one comparison; each
 * expiry and each reclaim is one sift-down, O(log4 n) levels of up to four comparisons.
 * {@link #expire} costs one comparison when nothing is due. Exact: lateness 0. 16 bytes per
 * port; no allocation after construction.
 */
final class QuaternaryHeapTimeWaitQueue implements TimeWaitQueue {

    private final int[] heap;
    private final int[] position;
    private final long[] deadline;
    private int size;

    QuaternaryHeapTimeWaitQueue(int capacity) {
        this.heap = new int[capacity];
        this.position = new int[capacity];
        this.deadline = new long[capacity];
    }

    @Override
    public void add(int offset, long due) {
        deadline[offset] = due;
        siftUp(size++, offset, due);
    }

    @Override
    public void remove(int offset) {
        int i = position[offset];
        int last = heap[--size];
        if (i == size) {
            return;
        }
        long d = deadline[last];
        if (i > 0 && d < deadline[heap[(i - 1) >>> 2]]) {
            siftUp(i, last, d);
        } else {
            siftDown(i, last, d);
        }
    }

    @Override
    public int expire(long now, ExpiredPortSink sink) {
        if (size == 0 || deadline[heap[0]] > now) {
            return 0;
        }
        int freed = 0;
        do {
            int top = heap[0];
            int last = heap[--size];
            if (size > 0) {
                siftDown(0, last, deadline[last]);
            }
            sink.expired(top);
            freed++;
        } while (size > 0 && deadline[heap[0]] <= now);
        return freed;
    }

    private void siftUp(int i, int offset, long d) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            int p = heap[parent];
            if (deadline[p] <= d) {
                break;
            }
            heap[i] = p;
            position[p] = i;
            i = parent;
        }
        heap[i] = offset;
        position[offset] = i;
    }

    private void siftDown(int i, int offset, long d) {
        int n = size;
        while (true) {
            int first = (i << 2) + 1;
            if (first >= n) {
                break;
            }
            int best = first;
            long bestDeadline = deadline[heap[first]];
            int end = Math.min(first + 4, n);
            for (int c = first + 1; c < end; c++) {
                long cd = deadline[heap[c]];
                if (cd < bestDeadline) {
                    best = c;
                    bestDeadline = cd;
                }
            }
            if (bestDeadline >= d) {
                break;
            }
            int child = heap[best];
            heap[i] = child;
            position[child] = i;
            i = best;
        }
        heap[i] = offset;
        position[offset] = i;
    }

    @Override
    public long nextExpiry() {
        return deadline[heap[0]];
    }

    @Override
    public long maxLatenessNanos() {
        return 0;
    }

    @Override
    public String describe() {
        return "indexed 4-ary min-heap of deadlines (reclaim removes exactly), exact";
    }
}
