package dev.portbench.nat;

/**
 * A flat open-addressing index from a 64-bit hash to a record slot, for tables whose keys live in
 * the records themselves: the caller hashes its key, walks the candidates this index yields and
 * verifies the full key in the record. One {@code int} per cell: the slot (plus one, so that 0 is
 * an empty cell) in the low bits; above it the entry's displacement from its home cell (at most
 * {@value #DISPLACEMENT_BITS} bits), so deletion (backward shift, no tombstones) finds every entry's
 * home without reading its key; and in the bits left, a fingerprint of the hash (its low bits, which
 * the home does not use). A probe yields only entries of the same home and fingerprint, so it
 * skips entries of other keys without touching their records: at load 3/4 a lookup of an absent
 * key reads 0.75 foreign records without a fingerprint, 0.75 / 2^f with f fingerprint bits (f = 5
 * for a million slots), and each of those reads is a cache miss in a table of millions. A
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

    /** The most bits of displacement: an entry this far from home is rare at load 3/4. */
    static final int DISPLACEMENT_BITS = 5;

    private final int[] cells;
    private final int length;
    private final int slotBits;
    private final int slotMask;
    private final int overflow;
    private final int displacementBits;
    private final int fingerprintMask;
    private final int maxEntries;
    private final Homes homes;
    private int size;

    /** An index for slots {@code 0..maxSlots-1}, at most {@code maxEntries} at once. */
    SlotIndex(int maxSlots, int maxEntries, Homes homes) {
        this(maxSlots, maxEntries, homes, 0);
    }

    /** As above; {@code displacementBits} > 0 narrows the displacement field (tests force overflows so); the fingerprint takes the rest. */
    SlotIndex(int maxSlots, int maxEntries, Homes homes, int displacementBits) {
        if (maxSlots < 1 || maxSlots > (1 << 29) || maxEntries < 1 || maxEntries > maxSlots) {
            throw new IllegalArgumentException("slots: " + maxSlots + ", entries: " + maxEntries
                    + " (expected: 1 <= entries <= slots <= 2^29)");
        }
        this.slotBits = 32 - Integer.numberOfLeadingZeros(maxSlots);
        this.slotMask = (1 << slotBits) - 1;
        int spare = 32 - slotBits;
        int bits = Math.min(displacementBits > 0 ? displacementBits : DISPLACEMENT_BITS, spare);
        this.displacementBits = bits;
        this.overflow = (1 << bits) - 1;
        this.fingerprintMask = (1 << (spare - bits)) - 1;
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
     * What cell {@code i}, {@code d} cells after the home of the key sought (whose hash is
     * {@code hash}), offers: the slot of an entry with that home and fingerprint (to verify),
     * {@link #SKIP} for an entry of another home or fingerprint, {@link #END} for an empty cell
     * (the key is absent).
     */
    int candidate(int i, int d, long hash) {
        int cell = cells[i];
        if (cell == 0) {
            return END;
        }
        return cell >>> slotBits == tag(hash, d) ? (cell & slotMask) - 1 : SKIP;
    }

    /** The bits above the slot of an entry of {@code hash} displaced by {@code d}: fingerprint, then displacement. */
    private int tag(long hash, int d) {
        return (((int) hash & fingerprintMask) << displacementBits) | Math.min(d, overflow);
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
        cells[i] = (tag(hash, d) << slotBits) | (slot + 1);
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
            int d = (cell >>> slotBits) & overflow;
            if (d == overflow) {
                d = distance(home(homes.hashOfSlot((cell & slotMask) - 1)), j);
            }
            if (d >= gap) {
                cells[hole] = displaced(cell, d - gap);
                hole = j;
                gap = 0;
            }
            j = next(j);
            gap++;
        }
        cells[hole] = 0;
        size--;
    }

    /** {@code cell} moved to {@code d} cells from its home: its fingerprint and slot kept, its displacement replaced. */
    private int displaced(int cell, int d) {
        int fingerprint = (cell >>> slotBits) & ~overflow;
        return ((fingerprint | Math.min(d, overflow)) << slotBits) | (cell & slotMask);
    }

        private int distance(int from, int to) {
        int d = to - from;
        return d < 0 ? d + length : d;
    }
}
