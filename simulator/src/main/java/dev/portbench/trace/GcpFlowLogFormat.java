package dev.portbench.trace;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads GCP VPC Flow Logs as Cloud Logging exports them: JSON log entries one per line (a Cloud
 * Storage sink), or one JSON array of entries ({@code gcloud logging read --format=json}), read
 * with Jackson's streaming parser one entry at a time. Fields follow Google's "VPC Flow Logs
 * record format" (cloud.google.com/vpc/docs/about-flow-logs-records):
 * {@code jsonPayload.connection.src_ip}, {@code src_port}, {@code dest_ip}, {@code dest_port},
 * {@code protocol} (IANA number; 6 is TCP), {@code jsonPayload.start_time} and {@code end_time}
 * (RFC 3339) of the sampled aggregation interval; other fields are ignored.
 *
 * <p>GCP logs say neither who opened a flow nor how it ended (no flags), and both ends of one
 * flow may report it ({@code reporter} SRC and DEST): records merge by 4-tuple in either
 * direction, the client is the higher port's side, and every connection is taken as a client
 * close ({@link FlowRecordMerger}). An entry without those fields or with a bad value is an error
 * naming the file, the entry's index, its line and the field (or, with {@code --skip-bad},
 * counted and left out); a JSON syntax error is an error. Memory: one entry's tree at a time plus
 * the merger's connections. Not thread-safe (one call per file).
 */
final class GcpFlowLogFormat {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int TCP = 6;

    private GcpFlowLogFormat() {
    }

    static ConnectionTrace read(Reader in, String name, ClientFilter clients, boolean skipBad) {
        BadRecords bad = new BadRecords(name, skipBad);
        FlowRecordMerger merger = new FlowRecordMerger(clients);
        long entries = 0;
        long notTcp = 0;
        try (JsonParser p = MAPPER.createParser(in)) {
            JsonToken t = p.nextToken();
            boolean array = t == JsonToken.START_ARRAY;
            if (array) {
                t = p.nextToken();
            }
            while (t != null && !(array && t == JsonToken.END_ARRAY)) {
                String where = "entry " + entries + ", line " + p.currentTokenLocation().getLineNr();
                entries++;
                JsonNode entry = p.readValueAsTree();
                try {
                    if (entry == null || !entry.isObject()) {
                        throw new IllegalArgumentException("not an object (expected a log entry with jsonPayload)");
                    }
                    JsonNode payload = entry.path("jsonPayload");
                    JsonNode c = payload.path("connection");
                    if (!c.isObject()) {
                        throw new IllegalArgumentException("field jsonPayload.connection: missing (expected a VPC flow log entry)");
                    }
                    long protocol = FlowRecordMerger.number(text(c, "protocol"), "jsonPayload.connection.protocol", 0);
                    if (protocol != TCP) {
                        notTcp++;
                    } else {
                        String src = FlowRecordMerger.address(text(c, "src_ip"), "jsonPayload.connection.src_ip");
                        String dst = FlowRecordMerger.address(text(c, "dest_ip"), "jsonPayload.connection.dest_ip");
                        int srcPort = FlowRecordMerger.port(text(c, "src_port"), "jsonPayload.connection.src_port");
                        int dstPort = FlowRecordMerger.port(text(c, "dest_port"), "jsonPayload.connection.dest_port");
                        long start = nanos(payload, "start_time");
                        long end = nanos(payload, "end_time");
                        if (end < start) {
                            throw new IllegalArgumentException("field jsonPayload.end_time: " + payload.path("end_time").asText()
                                    + " is before start_time " + payload.path("start_time").asText()
                                    + " (expected end_time >= start_time)");
                        }
                        merger.record(src, srcPort, dst, dstPort, start, end, FlowRecordMerger.UNKNOWN_OPENER, false,
                                FlowRecordMerger.NO_END);
                    }
                } catch (IllegalArgumentException | ArithmeticException e) {
                    bad.reject(where, e.getMessage());
                }
                t = p.nextToken();
            }
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(name, "entry " + entries + ", line " + e.getLocation().getLineNr(),
                    "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        merger.finish(b);
        return b.build(name, new ImportStats("gcp-vpc", entries, b.size(), merger.notOurClient(), notTcp, 0, 0,
                bad.count()));
    }

    /** A scalar field as text (GCP writes ports and protocol as JSON numbers); "" when missing. */
    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isValueNode() ? "" : v.asText();
    }

    private static long nanos(JsonNode payload, String field) {
        String s = text(payload, field);
        try {
            Instant i = Instant.parse(s);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field jsonPayload." + field + ": '" + s
                    + "' (expected an RFC 3339 time such as 2026-01-01T00:00:00.000Z)");
        }
    }
}
