package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortSelection;

/**
 * Free ports in a ring, handed out least-recently-used first: a port freed now is handed out
 * again only after every port freed before it. HAProxy's {@code port_range} does the same.
 *
 * <h2>Implementation notes</h2>
 * An {@code int[]} ring sized to the range: take reads the head, add writes the tail. Both O(1)
 * and branch-light; 4 bytes per port; no allocation after construction. It cannot remove a port
 * from the middle, so it serves only {@link PortSelection#LEAST_RECENTLY_USED}.
 */
final class LruRingFreePool extends FreePortPoolBase {

    private final int[] ring;
    private int head;
    private int tail;

    LruRingFreePool(int size) {
        super(PortSelection.LEAST_RECENTLY_USED, "int[] ring of free ports, least-recently-used first");
        this.ring = new int[size];
    }

    @Override
    public int take(long destination) {
        probes++;
        int offset = ring[head];
        head = head + 1 == ring.length ? 0 : head + 1;
        return offset;
    }

    @Override
    public void add(int offset) {
        ring[tail] = offset;
        tail = tail + 1 == ring.length ? 0 : tail + 1;
    }
}
