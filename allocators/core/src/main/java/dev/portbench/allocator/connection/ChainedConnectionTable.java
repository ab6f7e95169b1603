package dev.portbench.allocator.connection;

import java.util.Arrays;

/**
 * A chained hash table of entries, as Linux's established hash ({@code ehash}) keeps sockets,
 * TIME-WAIT ones included: a bucket array of chain heads and one {@code next} link per entry.
 *
 * <h2>Implementation notes</h2>
 * Buckets are a power of two at least the entry capacity, so chains average under one entry.
 * Find and remove walk one chain: O(1) expected. 4 bytes per entry slot plus 4 per bucket
 * (8 to 16 bytes per slot in all); rebuilt when the entries grow, no allocation otherwise.
 */
final class ChainedConnectionTable implements ConnectionTable {

    private final ConnectionEntries entries;
    private int[] heads;
    private int[] chain;
    private int shift;

    ChainedConnectionTable(ConnectionEntries entries) {
        this.entries = entries;
        capacityChanged(entries.capacity());
    }

    private int bucket(int offset, long destination) {
        return (int) (ConnectionTable.hash(offset, destination) >>> shift);
    }

    @Override
    public int find(int offset, long destination) {
        for (int e = heads[bucket(offset, destination)]; e != ConnectionEntries.NIL; e = chain[e]) {
            if (entries.holds(e, offset, destination)) {
                return e;
            }
        }
        return ConnectionEntries.NIL;
    }

    @Override
    public void insert(int e) {
        int b = bucket(entries.offset(e), entries.destination(e));
        chain[e] = heads[b];
        heads[b] = e;
    }

    @Override
    public void remove(int e) {
        int b = bucket(entries.offset(e), entries.destination(e));
        int c = heads[b];
        if (c == e) {
            heads[b] = chain[e];
            return;
        }
        while (chain[c] != e) {
            c = chain[c];
        }
        chain[c] = chain[e];
    }

    @Override
    public void capacityChanged(int capacity) {
        int buckets = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        int[] oldChain = chain;
        int[] oldHeads = heads;
        heads = new int[buckets];
        Arrays.fill(heads, ConnectionEntries.NIL);
        chain = new int[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(buckets);
        if (oldHeads != null) {
            for (int h : oldHeads) {
                for (int e = h; e != ConnectionEntries.NIL; e = oldChain[e]) {
                    insert(e);
                }
            }
        }
    }

    @Override
    public String describe() {
        return "chained hash of 4-tuples (Linux ehash)";
    }
}
