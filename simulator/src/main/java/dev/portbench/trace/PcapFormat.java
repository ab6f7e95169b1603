package dev.portbench.trace;

import io.pkts.Pcap;
import io.pkts.packet.PCapPacket;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Reads a classic pcap file (either byte order, microsecond or nanosecond timestamps) with
 * pkts.io's {@link Pcap} reader and rebuilds its TCP connections ({@link TcpConnectionTracker}).
 *
 * <p>pkts.io stops quietly at a record header cut short, so the import checks that the packets it
 * was handed account for every byte of the file (24 + the sum of 16 + captured length): a
 * truncated capture is an error naming the packet and byte offset, never a shorter trace.
 * Timestamps may step back by at most {@link CaptureImport#reorderToleranceNanos} (capture
 * drivers reorder a little across CPUs); more is an error naming the packet.
 *
 * <p>Streams: memory is pkts.io's read buffer, the tracker's open connections and the trace.
 */
final class PcapFormat {

    static final int GLOBAL_HEADER = 24;
    static final int RECORD_HEADER = 16;

    private PcapFormat() {
    }

    static void read(InputStream raw, CaptureImport job) {
        CountingInputStream in = new CountingInputStream(raw);
        Pcap pcap;
        try {
            pcap = Pcap.openStream(in, 1 << 16);
        } catch (IOException | RuntimeException e) {
            throw new TraceFormatException(job.name, "byte 0", "not a pcap file: " + e.getMessage());
        }
        int linkType = pcap.getPcapHeader().getDataLinkType();
        if (!PacketDecoder.supports(linkType)) {
            throw new TraceFormatException(job.name, "byte 20", "link type " + linkType + " (expected "
                    + PacketDecoder.supportedLinkTypes() + ")");
        }
        long scale = pcap.getPcapHeader().timestampsInNs() ? 1 : 1000;
        long[] offset = {GLOBAL_HEADER};
        try {
            pcap.loop(packet -> {
                long at = offset[0];
                PCapPacket p = (PCapPacket) packet;
                offset[0] += RECORD_HEADER + p.getCapturedLength();
                job.packet(p.getArrivalTime() * scale, p, at);
                return true;
            });
        } catch (TraceFormatException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new TraceFormatException(job.name, job.where(offset[0]), "cut short or corrupt: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
        long total;
        try {
            total = in.drain();
        } catch (IOException e) {
            throw new TraceFormatException(job.name, job.where(offset[0]), "cannot read: " + e.getMessage());
        }
        if (total != offset[0]) {
            throw new TraceFormatException(job.name, job.where(offset[0]), String.format(Locale.ROOT,
                    "truncated: the file has %,d bytes but its whole records end at byte %,d (expected whole "
                            + "records up to the end of the file)", total, offset[0]));
        }
    }
}
