package dev.portbench.allocator.variants;

import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.structure.FreePortPool;
import dev.portbench.allocator.structure.FreePortPoolBase;

import java.util.BitSet;

/**
 * Peer baseline: free ports in a {@link java.util.BitSet}, handed out next-fit with
 * {@code nextSetBit} from a cursor, wrapping. What a competent engineer writes with
 * {@code java.util} alone.
 *
 * <h2>Implementation notes</h2>
 * Take is O(size / 64) in the worst case (a linear scan of words; {@code BitSet} keeps no
 * summary level), O(1) when the next free port is near the cursor. Add O(1). 1/8 byte per port.
 * No allocation after construction: the set is sized to the range up front.
 */
final class JdkBitSetFreePool extends FreePortPoolBase {

    private final BitSet free;
    private final int size;
    private int cursor;


    JdkBitSetFreePool(int size) {
        super(PortSelection.SEQUENTIAL, "java.util.BitSet, next-fit with nextSetBit");
        this.size = size;
        this.free = new BitSet(size);
    }

    @Override
    public int take(long destination) {
        int offset = free.nextSetBit(cursor);
        if (offset < 0) {
            offset = free.nextSetBit(0);
        }
        free.clear(offset);
        probes += FreePortPool.ringDistance(cursor, offset, size) + 1;
        cursor = offset + 1 == size ? 0 : offset + 1;
        return offset;
    }

    @Override
    public void add(int offset) {
        free.set(offset);
    }
}
