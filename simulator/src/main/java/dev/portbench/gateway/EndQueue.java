package dev.portbench.gateway;

import java.util.Arrays;

/**
 * A growable FIFO ring of (time, client, destination): when closed flows stop counting against
 * their client and destination. Entries of one close kind are pushed in time order (close time
 * plus one constant timer), so a FIFO keeps them sorted. O(1) push and pop, 16 bytes per entry,
 * allocation only when the ring doubles. Not thread-safe.
 */
final class EndQueue {

    private long[] times = new long[1024];
    private int[] clients = new int[1024];
    private int[] destinations = new int[1024];
    private int head;
    private int size;

    long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[head];
    }

    int peekClient() {
        return clients[head];
    }

    int peekDestination() {
        return destinations[head];
    }

    void push(long time, int client, int destination) {
        if (size == times.length) {
            grow();
        }
        int i = (head + size++) & (times.length - 1);
        times[i] = time;
        clients[i] = client;
        destinations[i] = destination;
    }

    void pop() {
        head = (head + 1) & (times.length - 1);
        size--;
    }

    private void grow() {
        int n = times.length;
        long[] t = new long[n * 2];
        int[] c = new int[n * 2];
        int[] d = new int[n * 2];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (n - 1);
            t[k] = times[i];
            c[k] = clients[i];
            d[k] = destinations[i];
        }
        times = t;
        clients = c;
        destinations = d;
        head = 0;
        Arrays.fill(times, size, n * 2, 0L);
    }
}
