package dev.portbench.trace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads a classic pcap file (either byte order, microsecond or nanosecond timestamps), following
 * the pcap specification (IETF draft-ietf-opsawg-pcap, and libpcap's {@code pcap-common.c}), and
 * hands each frame to {@link PacketDecoder} through {@link CaptureImport}.
 *
 * <ul>
 *   <li>The link-type word: its low 16 bits are the link type; when bit 26 ({@code 0x04000000})
 *       is set, bits 28-31 give the length of the frame check sequence at the end of every frame
 *       in 16-bit words (an Ethernet capture with FCS: {@code 0x24000001}); it is cut off before
 *       decoding. A link type {@link PacketDecoder} does not decode is refused, naming it.</li>
 *   <li>A record may be as large as {@link #MAX_FRAME} (Linux BIG TCP and TSO captures hold
 *       frames over 64 KB); the read buffer grows to the largest frame.</li>
 *   <li>A file cut inside a record header or its data is an error naming the packet and byte
 *       offset: a truncated capture never imports as a shorter one. Timestamps may step back by at
 *       most {@link CaptureImport#reorderToleranceNanos}; more is an error naming the packet.</li>
 * </ul>
 *
 * <p>Streams: memory is the largest frame, the tracker's open connections and the trace. This
 * reader replaces pkts.io's, which buffers at most 64 KiB per frame and knows only Ethernet, Linux
 * cooked v1 and raw IPv4.
 */
final class PcapFormat {

    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;
    /** Frames larger than this are refused rather than buffered (16 MiB; BIG TCP frames are at most 512 KiB). */
    static final int MAX_FRAME = 16 << 20;
    private static final int FCS_PRESENT = 0x04000000;

    private PcapFormat() {
    }

    static void read(InputStream in, CaptureImport job) {
        try {
            byte[] g = in.readNBytes(GLOBAL_HEADER);
            if (g.length < GLOBAL_HEADER) {
                throw new TraceFormatException(job.name, "byte 0", "not a pcap file: the file ends inside its "
                        + GLOBAL_HEADER + "-byte header");
            }
            int magic = ByteBuffer.wrap(g).order(ByteOrder.BIG_ENDIAN).getInt();
            ByteOrder order = magic == 0xA1B2C3D4 || magic == 0xA1B23C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            ByteBuffer h = ByteBuffer.wrap(g).order(order);
            int m = h.getInt(0);
            if (m != 0xA1B2C3D4 && m != 0xA1B23C4D) {
                throw new TraceFormatException(job.name, "byte 0", "not a pcap file (expected the magic number a1b2c3d4 or a1b23c4d)");
            }
            long scale = m == 0xA1B23C4D ? 1 : 1000;
            int word = h.getInt(20);
            int linkType = word & 0xFFFF;
            int fcs = (word & FCS_PRESENT) != 0 ? (word >>> 28) * 2 : 0;
            if (!PacketDecoder.supports(linkType)) {
                throw new TraceFormatException(job.name, "byte 20", "link type " + linkType + " (expected "
                        + PacketDecoder.supportedLinkTypes() + ")");
            }
            long offset = GLOBAL_HEADER;
            byte[] record = new byte[RECORD_HEADER];
            ByteBuffer r = ByteBuffer.wrap(record).order(order);
            byte[] frame = new byte[1 << 16];
            while (true) {
                int got = in.readNBytes(record, 0, RECORD_HEADER);
                if (got == 0) {
                    return;
                }
                if (got < RECORD_HEADER) {
                    throw new TraceFormatException(job.name, job.where(offset), "truncated: the file ends inside the "
                            + RECORD_HEADER + "-byte record header (after " + got + " bytes)");
                }
                long seconds = r.getInt(0) & 0xFFFFFFFFL;
                long fraction = r.getInt(4) & 0xFFFFFFFFL;
                int captured = r.getInt(8);
                if (captured < 0 || captured > MAX_FRAME) {
                    throw new TraceFormatException(job.name, job.where(offset), "captured length "
                            + Integer.toUnsignedString(captured) + " (expected at most " + MAX_FRAME + ")");
                }
                if (frame.length < captured) {
                    frame = new byte[Math.max(captured, frame.length * 2)];
                }
                int n = in.readNBytes(frame, 0, captured);
                if (n < captured) {
                    throw new TraceFormatException(job.name, job.where(offset), "truncated: the record needs " + captured
                            + " bytes of data, the file ends after " + n);
                }
                long time = seconds * 1_000_000_000L + fraction * scale;
                job.packet(time, frame, 0, Math.max(0, captured - fcs), linkType, offset);
                offset += RECORD_HEADER + captured;
            }
        } catch (IOException e) {
            throw new TraceFormatException(job.name, null, "cannot read: " + e.getMessage());
        }
    }
}
