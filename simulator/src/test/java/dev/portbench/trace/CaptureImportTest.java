package dev.portbench.trace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static dev.portbench.trace.CaptureWriter.ACK;
import static dev.portbench.trace.CaptureWriter.FIN;
import static dev.portbench.trace.CaptureWriter.PSH;
import static dev.portbench.trace.CaptureWriter.RST;
import static dev.portbench.trace.CaptureWriter.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A capture whose connections are known by construction (written byte by byte), read back through
 * pkts.io: every kind of end, a retransmitted SYN, a reused 4-tuple, IPv6, another client's
 * connection, a connection already open when the capture began, and non-TCP-relevant noise.
 */
class CaptureImportTest {

    static final byte[] CLIENT = {10, 0, 0, 1};
    static final byte[] OTHER_CLIENT = {10, 0, 0, 2};
    static final byte[] SERVER = {(byte) 192, 0, 2, 10};
    static final byte[] CLIENT6 = ipv6(1);
    static final byte[] SERVER6 = ipv6(0xAB);
    static final long T0 = 1_700_000_000_000_000_000L;

    /** The address 2001:db8::{@code last}, in the documentation prefix (RFC 3849). */
    static byte[] ipv6(int last) {
        byte[] a = new byte[16];
        a[0] = 0x20;
        a[1] = 0x01;
        a[2] = 0x0d;
        a[3] = (byte) 0xb8;
        a[15] = (byte) last;
        return a;
    }

    static long ms(long m) {
        return T0 + m * 1_000_000L;
    }

    /** The capture; its connections are listed in {@link #expected}. */
    static byte[] capture(CaptureWriter.Container container) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CaptureWriter w = new CaptureWriter(bytes, container)) {
            // a connection open before the capture: its packets are not tracked
            w.segment(ms(0), CLIENT, 40000, SERVER, 80, ACK | PSH, 10);
            // 1: client closes first, with a retransmitted SYN
            w.segment(ms(1), CLIENT, 40001, SERVER, 443, SYN, 0);
            w.segment(ms(2), CLIENT, 40001, SERVER, 443, SYN, 0);
            w.segment(ms(3), SERVER, 443, CLIENT, 40001, SYN | ACK, 0);
            w.segment(ms(4), CLIENT, 40001, SERVER, 443, ACK, 0);
            // 2: server closes first (interleaved with 1)
            w.segment(ms(5), CLIENT, 40002, SERVER, 443, SYN, 0);
            w.segment(ms(6), SERVER, 443, CLIENT, 40002, SYN | ACK, 0);
            w.segment(ms(7), CLIENT, 40001, SERVER, 443, ACK | PSH, 300);
            w.segment(ms(10), CLIENT, 40001, SERVER, 443, FIN | ACK, 0);
            w.segment(ms(11), SERVER, 443, CLIENT, 40001, FIN | ACK, 0); // 1 closes here
            w.segment(ms(12), CLIENT, 40001, SERVER, 443, ACK, 0);
            w.segment(ms(13), SERVER, 443, CLIENT, 40002, FIN | ACK, 0);
            w.segment(ms(14), CLIENT, 40002, SERVER, 443, FIN | ACK, 0); // 2 closes here
            // another client's connection: filtered when only CLIENT is ours
            w.segment(ms(15), OTHER_CLIENT, 50000, SERVER, 443, SYN, 0);
            w.segment(ms(16), SERVER, 443, OTHER_CLIENT, 50000, RST | ACK, 0);
            // 3: reset by the server
            w.segment(ms(20), CLIENT, 40003, SERVER, 8080, SYN, 0);
            w.segment(ms(21), SERVER, 8080, CLIENT, 40003, RST | ACK, 0);
            // 4: IPv6, client closes
            w.segment(ms(30), CLIENT6, 40004, SERVER6, 443, SYN, 0);
            w.segment(ms(31), SERVER6, 443, CLIENT6, 40004, SYN | ACK, 0);
            w.segment(ms(35), CLIENT6, 40004, SERVER6, 443, FIN | ACK, 0);
            w.segment(ms(36), SERVER6, 443, CLIENT6, 40004, FIN | ACK, 0);
            // 5: the same 4-tuple as 1 again, never finished
            w.segment(ms(40), CLIENT, 40001, SERVER, 443, SYN, 0);
            w.segment(ms(41), SERVER, 443, CLIENT, 40001, SYN | ACK, 0);
            w.segment(ms(42), CLIENT, 40001, SERVER, 443, ACK, 0);
        }
        return bytes.toByteArray();
    }

    record Expected(long open, long close, String destination, int port, ConnectionEnd end) {
    }

    static final List<Expected> EXPECTED = List.of(
            new Expected(ms(1), ms(11), "192.0.2.10:443", 40001, ConnectionEnd.CLIENT_CLOSE),
            new Expected(ms(5), ms(14), "192.0.2.10:443", 40002, ConnectionEnd.SERVER_CLOSE),
            new Expected(ms(20), ms(21), "192.0.2.10:8080", 40003, ConnectionEnd.RESET),
            new Expected(ms(30), ms(36), "[2001:db8:0:0:0:0:0:ab]:443", 40004, ConnectionEnd.CLIENT_CLOSE),
            new Expected(ms(40), ms(42), "192.0.2.10:443", 40001, ConnectionEnd.UNFINISHED));

    static ConnectionTrace read(byte[] bytes, TraceImport how) {
        try {
            return how.read(new ByteArrayInputStream(bytes), "known.cap");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @EnumSource(CaptureWriter.Container.class)
    void connectionsKnownByConstruction(CaptureWriter.Container container) {
        ConnectionTrace t = read(capture(container), TraceImport.DEFAULTS.withClients(ClientFilter.parse("10.0.0.1,2001:db8::1")));
        assertEquals(EXPECTED.size(), t.size());
        for (int i = 0; i < t.size(); i++) {
            Expected e = EXPECTED.get(i);
            String row = container + " connection " + (i + 1);
            assertEquals(e.open(), t.open(i), row);
            assertEquals(e.close(), t.close(i), row);
            assertEquals(e.destination(), t.destinations().get(t.destination(i)), row);
            assertEquals(e.port(), t.localPort(i), row);
            assertEquals(e.end(), t.end(i), row);
        }
        ImportStats s = t.stats();
        assertEquals(container == CaptureWriter.Container.PCAP ? "pcap" : "pcapng", s.format());
        assertEquals(24, s.records(), "segments written");
        assertEquals(1, s.notOurClient(), "the other client's SYN");
        assertEquals(2, s.beforeCapture(), "the packet of the connection open before the capture, and the RST to the other client");
        assertEquals(0, s.notTcp());
        assertEquals(0, s.undecodable());
    }

    @Test
    void everyClientWhenNoneIsChosen() {
        ConnectionTrace t = read(capture(CaptureWriter.Container.PCAP), TraceImport.DEFAULTS);
        assertEquals(EXPECTED.size() + 1, t.size());
        assertEquals(0, t.stats().notOurClient());
    }

    @Test
    void gzipIsReadTransparently() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(capture(CaptureWriter.Container.PCAPNG));
        }
        ConnectionTrace t = read(gz.toByteArray(), TraceImport.DEFAULTS.withClients(ClientFilter.parse("10.0.0.1,2001:db8::1")));
        assertEquals(EXPECTED.size(), t.size());
        assertEquals(ConnectionEnd.SERVER_CLOSE, t.end(1));
    }
}
