package dev.portbench.allocator.variants;

import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.structure.FreePortPool;

import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * Free ports in an Eclipse Collections {@link IntHashSet}, handed out next-fit the way a user of
 * that library would write a sequential allocator: advance a cursor and try {@code remove} until
 * one succeeds.
 *
 * <h2>Implementation notes</h2>
 * Take is O(probes): one hash lookup per port tried, at most the range size (the search is
 * bounded, never endless), O(1) under sequential reuse where the next port is usually free.
 * Add O(1). The set is created at the range's size so it never rehashes: no allocation after
 * construction. About 8 bytes per port (open addressing at load factor 0.5).
 */
final class EclipseCollectionsFreePool implements FreePortPool {

    private final IntHashSet free;
    private final int size;
    private int cursor;
    private long probes;

    EclipseCollectionsFreePool(int size) {
        this.size = size;
        this.free = new IntHashSet(size);
    }

    @Override
    public int take(long destination) {
        for (int tries = 0; tries < size; tries++) {
            probes++;
            int offset = cursor;
            cursor = cursor + 1 == size ? 0 : cursor + 1;
            if (free.remove(offset)) {
                return offset;
            }
        }
        return -1;
    }

    @Override
    public void add(int offset) {
        free.add(offset);
    }

    @Override
    public long probes() {
        return probes;
    }

    @Override
    public PortSelection selection() {
        return PortSelection.SEQUENTIAL;
    }

    @Override
    public String describe() {
        return "Eclipse Collections IntHashSet, next-fit by probing a cursor";
    }
}
