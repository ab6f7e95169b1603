package dev.portbench.trace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds client connections from the TCP packets of a capture, per 4-tuple, in capture order.
 *
 * <ul>
 *   <li>The client is the side that sent the SYN (without ACK); only clients the {@link ClientFilter}
 *       accepts are tracked. A repeated SYN before any other packet is a retransmission; a SYN on a
 *       4-tuple that has seen more starts a new connection and ends the old one as unfinished.</li>
 *   <li>Open = the first SYN. Close = the second FIN (when the active closer's TIME-WAIT starts),
 *       ending as client-close or server-close by who sent the first FIN; or the first RST
 *       (reset). Connections still open when the capture ends are unfinished, closed at their
 *       last packet.</li>
 *   <li>Packets of connections whose SYN is not in the capture (or that belong to other clients)
 *       are counted, not tracked.</li>
 * </ul>
 *
 * <p>Memory: one entry (about 150 bytes) per connection open at once, so a capture of any length
 * streams through in memory bounded by its peak concurrency. Cost: two hash lookups per packet.
 * Not thread-safe.
 */
final class TcpConnectionTracker {

    private final ClientFilter clients;
    private final ConnectionTraceBuilder out;
    private final Map<Flow, State> open = new HashMap<>();
    long synFromOthers;
    long untracked;

    TcpConnectionTracker(ClientFilter clients, ConnectionTraceBuilder out) {
        this.clients = clients;
        this.out = out;
    }

    /** The 4-tuple, client first; IPv4 addresses are kept in the low long with a marker bit. */
    private record Flow(long c0, long c1, long s0, long s1, int ports) {
        static Flow of(byte[] client, int clientPort, byte[] server, int serverPort) {
            return new Flow(high(client), low(client), high(server), low(server), clientPort << 16 | serverPort);
        }

        private static long high(byte[] a) {
            return a.length == 4 ? 0 : bytes(a, 0);
        }

        private static long low(byte[] a) {
            return a.length == 4 ? 1L << 32 | (bytes(a, 0) >>> 32) : bytes(a, 8);
        }

        private static long bytes(byte[] a, int from) {
            long v = 0;
            int n = Math.min(8, a.length - from);
            for (int i = 0; i < n; i++) {
                v = v << 8 | (a[from + i] & 0xFF);
            }
            return v << (8 * (8 - n));
        }
    }

    private static final class State {
        final long open;
        long last;
        long clientFin = -1;
        long serverFin = -1;
        boolean onlySyn = true;
        boolean closed;
        final String client;
        final String destination;
        final int localPort;

        State(long open, String client, String destination, int localPort) {
            this.open = open;
            this.last = open;
            this.client = client;
            this.destination = destination;
            this.localPort = localPort;
        }
    }

    /** One TCP segment, seen at {@code time} nanoseconds. Addresses are 4 or 16 bytes. */
    void segment(long time, byte[] src, int srcPort, byte[] dst, int dstPort, boolean syn, boolean ack, boolean fin,
                 boolean rst) {
        Flow key = Flow.of(src, srcPort, dst, dstPort);
        State st = open.get(key);
        boolean fromClient = true;
        if (st == null) {
            Flow reverse = Flow.of(dst, dstPort, src, srcPort);
            State r = open.get(reverse);
            if (r != null) {
                st = r;
                key = reverse;
                fromClient = false;
            }
        }
        if (syn && !ack) {
            if (st != null && fromClient && !st.closed && st.onlySyn) {
                st.last = Math.max(st.last, time);
                return;
            }
            if (st != null) {
                if (!fromClient && !st.closed) {
                    st.last = Math.max(st.last, time); // simultaneous open: part of the same connection
                    return;
                }
                open.remove(key);
                if (!st.closed) {
                    finish(st, st.last, ConnectionEnd.UNFINISHED);
                }
            }
            if (!clients.matches(src)) {
                synFromOthers++;
                return;
            }
            open.put(Flow.of(src, srcPort, dst, dstPort), new State(time, host(src), destination(dst, dstPort), srcPort));
            return;
        }
        if (st == null) {
            untracked++;
            return;
        }
        if (st.closed) {
            open.remove(key); // the last ACK after both FINs
            return;
        }
        st.last = Math.max(st.last, time);
        st.onlySyn = false;
        if (rst) {
            open.remove(key);
            finish(st, st.last, ConnectionEnd.RESET);
            return;
        }
        if (fin) {
            if (fromClient && st.clientFin < 0) {
                st.clientFin = st.last;
            } else if (!fromClient && st.serverFin < 0) {
                st.serverFin = st.last;
            }
            if (st.clientFin >= 0 && st.serverFin >= 0) {
                st.closed = true;
                finish(st, Math.max(st.clientFin, st.serverFin),
                        st.clientFin <= st.serverFin ? ConnectionEnd.CLIENT_CLOSE : ConnectionEnd.SERVER_CLOSE);
            }
        }
    }

    /** The capture ended: connections still open end as unfinished at their last packet. */
    void endOfCapture() {
        for (State st : open.values()) {
            if (!st.closed) {
                finish(st, st.last, ConnectionEnd.UNFINISHED);
            }
        }
        open.clear();
    }

    /** Entries held now: connections open, and closed ones awaiting their last ACK. */
    int tracked() {
        return open.size();
    }

    private void finish(State st, long close, ConnectionEnd end) {
        out.add(st.open, Math.max(close, st.open), st.client, st.destination, st.localPort, end);
    }

    private static String destination(byte[] address, int port) {
        return host(address) + ":" + port;
    }

    /** The address as a trace names it: dotted IPv4, or IPv6 in brackets. */
    private static String host(byte[] address) {
        if (address.length == 4) {
            return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "."
                    + (address[3] & 0xFF);
        }
        try {
            return "[" + InetAddress.getByAddress(address).getHostAddress() + "]";
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + address.length + " bytes (expected 4 or 16)", e);
        }
    }
}
