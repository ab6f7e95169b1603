package dev.portbench.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Reads Azure virtual-network flow logs (Network Watcher, {@code flowLogVersion} 4; the JSON
 * blobs it writes to storage) with Jackson's streaming parser, following Microsoft's "Virtual
 * network flow logs" log format (learn.microsoft.com/azure/network-watcher/vnet-flow-logs-overview):
 * {@code {"records": [{..., "flowRecords": {"flows": [{"aclID", "flowGroups": [{"rule",
 * "flowTuples": ["..."]}]}]}}]}}, each flow tuple a comma-separated string:
 *
 * <pre>
 * time (Unix ms),source IP,destination IP,source port,destination port,protocol (IANA),direction (I|O),
 *   state (B|C|E|D),encryption,packets src-&gt;dst,bytes src-&gt;dst,packets dst-&gt;src,bytes dst-&gt;src
 * </pre>
 *
 * The source is the flow's initiator, so it is the client; {@code B} (begin) opens, {@code C}
 * (continuing, every five minutes) extends, {@code E} (end) closes, {@code D} (denied) is a reset
 * at once. Tuples of one 4-tuple merge as {@link FlowRecordMerger} says. Other keys are skipped
 * unread. A tuple with fewer than 8 fields or a bad value is an error naming the file, the record
 * index, the tuple's place, the line and the field (or, with {@code --skip-bad}, counted and left
 * out); a JSON syntax error or a file without {@code records} is an error. Memory: the merger's
 * connections, never the document. Not thread-safe (one call per file).
 */
final class AzureFlowLogFormat {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int TCP = 6;
    private static final int MIN_FIELDS = 8;

    private AzureFlowLogFormat() {
    }

    /** One file being read: its counters and the merger. */
    private static final class Job {
        final String name;
        final BadRecords bad;
        final FlowRecordMerger merger;
        long tuples;
        long notTcp;
        int record;

        Job(String name, ClientFilter clients, boolean skipBad) {
            this.name = name;
            this.bad = new BadRecords(name, skipBad);
            this.merger = new FlowRecordMerger(clients);
        }
    }

    static ConnectionTrace read(Reader in, String name, ClientFilter clients, boolean skipBad) {
        Job job = new Job(name, clients, skipBad);
        boolean sawRecords = false;
        try (JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new TraceFormatException(name, "line 1", "not a JSON object (expected an Azure flow log: {\"records\": [...]})");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonToken t = p.nextToken();
                if (key.equals("records") && t == JsonToken.START_ARRAY) {
                    sawRecords = true;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        record(p, job);
                        job.record++;
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(name, "record " + job.record + ", line " + e.getLocation().getLineNr(),
                    "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (!sawRecords) {
            throw new TraceFormatException(name, null, "no \"records\" array (expected an Azure virtual-network flow log)");
        }
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        job.merger.finish(b);
        return b.build(name, new ImportStats("azure-vnet", job.tuples, b.size(), job.merger.notOurClient(), job.notTcp,
                0, 0, job.bad.count()));
    }

    /** One element of {@code records}, the parser on its first token. */
    private static void record(JsonParser p, Job job) throws IOException {
        String where = "record " + job.record;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            job.bad.reject(where + ", line " + p.currentTokenLocation().getLineNr(), "not an object (expected a flow log record)");
            p.skipChildren();
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("flowRecords")) {
                if (expect(p, JsonToken.START_OBJECT, job, where + " flowRecords", "an object")) {
                    flowRecords(p, job, where);
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /** Reads one element of an array, the parser on its first token; {@code where} names the element. */
    @FunctionalInterface
    private interface ElementReader {
        void read(JsonParser p, Job job, String where) throws IOException;
    }

    /**
     * Walks the current object's fields: each element of the array field {@code key} goes to
     * {@code each}, named {@code where + path + "[i]"}; a {@code key} that is not an array is
     * rejected, every other field skipped.
     */
    private static void eachElement(JsonParser p, Job job, String where, String key, String path, ElementReader each)
            throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            if (field.equals(key) && expect(p, JsonToken.START_ARRAY, job, where + path, "an array")) {
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    each.read(p, job, where + path + "[" + i++ + "]");
                }
            } else {
                p.skipChildren();
            }
        }
    }

    private static void flowRecords(JsonParser p, Job job, String where) throws IOException {
        eachElement(p, job, where, "flows", " flowRecords.flows", (q, j, w) -> {
            if (expect(q, JsonToken.START_OBJECT, j, w, "an object")) {
                flow(q, j, w);
            }
        });
    }

    private static void flow(JsonParser p, Job job, String where) throws IOException {
        eachElement(p, job, where, "flowGroups", ".flowGroups", (q, j, w) -> {
            if (expect(q, JsonToken.START_OBJECT, j, w, "an object")) {
                group(q, j, w);
            }
        });
    }

    private static void group(JsonParser p, Job job, String where) throws IOException {
        eachElement(p, job, where, "flowTuples", ".flowTuples", (q, j, w) -> {
            j.tuples++;
            if (expect(q, JsonToken.VALUE_STRING, j, w, "a string")) {
                tuple(q.getText(), j, w + ", line " + q.currentTokenLocation().getLineNr());
            }
        });
    }

    /** Whether the current token is {@code expected}; if not, rejects the value (skipping it) and says false. */
    private static boolean expect(JsonParser p, JsonToken expected, Job job, String where, String what) throws IOException {
        if (p.currentToken() == expected) {
            return true;
        }
        job.bad.reject(where + ", line " + p.currentTokenLocation().getLineNr(), p.currentToken() + " (expected " + what + ")");
        p.skipChildren();
        return false;
    }

    private static void tuple(String tuple, Job job, String where) {
        String[] f = tuple.split(",", -1);
        if (f.length < MIN_FIELDS) {
            job.bad.reject(where, "flow tuple '" + tuple + "' has " + f.length + " fields (expected at least " + MIN_FIELDS
                    + ": time,source IP,destination IP,source port,destination port,protocol,direction,state,...)");
            return;
        }
        try {
            long protocol = FlowRecordMerger.number(f[5], "protocol", 0);
            String state = f[7];
            if (!state.equals("B") && !state.equals("C") && !state.equals("E") && !state.equals("D")) {
                throw new IllegalArgumentException("field flow state: '" + state + "' (expected B, C, E or D)");
            }
            if (!f[6].equals("I") && !f[6].equals("O")) {
                throw new IllegalArgumentException("field flow direction: '" + f[6] + "' (expected I or O)");
            }
            long millis = FlowRecordMerger.number(f[0], "time stamp", 0);
            if (protocol != TCP) {
                job.notTcp++;
                return;
            }
            String src = FlowRecordMerger.address(f[1], "source IP");
            String dst = FlowRecordMerger.address(f[2], "destination IP");
            int srcPort = FlowRecordMerger.port(f[3], "source port");
            int dstPort = FlowRecordMerger.port(f[4], "destination port");
            long at = Math.multiplyExact(millis, 1_000_000L);
            boolean opening = state.equals("B") || state.equals("D");
            int ending = state.equals("D") ? FlowRecordMerger.RESET
                    : state.equals("E") ? FlowRecordMerger.CLOSED : FlowRecordMerger.NO_END;
            job.merger.record(src, srcPort, dst, dstPort, at, at, FlowRecordMerger.SOURCE_OPENED, opening, ending);
        } catch (IllegalArgumentException | ArithmeticException e) {
            job.bad.reject(where, e.getMessage());
        }
    }
}
