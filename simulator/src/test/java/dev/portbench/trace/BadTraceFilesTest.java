package dev.portbench.trace;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad files are refused whole, with a message naming the file, the line or packet, and the
 * problem: wrong format, truncated captures, times out of order, unknown columns.
 */
class BadTraceFilesTest {

    static TraceFormatException refused(byte[] bytes, String name) {
        return assertThrows(TraceFormatException.class,
                () -> TraceImport.DEFAULTS.read(new ByteArrayInputStream(bytes), name));
    }

    static TraceFormatException refused(String text, String name) {
        return refused(text.getBytes(StandardCharsets.UTF_8), name);
    }

    static void says(TraceFormatException e, String file, String where, String... words) {
        assertEquals(file, e.file(), e.getMessage());
        assertEquals(where, e.where(), e.getMessage());
        for (String w : words) {
            assertTrue(e.problem().contains(w), "'" + w + "' in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(file), e.getMessage());
    }

    @Test
    void csvAndZeekSkipBadCountsMalformedLines() throws java.io.IOException {
        TraceImport skipping = TraceImport.DEFAULTS.withSkipBad(true);
        String csv = "open,close,destination,local_port\n1,2,a:1,40000\n2,3,a:1\n3,2,a:1,40001\n4,5,a:1,x\n6,7,a:1,40002\n";
        ConnectionTrace t = skipping.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "a.csv");
        assertEquals(2, t.size());
        assertEquals(3, t.stats().malformed());
        says(refused(csv, "a.csv"), "a.csv", "line 3", "3 fields (expected 4", "--skip-bad");
        String zeek = "#separator \\x09\n#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tduration\n"
                + "1.0\t10.0.0.1\t40000\t10.0.0.2\t80\ttcp\t0.5\n"
                + "2.0\t10.0.0.1\t0\t10.0.0.2\t80\ttcp\t0.5\n"
                + "3.0\t10.0.0.1\n";
        t = skipping.read(new ByteArrayInputStream(zeek.getBytes(StandardCharsets.UTF_8)), "conn.log");
        assertEquals(1, t.size());
        assertEquals(2, t.stats().malformed());
        says(refused(zeek, "conn.log"), "conn.log", "line 4", "id.orig_p '0'");
    }

    @Test
    void csvUnknownColumn() {
        says(refused("open,close,dest\n1,2,a:1\n", "a.csv"), "a.csv", "line 1", "unknown column 'dest'", "destination");
    }

    @Test
    void csvMissingColumn() {
        says(refused("open,close\n1,2\n", "a.csv"), "a.csv", "line 1", "lacks destination");
    }

    @Test
    void csvTimesOutOfOrder() {
        says(refused("open,close,destination\n5,6,a:1\n7,8,a:1\n6,9,a:1\n", "a.csv"), "a.csv", "line 4",
                "times out of order", "'6'".replace("'", ""), "before the previous row's 7");
    }

    @Test
    void csvCloseBeforeOpen() {
        says(refused("open,close,destination\n5,4.5,a:1\n", "a.csv"), "a.csv", "line 2", "before open");
    }

    @Test
    void csvBadValues() {
        says(refused("open,close,destination\n5,x,a:1\n", "a.csv"), "a.csv", "line 2", "'x'", "decimal");
        says(refused("open,close,destination,local_port\n5,6,a:1,70000\n", "a.csv"), "a.csv", "line 2", "70000", "1..65535");
        says(refused("open,close,destination,end\n5,6,a:1,closed\n", "a.csv"), "a.csv", "line 2", "'closed'", "client-close");
        says(refused("open,close,destination\n5,6\n", "a.csv"), "a.csv", "line 2", "2 fields", "expected 3");
        says(refused("open,close,destination\n1.0000000001,6,a:1\n", "a.csv"), "a.csv", "line 2", "at most 9 digits");
    }

    @Test
    void csvEmpty() {
        says(refused("", "a.csv"), "a.csv", null, "empty");
    }

    @Test
    void wrongFormat() {
        byte[] junk = new byte[64];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 37 + 1);
        }
        says(refused(junk, "junk.bin"), "junk.bin", "byte 0", "unknown format");
        says(refused("{\"not\": \"a trace\"}\n", "x.json"), "x.json", "line 1", "unknown column");
    }

    static final String ZEEK_HEADER = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n"
            + "#path\tconn\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\tconn_state\thistory\n"
            + "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tstring\tstring\n";

    @Test
    void zeekMissingField() {
        String text = "#separator \\x09\n#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tproto\tduration\n";
        says(refused(text, "conn.log"), "conn.log", "line 2", "lacks 'id.resp_p'");
    }

    @Test
    void zeekCutShortLine() {
        String text = ZEEK_HEADER + "1.5\tC1\t10.0.0.1\t40000\t10.0.0.2\t80\ttcp\t-\t0.5\tSF\tShADadFf\n"
                + "2.5\tC2\t10.0.0.1\t40001\t10.0.0.2\n";
        says(refused(text, "conn.log"), "conn.log", "line 9", "5 fields", "expected 11", "cut short");
    }

    @Test
    void zeekNegativeDuration() {
        String text = ZEEK_HEADER + "1.5\tC1\t10.0.0.1\t40000\t10.0.0.2\t80\ttcp\t-\t-0.5\tSF\tShADadFf\n";
        says(refused(text, "conn.log"), "conn.log", "line 8", "times out of order", "duration -0.5");
    }

    @Test
    void zeekIsReadAndSortedByTs() throws IOException {
        String text = ZEEK_HEADER
                + "2.5\tC2\t10.0.0.1\t40001\t10.0.0.3\t443\ttcp\tssl\t1.25\tRSTO\tShADR\n"
                + "1.5\tC1\t10.0.0.1\t40000\t10.0.0.2\t80\ttcp\thttp\t0.5\tSF\tShADadfF\n"
                + "1.7\tC3\t10.0.0.9\t40000\t10.0.0.2\t80\ttcp\thttp\t0.5\tSF\tShADadFf\n"
                + "1.8\tC4\t10.0.0.1\t53000\t10.0.0.53\t53\tudp\tdns\t0.01\tSF\t-\n"
                + "3.0\tC5\t10.0.0.1\t40002\tfe80::1\t22\ttcp\t-\t-\tS0\tS\n"
                + "#close\t2024-01-01-00-00-00\n";
        ConnectionTrace t = TraceImport.DEFAULTS.withClients(ClientFilter.parse("10.0.0.1")).read(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "conn.log");
        assertEquals(3, t.size());
        assertEquals(1_500_000_000L, t.open(0));
        assertEquals(2_000_000_000L, t.close(0));
        assertEquals(ConnectionEnd.SERVER_CLOSE, t.end(0), "history ShADadfF: the responder's f comes first");
        assertEquals(40000, t.localPort(0));
        assertEquals(ConnectionEnd.RESET, t.end(1));
        assertEquals(3_750_000_000L, t.close(1));
        assertEquals("[fe80::1]:22", t.destinations().get(t.destination(2)));
        assertEquals(ConnectionEnd.UNFINISHED, t.end(2));
        assertEquals(t.open(2), t.close(2), "unset duration: closed when opened");
        assertEquals(1, t.stats().notOurClient());
        assertEquals(1, t.stats().notTcp());
    }

    /** A pcap of {@code packets} segments; each record is 16 + 54 bytes. */
    static byte[] pcap(int packets, boolean backwards) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CaptureWriter w = new CaptureWriter(out, CaptureWriter.Container.PCAP)) {
            for (int i = 0; i < packets; i++) {
                long t = CaptureImportTest.ms(i) - (backwards && i == packets - 1 ? 2_000_000_000L : 0);
                w.segment(t, CaptureImportTest.CLIENT, 40000 + i, CaptureImportTest.SERVER, 80, CaptureWriter.SYN, 0);
            }
        }
        return out.toByteArray();
    }

    @Test
    void truncatedPcapInsideARecord() {
        byte[] whole = pcap(10, false);
        assertEquals(24 + 10 * 70, whole.length);
        says(refused(Arrays.copyOf(whole, whole.length - 20), "cut.pcap"), "cut.pcap", "packet 10 at byte 654", "");
        says(refused(Arrays.copyOf(whole, whole.length - 60), "cut.pcap"), "cut.pcap", "packet 10 at byte 654", "truncated");
        says(refused(Arrays.copyOf(whole, 24 + 9 * 70 + 10), "cut.pcap"), "cut.pcap", "packet 10 at byte 654", "truncated");
    }

    @Test
    void pcapTimesOutOfOrder() {
        says(refused(pcap(10, true), "back.pcap"), "back.pcap", "packet 10 at byte 654", "times out of order", "1.999000 s before");
    }

    @Test
    void pcapUnsupportedLinkType() {
        byte[] b = pcap(1, false);
        b[20] = (byte) 147; // LINKTYPE_USER0: private, nothing to decode
        says(refused(b, "user0.pcap"), "user0.pcap", "byte 20", "link type 147", "Ethernet", "276 (Linux cooked v2)");
    }

    static byte[] pcapng(int packets) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (CaptureWriter w = new CaptureWriter(out, CaptureWriter.Container.PCAPNG)) {
            for (int i = 0; i < packets; i++) {
                w.segment(CaptureImportTest.ms(i), CaptureImportTest.CLIENT, 40000 + i, CaptureImportTest.SERVER, 80,
                        CaptureWriter.SYN, 0);
            }
        }
        return out.toByteArray();
    }

    @Test
    void truncatedPcapng() {
        byte[] whole = pcapng(5);
        int block = 32 + 56; // an enhanced packet block holding a 54-byte frame, padded to 56
        assertEquals(28 + 32 + 5 * block, whole.length);
        TraceFormatException e = refused(Arrays.copyOf(whole, whole.length - 7), "cut.pcapng");
        says(e, "cut.pcapng", "block 7 (after packet 4) at byte " + (60 + 4 * block), "truncated");
        e = refused(Arrays.copyOf(whole, whole.length - block + 3), "cut.pcapng");
        says(e, "cut.pcapng", "block 7 (after packet 4) at byte " + (60 + 4 * block), "truncated", "block header");
    }

    @Test
    void pcapngCorruptLength() {
        byte[] b = pcapng(3);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(60 + 88 + 4, 90);
        says(refused(b, "bad.pcapng"), "bad.pcapng", "block 4 (after packet 1) at byte 148", "block length 90",
                "multiple of 4");
    }

    @Test
    void pcapngSimplePacketBlock() {
        byte[] b = pcapng(2);
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(60 + 88, 3);
        says(refused(b, "spb.pcapng"), "spb.pcapng", "block 4 (after packet 1) at byte 148", "no timestamp");
    }

    @Test
    void missingFile() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TraceImport.DEFAULTS.read(java.nio.file.Path.of("target/no-such-trace.csv")));
        assertTrue(e.getMessage().contains("no-such-trace.csv: no such file"), e.getMessage());
    }
}
