package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortSelection;

import java.util.SplittableRandom;

/**
 * Free ports as an indexed set: a dense array of the free offsets and, per offset, its position in
 * that array. A uniformly random free port is one random index: take swaps the last entry into
 * the hole, add appends, both O(1) with no probing and no false exhaustion whatever the
 * occupancy. The price is memory: 8 bytes per port (two {@code int[]}), against the bitset's
 * 0.13.
 *
 * <p>No allocation after construction ({@link SplittableRandom#nextInt(int)} allocates nothing).
 * Not thread-safe.
 */
final class IndexedSetFreePool extends FreePortPoolBase {

    private final int[] dense;
    private final int[] position;
    private final SplittableRandom random;
    private int count;

    IndexedSetFreePool(int size, long seed) {
        super(PortSelection.UNIFORM_RANDOM, "indexed set (dense int[] + position index), uniform random in O(1)");
        this.dense = new int[size];
        this.position = new int[size];
        this.random = new SplittableRandom(seed);
    }

    @Override
    public int take(long destination) {
        probes++;
        int i = random.nextInt(count);
        int offset = dense[i];
        int last = dense[--count];
        dense[i] = last;
        position[last] = i;
        return offset;
    }

    @Override
    public void add(int offset) {
        dense[count] = offset;
        position[offset] = count++;
    }
}
