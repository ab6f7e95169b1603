package dev.portbench.gateway;

import java.util.Arrays;

/**
 * A growable FIFO ring of (time, payload) pairs for events pushed in time order: the closes of
 * {@link GatewaySimulator} when every connection is held the same time (each close is pushed at
 * the current time plus one constant, so the ring stays sorted). O(1) push and pop where a heap
 * costs O(log n); 12 bytes per entry; allocation only when the ring doubles. Not thread-safe.
 */
final class TimeFifo {

    private long[] times = new long[1024];
    private int[] payloads = new int[1024];
    private int head;
    private int size;

    /** The earliest time; {@link Long#MAX_VALUE} when empty. */
    long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[head];
    }

    int peekPayload() {
        return payloads[head];
    }

    /**
     * Appends an event.
     *
     * @throws IllegalStateException if {@code time} is before the last one pushed (the ring would be out of order)
     */
    void push(long time, int payload) {
        if (size > 0 && time < times[(head + size - 1) & (times.length - 1)]) {
            throw new IllegalStateException("time " + time + " before the last pushed "
                    + times[(head + size - 1) & (times.length - 1)] + " (expected pushes in time order)");
        }
        if (size == times.length) {
            grow();
        }
        int i = (head + size++) & (times.length - 1);
        times[i] = time;
        payloads[i] = payload;
    }

    void pop() {
        head = (head + 1) & (times.length - 1);
        size--;
    }

    private void grow() {
        int n = times.length;
        long[] t = new long[n * 2];
        int[] p = new int[n * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            t[k] = times[i];
            p[k] = payloads[i];
        }
        times = t;
        payloads = p;
        head = 0;
        Arrays.fill(times, size, n * 2, 0L);
    }
}
