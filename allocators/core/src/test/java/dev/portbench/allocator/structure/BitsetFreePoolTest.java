package dev.portbench.allocator.structure;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.BitSet;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two-level bitset against {@link java.util.BitSet} on random operations, at sizes around word edges. */
class BitsetFreePoolTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 63, 64, 65, 127, 4095, 4096, 4097, 3976, 65_535})
    void agreesWithJavaUtilBitSet(int size) {
        long seed = 31L * size + 7;
        SplittableRandom random = new SplittableRandom(seed);
        BitsetFreePool pool = new BitsetFreePool(size);
        BitSet reference = new BitSet(size);
        int cursor = 0;
        for (int step = 0; step < 20_000; step++) {
            int o = random.nextInt(size);
            if (random.nextInt(3) > 0) {
                if (!reference.get(o)) {
                    pool.add(o);
                    reference.set(o);
                }
            } else if (!reference.isEmpty()) {
                int expected = reference.nextSetBit(cursor);
                if (expected < 0) {
                    expected = reference.nextSetBit(0);
                }
                int taken = pool.take(0);
                assertEquals(expected, taken, "next-fit from " + cursor + ", size " + size + ", seed " + seed);
                reference.clear(taken);
                cursor = taken + 1 == size ? 0 : taken + 1;
            }
            int from = random.nextInt(size);
            int next = reference.nextSetBit(from);
            assertEquals(next, pool.nextFree(from), "nextFree(" + from + "), seed " + seed);
            assertEquals(reference.get(o), pool.contains(o));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 4096, 65_535})
    void handsOutInSequentialOrderAndWraps(int size) {
        BitsetFreePool pool = new BitsetFreePool(size);
        for (int o = 0; o < size; o++) {
            pool.add(o);
        }
        for (int o = 0; o < size; o++) {
            assertEquals(o, pool.take(0));
        }
        pool.add(size / 2);
        pool.add(size - 1);
        pool.add(0);
        assertEquals(0, pool.take(0), "wrapped to the start");
        assertEquals(size / 2, pool.take(0));
        assertEquals(size - 1, pool.take(0));
        assertTrue(pool.nextFree(0) < 0);
    }
}
