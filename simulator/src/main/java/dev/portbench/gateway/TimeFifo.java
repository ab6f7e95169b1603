package dev.portbench.gateway;

import java.util.Arrays;

/**
 * A growable FIFO ring of (time, a, b) entries for events pushed in time order, where a heap would
 * cost O(log n): the closes of {@link GatewaySimulator} when every connection is held the same time
 * (a = the flow's slot; each close is pushed at the current time plus one constant, so the ring stays
 * sorted), and per close kind when a closed flow stops counting against its client (a) and
 * destination (b) (close time plus the kind's one timer). O(1) push and pop; 16 bytes per entry;
 * allocation only when the ring doubles. Not thread-safe.
 */
final class TimeFifo {

    private long[] times = new long[1024];
    private int[] as = new int[1024];
    private int[] bs = new int[1024];
    private int head;
    private int size;

    /** The earliest time; {@link Long#MAX_VALUE} when empty. */
    long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[head];
    }

    /** The earliest entry's first payload. */
    int peekA() {
        return as[head];
    }

    /** The earliest entry's second payload. */
    int peekB() {
        return bs[head];
    }

    /**
     * Appends an entry.
     *
     * @throws IllegalStateException if {@code time} is before the last one pushed (the ring would be out of order)
     */
    void push(long time, int a, int b) {
        if (size > 0 && time < times[(head + size - 1) & (times.length - 1)]) {
            throw new IllegalStateException("time " + time + " before the last pushed "
                    + times[(head + size - 1) & (times.length - 1)] + " (expected pushes in time order)");
        }
        if (size == times.length) {
            grow();
        }
        int i = (head + size++) & (times.length - 1);
        times[i] = time;
        as[i] = a;
        bs[i] = b;
    }

    void pop() {
        head = (head + 1) & (times.length - 1);
        size--;
    }

    private void grow() {
        int n = times.length;
        long[] t = new long[n * 2];
        int[] a = new int[n * 2];
        int[] b = new int[n * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            t[k] = times[i];
            a[k] = as[i];
            b[k] = bs[i];
        }
        times = t;
        as = a;
        bs = b;
        head = 0;
        Arrays.fill(times, size, n * 2, 0L);
    }
}
