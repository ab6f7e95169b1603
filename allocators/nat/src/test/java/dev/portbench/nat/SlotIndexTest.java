package dev.portbench.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SlotIndex} against a {@link HashMap} on random inserts and removes at full load, with the
 * keys held outside the index as the allocator's records hold them; a narrow displacement field
 * forces overflowed displacements, which deletion must recompute from the keys.
 */
class SlotIndexTest {

    private static final int SLOTS = 2_000;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void agreesWithAMapAtFullLoad(int displacementBits) {
        long[] keys = new long[SLOTS];
        SlotIndex index = new SlotIndex(SLOTS, SLOTS, slot -> hash(keys[slot]), displacementBits);
        Map<Long, Integer> model = new HashMap<>();
        int[] freeSlots = new int[SLOTS];
        int free = SLOTS;
        for (int i = 0; i < SLOTS; i++) {
            freeSlots[i] = i;
        }
        Random r = new Random(42 + displacementBits);
        for (int step = 0; step < 50_000; step++) {
            long key = r.nextInt(3 * SLOTS);
            Integer slot = model.get(key);
            if (slot == null && free > 0 && r.nextInt(4) != 0) {
                int s = freeSlots[--free];
                keys[s] = key;
                index.insert(hash(key), s);
                model.put(key, s);
            } else if (slot != null && r.nextInt(3) != 0) {
                index.remove(hash(key), slot);
                model.remove(key);
                freeSlots[free++] = slot;
            }
            Integer now = model.get(key);
            assertEquals(now == null ? -1 : now, find(index, keys, key), "step " + step + " key " + key);
            assertEquals(model.size(), index.size());
        }
        for (Map.Entry<Long, Integer> e : model.entrySet()) {
            assertEquals(e.getValue(), find(index, keys, e.getKey()));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7})
    void refusesMoreThanItsEntriesAndUnknownSlots(int entries) {
        SlotIndex index = new SlotIndex(8, entries, slot -> slot);
        for (int s = 0; s < entries; s++) {
            index.insert(s, s);
        }
        assertThrows(IllegalStateException.class, () -> index.insert(99, 7));
        assertThrows(IllegalStateException.class, () -> new SlotIndex(8, entries, slot -> slot).remove(3, 3));
        assertThrows(IllegalArgumentException.class, () -> new SlotIndex(4, 5, slot -> slot));
    }

    /**
     * The fingerprint keeps a probe off foreign records: looking up absent keys at load 3/4 would
     * verify about 0.75 records per lookup on the home alone; with 2^17 slots the fingerprint has
     * 32 - 18 - 5 = 9 bits, so about 0.75 / 512.
     */
    @Test
    void aProbeForAnAbsentKeyRarelyYieldsARecord() {
        int slots = 1 << 17;
        int entries = slots * 3 / 4;
        long[] keys = new long[slots];
        SlotIndex index = new SlotIndex(slots, entries, slot -> mixed(keys[slot]));
        for (int s = 0; s < entries; s++) {
            keys[s] = s;
            index.insert(mixed(s), s);
        }
        int yielded = 0;
        int lookups = 100_000;
        for (long key = entries; key < entries + lookups; key++) {
            long h = mixed(key);
            for (int i = index.home(h), d = 0; ; i = index.next(i), d++) {
                int c = index.candidate(i, d, h);
                if (c == SlotIndex.END) {
                    break;
                }
                if (c >= 0) {
                    assertNotEquals(key, keys[c]);
                    yielded++;
                }
            }
        }
        assertTrue(yielded < lookups / 100, yielded + " foreign records yielded in " + lookups + " lookups");
    }

    private static long mixed(long key) {
        long z = (key + 1) * 0x9E37_79B9_7F4A_7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }

    /** A deliberately poor hash (few distinct homes), so clusters are long and overflows happen. */
    private static long hash(long key) {
        return (key % 97) * 0x9E37_79B9_7F4A_7C15L;
    }

    private static int find(SlotIndex index, long[] keys, long key) {
        long h = hash(key);
        for (int i = index.home(h), d = 0; ; i = index.next(i), d++) {
            int c = index.candidate(i, d, h);
            if (c == SlotIndex.END) {
                return -1;
            }
            if (c >= 0 && keys[c] == key) {
                return c;
            }
        }
    }
}
