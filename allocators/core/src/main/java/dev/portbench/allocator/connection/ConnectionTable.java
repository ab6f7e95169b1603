package dev.portbench.allocator.connection;

/**
 * Finds the entry of a (port offset, destination) pair: the 4-tuple lookup of a
 * {@link ComposedConnectionAllocator}. Keys are read from the shared {@link ConnectionEntries};
 * the owner calls these only with valid arguments: {@link #insert} with an entry not in the
 * table whose pair is not in it either, {@link #remove} with an entry in it.
 */
interface ConnectionTable {

    /** The entry of (offset, destination), or {@link ConnectionEntries#NIL}. */
    int find(int offset, long destination);

    /** Adds entry {@code e}, whose key is already in the entry arrays. */
    void insert(int e);

    /** Removes entry {@code e}. */
    void remove(int e);

    /** The entry arrays grew to {@code capacity} ids (the table may grow with them). */
    void capacityChanged(int capacity);

    /** The structure and its cost. */
    String describe();

    /** The table's hash of a pair: Fibonacci hashing of the destination key mixed with the offset. */
    static long hash(int offset, long destination) {
        long h = (destination + offset * 0x9E3779B97F4A7C15L) * 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }
}
