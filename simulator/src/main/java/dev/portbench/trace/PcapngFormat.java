package dev.portbench.trace;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a pcapng file's blocks and hands every packet to {@link PacketDecoder}, as
 * {@link PcapFormat} does for classic pcap. pkts.io 3.0.10 (the maintained pure-Java reader on
 * Maven Central) recognises the pcapng magic but cannot read the format, and the pure-Java
 * pcapng readers there are unmaintained or load the whole file; so the block layer (section
 * header, interface description, enhanced / obsolete packet blocks) is read here, following the
 * pcapng specification (IETF draft-ietf-opsawg-pcapng). An interface's {@code if_fcslen} option
 * says how many bytes of frame check sequence end its frames; they are cut off before decoding.
 *
 * <ul>
 *   <li>Each section's byte order comes from its byte-order magic; interfaces are per section.</li>
 *   <li>Timestamps use the interface's {@code if_tsresol} (default microseconds; power-of-ten or
 *       power-of-two units) and {@code if_tsoffset}.</li>
 *   <li>Simple packet blocks carry no timestamp and are rejected; other block types are skipped.</li>
 *   <li>A block whose length is not a multiple of 4, disagrees with its trailing copy, or runs
 *       past the end of the file is an error naming the block, the packet count and the byte
 *       offset: a truncated capture never imports as a shorter one.</li>
 * </ul>
 *
 * <p>Streams block by block: memory is the largest block, the tracker's open connections and the trace.
 */
final class PcapngFormat {

    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int INTERFACE = 1;
    private static final int OBSOLETE_PACKET = 2;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    /** Blocks larger than this are refused rather than buffered (the format allows 4 GiB). */
    static final int MAX_BLOCK = 64 << 20;

    private PcapngFormat() {
    }

    /** Where the reader is, turned into words only when something is wrong. */
    private static final class Cursor {
        final CaptureImport job;
        long block;
        long offset;

        Cursor(CaptureImport job) {
            this.job = job;
        }

        String where() {
            return "block " + block + " (after packet " + job.packets + ") at byte " + offset;
        }
    }

    private record Interface(int linkType, int fcsBytes, long unitsPerSecond, boolean powerOfTwo,
                             int exponent, long offsetSeconds) {
        long nanos(long units) {
            if (powerOfTwo) {
                return (long) (units * (1e9 / Math.pow(2, exponent)));
            }
            if (unitsPerSecond <= 1_000_000_000L) {
                return Math.multiplyExact(units, 1_000_000_000L / unitsPerSecond) + offsetSeconds * 1_000_000_000L;
            }
            return units / (unitsPerSecond / 1_000_000_000L) + offsetSeconds * 1_000_000_000L;
        }
    }

    static void read(InputStream in, CaptureImport job) {
        byte[] head = new byte[8];
        byte[] body = new byte[1 << 16];
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        List<Interface> interfaces = new ArrayList<>();
        Cursor at = new Cursor(job);
        try {
            while (true) {
                int got = in.readNBytes(head, 0, 8);
                if (got == 0) {
                    break;
                }
                at.block++;
                if (got < 8) {
                    throw new TraceFormatException(job.name, at.where(), "truncated: the file ends inside a block header");
                }
                int type = ByteBuffer.wrap(head, 0, 4).order(order).getInt();
                if (type == SECTION_HEADER || at.block == 1) {
                    if (type != SECTION_HEADER) {
                        throw new TraceFormatException(job.name, at.where(), "not a pcapng file (expected a section header block)");
                    }
                    byte[] magic = in.readNBytes(4);
                    if (magic.length < 4) {
                        throw new TraceFormatException(job.name, at.where(), "truncated: the file ends inside a section header");
                    }
                    int bom = ByteBuffer.wrap(magic).order(ByteOrder.BIG_ENDIAN).getInt();
                    if (bom == BYTE_ORDER_MAGIC) {
                        order = ByteOrder.BIG_ENDIAN;
                    } else if (Integer.reverseBytes(bom) == BYTE_ORDER_MAGIC) {
                        order = ByteOrder.LITTLE_ENDIAN;
                    } else {
                        throw new TraceFormatException(job.name, at.where(), "bad byte-order magic (expected 0x1A2B3C4D)");
                    }
                    interfaces.clear();
                    int length = ByteBuffer.wrap(head, 4, 4).order(order).getInt();
                    body = readBody(in, job, at, length, 12, body);
                    at.offset += length;
                    continue;
                }
                int length = ByteBuffer.wrap(head, 4, 4).order(order).getInt();
                body = readBody(in, job, at, length, 8, body);
                ByteBuffer b = ByteBuffer.wrap(body, 0, length - 12).order(order);
                switch (type) {
                    case INTERFACE -> interfaces.add(interfaceOf(b, order, job, at));
                    case ENHANCED_PACKET -> {
                        int id = b.getInt();
                        long ts = (b.getInt() & 0xFFFFFFFFL) << 32 | (b.getInt() & 0xFFFFFFFFL);
                        packet(job, at, interfaces, id, ts, b.getInt(), b.getInt(), body, 20, length - 12);
                    }
                    case OBSOLETE_PACKET -> {
                        int id = b.getShort() & 0xFFFF;
                        b.getShort();
                        long ts = (b.getInt() & 0xFFFFFFFFL) << 32 | (b.getInt() & 0xFFFFFFFFL);
                        packet(job, at, interfaces, id, ts, b.getInt(), b.getInt(), body, 20, length - 12);
                    }
                    case SIMPLE_PACKET -> throw new TraceFormatException(job.name, at.where(),
                            "simple packet block: it has no timestamp (expected enhanced packet blocks)");
                    default -> {
                        // statistics, name resolution, custom blocks: nothing for connections
                    }
                }
                at.offset += length;
            }
        } catch (EOFException e) {
            throw new TraceFormatException(job.name, at.where(), "truncated: the file ends inside the block");
        } catch (IOException e) {
            throw new TraceFormatException(job.name, at.where(), "cannot read: " + e.getMessage());
        }
    }

