package dev.portbench.trace;

import dev.portbench.trace.SyntheticFlowLogs.Connection;
import dev.portbench.trace.SyntheticFlowLogs.End;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed synthetic flow logs (traces/flowlogs) are the generator's bytes, and each
 * importer rebuilds the generator's known connections from them, as far as its format can tell:
 * the expected rows below follow the inference rules of {@link FlowRecordMerger}, not the
 * importer's output.
 */
class SyntheticFlowLogsTest {

    static final Path DIR = Path.of("..", "traces", "flowlogs");

    @Test
    void committedSamplesAreTheGeneratorsBytes() throws IOException {
        boolean regenerate = Boolean.getBoolean("portbench.regenerate");
        for (Map.Entry<String, byte[]> e : SyntheticFlowLogs.files().entrySet()) {
            Path file = DIR.resolve(e.getKey());
            if (regenerate) {
                Files.write(file, e.getValue());
            }
            assertArrayEquals(e.getValue(), Files.readAllBytes(file), e.getKey()
                    + " differs from SyntheticFlowLogs (regenerate with -Dportbench.regenerate=true)");
        }
        assertArrayEquals(SyntheticFlowLogs.files().get(SyntheticFlowLogs.FILES.get(2)),
                SyntheticFlowLogs.files().get(SyntheticFlowLogs.FILES.get(2)), "generated twice, the same bytes");
    }

    /** What a format can tell of the truth. */
    private record Rules(boolean seesDenied, boolean seesReset, boolean splitsReuse, long roundMillis) {
    }

    private static List<String> expected(Rules r) {
        Map<String, long[]> merged = new LinkedHashMap<>();
        Map<String, ConnectionEnd> ends = new LinkedHashMap<>();
        int reuse = 0;
        for (Connection c : SyntheticFlowLogs.connections()) {
            if (c.end() == End.DENIED && !r.seesDenied()) {
                continue;
            }
            String key = c.server() + ":" + c.serverPort() + " " + c.clientPort();
            long open = Math.floorDiv(c.openMillis(), r.roundMillis()) * r.roundMillis() * 1_000_000L;
            long close = c.end() == End.DENIED && r.roundMillis() == 1 ? open
                    : Math.floorDiv(c.closeMillis() + r.roundMillis() - 1, r.roundMillis()) * r.roundMillis() * 1_000_000L;
            ConnectionEnd end = c.end() == End.DENIED || c.end() == End.RST && r.seesReset() ? ConnectionEnd.RESET
                    : ConnectionEnd.CLIENT_CLOSE;
            if (merged.containsKey(key) && r.splitsReuse()) {
                key = key + " #" + ++reuse;
            }
            long[] seen = merged.get(key);
            if (seen == null) {
                merged.put(key, new long[] {open, close});
            } else {
                seen[0] = Math.min(seen[0], open);
                seen[1] = Math.max(seen[1], close);
            }
            ends.merge(key, end, (a, b) -> a == ConnectionEnd.RESET || b == ConnectionEnd.RESET ? ConnectionEnd.RESET : a);
        }
        List<String> rows = new ArrayList<>();
        merged.forEach((k, t) -> rows.add(k.replaceAll(" #\\d+", "") + " " + ends.get(k).id() + " " + t[0] + " " + t[1]));
        rows.sort(null);
        return rows;
    }

