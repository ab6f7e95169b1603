package dev.portbench.allocator.connection;

import dev.portbench.allocator.structure.Structures;

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

    /**
     * The tables' hash of a pair: SplitMix64's finalizer over the destination key and the offset
     * (a Fibonacci multiply alone leaves destinations that differ only in their high bits, as
     * neighbouring addresses do, on shifted copies of one lattice, and linear probing then builds
     * long clusters). Callers take the high bits.
     */
    static long hash(int offset, long destination) {
        return Structures.mix(destination ^ (offset * 0x9E3779B97F4A7C15L));
    }
}
