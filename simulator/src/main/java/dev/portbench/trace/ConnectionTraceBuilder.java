package dev.portbench.trace;

import it.unimi.dsi.fastutil.longs.LongArrays;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects connections into a {@link ConnectionTrace}: amortized O(1) per connection into
 * growing primitive arrays (27 bytes per connection, doubled at most), destination and client names
 * interned once. {@link #build} sorts by open time (stable radix sort, O(n)) unless the rows came sorted.
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
    private int[] clientIndex = new int[1024];
    private int size;
    private boolean sorted = true;
    private final Map<String, Integer> destinationIds = new HashMap<>();
    private final List<String> destinations = new ArrayList<>();
    private final Map<String, Integer> clientIds = new HashMap<>();
    private final List<String> clients = new ArrayList<>();

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
        add(open, close, ConnectionTrace.UNNAMED_CLIENT, destination, localPort, end);
    }

    /**
     * Adds one connection of a named client: a log or capture of many clients keeps them apart
     * ({@link ConnectionTrace#client}), so two clients' flows never count against one client's ports.
     *
     * @param client the client's name (its address), non-empty, without commas, quotes or line breaks
     * @throws IllegalArgumentException naming the bad value
     */
    public void add(long open, long close, String client, String destination, int localPort, ConnectionEnd end) {
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
        int cl = clientId(client);
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
        clientIndex[size] = cl;
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
        return intern(destination, "destination", destinationIds, destinations);
    }

    private int clientId(String client) {
        return intern(client, "client", clientIds, clients);
    }

    private static int intern(String name, String what, Map<String, Integer> ids, List<String> names) {
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(what + ": empty (expected host:port or another non-empty name)");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                throw new IllegalArgumentException(what + " '" + name + "' (expected: no commas, quotes or line breaks)");
            }
        }
        int next = names.size();
        ids.put(name, next);
        names.add(name);
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
        clientIndex = Arrays.copyOf(clientIndex, n);
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
        int[] cl = Arrays.copyOf(clientIndex, size);
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
            int[] cl2 = new int[size];
            for (int i = 0; i < size; i++) {
                int j = perm[i];
                o2[i] = o[j];
                c2[i] = c[j];
                d2[i] = d[j];
                p2[i] = p[j];
                e2[i] = e[j];
                cl2[i] = cl[j];
            }
            o = o2;
            c = c2;
            d = d2;
            p = p2;
            e = e2;
            cl = cl2;
        }
        return new ConnectionTrace(source, o, c, d, p, e, destinations, cl, clients.isEmpty()
                ? List.of(ConnectionTrace.UNNAMED_CLIENT) : clients, stats);
    }
}
