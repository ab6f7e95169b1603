package dev.portbench.trace;

import java.util.List;

/**
 * The suite's trace form: one row per client connection, in order of open time, as primitive
 * arrays. A row holds the open and close times (nanoseconds, any origin: a capture's are Unix
 * epoch nanoseconds), the destination (an index into {@link #destinations()}, such as
 * {@code 10.0.0.7:443}), the client (an index into {@link #clients()}: a multi-client log keeps its
 * clients apart), the local port the client was seen using ({@link #NO_PORT} when the
 * source did not say) and how the connection ended ({@link ConnectionEnd}).
 *
 * <p>Memory: 27 bytes per connection plus the destination names. Immutable; safe to share.
 * Built by {@link ConnectionTraceBuilder}, which checks every row.
 */
public final class ConnectionTrace {

    /** The local port was not recorded. */
    public static final int NO_PORT = -1;
    /** The one client of a trace whose source names none (a single client's capture or log). */
    public static final String UNNAMED_CLIENT = "client";

    private final String source;
    private final long[] opens;
    private final long[] closes;
    private final int[] destinationIndex;
    private final short[] localPorts;
    private final byte[] ends;
    private final List<String> destinations;
    private final int[] clientIndex;
    private final List<String> clients;
    private final ImportStats stats;

    ConnectionTrace(String source, long[] opens, long[] closes, int[] destinationIndex, short[] localPorts,
                    byte[] ends, List<String> destinations, int[] clientIndex, List<String> clients, ImportStats stats) {
        this.source = source;
        this.opens = opens;
        this.closes = closes;
        this.destinationIndex = destinationIndex;
        this.localPorts = localPorts;
        this.ends = ends;
        this.destinations = List.copyOf(destinations);
        this.clientIndex = clientIndex;
        this.clients = List.copyOf(clients);
        this.stats = stats;
    }

    /** Where the trace came from: the file name, or the workload it was generated from. */
    public String source() {
        return source;
    }

    /** Connections in the trace. */
    public int size() {
        return opens.length;
    }

    /** When connection {@code i} opened (its SYN), nanoseconds. Non-decreasing in {@code i}. */
    public long open(int i) {
        return opens[i];
    }

    /** When connection {@code i} closed, nanoseconds; never before its open. */
    public long close(int i) {
        return closes[i];
    }

    /** Connection {@code i}'s destination, an index into {@link #destinations()}. */
    public int destination(int i) {
        return destinationIndex[i];
    }

    /** The local port connection {@code i} used, or {@link #NO_PORT}. */
    public int localPort(int i) {
        int p = localPorts[i] & 0xFFFF;
        return p == 0 ? NO_PORT : p;
    }

    /** How connection {@code i} ended. */
    public ConnectionEnd end(int i) {
        return ConnectionEnd.ofOrdinal(ends[i]);
    }

    /** Connection {@code i}'s client, an index into {@link #clients()}. */
    public int client(int i) {
        return clientIndex[i];
    }

    /**
     * Distinct clients, in order of first appearance: the addresses a multi-client log or
     * capture named, or the one {@link #UNNAMED_CLIENT} when its source names none.
     */
    public List<String> clients() {
        return clients;
    }

    /** Distinct destinations, in order of first appearance. */
    public List<String> destinations() {
        return destinations;
    }

    /** What the import read and skipped. */
    public ImportStats stats() {
        return stats;
    }

    /** The first open, or 0 for an empty trace. */
    public long start() {
        return opens.length == 0 ? 0 : opens[0];
    }

    /** The last close, or 0 for an empty trace. O(n). */
    public long end() {
        long max = opens.length == 0 ? 0 : Long.MIN_VALUE;
        for (long c : closes) {
            max = Math.max(max, c);
        }
        return max;
    }

    /** A copy in which every connection ended as {@code end}: the what-if of another closing side. O(n). */
    public ConnectionTrace withEveryEnd(ConnectionEnd end) {
        byte[] e = new byte[ends.length];
        java.util.Arrays.fill(e, (byte) end.ordinal());
        return new ConnectionTrace(source + " (every end " + end.id() + ")", opens, closes, destinationIndex, localPorts,
                e, destinations, clientIndex, clients, stats);
    }

    long[] opensArray() {
        return opens;
    }

    long[] closesArray() {
        return closes;
    }
}
