package dev.portbench.trace;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes TCP segments as a capture file, byte by byte as libpcap and the pcapng specification lay
 * them out (Ethernet II, IPv4 or IPv6, a 20-byte TCP header, zero payload bytes up to the given
 * length), for tests whose connections are known by construction and for the large synthetic
 * capture of the import benchmark. Timestamps are nanoseconds; classic pcap is written with the
 * nanosecond magic, pcapng with {@code if_tsresol} 9. Checksums are left zero (readers of
 * captures do not check them). Not thread-safe.
 */
public final class CaptureWriter implements AutoCloseable {

    /** Container format. */
    public enum Container { PCAP, PCAPNG }

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;

    private final OutputStream out;
    private final Container container;
    private final ByteBuffer buf = ByteBuffer.allocate(70_000).order(ByteOrder.BIG_ENDIAN);
    private final byte[] zeros = new byte[65_536];
    private long bytes;

    public CaptureWriter(OutputStream out, Container container) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.container = container;
        try {
            if (container == Container.PCAP) {
                ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
                h.putInt(0xA1B23C4D).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65_535).putInt(1);
                write(h.array(), 24);
            } else {
                ByteBuffer h = ByteBuffer.allocate(28 + 32).order(ByteOrder.LITTLE_ENDIAN);
                h.putInt(PcapngFormat.SECTION_HEADER).putInt(28).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                        .putLong(-1).putInt(28);
                // interface description: Ethernet, snaplen 65535, if_tsresol = 9 (nanoseconds), end of options
                h.putInt(1).putInt(32).putShort((short) 1).putShort((short) 0).putInt(65_535)
                        .putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3])
                        .putInt(0).putInt(32);
                write(h.array(), 60);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes written so far. */
    public long bytes() {
        return bytes;
    }

    /**
     * One TCP segment.
     *
     * @param timeNanos capture time, nanoseconds since the Unix epoch (>= 0)
     * @param src source address, 4 or 16 bytes; {@code dst} the same family
     * @param flags a combination of {@link #SYN}, {@link #ACK}, {@link #FIN}, {@link #RST}, {@link #PSH}
     * @param payload payload bytes (zeros), 0..1460
     */
    public void segment(long timeNanos, byte[] src, int srcPort, byte[] dst, int dstPort, int flags, int payload) {
        boolean v6 = src.length == 16;
        int ipHeader = v6 ? 40 : 20;
        int frame = 14 + ipHeader + 20 + payload;
        buf.clear();
        // Ethernet II
        buf.putInt(0x02000000).putShort((short) 1).putInt(0x02000000).putShort((short) 2)
                .putShort((short) (v6 ? 0x86DD : 0x0800));
        if (v6) {
            buf.putInt(0x60000000).putShort((short) (20 + payload)).put((byte) 6).put((byte) 64).put(src).put(dst);
        } else {
            buf.put((byte) 0x45).put((byte) 0).putShort((short) (20 + 20 + payload)).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 6).putShort((short) 0).put(src).put(dst);
        }
        buf.putShort((short) srcPort).putShort((short) dstPort).putInt(1).putInt((flags & ACK) != 0 ? 1 : 0)
                .put((byte) 0x50).put((byte) flags).putShort((short) 65_535).putShort((short) 0).putShort((short) 0);
        int header = buf.position();
        try {
            if (container == Container.PCAP) {
                ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
                r.putInt((int) (timeNanos / 1_000_000_000L)).putInt((int) (timeNanos % 1_000_000_000L))
                        .putInt(frame).putInt(frame);
                write(r.array(), 16);
                write(buf.array(), header);
                writeZeros(payload);
            } else {
                int padded = (frame + 3) & ~3;
                int length = 32 + padded;
                ByteBuffer r = ByteBuffer.allocate(28).order(ByteOrder.LITTLE_ENDIAN);
                r.putInt(6).putInt(length).putInt(0).putInt((int) (timeNanos >>> 32)).putInt((int) timeNanos)
                        .putInt(frame).putInt(frame);
                write(r.array(), 28);
                write(buf.array(), header);
                writeZeros(payload + padded - frame);
                ByteBuffer t = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length);
                write(t.array(), 4);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(byte[] b, int n) throws IOException {
        out.write(b, 0, n);
        bytes += n;
    }

    private void writeZeros(int n) throws IOException {
        out.write(zeros, 0, n);
        bytes += n;
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
