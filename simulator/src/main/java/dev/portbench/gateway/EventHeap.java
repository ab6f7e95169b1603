package dev.portbench.gateway;

import java.util.Arrays;

/**
 * A binary min-heap of (time, payload) pairs in two primitive arrays: the pending closes and SYN
 * retransmissions of {@link GatewaySimulator}. Push and pop cost O(log n) and allocate nothing
 * except when the arrays double; 12 bytes per entry. Ties pop in no particular order.
 * Not thread-safe.
 */
final class EventHeap {

    private long[] times = new long[1024];
    private int[] payloads = new int[1024];
    private int size;

    int size() {
        return size;
    }

    /** The earliest time; {@link Long#MAX_VALUE} when empty. */
    long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    int peekPayload() {
        return payloads[0];
    }

    void push(long time, int payload) {
        if (size == times.length) {
            times = Arrays.copyOf(times, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (times[parent] <= time) {
                break;
            }
            times[i] = times[parent];
            payloads[i] = payloads[parent];
            i = parent;
        }
        times[i] = time;
        payloads[i] = payload;
    }

    /** Removes the earliest entry (call {@link #peekTime} and {@link #peekPayload} first). */
    void pop() {
        long time = times[--size];
        int payload = payloads[size];
        int i = 0;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            if (child + 1 < size && times[child + 1] < times[child]) {
                child++;
            }
            if (times[child] >= time) {
                break;
            }
            times[i] = times[child];
            payloads[i] = payloads[child];
            i = child;
        }
        times[i] = time;
        payloads[i] = payload;
    }
}