    /** Reads the rest of a block of {@code length} bytes ({@code already} read) into a buffer; checks both lengths. */
    private static byte[] readBody(InputStream in, CaptureImport job, Cursor where, int length, int already, byte[] buf)
            throws IOException {
        if (length < 12 || length % 4 != 0 || length > MAX_BLOCK) {
            throw new TraceFormatException(job.name, where.where(), "block length " + length
                    + " (expected a multiple of 4, at least 12, at most " + MAX_BLOCK + ")");
        }
        int rest = length - already;
        if (buf.length < rest) {
            buf = new byte[Math.max(rest, buf.length * 2)];
        }
        int n = in.readNBytes(buf, 0, rest);
        if (n < rest) {
            throw new TraceFormatException(job.name, where.where(), "truncated: the block needs " + length
                    + " bytes, the file ends after " + (already + n));
        }
        return checkTrailer(buf, rest, length, job, where);
    }

    private static byte[] checkTrailer(byte[] buf, int rest, int length, CaptureImport job, Cursor where) {
        int a = ByteBuffer.wrap(buf, rest - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (a != length && Integer.reverseBytes(a) != length) {
            throw new TraceFormatException(job.name, where.where(), "block length " + length
                    + " disagrees with its trailing copy (corrupt or cut file)");
        }
        return buf;
    }

    private static Interface interfaceOf(ByteBuffer b, ByteOrder order, CaptureImport job, Cursor where) {
        int linkType = b.getShort() & 0xFFFF;
        b.getShort();
        b.getInt();
        long unitsPerSecond = 1_000_000;
        boolean powerOfTwo = false;
        int exponent = 6;
        long offsetSeconds = 0;
        int fcsBytes = 0;
        while (b.remaining() >= 4) {
            int code = b.getShort() & 0xFFFF;
            int len = b.getShort() & 0xFFFF;
            if (code == 0 || len > b.remaining()) {
                break;
            }
            int start = b.position();
            if (code == 9 && len >= 1) {
                int r = b.get(start) & 0xFF;
                powerOfTwo = (r & 0x80) != 0;
                exponent = r & 0x7F;
                if (!powerOfTwo) {
                    if (exponent > 18) {
                        throw new TraceFormatException(job.name, where.where(), "if_tsresol 10^-" + exponent + " (expected at most 10^-18)");
                    }
                    unitsPerSecond = 1;
                    for (int i = 0; i < exponent; i++) {
                        unitsPerSecond *= 10;
                    }
                } else if (exponent > 62) {
                    throw new TraceFormatException(job.name, where.where(), "if_tsresol 2^-" + exponent + " (expected at most 2^-62)");
                }
            } else if (code == 14 && len >= 8) {
                offsetSeconds = b.order(order).getLong(start);
            } else if (code == 13 && len >= 1) {
                fcsBytes = b.get(start) & 0xFF;
            }
            b.position(start + ((len + 3) & ~3));
        }
        if (!PacketDecoder.supports(linkType)) {
            throw new TraceFormatException(job.name, where.where(), "interface link type " + linkType + " (expected "
                    + PacketDecoder.supportedLinkTypes() + ")");
        }
        return new Interface(linkType, fcsBytes, unitsPerSecond,
                powerOfTwo, exponent, offsetSeconds);
    }

    private static void packet(CaptureImport job, Cursor where, List<Interface> interfaces, int id, long units,
                               int captured, int original, byte[] body, int dataStart, int blockEnd) {
        if (id < 0 || id >= interfaces.size()) {
            throw new TraceFormatException(job.name, where.where(), "packet of interface " + id + " (expected one of the "
                    + interfaces.size() + " interfaces described before it)");
        }
        if (captured < 0 || dataStart + captured > blockEnd) {
            throw new TraceFormatException(job.name, where.where(), "captured length " + (captured & 0xFFFFFFFFL)
                    + " does not fit in the block");
        }
        Interface itf = interfaces.get(id);
        long time;
        try {
            time = itf.nanos(units);
        } catch (ArithmeticException e) {
            throw new TraceFormatException(job.name, where.where(), "timestamp " + Long.toUnsignedString(units)
                    + " overflows nanoseconds");
        }
        job.packet(time, body, dataStart, Math.max(0, captured - itf.fcsBytes()), itf.linkType(),
                where.offset);
    }
}
