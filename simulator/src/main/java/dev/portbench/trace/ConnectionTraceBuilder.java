package dev.portbench.trace;

import it.unimi.dsi.fastutil.longs.LongArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects connections into a {@link ConnectionTrace}: amortized O(1) per connection into
 * growing primitive arrays (23 bytes per connection, doubled at most), destination names interned
 * once. {@link #build} sorts by open time (stable radix sort, O(n)) unless the rows came sorted.
 *
 * <p>Every row is checked as it is added; a bad one is rejected with the value and what was
 * allowed, and is not added. Not thread-safe.
 */
public final class ConnectionTraceBuilder {

    private long[] opens = new long[1024];
    private long[] closes = new long[1024];
    private int[] destinationIndex = new int[1024];
    private short[] localPorts = new short[1024];
    private byte[] ends = new byte[1024];
    private int size;
    private boolean sorted = true;
    private final Map<String, Integer> destinationIds = new HashMap<>();
    private final List<String> destinations = new ArrayList<>();

    /**
     * Adds one connection.
     *
     * @param open open time, nanoseconds
     * @param close close time, nanoseconds, not before {@code open}
     * @param destination non-empty, without commas, quotes or line breaks (it is written to CSV as is)
     * @param localPort 1..65535, or {@link ConnectionTrace#NO_PORT}
     * @param end how it ended
     * @throws IllegalArgumentException naming the bad value
     */
    public void add(long open, long close, String destination, int localPort, ConnectionEnd end) {
        if (close < open) {
            throw new IllegalArgumentException("close " + close + " ns is before open " + open
                    + " ns (expected: close >= open)");
        }
        if (localPort != ConnectionTrace.NO_PORT && (localPort < 1 || localPort > 65535)) {
            throw new IllegalArgumentException("local port " + localPort + " (expected: 1..65535, or none)");
        }
        if (end == null) {
            throw new IllegalArgumentException("end: null (expected one of client-close, server-close, reset, unfinished)");
        }
        int d = destinationId(destination);
        if (size == opens.length) {
            grow();
        }
        if (size > 0 && open < opens[size - 1]) {
            sorted = false;
        }
        opens[size] = open;
        closes[size] = close;
        destinationIndex[size] = d;
        localPorts[size] = (short) (localPort == ConnectionTrace.NO_PORT ? 0 : localPort);
        ends[size] = (byte) end.ordinal();
        size++;
    }

    /** Connections added so far. */
    public int size() {
        return size;
    }

    /** The open time of the last connection added; {@link Long#MIN_VALUE} if none. */
    public long lastOpen() {
        return size == 0 ? Long.MIN_VALUE : opens[size - 1];
    }

    private int destinationId(String destination) {
        Integer id = destinationIds.get(destination);
        if (id != null) {
            return id;
        }
        if (destination == null || destination.isEmpty()) {
            throw new IllegalArgumentException("destination: empty (expected host:port or another non-empty name)");
        }
        for (int i = 0; i < destination.length(); i++) {
            char c = destination.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException("destination '" + destination
                        + "' (expected: no commas, quotes or line breaks)");
            }
        }
        int next = destinations.size();
        destinationIds.put(destination, next);
        destinations.add(destination);
        return next;
    }

    private void grow() {
        int n = opens.length * 2;
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("trace: more than " + opens.length + " connections (expected fewer)");
        }
        opens = Arrays.copyOf(opens, n);
        closes = Arrays.copyOf(closes, n);
        destinationIndex = Arrays.copyOf(destinationIndex, n);
        localPorts = Arrays.copyOf(localPorts, n);
        ends = Arrays.copyOf(ends, n);
    }

    /**
     * The trace, sorted by open time (ties keep the order they were added in).
     *
     * @param source where the connections came from
     * @param stats what the import read and skipped
     */
    public ConnectionTrace build(String source, ImportStats stats) {
        long[] o = Arrays.copyOf(opens, size);
        long[] c = Arrays.copyOf(closes, size);
        int[] d = Arrays.copyOf(destinationIndex, size);
        short[] p = Arrays.copyOf(localPorts, size);
        byte[] e = Arrays.copyOf(ends, size);
        if (!sorted) {
            int[] perm = new int[size];
            for (int i = 0; i < size; i++) {
                perm[i] = i;
            }
            LongArrays.radixSortIndirect(perm, o, true);
            long[] o2 = new long[size];
            long[] c2 = new long[size];
            int[] d2 = new int[size];
            short[] p2 = new short[size];
            byte[] e2 = new byte[size];
            for (int i = 0; i < size; i++) {
                int j = perm[i];
                o2[i] = o[j];
                c2[i] = c[j];
                d2[i] = d[j];
                p2[i] = p[j];
                e2[i] = e[j];
            }
            o = o2;
            c = c2;
            d = d2;
            p = p2;
            e = e2;
        }
        return new ConnectionTrace(source, o, c, d, p, e, destinations, stats);
    }
}
