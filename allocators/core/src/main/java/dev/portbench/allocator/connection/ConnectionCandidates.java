package dev.portbench.allocator.connection;

/** What a {@link PortSearch} asks its owner about a candidate port offset; implemented by the owner. */
interface ConnectionCandidates {

    /** Whether a connect to {@code destination} may take {@code offset} now (reusing a TIME-WAIT entry if allowed). */
    boolean connectable(int offset, long destination);

    /** Whether the tcp_tw_reuse mode lets a connect to {@code destination} take over its TIME-WAIT entries. */
    boolean reuseAllowed(long destination);

    /** Whether {@code offset} has no entry at all, as a bind needs. */
    boolean bindable(int offset);
}
