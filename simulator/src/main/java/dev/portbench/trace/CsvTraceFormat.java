package dev.portbench.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The suite's own CSV trace format, read and written with Jackson's CSV module, one connection per
 * line, rows in order of open time:
 *
 * <pre>
 * open,close,destination,local_port,end
 * 1700000000.000125,1700000000.250000,10.0.0.7:443,40112,client-close
 * </pre>
 *
 * <ul>
 *   <li>{@code open}, {@code close} (required): seconds, any origin, a decimal with at most 9 digits
 *       after the point; {@code close >= open}; opens never decrease from one row to the next.</li>
 *   <li>{@code destination} (required): any non-empty name without commas or quotes, usually
 *       {@code address:port}; connections to the same destination share per-destination state.</li>
 *   <li>{@code local_port} (optional): the client's port, 1..65535, or empty.</li>
 *   <li>{@code end} (optional, default {@code client-close}): {@code client-close},
 *       {@code server-close}, {@code reset} or {@code unfinished} ({@link ConnectionEnd}).</li>
 *   <li>{@code client} (optional): the client that opened it, e.g. its address; a trace of many clients
 *       keeps them apart ({@link ConnectionTrace#client}); empty or absent: the one unnamed client. The
 *       writer adds the column only for a trace that names its clients.</li>
 * </ul>
 *
 * The header line is required, columns may come in any order, and a column not listed above is
 * an error (a typo would otherwise silently drop data). Values are taken as written (no spaces
 * around them); empty lines are skipped. Reading streams Jackson's tokens: memory is the trace
 * being built (23 bytes per connection).
 */
public final class CsvTraceFormat {

    /** Every column the format knows, in the order the writer uses. */
    public static final List<String> COLUMNS = List.of("open", "close", "destination", "local_port", "end", "client");

    /** Rows come as one array token sequence each (no wrapping array), empty lines skipped. */
    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .build();

    private CsvTraceFormat() {
    }

    /**
     * Reads a whole CSV trace.
     *
     * @param name the file name, for messages
     * @throws TraceFormatException naming the line and the problem
     */
    public static ConnectionTrace read(Reader in, String name) {
        return read(in, name, false);
    }

    /**
     * Reads a whole CSV trace; with {@code skipBad} a row with the wrong number of fields or a bad
     * value is counted ({@link ImportStats#malformed()}) and left out instead (the header must be right).
     *
     * @param name the file name, for messages
     * @throws TraceFormatException naming the line and the problem
     */
    public static ConnectionTrace read(Reader in, String name, boolean skipBad) {
        BadRecords bad = new BadRecords(name, skipBad);
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        long lines = 0;
        long line = 1;
        try (CsvParser p = MAPPER.getFactory().createParser(in)) {
            p.setSchema(CsvSchema.emptySchema());
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new TraceFormatException(name, null, "empty (expected a header line: " + String.join(",", COLUMNS) + ")");
            }
            List<String> header = new ArrayList<>();
            while (p.nextToken() == JsonToken.VALUE_STRING) {
                header.add(p.getText().trim());
            }
            int[] slot = new int[COLUMNS.size()];
            Arrays.fill(slot, -1);
            for (int i = 0; i < header.size(); i++) {
                int known = COLUMNS.indexOf(header.get(i));
                if (known < 0) {
                    throw new TraceFormatException(name, "line 1", "unknown column '" + header.get(i)
                            + "' (expected the columns " + COLUMNS + "; open, close and destination required)");
                }
                if (slot[known] >= 0) {
                    throw new TraceFormatException(name, "line 1", "column '" + header.get(i) + "' given twice");
                }
                slot[known] = i;
            }
            if (slot[0] < 0 || slot[1] < 0 || slot[2] < 0) {
                throw new TraceFormatException(name, "line 1", "header " + header + " lacks "
                        + (slot[0] < 0 ? "open" : slot[1] < 0 ? "close" : "destination")
                        + " (expected the columns open, close, destination and optionally local_port, end, client)");
            }
            int[] columnOf = new int[header.size()];
            for (int k = 0; k < slot.length; k++) {
                if (slot[k] >= 0) {
                    columnOf[slot[k]] = k;
                }
            }
            lines = 1;
            String[] row = new String[COLUMNS.size()];
            while (p.nextToken() == JsonToken.START_ARRAY) {
                lines++;
                Arrays.fill(row, null);
                int fields = 0;
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    if (fields == 0) {
                        line = p.currentTokenLocation().getLineNr(); // the row's line (its START_ARRAY may sit on the previous one)
                    }
                    if (fields < columnOf.length) {
                        row[columnOf[fields]] = p.getText();
                    }
                    fields++;
                }
                if (fields != header.size()) {
                    bad.reject("line " + line, fields + " fields (expected " + header.size() + ", as in the header)");
                    continue;
                }
                try {
                    long o = Seconds.parseNanos(row[0]);
                    long c = Seconds.parseNanos(row[1]);
                    if (o < b.lastOpen()) {
                        throw new IllegalArgumentException("times out of order: open " + row[0]
                                + " s is before the previous row's " + Seconds.format(b.lastOpen())
                                + " s (expected rows in order of open time)");
                    }
                    int port = row[3] == null || row[3].isEmpty() ? ConnectionTrace.NO_PORT : parsePort(row[3]);
                    ConnectionEnd e = row[4] == null || row[4].isEmpty() ? ConnectionEnd.CLIENT_CLOSE
                            : ConnectionEnd.fromId(row[4]);
                    b.add(o, c, row[5] == null || row[5].isEmpty() ? ConnectionTrace.UNNAMED_CLIENT : row[5], row[2], port,
                            e);
                } catch (IllegalArgumentException e) {
                    bad.reject("line " + line, e.getMessage());
                }
            }
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(name, "line " + e.getLocation().getLineNr(), "not CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        return b.build(name, new ImportStats("csv", lines, b.size(), 0, 0, 0, 0, bad.count()));
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("local_port '" + s + "' (expected 1..65535, or empty)");
    }

    /** Writes {@code trace} with every column, exactly (reading it back gives the same trace). */
    public static void write(ConnectionTrace trace, Writer out) {
        boolean named = !trace.clients().equals(List.of(ConnectionTrace.UNNAMED_CLIENT));
        List<String> columns = named ? COLUMNS : COLUMNS.subList(0, COLUMNS.size() - 1);
        CsvSchema schema = CsvSchema.builder().addColumns(columns, CsvSchema.ColumnType.STRING).build()
                .withHeader().withLineSeparator("\n");
        try (var w = MAPPER.writer(schema).writeValues(out)) {
            String[] row = new String[columns.size()];
            List<String> destinations = trace.destinations();
            for (int i = 0; i < trace.size(); i++) {
                row[0] = Seconds.format(trace.open(i));
                row[1] = Seconds.format(trace.close(i));
                row[2] = destinations.get(trace.destination(i));
                int p = trace.localPort(i);
                row[3] = p == ConnectionTrace.NO_PORT ? "" : Integer.toString(p);
                row[4] = trace.end(i).id();
                if (named) {
                    row[5] = trace.clients().get(trace.client(i));
                }
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV: " + e.getMessage(), e);
        }
    }
}
