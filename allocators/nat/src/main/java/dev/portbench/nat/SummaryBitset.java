package dev.portbench.nat;

/**
 * A bitset with a summary level: summary bit {@code w} is set iff word {@code w} is not zero, so
 * finding the next set bit skips 4,096 bits per summary word read. Set and clear O(1); next set
 * bit in a range O(1 + range / 4096) word reads. 1/8 + 1/512 bytes per bit. Not thread-safe.
 */
final class SummaryBitset {

    private final long[] words;
    private final long[] summary;

    SummaryBitset(int bits) {
        this.words = new long[(bits + 63) >>> 6];
        this.summary = new long[(words.length + 63) >>> 6];
    }

    boolean get(int bit) {
        return (words[bit >>> 6] & (1L << bit)) != 0;
    }

    void set(int bit) {
        int w = bit >>> 6;
        words[w] |= 1L << bit;
        summary[w >>> 6] |= 1L << w;
    }

    void clear(int bit) {
        int w = bit >>> 6;
        long word = words[w] & ~(1L << bit);
        words[w] = word;
        if (word == 0) {
            summary[w >>> 6] &= ~(1L << w);
        }
    }

    /** The lowest set bit in {@code from..to-1}, or -1. */
    int next(int from, int to) {
        if (from >= to) {
            return -1;
        }
        int w = from >>> 6;
        long word = words[w] & (-1L << from);
        if (word != 0) {
            int bit = (w << 6) + Long.numberOfTrailingZeros(word);
            return bit < to ? bit : -1;
        }
        int lastWord = (to - 1) >>> 6;
        int sw = w + 1;
        while (sw <= lastWord) {
            int s = sw >>> 6;
            long bits = summary[s] & (-1L << sw);
            if (bits != 0) {
                int found = (s << 6) + Long.numberOfTrailingZeros(bits);
                if (found > lastWord) {
                    return -1;
                }
                int bit = (found << 6) + Long.numberOfTrailingZeros(words[found]);
                return bit < to ? bit : -1;
            }
            sw = (s + 1) << 6;
        }
        return -1;
    }

    /** The first set bit in {@code start..to-1}, else in {@code from..start-1}, or -1. */
    int nextCyclic(int from, int to, int start) {
        int bit = next(start, to);
        return bit >= 0 ? bit : next(from, start);
    }
}
