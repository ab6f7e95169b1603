package dev.portbench.trace;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns flow-log records (AWS, Azure, GCP: each a 5-tuple seen over a time window, in one
 * direction, by one reporter) into client connections, shared by {@link AwsFlowLogFormat},
 * {@link AzureFlowLogFormat} and {@link GcpFlowLogFormat}. Flow logs are aggregates, so what a
 * packet capture shows exactly is inferred here:
 *
 * <ul>
 *   <li><b>One connection per 4-tuple run.</b> Records of one TCP 4-tuple, in either direction,
 *       from either reporter and over any number of aggregation windows, merge into one
 *       connection: open = the earliest record start, close = the latest record end. So a
 *       connection is at most one aggregation window (AWS: 60 s or 600 s; Azure: the tuple
 *       times; GCP: the sampling interval) longer at each end than it was, which overestimates
 *       port use rather than hiding it. A new opening (AWS SYN, Azure {@code B}) on a 4-tuple
 *       that already ended, at or after its close, starts a new connection (port reuse).</li>
 *   <li><b>The client</b> is the side the log says opened the flow (AWS {@code tcp-flags} SYN
 *       without ACK, or the destination of a SYN-ACK; Azure: the tuple's source, which is the
 *       flow's initiator); when the log does not say, the side already known for that 4-tuple;
 *       else the side with the higher port (an ephemeral port against a service port), ties going
 *       to the source. That last rule is a guess: it is wrong for a client whose ephemeral port is
 *       below the server's port.</li>
 *   <li><b>The end:</b> a reset if the log says so (AWS RST, AWS {@code REJECT}, Azure
 *       {@code D}: a denied SYN frees its port when the client gives up); otherwise a client
 *       close, whether the log saw a close (AWS FIN, Azure {@code E}) or cannot tell at all: flow
 *       logs never say which side closed first, so the port is taken to wait in TIME-WAIT, as
 *       Zeek's {@code SF} is read ({@code --ends} replays every connection another way).</li>
 * </ul>
 *
 * <p>Memory: one entry (about 150 bytes) per distinct connection until the end of the file, since
 * a flow log is ordered by window and interface, not by connection: bounded by the trace, not by
 * the file. Cost: one or two hash lookups per record. Not thread-safe.
 */
final class FlowRecordMerger {

    /** The log says the source opened the flow. */
    static final int SOURCE_OPENED = 1;
    /** The log says the destination opened the flow. */
    static final int DESTINATION_OPENED = -1;
    /** The log does not say who opened the flow. */
    static final int UNKNOWN_OPENER = 0;

    /** The record saw no end. */
    static final int NO_END = 0;
    /** The record saw a close (FIN, Azure E). */
    static final int CLOSED = 1;
    /** The record saw a reset or a denial. */
    static final int RESET = 2;

    private record Key(String client, int clientPort, String server, int serverPort) {
    }

    private static final class Pending {
        long open;
        long close;
        int end;

        Pending(long open, long close) {
            this.open = open;
            this.close = close;
        }
    }

    private final ClientFilter clients;
    private final Map<Key, Pending> flows = new HashMap<>();
    private final Set<Key> foreign = new HashSet<>();
    private final List<Pending> done = new ArrayList<>();
    private final List<Key> doneKeys = new ArrayList<>();
    private long notOurClient;

    FlowRecordMerger(ClientFilter clients) {
        this.clients = clients;
    }

    /**
     * One TCP record of {@code src:srcPort -> dst:dstPort} over {@code [start, end]} ns; addresses canonical
     * ({@link #address}).
     *
     * @param opener {@link #SOURCE_OPENED}, {@link #DESTINATION_OPENED} or {@link #UNKNOWN_OPENER}
     * @param opening whether the record saw the opening itself (a SYN, Azure {@code B} / {@code D})
     * @param ending {@link #NO_END}, {@link #CLOSED} or {@link #RESET}
     */
    void record(String src, int srcPort, String dst, int dstPort, long start, long end, int opener, boolean opening,
                int ending) {
        Key forward = new Key(src, srcPort, dst, dstPort);
        Key reverse = new Key(dst, dstPort, src, srcPort);
        Key key;
        if (opener == SOURCE_OPENED) {
            key = forward;
        } else if (opener == DESTINATION_OPENED) {
            key = reverse;
        } else if (flows.containsKey(forward) || foreign.contains(forward)) {
            key = forward;
        } else if (flows.containsKey(reverse) || foreign.contains(reverse)) {
            key = reverse;
        } else {
            key = srcPort >= dstPort ? forward : reverse;
        }
        if (foreign.contains(key)) {
            return;
        }
        Pending p = flows.get(key);
        if (p != null && opening && p.end != NO_END && start >= p.close) {
            flows.remove(key);
            done.add(p);
            doneKeys.add(key);
            p = null;
        }
        if (p == null) {
            if (!clients.matches(key.client())) {
                notOurClient++;
                foreign.add(key);
                return;
            }
            p = new Pending(start, end);
            flows.put(key, p);
        }
        p.open = Math.min(p.open, start);
        p.close = Math.max(p.close, end);
        p.end = Math.max(p.end, ending);
    }

    /** Connections (4-tuples) opened by an address that is not one of the chosen clients. */
    long notOurClient() {
        return notOurClient;
    }

    /** Adds every connection to {@code out}, then forgets them. */
    void finish(ConnectionTraceBuilder out) {
        for (int i = 0; i < done.size(); i++) {
            add(out, doneKeys.get(i), done.get(i));
        }
        for (Map.Entry<Key, Pending> e : flows.entrySet()) {
            add(out, e.getKey(), e.getValue());
        }
        flows.clear();
        done.clear();
        doneKeys.clear();
    }

    private static void add(ConnectionTraceBuilder out, Key k, Pending p) {
        ConnectionEnd end = p.end == RESET ? ConnectionEnd.RESET : ConnectionEnd.CLIENT_CLOSE;
        String server = k.server().indexOf(':') >= 0 ? "[" + k.server() + "]" : k.server();
        String client = k.client().indexOf(':') >= 0 ? "[" + k.client() + "]" : k.client();
        out.add(p.open, p.close, client, server + ":" + k.serverPort(), k.clientPort(), end);
    }

    /** A TCP port 1..65535 in field {@code field}. */
    static int port(String s, String field) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("field " + field + ": '" + s + "' (expected a port 1..65535)");
    }

    /** A literal IPv4 / IPv6 address in field {@code field}, made canonical (so both directions' records meet). */
    static String address(String s, String field) {
        try {
            return InetAddress.getByAddress(ClientFilter.literal(s)).getHostAddress();
        } catch (IllegalArgumentException | UnknownHostException e) {
            throw new IllegalArgumentException("field " + field + ": '" + s + "' (expected a literal IPv4 or IPv6 address)");
        }
    }

    /** A whole number in field {@code field}, at least {@code min}. */
    static long number(String s, String field, long min) {
        try {
            long v = Long.parseLong(s);
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("field " + field + ": '" + s + "' (expected a whole number >= " + min + ")");
    }
}
