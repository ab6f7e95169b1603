package dev.portbench.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads Zeek's {@code conn.log} (TSV with a {@code #fields} header naming the columns, {@code -}
 * for unset values, {@code #}-lines for metadata) into a {@link ConnectionTrace}: one row per TCP
 * connection whose originator is one of the chosen clients.
 *
 * <ul>
 *   <li>open = {@code ts}; close = {@code ts + duration} ({@code duration} unset: close = open);</li>
 *   <li>destination = {@code id.resp_h:id.resp_p} ({@code [h]:p} for IPv6); local port = {@code id.orig_p};</li>
 *   <li>end: from {@code history} when present, by the first of {@code F} (originator FIN:
 *       client-close), {@code f} (responder FIN: server-close), {@code R}/{@code r} (reset); none of
 *       them is unfinished. Without {@code history}, from {@code conn_state}: {@code RSTO},
 *       {@code RSTR}, {@code RSTOS0}, {@code RSTRH}, {@code REJ} are resets, {@code SF} is taken
 *       as a client close (it does not say who closed first), anything else unfinished.</li>
 * </ul>
 *
 * Zeek writes a connection when it ends, so rows are not in {@code ts} order; the trace is sorted
 * after reading (O(n)). Required fields: {@code ts}, {@code id.orig_h}, {@code id.orig_p},
 * {@code id.resp_h}, {@code id.resp_p}, {@code proto}, {@code duration}; other fields are ignored.
 * A data line before {@code #fields}, a line with the wrong number of fields, a bad value or a
 * negative duration is an error naming the line.
 */
public final class ZeekConnLogFormat {

    static final List<String> REQUIRED = List.of("ts", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto",
            "duration");

    private ZeekConnLogFormat() {
    }

    /**
     * Reads a whole conn.log.
     *
     * @throws TraceFormatException naming the line and the problem
     */
    public static ConnectionTrace read(BufferedReader in, String name, ClientFilter clients) {
        return read(in, name, clients, false);
    }

    /**
     * Reads a whole conn.log; with {@code skipBad} a data line with the wrong number of fields or a
     * bad value is counted ({@link ImportStats#malformed()}) and left out instead.
     *
     * @throws TraceFormatException naming the line and the problem
     */
    public static ConnectionTrace read(BufferedReader in, String name, ClientFilter clients, boolean skipBad) {
        BadRecords bad = new BadRecords(name, skipBad);
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        String separator = "\t";
        String unset = "-";
        int[] col = null;
        int fieldCount = 0;
        int history = -1;
        int state = -1;
        long line = 0;
        long notOurs = 0;
        long notTcp = 0;
        try {
            String s;
            while ((s = in.readLine()) != null) {
                line++;
                if (s.isEmpty()) {
                    continue;
                }
                if (s.charAt(0) == '#') {
                    if (s.startsWith("#separator ")) {
                        separator = unescape(s.substring("#separator ".length()));
                    } else if (s.startsWith("#unset_field")) {
                        unset = s.substring(s.indexOf(separator) + separator.length());
                    } else if (s.startsWith("#fields")) {
                        List<String> fields = Arrays.asList(s.split(java.util.regex.Pattern.quote(separator), -1));
                        fields = fields.subList(1, fields.size());
                        col = HeaderColumns.find(fields, REQUIRED, name, "line " + line, field -> "#fields lacks '"
                                + field + "' (expected a Zeek conn.log with the fields " + REQUIRED + ")");
                        history = fields.indexOf("history");
                        state = fields.indexOf("conn_state");
                        fieldCount = fields.size();
                    }
                    continue;
                }
                if (col == null) {
                    throw new TraceFormatException(name, "line " + line,
                            "data before the #fields header (expected a Zeek conn.log: TSV with #separator and #fields lines)");
                }
                String[] f = s.split(java.util.regex.Pattern.quote(separator), -1);
                if (f.length != fieldCount) {
                    bad.reject("line " + line, f.length + " fields (expected " + fieldCount
                            + ", as #fields names; is the file cut short?)");
                    continue;
                }
                try {
                    if (!"tcp".equals(f[col[5]])) {
                        notTcp++;
                        continue;
                    }
                    String orig = f[col[1]];
                    if (!clients.matches(orig)) {
                        notOurs++;
                        continue;
                    }
                    long open = Seconds.parseNanos(required(f[col[0]], "ts", unset));
                    String d = f[col[6]];
                    long duration = d.equals(unset) ? 0 : Seconds.parseNanos(d);
                    if (duration < 0) {
                        throw new IllegalArgumentException("times out of order: duration " + d + " s (expected >= 0)");
                    }
                    String h = f[col[3]];
                    String destination = (h.indexOf(':') >= 0 ? "[" + h + "]" : h) + ":"
                            + port(required(f[col[4]], "id.resp_p", unset), "id.resp_p");
                    int local = port(required(f[col[2]], "id.orig_p", unset), "id.orig_p");
                    ConnectionEnd end = end(history >= 0 ? f[history] : unset, state >= 0 ? f[state] : unset, unset);
                    b.add(open, Math.addExact(open, duration), orig.indexOf(':') >= 0 ? "[" + orig + "]" : orig, destination, local,
                            end);
                } catch (IllegalArgumentException | ArithmeticException e) {
                    bad.reject("line " + line, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
        }
        if (col == null) {
            throw new TraceFormatException(name, null, "no #fields header (expected a Zeek conn.log)");
        }
        return b.build(name, new ImportStats("zeek", line, b.size(), notOurs, notTcp, 0, 0, bad.count()));
    }

    private static String required(String value, String field, String unset) {
        if (value.equals(unset)) {
            throw new IllegalArgumentException(field + " unset (expected a value)");
        }
        return value;
    }

    private static int port(String s, String field) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(field + " '" + s + "' (expected a port 1..65535)");
    }

    static ConnectionEnd end(String history, String connState, String unset) {
        if (!history.equals(unset)) {
            for (int i = 0; i < history.length(); i++) {
                switch (history.charAt(i)) {
                    case 'F':
                        return ConnectionEnd.CLIENT_CLOSE;
                    case 'f':
                        return ConnectionEnd.SERVER_CLOSE;
                    case 'R':
                    case 'r':
                        return ConnectionEnd.RESET;
                    default:
                        break;
                }
            }
            return ConnectionEnd.UNFINISHED;
        }
        return switch (connState) {
            case "SF" -> ConnectionEnd.CLIENT_CLOSE;
            case "RSTO", "RSTR", "RSTOS0", "RSTRH", "REJ" -> ConnectionEnd.RESET;
            default -> ConnectionEnd.UNFINISHED;
        };
    }

    /** Zeek writes the separator escaped, as {@code \x09}. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("\\x", i) && i + 4 <= s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 2, i + 4), 16));
                i += 4;
            } else {
                b.append(s.charAt(i));
                i++;
            }
        }
        return b.toString();
    }
}
