package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.runfolder.FootprintFile;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static dev.portbench.report.RunData.known;

/** The report's memory-footprint section, from {@code footprint.json} (JOL, every port in TIME-WAIT). */
final class FootprintSection {

    private FootprintSection() {
    }

    /** The footprint entries of {@code ports}-port ranges, by allocator; empty without a footprint file. */
    static Map<String, FootprintFile.Entry> byAllocator(FootprintFile footprint, int ports) {
        Map<String, FootprintFile.Entry> m = new LinkedHashMap<>();
        if (footprint != null && footprint.entries() != null) {
            for (FootprintFile.Entry e : footprint.entries()) {
                if (e.ports() == ports) {
                    m.put(e.allocator(), e);
                }
            }
        }
        return m;
    }

    static void append(StringBuilder md, FootprintFile footprint, Map<String, FootprintFile.Entry> small,
                       Map<String, FootprintFile.Entry> large) {
        if (footprint == null) {
            md.append("## Memory footprint\n\nThis run has no footprint.json.\n\n");
            return;
        }
        md.append("## Memory footprint\n\n");
        md.append("JOL (").append(known(footprint.tool())).append("), every port in TIME-WAIT.\n\n");
        md.append("| allocator | lateness | bytes @3976 | B/port | objects | bytes @64512 | B/port | objects |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, FootprintFile.Entry> e : small.entrySet()) {
            FootprintFile.Entry s = e.getValue();
            FootprintFile.Entry l = large.get(e.getKey());
            long late = s.maxLatenessNanos();
            md.append("| ").append(e.getKey()).append(s.peerBaseline() ? " (peer baseline)" : "")
                    .append(" | ").append(late == 0 ? "exact" : Format.ns(late / 1e6) + " ms")
                    .append(String.format(Locale.ROOT, " | %,d | %s | %,d", s.bytes(), Format.bytes(s.bytesPerPort()), s.objects()));
            if (l != null) {
                md.append(String.format(Locale.ROOT, " | %,d | %s | %,d", l.bytes(), Format.bytes(l.bytesPerPort()), l.objects()));
            } else {
                md.append(" | n/a | n/a | n/a");
            }
            md.append(" |\n");
        }
        md.append("\n");
    }

    /** "bytes (B/port)", or n/a. */
    static String cell(FootprintFile.Entry f) {
        if (f == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,d (%s)", f.bytes(), Format.bytes(f.bytesPerPort()));
    }
}
