package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.BitSet;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** {@link FullSummaryBitset} against {@link BitSet} on random sets, clears and ranges, dense and sparse. */
class FullSummaryBitsetTest {

    @Test
    void nextClearMatchesBitSetOnRandomSetsAndRanges() {
        Random r = new Random(0xF011_5E7L);
        for (int size : new int[] {1, 63, 64, 65, 4_095, 4_096, 4_097, 70_000}) {
            FullSummaryBitset bits = new FullSummaryBitset(size);
            BitSet model = new BitSet(size);
            for (int round = 0; round < 6; round++) {
                // from sparse to nearly full, then back: the summary must follow both ways
                double density = round < 3 ? 0.5 + 0.249 * round : 0.999 - 0.3 * (round - 3);
                for (int i = 0; i < size; i++) {
                    if (r.nextDouble() < density) {
                        bits.set(i);
                        model.set(i);
                    } else {
                        bits.clear(i);
                        model.clear(i);
                    }
                }
                if (round == 2) {
                    for (int i = 0; i < size; i++) {
                        bits.set(i);
                        model.set(i);
                    }
                    bits.clear(size - 1);
                    model.clear(size - 1);
                }
                assertEquals(model.cardinality(), bits.cardinality(), "cardinality");
                for (int q = 0; q < 300; q++) {
                    int from = r.nextInt(size);
                    int to = from + r.nextInt(size - from + 1);
                    int expected = model.nextClearBit(from);
                    assertEquals(expected < to ? expected : -1, bits.nextClear(from, to), size + " " + from + ".." + to);
                    int i = r.nextInt(size);
                    assertEquals(model.get(i), bits.get(i));
                }
            }
        }
    }

    @Test
    void aFullRangeHasNoClearBitAndSetTwiceCountsOnce() {
        FullSummaryBitset bits = new FullSummaryBitset(8_192);
        for (int i = 1_000; i < 7_000; i++) {
            bits.set(i);
            bits.set(i);
        }
        assertEquals(6_000, bits.cardinality());
        assertEquals(-1, bits.nextClear(1_000, 7_000));
        assertEquals(7_000, bits.nextClear(1_000, 8_192));
        assertEquals(-1, bits.nextClear(5, 5), "an empty range");
        bits.clear(6_999);
        bits.clear(6_999);
        assertEquals(5_999, bits.cardinality());
        assertEquals(6_999, bits.nextClear(1_000, 7_000));
        assertEquals(0, bits.nextClear(0, 7_000));
    }

    @Test
    void refusesAnEmptySet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FullSummaryBitset(0));
        assertEquals("bits: 0 (expected: >= 1)", e.getMessage());
    }
}
