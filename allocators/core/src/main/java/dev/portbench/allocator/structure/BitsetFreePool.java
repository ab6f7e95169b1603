package dev.portbench.allocator.structure;

import dev.portbench.allocator.PortSelection;

/**
 * Free ports as a two-level {@code long[]} bitset, handed out next-fit: the first free port at or
 * after the one following the last port handed out, wrapping at the end of the range. That is
 * the sequential order of Windows 95 and of BSD's default.
 *
 * <h2>Implementation notes</h2>
 * Level 0 holds one bit per port (set = free). Level 1 holds one bit per level-0 word (set = the
 * word has a free port), so a search reads the current word, then scans level 1 a word at a
 * time: at most {@code ceil(size / 4096)} level-1 words, 16 for the whole 1..65535 range, plus
 * one wrap-around. Take and add are therefore O(size / 4096) in the worst case and O(1) when
 * the next free port is near the cursor, as it is under sequential reuse.
 *
 * <p>Memory: {@code size / 8 + size / 512} bytes, about 0.13 byte per port. No allocation after
 * construction.
 */
final class BitsetFreePool extends FreePortPoolBase {

    private final int size;
    private final long[] words;
    private final long[] summary;
    private int cursor;

    BitsetFreePool(int size) {
        super(PortSelection.SEQUENTIAL, "two-level long[] bitset, next-fit from a cursor, word-at-a-time search");
        this.size = size;
        this.words = new long[(size + 63) >>> 6];
        this.summary = new long[(words.length + 63) >>> 6];
    }

    @Override
    public int take(long destination) {
        int offset = nextFreeWrapping(cursor);
        remove(offset);
        probes += FreePortPool.ringDistance(cursor, offset, size) + 1;
        cursor = offset + 1 == size ? 0 : offset + 1;
        return offset;
    }

    @Override
    public void add(int offset) {
        int w = offset >>> 6;
        words[w] |= 1L << offset;
        summary[w >>> 6] |= 1L << w;
    }

    /** Whether {@code offset} is free. O(1). */
    boolean contains(int offset) {
        return (words[offset >>> 6] & (1L << offset)) != 0;
    }

    /** Removes {@code offset}, which is free. O(1). */
    void remove(int offset) {
        int w = offset >>> 6;
        long word = words[w] & ~(1L << offset);
        words[w] = word;
        if (word == 0) {
            summary[w >>> 6] &= ~(1L << w);
        }
    }

    /**
     * The first free offset at or after {@code from}, wrapping past the end to 0: a linear probe.
     * The pool must not be empty.
     */
    int nextFreeWrapping(int from) {
        int offset = nextFree(from);
        return offset < 0 ? nextFree(0) : offset;
    }

    /** The first free offset at or after {@code from}, without wrapping, or -1. */
    int nextFree(int from) {
        if (from >= size) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        if (word != 0) {
            return (w << 6) + Long.numberOfTrailingZeros(word);
        }
        int next = nextNonEmptyWord(w + 1);
        return next < 0 ? -1 : (next << 6) + Long.numberOfTrailingZeros(words[next]);
    }

    private int nextNonEmptyWord(int from) {
        if (from >= words.length) {
            return -1;
        }
        int s = from >>> 6;
        long bits = summary[s] & (-1L << from);
        while (bits == 0) {
            if (++s == summary.length) {
                return -1;
            }
            bits = summary[s];
        }
        return (s << 6) + Long.numberOfTrailingZeros(bits);
    }
}
