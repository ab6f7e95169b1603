package dev.portbench.nat;

/**
 * A bitset whose summary level marks full words: summary bit {@code w} is set iff word {@code w}
 * has all 64 bits set, so finding the next clear bit skips 4,096 set bits per summary word read
 * (the mirror of {@link SummaryBitset}, which finds set bits). Set and clear O(1); next clear bit
 * in a range O(1 + range / 4096) word reads, so at most 18 for one address's 65,536 ports. 1/8 +
 * 1/512 bytes per bit. No allocation after construction. Not thread-safe.
 */
final class FullSummaryBitset {

    private final int bits;
    private final long[] words;
    private final long[] summary;
    private int cardinality;

    FullSummaryBitset(int bits) {
        if (bits < 1) {
            throw new IllegalArgumentException("bits: " + bits + " (expected: >= 1)");
        }
        this.bits = bits;
        this.words = new long[(bits + 63) >>> 6];
        this.summary = new long[(words.length + 63) >>> 6];
    }

    int size() {
        return bits;
    }

    /** How many bits are set. */
    int cardinality() {
        return cardinality;
    }

    boolean get(int bit) {
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    void set(int bit) {
        int w = bit >>> 6;
        long before = words[w];
        long word = before | (1L << bit);
        if (word != before) {
            words[w] = word;
            cardinality++;
            if (word == -1L) {
                summary[w >>> 6] |= 1L << w;
            }
        }
    }

    void clear(int bit) {
        int w = bit >>> 6;
        long before = words[w];
        long word = before & ~(1L << bit);
        if (word != before) {
            words[w] = word;
            cardinality--;
            summary[w >>> 6] &= ~(1L << w);
        }
    }

    /** The lowest clear bit in {@code from..to-1} ({@code 0 <= from}, {@code to <= size()}), or -1. */
    int nextClear(int from, int to) {
        if (from >= to) {
            return -1;
        }
        int w = from >>> 6;
        long word = ~words[w] & (-1L << from);
        if (word != 0) {
            int bit = (w << 6) + Long.numberOfTrailingZeros(word);
            return bit < to ? bit : -1;
        }
        int lastWord = (to - 1) >>> 6;
        int sw = w + 1;
        while (sw <= lastWord) {
            int s = sw >>> 6;
            long notFull = ~summary[s] & (-1L << sw);
            if (notFull != 0) {
                int found = (s << 6) + Long.numberOfTrailingZeros(notFull);
                if (found > lastWord) {
                    return -1;
                }
                int bit = (found << 6) + Long.numberOfTrailingZeros(~words[found]);
                return bit < to ? bit : -1;
            }
            sw = (s + 1) << 6;
        }
        return -1;
    }
}
