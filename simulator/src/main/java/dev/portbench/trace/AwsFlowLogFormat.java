package dev.portbench.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads AWS VPC Flow Logs in their text form (what S3 delivery writes, one record per line, fields
 * separated by single spaces, {@code -} for a value the record lacks), following AWS's
 * "Flow log records" page (docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html):
 *
 * <ul>
 *   <li>The header line names the fields, in the order the flow log's format gave them: the
 *       default version-2 format ({@link #DEFAULT_FIELDS}) or any custom format. Without a header
 *       (CloudWatch Logs exports) the default format is assumed, when {@code --format aws-vpc}
 *       is given.</li>
 *   <li>Required fields: {@code srcaddr}, {@code dstaddr}, {@code srcport}, {@code dstport},
 *       {@code protocol}, {@code start}, {@code end} (Unix seconds). When the format has
 *       {@code pkt-srcaddr} / {@code pkt-dstaddr} (version 3+) they give the addresses instead:
 *       the packet's own source and destination, e.g. the instance behind a NAT gateway's
 *       interface rather than the interface.</li>
 *   <li>Used when present: {@code tcp-flags} (version 3+; the OR of the window's flags: FIN 1,
 *       SYN 2, RST 4, SYN-ACK 18) says who opened and how it ended; {@code action} {@code REJECT}
 *       ends the flow as a reset; {@code log-status} {@code NODATA} / {@code SKIPDATA} lines hold
 *       no flow and are counted as undecodable.</li>
 *   <li>Records of non-TCP protocols are counted and left out. Records merge into connections as
 *       {@link FlowRecordMerger} says.</li>
 * </ul>
 *
 * A line with the wrong number of fields, or a bad value, is an error naming the file, the line
 * and the field (or, with {@code --skip-bad}, counted and left out). Streams line by line: memory
 * is the merger's connections. Not thread-safe (one call per file).
 */
final class AwsFlowLogFormat {

    /** The default format's fields (version 2), in order. */
    static final List<String> DEFAULT_FIELDS = List.of("version", "account-id", "interface-id", "srcaddr", "dstaddr",
            "srcport", "dstport", "protocol", "packets", "bytes", "start", "end", "action", "log-status");

    private static final List<String> REQUIRED = List.of("srcaddr", "dstaddr", "srcport", "dstport", "protocol", "start",
            "end");
    private static final int TCP = 6;
    private static final int FIN = 1;
    private static final int SYN = 2;
    private static final int RST = 4;
    private static final int ACK = 16;

    private AwsFlowLogFormat() {
    }

    /** Whether {@code line} is a flow log header: space-separated field names including srcaddr and dstaddr. */
    static boolean isHeader(String line) {
        List<String> f = Arrays.asList(line.trim().split(" +"));
        return f.contains("srcaddr") && f.contains("dstaddr") && f.stream().allMatch(s -> s.matches("[a-z0-9-]+"));
    }

    /**
     * Reads a whole flow log.
     *
     * @throws TraceFormatException naming the line and the field, unless {@code skipBad}
     */
    static ConnectionTrace read(BufferedReader in, String name, ClientFilter clients, boolean skipBad) {
        BadRecords bad = new BadRecords(name, skipBad);
        FlowRecordMerger merger = new FlowRecordMerger(clients);
        long line = 0;
        long records = 0;
        long notTcp = 0;
        long noData = 0;
        List<String> fields = null;
        int[] col = null;
        int pktSrc = -1;
        int pktDst = -1;
        int flags = -1;
        int action = -1;
        int status = -1;
        try {
            String s;
            while ((s = in.readLine()) != null) {
                line++;
                if (s.isBlank()) {
                    continue;
                }
                if (fields == null) {
                    fields = isHeader(s) ? Arrays.asList(s.trim().split(" +")) : DEFAULT_FIELDS;
                    col = HeaderColumns.find(fields, REQUIRED, name, "line " + line, field -> "header lacks the field "
                            + field + " (expected an AWS VPC flow log format with the fields " + REQUIRED + ")");
                    pktSrc = fields.indexOf("pkt-srcaddr");
                    pktDst = fields.indexOf("pkt-dstaddr");
                    flags = fields.indexOf("tcp-flags");
                    action = fields.indexOf("action");
                    status = fields.indexOf("log-status");
                    if (fields != DEFAULT_FIELDS) {
                        continue;
                    }
                }
                records++;
                String[] f = s.trim().split(" +");
                if (f.length != fields.size()) {
                    bad.reject("line " + line, f.length + " fields (expected " + fields.size() + ", as the "
                            + (fields == DEFAULT_FIELDS ? "default version-2 format has" : "header names") + ")");
                    continue;
                }
                if (status >= 0 && (f[status].equals("NODATA") || f[status].equals("SKIPDATA"))) {
                    noData++;
                    continue;
                }
                try {
                    long protocol = FlowRecordMerger.number(f[col[4]], "protocol", 0);
                    if (protocol != TCP) {
                        notTcp++;
                        continue;
                    }
                    String src = FlowRecordMerger.address(f[pktSrc >= 0 && !f[pktSrc].equals("-") ? pktSrc : col[0]],
                            pktSrc >= 0 && !f[pktSrc].equals("-") ? "pkt-srcaddr" : "srcaddr");
                    String dst = FlowRecordMerger.address(f[pktDst >= 0 && !f[pktDst].equals("-") ? pktDst : col[1]],
                            pktDst >= 0 && !f[pktDst].equals("-") ? "pkt-dstaddr" : "dstaddr");
                    int srcPort = FlowRecordMerger.port(f[col[2]], "srcport");
                    int dstPort = FlowRecordMerger.port(f[col[3]], "dstport");
                    long start = FlowRecordMerger.number(f[col[5]], "start", 0);
                    long end = FlowRecordMerger.number(f[col[6]], "end", 0);
                    if (end < start) {
                        throw new IllegalArgumentException("field end: " + end + " is before start " + start
                                + " (expected end >= start)");
                    }
                    int flagBits = flags < 0 || f[flags].equals("-") ? 0
                            : (int) Math.min(FlowRecordMerger.number(f[flags], "tcp-flags", 0), 255);
                    boolean syn = (flagBits & SYN) != 0;
                    int opener = !syn ? FlowRecordMerger.UNKNOWN_OPENER
                            : (flagBits & ACK) != 0 ? FlowRecordMerger.DESTINATION_OPENED : FlowRecordMerger.SOURCE_OPENED;
                    boolean rejected = action >= 0 && f[action].equals("REJECT");
                    int ending = (flagBits & RST) != 0 || rejected ? FlowRecordMerger.RESET
                            : (flagBits & FIN) != 0 ? FlowRecordMerger.CLOSED : FlowRecordMerger.NO_END;
                    merger.record(src, srcPort, dst, dstPort, Math.multiplyExact(start, 1_000_000_000L),
                            Math.multiplyExact(end, 1_000_000_000L), opener, syn, ending);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    bad.reject("line " + line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (fields == null) {
            throw new TraceFormatException(name, null, "empty (expected an AWS VPC flow log: a header line naming the "
                    + "fields, then one record per line)");
        }
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        merger.finish(b);
        return b.build(name, new ImportStats("aws-vpc", records, b.size(), merger.notOurClient(), notTcp, noData, 0,
                bad.count()));
    }
}
