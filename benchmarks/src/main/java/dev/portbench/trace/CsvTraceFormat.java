package dev.portbench.trace;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
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
 * </ul>
 *
 * The header line is required, columns may come in any order, and a column not listed above is
 * an error (a typo would otherwise silently drop data). Lines starting with {@code #} are comments.
 * Reading streams: memory is the trace being built (23 bytes per connection).
 */
public final class CsvTraceFormat {

    /** Every column the format knows, in the order the writer uses. */
    public static final List<String> COLUMNS = List.of("open", "close", "destination", "local_port", "end");

    private static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvParser.Feature.WRAP_AS_ARRAY)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.TRIM_SPACES)
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
        CsvSchema schema = CsvSchema.emptySchema().withComments();
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        long lines = 0;
        try (MappingIterator<String[]> it = MAPPER.readerFor(String[].class).with(schema).readValues(in)) {
            if (!it.hasNext()) {
                throw new TraceFormatException(name, null, "empty (expected a header line: "
                        + String.join(",", COLUMNS) + ")");
            }
            long headerLine = it.getCurrentLocation().getLineNr();
            String[] header = it.next();
            int open = -1;
            int close = -1;
            int destination = -1;
            int port = -1;
            int end = -1;
            for (int i = 0; i < header.length; i++) {
                String h = header[i].trim();
                int known = COLUMNS.indexOf(h);
                if (known < 0) {
                    throw new TraceFormatException(name, "line " + headerLine, "unknown column '" + h
                            + "' (expected the columns " + COLUMNS + "; open, close and destination required)");
                }
                int[] slots = {open, close, destination, port, end};
                if (slots[known] >= 0) {
                    throw new TraceFormatException(name, "line " + headerLine, "column '" + h + "' given twice");
                }
                switch (known) {
                    case 0 -> open = i;
                    case 1 -> close = i;
                    case 2 -> destination = i;
                    case 3 -> port = i;
                    default -> end = i;
                }
            }
            if (open < 0 || close < 0 || destination < 0) {
                throw new TraceFormatException(name, "line " + headerLine, "header " + Arrays.toString(header)
                        + " lacks " + (open < 0 ? "open" : close < 0 ? "close" : "destination")
                        + " (expected the columns open, close, destination and optionally local_port, end)");
            }
            lines = 1;
            while (it.hasNext()) {
                long line = it.getCurrentLocation().getLineNr();
                String[] row = it.next();
                lines++;
                if (row.length != header.length) {
                    throw new TraceFormatException(name, "line " + line, row.length + " fields (expected "
                            + header.length + ", as in the header)");
                }
                try {
                    long o = Seconds.parseNanos(row[open]);
                    long c = Seconds.parseNanos(row[close]);
                    if (o < b.lastOpen()) {
                        throw new IllegalArgumentException("times out of order: open " + row[open]
                                + " s is before the previous row's " + Seconds.format(b.lastOpen())
                                + " s (expected rows in order of open time)");
                    }
                    int p = port < 0 || row[port].isEmpty() ? ConnectionTrace.NO_PORT : parsePort(row[port]);
                    ConnectionEnd e = end < 0 || row[end].isEmpty() ? ConnectionEnd.CLIENT_CLOSE
                            : ConnectionEnd.fromId(row[end]);
                    b.add(o, c, row[destination], p, e);
                } catch (IllegalArgumentException bad) {
                    throw new TraceFormatException(name, "line " + line, bad.getMessage());
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TraceFormatException(name, "line " + e.getLocation().getLineNr(),
                    "not CSV: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            if (e instanceof TraceFormatException) {
                throw e;
            }
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new TraceFormatException(name, null, "not CSV: " + cause.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        return b.build(name, new ImportStats("csv", lines, b.size(), 0, 0, 0, 0));
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
        CsvSchema schema = CsvSchema.builder().addColumns(COLUMNS, CsvSchema.ColumnType.STRING).build()
                .withHeader().withLineSeparator("\n");
        try (var w = MAPPER.writer(schema).writeValues(out)) {
            String[] row = new String[COLUMNS.size()];
            List<String> destinations = trace.destinations();
            for (int i = 0; i < trace.size(); i++) {
                row[0] = Seconds.format(trace.open(i));
                row[1] = Seconds.format(trace.close(i));
                row[2] = destinations.get(trace.destination(i));
                int p = trace.localPort(i);
                row[3] = p == ConnectionTrace.NO_PORT ? "" : Integer.toString(p);
                row[4] = trace.end(i).id();
                w.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write CSV: " + e.getMessage(), e);
        }
    }
}
