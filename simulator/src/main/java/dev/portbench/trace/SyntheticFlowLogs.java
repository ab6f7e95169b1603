package dev.portbench.trace;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Small synthetic flow logs, one per published format, generated from one list of known
 * connections ({@link #connections()}) so that tests can check each importer against the truth:
 * three clients (10.0.1.10-12) behind a NAT gateway (interface 10.0.0.5) opening 14 TCP
 * connections to two servers on documentation addresses (198.51.100.10:443, 203.0.113.5:5432),
 * one of them reset, one denied, one reusing a 4-tuple after it closed, and one UDP flow (DNS)
 * that every importer must leave out. Nothing here was observed on a real network.
 *
 * <ul>
 *   <li>{@code synthetic-aws-vpc-v2.log}: AWS VPC Flow Logs, default version-2 format with its
 *       header, 60 s aggregation windows, both directions on the client's interface, a
 *       {@code NODATA} line and a {@code REJECT}.</li>
 *   <li>{@code synthetic-aws-vpc-v5-nat-gateway.log}: a custom version-5 format on the NAT
 *       gateway's interface: {@code dstaddr} / {@code srcaddr} are the gateway, the real ends
 *       are in {@code pkt-srcaddr} / {@code pkt-dstaddr}; {@code tcp-flags} as AWS aggregates
 *       them (SYN 2, SYN-ACK 18, FIN 1, RST 4).</li>
 *   <li>{@code synthetic-azure-vnet.json}: an Azure virtual-network flow log (version 4) with
 *       B / C (every 5 minutes) / E / D tuples, millisecond times.</li>
 *   <li>{@code synthetic-gcp-vpc.jsonl}: GCP VPC Flow Logs entries as a Cloud Storage sink writes
 *       them (one JSON entry per line), 30 s aggregation, both reporters.</li>
 * </ul>
 *
 * Byte-reproducible: no clock, no randomness, fixed line separators and key order. Regenerate the
 * committed copies in {@code traces/flowlogs/} with
 * {@code java -cp simulator/target/classes:... dev.portbench.trace.SyntheticFlowLogs traces/flowlogs}, or
 * run {@code SyntheticFlowLogsTest} with {@code -Dportbench.regenerate=true}.
 */
public final class SyntheticFlowLogs {

    /** How a known connection ended. */
    public enum End { FIN, RST, DENIED }

    /**
     * One known connection.
     *
     * @param client the client's address
     * @param clientPort its port
     * @param server the server's address
     * @param serverPort the server's port
     * @param openMillis the SYN, Unix milliseconds
     * @param closeMillis the last packet, Unix milliseconds
     * @param end how it ended
     */
    public record Connection(String client, int clientPort, String server, int serverPort, long openMillis,
                             long closeMillis, End end) {
    }

    /** 2026-01-01T00:00:00Z, in Unix milliseconds. */
    static final long T0_MILLIS = 1_767_225_600_000L;
    static final String NAT_INTERFACE = "10.0.0.5";
    static final String DNS_CLIENT = "10.0.1.10";
    static final String DNS_SERVER = "10.0.0.2";
    private static final String ACCOUNT = "123456789012";
    private static final String[] SERVERS = {"198.51.100.10", "203.0.113.5"};
    private static final int[] SERVER_PORTS = {443, 5432};

    /** The file names, in the order {@link #files()} gives them. */
    public static final List<String> FILES = List.of("synthetic-aws-vpc-v2.log", "synthetic-aws-vpc-v5-nat-gateway.log",
            "synthetic-azure-vnet.json", "synthetic-gcp-vpc.jsonl");

    private SyntheticFlowLogs() {
    }

    /** The known TCP connections, in order of open time within each client. */
    public static List<Connection> connections() {
        List<Connection> list = new ArrayList<>();
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 4; k++) {
                long open = T0_MILLIS + (c * 4 + k) * 17_000L + c * 250L;
                long duration = k == 3 ? 130_000L : 5_000L + k * 11_000L + 375L;
                End end = c == 1 && k == 2 ? End.RST : End.FIN;
                list.add(new Connection("10.0.1." + (10 + c), 40_000 + c * 1000 + k * 7, SERVERS[k % 2],
                        SERVER_PORTS[k % 2], open, open + duration, end));
            }
        }
        list.add(new Connection("10.0.1.12", 45_555, SERVERS[1], SERVER_PORTS[1], T0_MILLIS + 100_000L,
                T0_MILLIS + 103_000L, End.DENIED));
        list.add(new Connection("10.0.1.10", 40_000, SERVERS[0], SERVER_PORTS[0], T0_MILLIS + 400_000L,
                T0_MILLIS + 410_500L, End.FIN));
        return list;
    }

    /** Every sample file's bytes, by name. */
    public static Map<String, byte[]> files() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put(FILES.get(0), awsV2().getBytes(StandardCharsets.UTF_8));
        m.put(FILES.get(1), awsV5().getBytes(StandardCharsets.UTF_8));
        m.put(FILES.get(2), azure());
        m.put(FILES.get(3), gcp().getBytes(StandardCharsets.UTF_8));
        return m;
    }

    /** Writes every sample into {@code args[0]}. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "traces/flowlogs");
        Files.createDirectories(dir);
        for (Map.Entry<String, byte[]> e : files().entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
    }

    /** The 60 s windows (start ms) that {@code c} has packets in. */
    private static List<long[]> windows(Connection c, long windowMillis) {
        List<long[]> w = new ArrayList<>();
        long first = Math.floorDiv(c.openMillis(), windowMillis) * windowMillis;
        for (long s = first; s <= c.closeMillis(); s += windowMillis) {
            w.add(new long[] {Math.max(s, c.openMillis()), Math.min(s + windowMillis - 1, c.closeMillis())});
        }
        return w;
    }

    private static String awsV2() {
        StringBuilder b = new StringBuilder(String.join(" ", AwsFlowLogFormat.DEFAULT_FIELDS)).append('\n');
        String eni = "eni-0a1b2c3d4e5f60001";
        b.append(String.format(Locale.ROOT, "2 %s %s - - - - - - - %d %d - NODATA\n", ACCOUNT, eni,
                T0_MILLIS / 1000, T0_MILLIS / 1000 + 60));
        b.append(String.format(Locale.ROOT, "2 %s %s %s %s 53000 53 17 2 160 %d %d ACCEPT OK\n", ACCOUNT, eni,
                DNS_CLIENT, DNS_SERVER, T0_MILLIS / 1000 + 1, T0_MILLIS / 1000 + 1));
        for (Connection c : connections()) {
            String action = c.end() == End.DENIED ? "REJECT" : "ACCEPT";
            for (long[] w : windows(c, 60_000L)) {
                long start = Math.floorDiv(w[0], 1000);
                long end = Math.floorDiv(w[1] + 999, 1000);
                b.append(String.format(Locale.ROOT, "2 %s %s %s %s %d %d 6 %d %d %d %d %s OK\n", ACCOUNT, eni,
                        c.client(), c.server(), c.clientPort(), c.serverPort(), 10, 1200, start, end, action));
                if (c.end() != End.DENIED) {
                    b.append(String.format(Locale.ROOT, "2 %s %s %s %s %d %d 6 %d %d %d %d %s OK\n", ACCOUNT, eni,
                            c.server(), c.client(), c.serverPort(), c.clientPort(), 12, 9000, start, end, action));
                }
            }
        }
        return b.toString();
    }

    private static String awsV5() {
        String header = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end "
                + "action log-status vpc-id subnet-id instance-id tcp-flags type pkt-srcaddr pkt-dstaddr flow-direction";
        StringBuilder b = new StringBuilder(header).append('\n');
        String eni = "eni-0a1b2c3d4e5f60005";
        String tail = " vpc-0a1b2c3d subnet-0a1b2c3d - ";
        for (Connection c : connections()) {
            if (c.end() == End.DENIED) {
                continue; // a NAT gateway's interface never sees what the client's security group rejected
            }
            List<long[]> ws = windows(c, 60_000L);
            for (int i = 0; i < ws.size(); i++) {
                long[] w = ws.get(i);
                boolean first = i == 0;
                boolean last = i == ws.size() - 1;
                int endBits = last ? (c.end() == End.RST ? 4 : 1) : 0;
                int out = (first ? 2 : 0) | endBits;
                int back = (first ? 18 : 0) | (last && c.end() == End.FIN ? 1 : 0);
                long start = Math.floorDiv(w[0], 1000);
                long end = Math.floorDiv(w[1] + 999, 1000);
                b.append(String.format(Locale.ROOT, "5 %s %s %s %s %d %d 6 10 1200 %d %d ACCEPT OK%s%d IPv4 %s %s ingress\n",
                        ACCOUNT, eni, c.client(), NAT_INTERFACE, c.clientPort(), c.serverPort(), start, end, tail, out,
                        c.client(), c.server()));
                b.append(String.format(Locale.ROOT, "5 %s %s %s %s %d %d 6 12 9000 %d %d ACCEPT OK%s%d IPv4 %s %s egress\n",
                        ACCOUNT, eni, NAT_INTERFACE, c.client(), c.serverPort(), c.clientPort(), start, end, tail, back,
                        c.server(), c.client()));
            }
        }
        return b.toString();
    }

    private static byte[] azure() {
        List<String> tuples = new ArrayList<>();
        tuples.add((T0_MILLIS + 1000) + "," + DNS_CLIENT + "," + DNS_SERVER + ",53000,53,17,O,E,NX,1,80,1,80");
        for (Connection c : connections()) {
            String head = "," + c.client() + "," + c.server() + "," + c.clientPort() + "," + c.serverPort() + ",6,O,";
            if (c.end() == End.DENIED) {
                tuples.add(c.openMillis() + head + "D,NX,0,0,0,0");
                continue;
            }
            tuples.add(c.openMillis() + head + "B,NX,0,0,0,0");
            for (long t = c.openMillis() + 300_000L; t < c.closeMillis(); t += 300_000L) {
                tuples.add(t + head + "C,NX,10,1200,12,9000");
            }
            tuples.add(c.closeMillis() + head + "E,NX,10,1200,12,9000");
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n")).withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try (JsonGenerator g = new ObjectMapper().getFactory().createGenerator(bytes)) {
            g.setPrettyPrinter(pretty);
            g.writeStartObject();
            g.writeArrayFieldStart("records");
            g.writeStartObject();
            g.writeStringField("time", Instant.ofEpochMilli(T0_MILLIS + 600_000L).toString());
            g.writeNumberField("flowLogVersion", 4);
            g.writeStringField("flowLogGUID", "00000000-0000-0000-0000-000000000001");
            g.writeStringField("macAddress", "00224800AB01");
            g.writeStringField("category", "FlowLogFlowEvent");
            g.writeStringField("flowLogResourceID", "/SUBSCRIPTIONS/00000000-0000-0000-0000-000000000000/RESOURCEGROUPS/"
                    + "NETWORKWATCHERRG/PROVIDERS/MICROSOFT.NETWORK/NETWORKWATCHERS/NETWORKWATCHER_EASTUS/FLOWLOGS/SYNTHETIC");
            g.writeStringField("targetResourceID", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/"
                    + "synthetic/providers/Microsoft.Network/virtualNetworks/synthetic-vnet");
            g.writeStringField("operationName", "FlowLogFlowEvent");
            g.writeObjectFieldStart("flowRecords");
            g.writeArrayFieldStart("flows");
            g.writeStartObject();
            g.writeStringField("aclID", "00000000-0000-0000-0000-000000000002");
            g.writeArrayFieldStart("flowGroups");
            g.writeStartObject();
            g.writeStringField("rule", "DefaultRule_AllowInternetOutBound");
            g.writeArrayFieldStart("flowTuples");
            for (String t : tuples) {
                g.writeString(t);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gcp() {
        ObjectMapper mapper = new ObjectMapper();
        StringBuilder b = new StringBuilder();
        int id = 0;
        b.append(gcpEntry(mapper, id++, DNS_CLIENT, 53000, DNS_SERVER, 53, 17, T0_MILLIS + 1000, T0_MILLIS + 1000, "SRC"));
        for (Connection c : connections()) {
            if (c.end() == End.DENIED) {
                continue; // GCP logs only the flows a firewall allowed
            }
            for (long[] w : windows(c, 30_000L)) {
                b.append(gcpEntry(mapper, id++, c.client(), c.clientPort(), c.server(), c.serverPort(), 6, w[0], w[1], "SRC"));
                b.append(gcpEntry(mapper, id++, c.server(), c.serverPort(), c.client(), c.clientPort(), 6, w[0], w[1], "DEST"));
            }
        }
        return b.toString();
    }

    private static String gcpEntry(ObjectMapper mapper, int id, String src, int srcPort, String dst, int dstPort,
                                   int protocol, long startMillis, long endMillis, String reporter) {
        ObjectNode e = mapper.createObjectNode();
        e.put("insertId", String.format(Locale.ROOT, "synthetic%06d", id));
        ObjectNode p = e.putObject("jsonPayload");
        ObjectNode c = p.putObject("connection");
        c.put("src_ip", src);
        c.put("src_port", srcPort);
        c.put("dest_ip", dst);
        c.put("dest_port", dstPort);
        c.put("protocol", protocol);
        p.put("start_time", Instant.ofEpochMilli(startMillis).toString());
        p.put("end_time", Instant.ofEpochMilli(endMillis).toString());
        p.put("reporter", reporter);
        p.put("bytes_sent", "1200");
        p.put("packets_sent", "10");
        e.put("logName", "projects/synthetic-project/logs/compute.googleapis.com%2Fvpc_flows");
        e.putObject("resource").put("type", "gce_subnetwork");
        e.put("timestamp", Instant.ofEpochMilli(endMillis + 5000).toString());
        try {
            return mapper.writeValueAsString(e) + "\n";
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
