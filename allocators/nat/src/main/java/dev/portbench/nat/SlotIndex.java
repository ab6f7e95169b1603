package dev.portbench.nat;

/**
 * A flat open-addressing index from a 64-bit hash to a record slot, for tables whose keys live in
 * the records themselves: the caller hashes its key, walks the candidates this index yields and
 * verifies the full key in the record. One {@code int} per cell: the slot (plus one, so that 0 is
 * an empty cell) in the low bits, the entry's displacement from its home cell in the high bits,
 * so a probe skips entries of other homes without touching their records, and deletion
 * (backward shift, no tombstones) finds every entry's home without reading its key. A
 * displacement too large for its bits is stored as the overflow code and recomputed from the
 * record's key ({@link Homes}), which at load 3/4 practically never happens.
 *
 * <p>Cells: {@code maxEntries x 4/3 + 1} (load at most 3/4), any size (the home is
 * {@code (hash >>> 32) x cells >>> 32}), so 5.3 bytes per entry at full load; linear probing; no
 * rehash, no allocation after construction. Insert, find and remove O(1) expected: at load 3/4 a
 * successful search reads 2.5 cells and an unsuccessful one 8.5 on average (Knuth, TAOCP 6.4),
 * contiguous, so one or two cache lines. Not thread-safe.
 */
final class SlotIndex {

    /** Recomputes the hash of the key held by a record slot (only for overflowed displacements). */
    interface Homes {
        long hashOfSlot(int slot);
    }

    /** {@link #candidate} of an empty cell: the key is absent. */
    static final int END = -2;
    /** {@link #candidate} of a cell whose entry has another home. */
    static final int SKIP = -1;

    private final int[] cells;
    private final int length;
    private final int slotBits;
    private final int slotMask;
    private final int overflow;
    private final int maxEntries;
    private final Homes homes;
    private int size;

    /** An index for slots {@code 0..maxSlots-1}, at most {@code maxEntries} at once. */
    SlotIndex(int maxSlots, int maxEntries, Homes homes) {
        this(maxSlots, maxEntries, homes, 0);
    }

    /** As above; {@code displacementBits} > 0 narrows the displacement field (tests force overflows so). */
    SlotIndex(int maxSlots, int maxEntries, Homes homes, int displacementBits) {
        if (maxSlots < 1 || maxSlots > (1 << 29) || maxEntries < 1 || maxEntries > maxSlots) {
            throw new IllegalArgumentException("slots: " + maxSlots + ", entries: " + maxEntries
                    + " (expected: 1 <= entries <= slots <= 2^29)");
        }
        this.slotBits = 32 - Integer.numberOfLeadingZeros(maxSlots);
        this.slotMask = (1 << slotBits) - 1;
        int bits = displacementBits > 0 ? Math.min(displacementBits, 32 - slotBits) : 32 - slotBits;
        this.overflow = (1 << bits) - 1;
        this.maxEntries = maxEntries;
        this.length = (int) Math.min(Integer.MAX_VALUE - 8, maxEntries + (long) maxEntries / 3 + 1);
        this.cells = new int[length];
        this.homes = homes;
    }

    int size() {
        return size;
    }

    /** The home cell of {@code hash}: where its probe sequence starts. */
    int home(long hash) {
        return (int) (((hash >>> 32) * length) >>> 32);
    }

    /** The cell after {@code i}, cyclically. */
    int next(int i) {
        return i + 1 == length ? 0 : i + 1;
    }

    /**
     * What cell {@code i}, {@code d} cells after the home of the key sought, offers: the slot of an
     * entry with that home (to verify), {@link #SKIP} for an entry of another home, {@link #END}
     * for an empty cell (the key is absent).
     */
    int candidate(int i, int d) {
        int cell = cells[i];
        if (cell == 0) {
            return END;
        }
        return cell >>> slotBits == Math.min(d, overflow) ? (cell & slotMask) - 1 : SKIP;
    }

    /** Adds {@code slot} under {@code hash}; the caller knows the key is not indexed yet. */
    void insert(long hash, int slot) {
        if (size == maxEntries) {
            throw new IllegalStateException("index full at " + maxEntries + " entries");
        }
        int i = home(hash);
        int d = 0;
        while (cells[i] != 0) {
            i = next(i);
            d++;
        }
        cells[i] = encode(d, slot);
        size++;
    }

    /** Removes the entry of {@code slot}, indexed under {@code hash}, by backward shift. */
    void remove(long hash, int slot) {
        int want = slot + 1;
        int i = home(hash);
        while ((cells[i] & slotMask) != want || cells[i] == 0) {
            if (cells[i] == 0) {
                throw new IllegalStateException("slot " + slot + " is not indexed under its hash");
            }
            i = next(i);
        }
        int hole = i;
        int j = next(i);
        int gap = 1;
        while (true) {
            int cell = cells[j];
            if (cell == 0) {
                break;
            }
            int d = cell >>> slotBits;
            if (d == overflow) {
                d = distance(home(homes.hashOfSlot((cell & slotMask) - 1)), j);
            }
            if (d >= gap) {
                cells[hole] = encode(d - gap, (cell & slotMask) - 1);
                hole = j;
                gap = 0;
            }
            j = next(j);
            gap++;
        }
        cells[hole] = 0;
        size--;
    }

    private int encode(int d, int slot) {
        return (Math.min(d, overflow) << slotBits) | (slot + 1);
    }

    private int distance(int from, int to) {
        int d = to - from;
        return d < 0 ? d + length : d;
    }
}
