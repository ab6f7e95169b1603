package dev.portbench.calibration;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The namespace's TCP counters from {@code /proc/net/snmp} ({@code Tcp:}) and
 * {@code /proc/net/netstat} ({@code TcpExt:}), both per network namespace: pairs of a header line
 * of names and a line of values. Used to explain what the port model does not have, such as
 * resets ({@code Tcp.OutRsts}) or segments reaching a TIME-WAIT socket ({@code TcpExt.PAWSTimewait}).
 */
final class TcpCounters {

    static final Path SNMP = Path.of("/proc/net/snmp");
    static final Path NETSTAT = Path.of("/proc/net/netstat");

    private TcpCounters() {
    }

    /** Every {@code Tcp} and {@code TcpExt} counter now, as {@code Group.Name}. */
    static Map<String, Long> read() throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        parse(NamespaceChild.readProc(SNMP), "Tcp", m);
        parse(NamespaceChild.readProc(NETSTAT), "TcpExt", m);
        return m;
    }

    /** Adds the counters of {@code group} in a snmp/netstat text to {@code into}. */
    static void parse(String text, String group, Map<String, Long> into) {
        String[] lines = text.split("\n");
        String prefix = group + ":";
        for (int i = 0; i + 1 < lines.length; i++) {
            if (lines[i].startsWith(prefix) && lines[i + 1].startsWith(prefix)) {
                String[] names = lines[i].trim().split("\\s+");
                String[] values = lines[i + 1].trim().split("\\s+");
                if (names.length != values.length) {
                    throw new IllegalArgumentException(group + ": " + (names.length - 1) + " names but " + (values.length - 1)
                            + " values (expected as many)");
                }
                for (int k = 1; k < names.length; k++) {
                    try {
                        into.put(group + "." + names[k], Long.parseLong(values[k]));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(group + "." + names[k] + ": '" + values[k]
                                + "' (expected a number)", e);
                    }
                }
                return;
            }
        }
    }

    /** The counters that changed from {@code before} to {@code after}, with their change. */
    static Map<String, Long> changes(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> d = new LinkedHashMap<>();
        after.forEach((k, v) -> {
            long delta = v - before.getOrDefault(k, 0L);
            if (delta != 0 && !k.equals("Tcp.MaxConn") && !k.equals("Tcp.CurrEstab")) {
                d.put(k, delta);
            }
        });
        return d;
    }
}
