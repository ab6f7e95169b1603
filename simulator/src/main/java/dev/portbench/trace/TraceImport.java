package dev.portbench.trace;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Imports a trace file in any supported format into a {@link ConnectionTrace}: the suite's CSV
 * ({@link CsvTraceFormat}), Zeek {@code conn.log} ({@link ZeekConnLogFormat}), pcap
 * ({@link PcapFormat}), pcapng ({@link PcapngFormat}), AWS VPC Flow Logs ({@link AwsFlowLogFormat}),
 * Azure virtual-network flow logs ({@link AzureFlowLogFormat}) or GCP VPC Flow Logs
 * ({@link GcpFlowLogFormat}), each optionally gzip-compressed. With {@link TraceFormat#AUTO} the
 * format is told from the content, not the name: pcap and pcapng by their magic numbers, Zeek by
 * its {@code #separator} / {@code #fields} header, AWS by its header line of field names, JSON by
 * the keys in its first 64 KiB ({@code flowRecords}: Azure; {@code jsonPayload}: GCP), and
 * anything else must be the CSV with its header; another format forces that reader.
 *
 * <p>Streams the file once through a 64 KiB buffer; memory is the trace (23 bytes per
 * connection) plus, for captures, the connections open at once and, for flow logs, every
 * connection until the end of the file. A file that cannot be imported whole raises a
 * {@link TraceFormatException} naming the file, the line, packet or record, and the problem; with
 * {@code skipBad} a malformed record (a CSV, Zeek or flow-log line or record) is counted ({@link ImportStats#malformed()}) and left
 * out instead.
 *
 * @param clients which clients' connections to keep (captures, Zeek, flow logs; a CSV is the client's already)
 * @param reorderToleranceNanos how far a capture's timestamps may step back before it is an error
 * @param format the format to read, or {@link TraceFormat#AUTO} to tell it from the content
 * @param skipBad count and skip malformed records (CSV, Zeek, flow logs) instead of refusing the file
 */
public record TraceImport(ClientFilter clients, long reorderToleranceNanos, TraceFormat format, boolean skipBad) {

    /** Capture timestamps may step back by up to 1 ms (reordering across capture CPUs). */
    public static final long DEFAULT_REORDER_TOLERANCE_NANOS = 1_000_000L;

    /** Every client, the default tolerance. */
    public static final TraceImport DEFAULTS = new TraceImport(ClientFilter.ANY, DEFAULT_REORDER_TOLERANCE_NANOS);

    public TraceImport {
        if (clients == null) {
            throw new IllegalArgumentException("clients: null (expected ClientFilter.ANY for every client)");
        }
        if (reorderToleranceNanos < 0) {
            throw new IllegalArgumentException("reorderToleranceNanos: " + reorderToleranceNanos + " (expected >= 0)");
        }
        if (format == null) {
            throw new IllegalArgumentException("format: null (expected TraceFormat.AUTO to tell it from the content)");
        }
    }

    /** The format told from the content; malformed records refused. */
    public TraceImport(ClientFilter clients, long reorderToleranceNanos) {
        this(clients, reorderToleranceNanos, TraceFormat.AUTO, false);
    }

    /** A copy keeping only {@code newClients}' connections. */
    public TraceImport withClients(ClientFilter newClients) {
        return new TraceImport(newClients, reorderToleranceNanos, format, skipBad);
    }

    /** A copy reading {@code newFormat} ({@link TraceFormat#AUTO}: told from the content). */
    public TraceImport withFormat(TraceFormat newFormat) {
        return new TraceImport(clients, reorderToleranceNanos, newFormat, skipBad);
    }

    /** A copy that counts and skips malformed records ({@code true}) or refuses the file. */
    public TraceImport withSkipBad(boolean newSkipBad) {
        return new TraceImport(clients, reorderToleranceNanos, format, newSkipBad);
    }

    /**
     * Reads {@code file} whole.
     *
     * @throws TraceFormatException if it is not a whole trace in a supported format
     * @throws UncheckedIOException if it cannot be read at all
     */
    public ConnectionTrace read(Path file) {
        String name = file.toString();
        try (InputStream raw = Files.newInputStream(file)) {
            return read(raw, name);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(name + ": no such file (expected a CSV, Zeek conn.log, pcap, pcapng or flow log trace)");
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Reads a whole trace from {@code raw}, named {@code name} in messages. */
    public ConnectionTrace read(InputStream raw, String name) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
        byte[] magic = peek(in, 4);
        if (magic.length >= 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B) {
            try {
                in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
            } catch (IOException e) {
                throw new TraceFormatException(name, "byte 0", "gzip header: " + e.getMessage());
            }
            magic = peek(in, 4);
        }
        int m = magic.length < 4 ? 0 : (magic[0] & 0xFF) << 24 | (magic[1] & 0xFF) << 16 | (magic[2] & 0xFF) << 8
                | magic[3] & 0xFF;
        TraceFormat f = format;
        if (f == TraceFormat.AUTO && m == PcapngFormat.SECTION_HEADER) {
            f = TraceFormat.PCAPNG;
        } else if (f == TraceFormat.AUTO && isPcapMagic(m)) {
            f = TraceFormat.PCAP;
        }
        try {
            if (f == TraceFormat.PCAPNG) {
                CaptureImport job = new CaptureImport(name, clients, reorderToleranceNanos);
                PcapngFormat.read(in, job);
                return job.finish("pcapng");
            }
            if (f == TraceFormat.PCAP) {
                if (!isPcapMagic(m)) {
                    throw new TraceFormatException(name, "byte 0", "not a pcap file (no pcap magic number; --format pcap)");
                }
                CaptureImport job = new CaptureImport(name, clients, reorderToleranceNanos);
                PcapFormat.read(in, job);
                return job.finish("pcap");
            }
        } catch (UncheckedIOException e) {
            throw new TraceFormatException(name, null, "cannot read: " + e.getCause().getMessage());
        }
        BufferedReader text = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        text.mark(1 << 16);
        String first = text.readLine();
        text.reset();
        if (f == TraceFormat.AUTO) {
            f = textFormat(text, first);
        }
        if (f.isFlowLog() || f == TraceFormat.ZEEK) {
            return switch (f) {
                case AWS_VPC -> AwsFlowLogFormat.read(text, name, clients, skipBad);
                case AZURE_VNET -> AzureFlowLogFormat.read(text, name, clients, skipBad);
                case GCP_VPC -> GcpFlowLogFormat.read(text, name, clients, skipBad);
                default -> ZeekConnLogFormat.read(text, name, clients, skipBad);
            };
        }
        if (first != null && !first.startsWith("#") && !looksLikeText(first)) {
            throw new TraceFormatException(name, "byte 0", "unknown format (expected a CSV with the header "
                    + String.join(",", CsvTraceFormat.COLUMNS) + ", a Zeek conn.log, a pcap or a pcapng file, an AWS, "
                    + "Azure or GCP flow log; optionally gzip-compressed)");
        }
        if (!clients.isAny()) {
            throw new IllegalArgumentException(name + ": --client applies to captures, Zeek and flow logs (a CSV trace "
                    + "holds one client's connections already)");
        }
        return CsvTraceFormat.read(text, name, skipBad);
    }

    /** The text format whose first line is {@code first}, looking up to 64 KiB ahead for JSON keys. */
    private static TraceFormat textFormat(BufferedReader text, String first) throws IOException {
        if (first == null) {
            return TraceFormat.CSV;
        }
        if (first.startsWith("#separator") || first.startsWith("#fields")) {
            return TraceFormat.ZEEK;
        }
        if (AwsFlowLogFormat.isHeader(first)) {
            return TraceFormat.AWS_VPC;
        }
        String lead = first.stripLeading();
        if (lead.startsWith("{") || lead.startsWith("[")) {
            text.mark(1 << 16);
            char[] ahead = new char[(1 << 16) - 1];
            int n = text.read(ahead, 0, ahead.length);
            text.reset();
            String head = new String(ahead, 0, Math.max(n, 0));
            if (head.contains("\"flowRecords\"") || head.contains("\"flowTuples\"")) {
                return TraceFormat.AZURE_VNET;
            }
            if (head.contains("\"jsonPayload\"")) {
                return TraceFormat.GCP_VPC;
            }
        }
        return TraceFormat.CSV;
    }

    private static boolean isPcapMagic(int m) {
        return m == 0xA1B2C3D4 || m == 0xD4C3B2A1 || m == 0xA1B23C4D || m == 0x4D3CB2A1;
    }

    private static boolean looksLikeText(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0xFFFD) {
                return false;
            }
        }
        return true;
    }

    private static byte[] peek(BufferedInputStream in, int n) throws IOException {
        in.mark(n);
        byte[] b = in.readNBytes(n);
        in.reset();
        return b;
    }
}
