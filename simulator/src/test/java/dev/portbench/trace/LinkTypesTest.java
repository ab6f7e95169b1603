package dev.portbench.trace;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What modern captures hold: Linux cooked v2, raw IPv4 / IPv6, BSD loopback, Ethernet with VLAN
 * tags and FCS, Linux BIG TCP (IPv4 total length 0, IPv6 jumbograms, frames over 64 KB), in pcap
 * and pcapng; any other link type refused naming it. Frames are built here byte by byte from the
 * published header layouts (tcpdump.org link-layer header types, RFC 791, RFC 8200, RFC 2675).
 */
class LinkTypesTest {

    private static final byte[] CLIENT4 = {10, 0, 0, 5};
    private static final byte[] SERVER4 = {(byte) 192, 0, 2, 1};
    private static final byte[] CLIENT6 = CaptureImportTest.ipv6(0x05);
    private static final byte[] SERVER6 = CaptureImportTest.ipv6(0x01);

    /** How the IP packet of a segment is made. */
    private enum Ip { V4, V4_TOTAL_LENGTH_0, V6, V6_JUMBOGRAM }

    /** An IP packet holding a TCP header with {@code flags} and {@code payload} zero bytes. */
    private static byte[] ip(Ip kind, boolean fromClient, int flags, int payload) {
        boolean v6 = kind == Ip.V6 || kind == Ip.V6_JUMBOGRAM;
        int hbh = kind == Ip.V6_JUMBOGRAM ? 8 : 0;
        int header = v6 ? 40 + hbh : 20;
        ByteBuffer b = ByteBuffer.allocate(header + 20 + payload);
        byte[] src = v6 ? (fromClient ? CLIENT6 : SERVER6) : fromClient ? CLIENT4 : SERVER4;
        byte[] dst = v6 ? (fromClient ? SERVER6 : CLIENT6) : fromClient ? SERVER4 : CLIENT4;
        if (v6) {
            b.putInt(0x60000000).putShort((short) (hbh > 0 ? 0 : 20 + payload)).put((byte) (hbh > 0 ? 0 : 6)).put((byte) 64)
                    .put(src).put(dst);
            if (hbh > 0) { // hop-by-hop: next header TCP, length 0 (8 bytes), jumbo payload option 0xC2 of 4 bytes
                b.put((byte) 6).put((byte) 0).put((byte) 0xC2).put((byte) 4).putInt(hbh + 20 + payload);
            }
        } else {
            int total = kind == Ip.V4_TOTAL_LENGTH_0 ? 0 : 20 + 20 + payload;
            b.put((byte) 0x45).put((byte) 0).putShort((short) total).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        }
        b.putShort((short) (fromClient ? 40001 : 443)).putShort((short) (fromClient ? 443 : 40001)).putInt(1).putInt(1)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65535).putInt(0);
        return b.array();
    }

    /** Wraps an IP packet in the link header of {@code linkType}; {@code fcs} trailing bytes of FCS. */
    private static byte[] frame(int linkType, byte[] ip, int fcs, boolean bigEndianLoopback) {
        boolean v6 = (ip[0] & 0xF0) == 0x60;
        int etherType = v6 ? 0x86DD : 0x0800;
        ByteBuffer b;
        switch (linkType) {
            case PacketDecoder.ETHERNET -> {
                b = ByteBuffer.allocate(18 + ip.length + fcs);
                b.putInt(0x02000000).putShort((short) 1).putInt(0x02000000).putShort((short) 2)
                        .putShort((short) 0x8100).putShort((short) 7).putShort((short) etherType); // one 802.1Q tag
            }
            case PacketDecoder.LINUX_SLL -> {
                b = ByteBuffer.allocate(16 + ip.length + fcs);
                b.putShort((short) 4).putShort((short) 1).putShort((short) 6).putLong(0x0200000000010000L)
                        .putShort((short) etherType);
            }
            case PacketDecoder.LINUX_SLL2 -> {
                b = ByteBuffer.allocate(20 + ip.length + fcs);
                b.putShort((short) etherType).putShort((short) 0).putInt(3).putShort((short) 1).put((byte) 4).put((byte) 6)
                        .putLong(0x0200000000010000L);
            }
            case PacketDecoder.NULL -> {
                b = ByteBuffer.allocate(4 + ip.length + fcs).order(bigEndianLoopback ? ByteOrder.BIG_ENDIAN
                        : ByteOrder.LITTLE_ENDIAN);
                b.putInt(v6 ? (bigEndianLoopback ? 24 : 30) : 2); // AF_INET6: OpenBSD 24, macOS 30
            }
            default -> b = ByteBuffer.allocate(ip.length + fcs);
        }
        b.put(ip);
        return b.array();
    }

    /** A whole connection: handshake, {@code dataBytes} from the server in one frame, client FIN first. */
    private static List<byte[]> connection(int linkType, Ip kind, int dataBytes, int fcs, boolean bigEndianLoopback) {
        List<byte[]> frames = new ArrayList<>();
        frames.add(frame(linkType, ip(kind, true, CaptureWriter.SYN, 0), fcs, bigEndianLoopback));
        frames.add(frame(linkType, ip(kind, false, CaptureWriter.SYN | CaptureWriter.ACK, 0), fcs, bigEndianLoopback));
        frames.add(frame(linkType, ip(kind, false, CaptureWriter.ACK, dataBytes), fcs, bigEndianLoopback));
        frames.add(frame(linkType, ip(kind, true, CaptureWriter.FIN | CaptureWriter.ACK, 0), fcs, bigEndianLoopback));
        frames.add(frame(linkType, ip(kind, false, CaptureWriter.FIN | CaptureWriter.ACK, 0), fcs, bigEndianLoopback));
        frames.add(frame(linkType, ip(kind, true, CaptureWriter.ACK, 0), fcs, bigEndianLoopback));
        return frames;
    }

    private static byte[] pcap(int linkTypeWord, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xA1B2C3D4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(262_144).putInt(linkTypeWord);
        out.writeBytes(h.array());
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt(1_700_000_000).putInt(i * 1000).putInt(f.length).putInt(f.length);
            out.writeBytes(r.array());
            out.writeBytes(f);
        }
        return out.toByteArray();
    }

    private static byte[] pcapng(int linkType, int fcsBytes, List<byte[]> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer shb = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
        shb.putInt(PcapngFormat.SECTION_HEADER).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                .putLong(-1).putInt(28);
        out.writeBytes(shb.array());
        ByteBuffer idb = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN); // if_fcslen (13) of 1 byte, end of options
        idb.putInt(1).putInt(32).putShort((short) linkType).putShort((short) 0).putInt(262_144)
                .putShort((short) 13).putShort((short) 1).put((byte) fcsBytes).put(new byte[3]).putInt(0).putInt(32);
        out.writeBytes(idb.array());
        for (int i = 0; i < frames.size(); i++) {
            byte[] f = frames.get(i);
            int padded = (f.length + 3) & ~3;
            ByteBuffer e = ByteBuffer.allocate(32 + padded).order(ByteOrder.LITTLE_ENDIAN);
            long micros = 1_700_000_000_000_000L + i * 1000L;
            e.putInt(6).putInt(32 + padded).putInt(0).putInt((int) (micros >>> 32)).putInt((int) micros)
                    .putInt(f.length).putInt(f.length).put(f).position(28 + padded);
            e.putInt(32 + padded);
            out.writeBytes(e.array());
        }
        return out.toByteArray();
    }

    private static ConnectionTrace read(byte[] file, String name) throws IOException {
        return TraceImport.DEFAULTS.read(new ByteArrayInputStream(file), name);
    }

    private static void oneClientClose(ConnectionTrace t, boolean v6, String what) {
        assertEquals(1, t.size(), what + ": " + t.stats().summary());
        assertEquals(v6 ? "[2001:db8:0:0:0:0:0:1]:443" : "192.0.2.1:443", t.destinations().get(t.destination(0)), what);
        assertEquals(40001, t.localPort(0), what);
        assertEquals(ConnectionEnd.CLIENT_CLOSE, t.end(0), what);
        assertEquals(0, t.stats().undecodable() + t.stats().notTcp(), what + ": " + t.stats().summary());
        assertEquals(6, t.stats().records(), what);
    }

    @Test
    void everyLinkTypeInPcapAndPcapng() throws IOException {
        int[] types = {PacketDecoder.LINUX_SLL2, PacketDecoder.LINUX_SLL, PacketDecoder.RAW, PacketDecoder.ETHERNET,
            PacketDecoder.NULL};
        for (int type : types) {
            for (Ip kind : new Ip[] {Ip.V4, Ip.V6}) {
                for (boolean bigEndian : type == PacketDecoder.NULL ? new boolean[] {false, true} : new boolean[] {false}) {
                    List<byte[]> frames = connection(type, kind, 1000, 0, bigEndian);
                    String what = "link type " + type + " " + kind + (bigEndian ? " big-endian" : "");
                    oneClientClose(read(pcap(type, frames), "t.pcap"), kind == Ip.V6, "pcap " + what);
                    oneClientClose(read(pcapng(type, 0, frames), "t.pcapng"), kind == Ip.V6, "pcapng " + what);
                }
            }
        }
        oneClientClose(read(pcap(PacketDecoder.RAW_IPV4, connection(PacketDecoder.RAW_IPV4, Ip.V4, 10, 0, false)), "4.pcap"),
                false, "raw IPv4 (228)");
        oneClientClose(read(pcapng(PacketDecoder.RAW_IPV6, 0, connection(PacketDecoder.RAW_IPV6, Ip.V6, 10, 0, false)),
                "6.pcapng"), true, "raw IPv6 (229)");
    }

    @Test
    void bigTcpFramesOver64KiB() throws IOException {
        List<byte[]> v4 = connection(PacketDecoder.LINUX_SLL2, Ip.V4_TOTAL_LENGTH_0, 150_000, 0, false);
        assertTrue(v4.get(2).length > 65_536);
        oneClientClose(read(pcap(PacketDecoder.LINUX_SLL2, v4), "big4.pcap"), false, "IPv4 total length 0");
        oneClientClose(read(pcapng(PacketDecoder.LINUX_SLL2, 0, v4), "big4.pcapng"), false, "IPv4 total length 0, pcapng");
        List<byte[]> v6 = connection(PacketDecoder.ETHERNET, Ip.V6_JUMBOGRAM, 100_000, 0, false);
        oneClientClose(read(pcap(PacketDecoder.ETHERNET, v6), "big6.pcap"), true, "IPv6 jumbogram");
        oneClientClose(read(pcapng(PacketDecoder.ETHERNET, 0, v6), "big6.pcapng"), true, "IPv6 jumbogram, pcapng");
    }

    @Test
    void ethernetFcsIsCutOff() throws IOException {
        List<byte[]> frames = connection(PacketDecoder.ETHERNET, Ip.V4, 100, 4, false);
        // a last frame cut by the snap length inside its TCP header (13 of its 14 needed bytes), then 4 bytes of FCS:
        // read with the FCS the flags byte would come from the FCS; without it, the header is short
        byte[] whole = frame(PacketDecoder.ETHERNET, ip(Ip.V4, true, CaptureWriter.ACK, 0), 0, false);
        byte[] cut = new byte[18 + 20 + 13 + 4];
        System.arraycopy(whole, 0, cut, 0, 18 + 20 + 13);
        cut[cut.length - 4] = CaptureWriter.SYN;
        frames.add(cut);
        int fcsWord = 0x04000000 | 2 << 28 | PacketDecoder.ETHERNET; // FCS present, 2 16-bit words
        for (ConnectionTrace t : new ConnectionTrace[] {read(pcap(fcsWord, frames), "fcs.pcap"),
            read(pcapng(PacketDecoder.ETHERNET, 4, frames), "fcs.pcapng")}) {
            assertEquals(1, t.size(), t.stats().summary());
            assertEquals(1, t.stats().undecodable(), "the cut frame, its FCS not read as TCP: " + t.stats().summary());
            assertEquals(ConnectionEnd.CLIENT_CLOSE, t.end(0));
        }
    }

    @Test
    void otherLinkTypesAreRefusedByNumber() {
        List<byte[]> frames = connection(PacketDecoder.RAW, Ip.V4, 0, 0, false);
        TraceFormatException e = assertThrows(TraceFormatException.class, () -> read(pcap(0x04000000 | 2 << 28 | 105,
                frames), "wifi.pcap"));
        assertEquals("byte 20", e.where());
        assertTrue(e.problem().startsWith("link type 105 (expected 0 (BSD loopback), 1 (Ethernet)"), e.getMessage());
        e = assertThrows(TraceFormatException.class, () -> read(pcapng(147, 0, frames), "user0.pcapng"));
        assertTrue(e.problem().startsWith("interface link type 147 (expected"), e.getMessage());
    }
}
