package dev.portbench.trace;

import java.time.Instant;
import java.util.Locale;

/**
 * One capture being imported: counts packets, checks that time does not go back by more than the
 * tolerance, and passes each frame to the decoder and tracker. Shared by {@link PcapFormat} and
 * {@link PcapngFormat}. Not thread-safe.
 */
final class CaptureImport {

    final String name;
    final long reorderToleranceNanos;
    final ConnectionTraceBuilder builder = new ConnectionTraceBuilder();
    final TcpConnectionTracker tracker;
    final PacketDecoder decoder;
    long packets;
    private long latest = Long.MIN_VALUE;
    int peakTracked;

    CaptureImport(String name, ClientFilter clients, long reorderToleranceNanos) {
        this.name = name;
        this.reorderToleranceNanos = reorderToleranceNanos;
        this.tracker = new TcpConnectionTracker(clients, builder);
        this.decoder = new PacketDecoder(tracker);
    }

    /**
     * Frame number {@code packets + 1}, {@code frame[off, off + len)} of link type {@code linkType}, at byte
     * {@code offset}, seen at {@code time} ns; {@code len} 0 if it has no bytes.
     */
    void packet(long time, byte[] frame, int off, int len, int linkType, long offset) {
        packets++;
        if (packets > 1 && time < latest - reorderToleranceNanos) {
            throw new TraceFormatException(name, "packet " + packets + " at byte " + offset, String.format(Locale.ROOT,
                    "times out of order: %s is %.6f s before an earlier packet's %s (expected time order, "
                            + "within %.6f s)", Instant.ofEpochSecond(0, time), (latest - time) / 1e9,
                    Instant.ofEpochSecond(0, latest), reorderToleranceNanos / 1e9));
        }
        latest = Math.max(latest, time);
        if (len == 0) {
            decoder.undecodable++;
        } else {
            decoder.decode(time, frame, off, len, linkType);
        }
        if ((packets & 1023) == 0) {
            peakTracked = Math.max(peakTracked, tracker.tracked());
        }
    }

    /** Where the next packet would start. */
    String where(long offset) {
        return "packet " + (packets + 1) + " at byte " + offset;
    }

    ConnectionTrace finish(String format) {
        peakTracked = Math.max(peakTracked, tracker.tracked());
        tracker.endOfCapture();
        return builder.build(name, new ImportStats(format, packets, builder.size(), tracker.synFromOthers,
                decoder.notTcp, decoder.undecodable, tracker.untracked));
    }
}
