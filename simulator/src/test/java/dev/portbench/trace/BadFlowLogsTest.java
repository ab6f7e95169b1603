package dev.portbench.trace;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static dev.portbench.trace.BadTraceFilesTest.refused;
import static dev.portbench.trace.BadTraceFilesTest.says;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed flow logs: refused with the file, the line or record and the field named; or, with
 * skip-bad, the bad records counted in {@link ImportStats#malformed()} and the good ones kept.
 */
class BadFlowLogsTest {

    private static final String AWS_HEADER = String.join(" ", AwsFlowLogFormat.DEFAULT_FIELDS) + "\n";
    private static final String AWS_GOOD = "2 1 eni-1 10.0.1.10 198.51.100.10 40000 443 6 10 1200 100 160 ACCEPT OK\n";

    private static ConnectionTrace skipping(String text, String name) throws IOException {
        return TraceImport.DEFAULTS.withSkipBad(true)
                .read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name);
    }

    @Test
    void awsWrongFieldCount() {
        says(refused(AWS_HEADER + AWS_GOOD + "2 1 eni-1 10.0.1.10 198.51.100.10 40001 443 6\n", "a.log"), "a.log",
                "line 3", "8 fields (expected 14", "--skip-bad");
    }

    @Test
    void awsBadFieldsAreNamed() {
        says(refused(AWS_HEADER + AWS_GOOD.replace(" 40000 ", " 70000 "), "a.log"), "a.log", "line 2",
                "field srcport: '70000' (expected a port 1..65535)");
        says(refused(AWS_HEADER + AWS_GOOD.replace("198.51.100.10", "server.example"), "a.log"), "a.log", "line 2",
                "field dstaddr: 'server.example'");
        says(refused(AWS_HEADER + AWS_GOOD.replace(" 100 160 ", " 160 100 "), "a.log"), "a.log", "line 2",
                "field end: 100 is before start 160");
        says(refused(AWS_HEADER + AWS_GOOD.replace(" 6 10 ", " tcp 10 "), "a.log"), "a.log", "line 2",
                "field protocol: 'tcp'");
        String custom = "version srcaddr dstaddr srcport dstport protocol start end pkt-srcaddr tcp-flags\n";
        says(refused(custom + "5 10.0.0.5 198.51.100.10 40000 443 6 100 160 10.0.1 2\n", "c.log"), "c.log", "line 2",
                "field pkt-srcaddr: '10.0.1'");
        says(refused(custom + "5 10.0.0.5 198.51.100.10 40000 443 6 100 160 - SYN\n", "c.log"), "c.log", "line 2",
                "field tcp-flags: 'SYN'");
    }

    @Test
    void awsHeaderWithoutARequiredField() {
        says(refused("version srcaddr dstaddr srcport dstport protocol start\n", "h.log"), "h.log", "line 1",
                "header lacks the field end");
    }

    @Test
    void awsSkipBadCountsAndKeepsTheRest() throws IOException {
        ConnectionTrace t = skipping(AWS_HEADER + AWS_GOOD + "2 1 eni-1 10.0.1.10\n"
                + AWS_GOOD.replace(" 40000 ", " x ") + AWS_GOOD.replace("40000", "40001"), "a.log");
        assertEquals(2, t.size());
        assertEquals(2, t.stats().malformed());
        assertEquals(4, t.stats().records());
        assertTrue(t.stats().summary().contains("2 malformed"), t.stats().summary());
    }

    @Test
    void awsWithoutHeaderNeedsTheFormatAndReadsVersion2() throws IOException {
        ConnectionTrace t = TraceImport.DEFAULTS.withFormat(TraceFormat.AWS_VPC)
                .read(new ByteArrayInputStream(AWS_GOOD.getBytes(StandardCharsets.UTF_8)), "cw.log");
        assertEquals(1, t.size());
        assertEquals("198.51.100.10:443", t.destinations().get(t.destination(0)));
        assertEquals(40000, t.localPort(0));
        assertEquals(100_000_000_000L, t.open(0));
        assertEquals(160_000_000_000L, t.close(0));
    }

    private static String azure(String tuple) {
        return "{\"records\":[{\"time\":\"x\",\"flowRecords\":{\"flows\":[{\"aclID\":\"a\",\"flowGroups\":[{\"rule\":\"r\","
                + "\"flowTuples\":[\"1000,10.0.1.10,198.51.100.10,40000,443,6,O,B,NX,0,0,0,0\",\n" + tuple + "]}]}]}}]}";
    }

    @Test
    void azureBadTupleNamesRecordTupleLineAndField() {
        says(refused(azure("\"2000,10.0.1.10,198.51.100.10,40000,443,6,O,Q,NX,0,0,0,0\""), "z.json"), "z.json",
                "record 0 flowRecords.flows[0].flowGroups[0].flowTuples[1], line 2", "field flow state: 'Q'");
        says(refused(azure("\"2000,10.0.1.10,198.51.100.10,0,443,6,O,E,NX,0,0,0,0\""), "z.json"), "z.json",
                "record 0 flowRecords.flows[0].flowGroups[0].flowTuples[1], line 2", "field source port: '0'");
        says(refused(azure("\"2000,10.0.1.10,198.51.100.10\""), "z.json"), "z.json",
                "record 0 flowRecords.flows[0].flowGroups[0].flowTuples[1], line 2", "has 3 fields (expected at least 8");
        says(refused(azure("17"), "z.json"), "z.json",
                "record 0 flowRecords.flows[0].flowGroups[0].flowTuples[1], line 2", "(expected a string)");
    }

    @Test
    void azureBrokenJsonAndMissingRecords() {
        TraceFormatException e = refused(azure("\"2000,10.0.1.10,198.51.100.10,40000,443,6,O,E,NX,1,1,1,1\"").replace("]}]}]}}]}", "]}]"), "z.json");
        assertEquals("z.json", e.file());
        assertTrue(e.problem().startsWith("not JSON"), e.getMessage());
        TraceImport forced = TraceImport.DEFAULTS.withFormat(TraceFormat.AZURE_VNET);
        TraceFormatException none = assertThrows(TraceFormatException.class, () -> forced.read(
                new ByteArrayInputStream("{\"value\":[]}".getBytes(StandardCharsets.UTF_8)), "n.json"));
        assertTrue(none.problem().contains("no \"records\" array"), none.getMessage());
    }

    @Test
    void azureSkipBad() throws IOException {
        ConnectionTrace t = skipping(azure("\"2000,10.0.1.10,198.51.100.10,40000,443,6,O,E,NX,1,1,1,1\", \"bad\", 5"),
                "z.json");
        assertEquals(1, t.size());
        assertEquals(2, t.stats().malformed());
        assertEquals(1_000_000_000L, t.open(0));
        assertEquals(2_000_000_000L, t.close(0));
    }

    private static String gcp(String connection, String start, String end) {
        return "{\"jsonPayload\":{\"connection\":" + connection + ",\"start_time\":\"" + start + "\",\"end_time\":\""
                + end + "\"}}\n";
    }

    private static final String GCP_CONNECTION =
            "{\"src_ip\":\"10.0.1.10\",\"src_port\":40000,\"dest_ip\":\"198.51.100.10\",\"dest_port\":443,\"protocol\":6}";

    @Test
    void gcpBadEntriesNameEntryLineAndField() {
        String good = gcp(GCP_CONNECTION, "2026-01-01T00:00:00Z", "2026-01-01T00:00:05Z");
        says(refused(good + gcp(GCP_CONNECTION, "yesterday", "2026-01-01T00:00:05Z"), "g.jsonl"), "g.jsonl",
                "entry 1, line 2", "field jsonPayload.start_time: 'yesterday'");
        says(refused(good + gcp(GCP_CONNECTION.replace("40000", "-1"), "2026-01-01T00:00:00Z", "2026-01-01T00:00:05Z"),
                "g.jsonl"), "g.jsonl", "entry 1, line 2", "field jsonPayload.connection.src_port: '-1'");
        says(refused(good + "{\"jsonPayload\":{\"rule\":1}}\n", "g.jsonl"), "g.jsonl", "entry 1, line 2",
                "field jsonPayload.connection: missing");
        says(refused(good + gcp(GCP_CONNECTION, "2026-01-01T00:00:05Z", "2026-01-01T00:00:00Z"), "g.jsonl"), "g.jsonl",
                "entry 1, line 2", "is before start_time");
        TraceFormatException e = refused(good + "{\"jsonPayload\": {", "g.jsonl");
        assertTrue(e.problem().startsWith("not JSON"), e.getMessage());
    }

    @Test
    void gcpArrayFormAndSkipBad() throws IOException {
        String good = gcp(GCP_CONNECTION, "2026-01-01T00:00:00Z", "2026-01-01T00:00:05Z");
        String reverse = gcp("{\"src_ip\":\"198.51.100.10\",\"src_port\":443,\"dest_ip\":\"10.0.1.10\",\"dest_port\":40000,"
                + "\"protocol\":6}", "2026-01-01T00:00:01Z", "2026-01-01T00:00:07.5Z");
        ConnectionTrace t = skipping("[" + good + "," + reverse + ", 3]", "g.json");
        assertEquals(1, t.size(), "both directions of one 4-tuple merge");
        assertEquals(1, t.stats().malformed());
        assertEquals("gcp-vpc", t.stats().format());
        assertEquals(40000, t.localPort(0));
        assertEquals(7_500_000_000L, t.close(0) - t.open(0));
    }

    @Test
    void unknownFormatIdIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TraceFormat.fromId("netflow"));
        assertTrue(e.getMessage().contains("'netflow'") && e.getMessage().contains("aws-vpc"), e.getMessage());
    }
}