    private static List<String> rows(ConnectionTrace t) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            rows.add(t.destinations().get(t.destination(i)) + " " + t.localPort(i) + " " + t.end(i).id() + " " + t.open(i)
                    + " " + t.close(i));
        }
        rows.sort(null);
        return rows;
    }

    private static ConnectionTrace read(int file) {
        return TraceImport.DEFAULTS.read(DIR.resolve(SyntheticFlowLogs.FILES.get(file)));
    }

    /**
     * Each committed sample rebuilds the connections its format's rules allow, and counts what it
     * leaves out: the DNS flow (not TCP; a NAT gateway's interface never sees it) and AWS's NODATA line.
     */
    @ParameterizedTest(name = "{1} ({0}): {9}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | aws-vpc    | true  | false | false | 1000 | 13 | 1 | 1 | version 2, no tcp-flags: a reset is not seen and the reused 4-tuple merges; times rounded out to whole seconds
            1 | aws-vpc    | false | true  | true  | 1000 | 13 | 0 | 0 | version 5 on the NAT gateway: tcp-flags, no denied flows
            2 | azure-vnet | true  | false | true  | 1    | 14 | 1 | 0 | virtual-network flow log
            3 | gcp-vpc    | false | false | false | 1    | 12 | 1 | 0 | VPC flow log
            """)
    void eachFormatRebuildsWhatItCanTell(int file, String format, boolean seesDenied, boolean seesReset,
                                         boolean splitsReuse, long roundMillis, int connections, long notTcp,
                                         long undecodable, String why) {
        ConnectionTrace t = read(file);
        assertEquals(format, t.stats().format());
        assertEquals(expected(new Rules(seesDenied, seesReset, splitsReuse, roundMillis)), rows(t), why);
        assertEquals(connections, t.size());
        assertEquals(notTcp, t.stats().notTcp(), "the DNS flow");
        assertEquals(undecodable, t.stats().undecodable(), "the NODATA line");
        assertEquals(0, t.stats().malformed());
    }

    @Test
    void awsVersion5OnTheNatGatewayUsesPacketAddresses() {
        for (String d : read(1).destinations()) {
            assertEquals(false, d.startsWith(SyntheticFlowLogs.NAT_INTERFACE), d + ": the gateway, not pkt-dstaddr");
        }
    }

    @Test
    void clientFilterKeepsOneClientsConnections() {
        for (int file = 0; file < SyntheticFlowLogs.FILES.size(); file++) {
            ConnectionTrace t = TraceImport.DEFAULTS.withClients(ClientFilter.parse("10.0.1.11"))
                    .read(DIR.resolve(SyntheticFlowLogs.FILES.get(file)));
            assertEquals(4, t.size(), SyntheticFlowLogs.FILES.get(file));
            for (int i = 0; i < t.size(); i++) {
                assertEquals(41, t.localPort(i) / 1000, "a port of 10.0.1.11 (41000-41021)");
            }
            boolean seesDenied = file == 0 || file == 2;
            long others = SyntheticFlowLogs.connections().stream()
                    .filter(c -> !c.client().equals("10.0.1.11") && (seesDenied || c.end() != End.DENIED))
                    .map(c -> c.client() + ":" + c.clientPort() + ">" + c.server() + ":" + c.serverPort()).distinct().count();
            assertEquals(others, t.stats().notOurClient(), "4-tuples of other clients in " + SyntheticFlowLogs.FILES.get(file));
        }
    }

    @Test
    void aMultiClientLogKeepsItsClientsApart() {
        for (int file = 0; file < SyntheticFlowLogs.FILES.size(); file++) {
            ConnectionTrace t = read(file);
            java.util.Map<String, String> clientOfPort = new java.util.HashMap<>();
            for (SyntheticFlowLogs.Connection c : SyntheticFlowLogs.connections()) {
                clientOfPort.put(c.clientPort() + ">" + c.server() + ":" + c.serverPort(), c.client());
            }
            java.util.Set<String> seen = new java.util.TreeSet<>();
            for (int i = 0; i < t.size(); i++) {
                String client = t.clients().get(t.client(i));
                assertEquals(clientOfPort.get(t.localPort(i) + ">" + t.destinations().get(t.destination(i))), client,
                        "connection " + i + " of " + SyntheticFlowLogs.FILES.get(file) + " keeps the client that opened it");
                seen.add(client);
            }
            assertEquals(new java.util.TreeSet<>(t.clients()), seen, "every named client has a connection");
            assertTrue(t.clients().size() > 1, "the samples hold several clients: " + t.clients());
        }
    }
}
