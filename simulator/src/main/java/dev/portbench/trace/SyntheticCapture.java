package dev.portbench.trace;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.PriorityQueue;

/**
 * A large capture of web-like client traffic, generated deterministically for the import
 * benchmark ({@code ./portbench trace-bench}): one client (10.0.0.1) opens a connection every
 * millisecond to one of 64 servers on port 443, and each connection is 11 segments over about
 * 20 ms: handshake, a 300-byte request, three 1448-byte response segments, an ACK, the client's
 * FIN, the server's FIN and the last ACK (about 500 bytes per packet on average, as in mixed web
 * traffic). Segments of the ~20 connections open at once interleave in time order. Every
 * connection ends as a client close.
 *
 * <p>Streams: memory is a priority queue of the connections open at once.
 */
public final class SyntheticCapture {

    /** Segments per connection: what {@link #STEPS} lays out. */
    static final int SEGMENTS = 11;
    /** Per step: offset from the open (microseconds), direction (true = client to server), flags, payload bytes. */
    private static final int[][] STEPS = {
        {0, 1, CaptureWriter.SYN, 0},
        {1000, 0, CaptureWriter.SYN | CaptureWriter.ACK, 0},
        {2000, 1, CaptureWriter.ACK, 0},
        {2050, 1, CaptureWriter.PSH | CaptureWriter.ACK, 300},
        {8000, 0, CaptureWriter.ACK, 1448},
        {8100, 0, CaptureWriter.ACK, 1448},
        {8200, 0, CaptureWriter.PSH | CaptureWriter.ACK, 1448},
        {9000, 1, CaptureWriter.ACK, 0},
        {19000, 1, CaptureWriter.FIN | CaptureWriter.ACK, 0},
        {20000, 0, CaptureWriter.FIN | CaptureWriter.ACK, 0},
        {21000, 1, CaptureWriter.ACK, 0},
    };
    static final long GAP_NANOS = 1_000_000L;
    static final long START_NANOS = 1_700_000_000_000_000_000L;

    private SyntheticCapture() {
    }

    /** The result: bytes written and connections in the file. */
    public record Written(long bytes, long connections) {
    }

    /**
     * Writes at least {@code targetBytes} (whole connections) to {@code file}.
     *
     * @throws IllegalArgumentException if {@code targetBytes} is not positive
     */
    public static Written write(Path file, long targetBytes, CaptureWriter.Container container) {
        if (targetBytes <= 0) {
            throw new IllegalArgumentException("targetBytes: " + targetBytes + " (expected > 0)");
        }
        try (OutputStream os = Files.newOutputStream(file); CaptureWriter w = new CaptureWriter(os, container)) {
            byte[] client = {10, 0, 0, 1};
            byte[][] servers = new byte[64][];
            for (int s = 0; s < servers.length; s++) {
                servers[s] = new byte[] {10, 1, 0, (byte) (s + 1)};
            }
            // pending segments: (time, connection << 4 | step), packed into one long pair via the queue's order
            PriorityQueue<long[]> pending = new PriorityQueue<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0])
                    : Long.compare(a[1], b[1]));
            long connections = 0;
            long nextOpen = START_NANOS;
            boolean opening = true;
            while (opening || !pending.isEmpty()) {
                if (opening && (pending.isEmpty() || nextOpen <= pending.peek()[0])) {
                    pending.add(new long[] {nextOpen, connections << 4});
                    connections++;
                    nextOpen += GAP_NANOS;
                    continue;
                }
                long[] p = pending.poll();
                long c = p[1] >>> 4;
                int step = (int) (p[1] & 15);
                int[] s = STEPS[step];
                int clientPort = 32768 + (int) (c % 28232);
                byte[] server = servers[(int) (c % servers.length)];
                if (s[1] == 1) {
                    w.segment(p[0], client, clientPort, server, 443, s[2], s[3]);
                } else {
                    w.segment(p[0], server, 443, client, clientPort, s[2], s[3]);
                }
                if (step + 1 < STEPS.length) {
                    long open = p[0] - STEPS[step][0] * 1000L;
                    pending.add(new long[] {open + STEPS[step + 1][0] * 1000L, c << 4 | (step + 1)});
                }
                if (w.bytes() >= targetBytes) {
                    opening = false;
                }
            }
            return new Written(w.bytes(), connections);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
