package dev.portbench.simulation;

import it.unimi.dsi.fastutil.longs.LongHeapIndirectPriorityQueue;

import java.util.Arrays;

/**
 * The connections a simulation holds open, each with the instant it closes, its port and its
 * destination index, handed back earliest close first. Two shapes behind one face: when every
 * connection is held equally long, opening order is closing order and a ring (FIFO) holds them,
 * O(1) per add and poll; otherwise an indirect binary heap over the close instants (fastutil's
 * {@link LongHeapIndirectPriorityQueue}) does, O(log n), its slots recycled. Ties close in
 * insertion order in the ring, in heap order otherwise.
 *
 * <p>Memory: 16 bytes per held connection (20 for the heap), doubling when full; no allocation
 * otherwise. Not thread-safe.
 */
final class PendingCloses {

    private static final int INITIAL = 1024;

    private final boolean fifo;
    private long[] closeAt = new long[INITIAL];
    private int[] port = new int[INITIAL];
    private int[] destination = new int[INITIAL];
    // the ring
    private int head;
    private int size;
    // the heap and its free slots
    private LongHeapIndirectPriorityQueue heap;
    private int[] freeSlots;
    private int freeSlotCount;
    private int slotsUsed;
    /** The slot {@link #poll()} took, read by {@link #port()} and {@link #destination()}. */
    private int polled = -1;

    /** {@code fifo}: every connection is held equally long (closes come in the order they were added). */
    PendingCloses(boolean fifo) {
        this.fifo = fifo;
        if (!fifo) {
            heap = new LongHeapIndirectPriorityQueue(closeAt, closeAt.length);
            freeSlots = new int[INITIAL];
        }
    }

    /** The earliest close instant, or {@link Long#MAX_VALUE} when nothing is held. */
    long nextClose() {
        if (fifo) {
            return size == 0 ? Long.MAX_VALUE : closeAt[head];
        }
        return heap.isEmpty() ? Long.MAX_VALUE : closeAt[heap.first()];
    }

    /**
     * Takes the earliest close; its instant is returned, its port and destination are then read by
     * {@link #port()} and {@link #destination()}.
     *
     * @throws IllegalStateException if nothing is held
     */
    long poll() {
        if (fifo) {
            if (size == 0) {
                throw new IllegalStateException("poll: no connection is held");
            }
            polled = head;
            head = head + 1 == closeAt.length ? 0 : head + 1;
            size--;
        } else {
            if (heap.isEmpty()) {
                throw new IllegalStateException("poll: no connection is held");
            }
            polled = heap.dequeue();
            freeSlots[freeSlotCount++] = polled;
        }
        return closeAt[polled];
    }

    /** The port of the connection {@link #poll()} took last. */
    int port() {
        return port[polled];
    }

    /** The destination index of the connection {@link #poll()} took last. */
    int destination() {
        return destination[polled];
    }

    /** Holds a connection on {@code p} to destination {@code d} until {@code at}. */
    void add(long at, int p, int d) {
        int slot;
        if (fifo) {
            if (size == closeAt.length) {
                growRing();
            }
            slot = head + size;
            if (slot >= closeAt.length) {
                slot -= closeAt.length;
            }
            size++;
        } else {
            if (freeSlotCount == 0 && slotsUsed == closeAt.length) {
                growHeap();
            }
            slot = freeSlotCount > 0 ? freeSlots[--freeSlotCount] : slotsUsed++;
        }
        closeAt[slot] = at;
        port[slot] = p;
        destination[slot] = d;
        if (!fifo) {
            heap.enqueue(slot);
        }
    }

    /** How many connections are held. */
    int size() {
        return fifo ? size : heap.size();
    }

    private void growRing() {
        int n = closeAt.length;
        long[] at = new long[2 * n];
        int[] ports = new int[2 * n];
        int[] destinations = new int[2 * n];
        for (int i = 0; i < size; i++) {
            int j = (head + i) % n;
            at[i] = closeAt[j];
            ports[i] = port[j];
            destinations[i] = destination[j];
        }
        closeAt = at;
        port = ports;
        destination = destinations;
        head = 0;
    }

    private void growHeap() {
        int n = closeAt.length;
        closeAt = Arrays.copyOf(closeAt, 2 * n);
        port = Arrays.copyOf(port, 2 * n);
        destination = Arrays.copyOf(destination, 2 * n);
        freeSlots = Arrays.copyOf(freeSlots, 2 * n);
        LongHeapIndirectPriorityQueue bigger = new LongHeapIndirectPriorityQueue(closeAt, 2 * n);
        while (!heap.isEmpty()) {
            bigger.enqueue(heap.dequeue());
        }
        heap = bigger;
    }
}
