package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.report.SelectionSection.Row;
import dev.portbench.runfolder.SelectionFile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The selection section's picks recomputed at every load of {@code selection.json}, so that a
 * pick is stated with the loads where it holds: the load balancer's (cheapest without false
 * exhaustion at that load), the client's (cheapest that is also unpredictable there) and the
 * NAT's (among the client's candidates, the longest minimum reuse distance at that load, values
 * within 1% counted equal, then the cheapest). Costs are those measured at rho 0.99; the
 * selection study's arrivals are fixed-rate, so the picks hold for that shape only.
 */
final class SelectionPicksByLoad {

    private SelectionPicksByLoad() {
    }

    static void append(StringBuilder md, Map<String, Row> rows) {
        TreeSet<Double> rhos = new TreeSet<>();
        rows.values().forEach(r -> rhos.addAll(r.byRho().keySet()));
        if (rhos.size() < 2) {
            return;
        }
        md.append("### The picks at every load\n\n");
        md.append("Each pick recomputed from the measures at that load (fixed-rate arrivals; costs measured at rho 0.99).\n\n");
        md.append("| load | load balancer / SNAT | client | NAT / CGNAT (min reuse distance) |\n|---:|---|---|---|\n");
        List<String[]> picks = new ArrayList<>();
        for (double rho : rhos) {
            List<Row> reliable = new ArrayList<>();
            for (Row r : rows.values()) {
                SelectionFile.Measure m = r.byRho().get(rho);
                if (r.cost() != null && m != null && m.falseExhaustion() == 0) {
                    reliable.add(r);
                }
            }
            List<Row> hidden = reliable.stream()
                    .filter(r -> r.byRho().get(rho).predictability() < SelectionSection.UNPREDICTABLE).toList();
            String lb = reliable.isEmpty() ? "none" : cheapest(reliable).policy();
            String client = hidden.isEmpty() ? "none" : cheapest(hidden).policy();
            String nat = "none";
            long natReuse = -1;
            if (!hidden.isEmpty()) {
                long best = hidden.stream().mapToLong(r -> reuse(r, rho)).max().orElse(0);
                Row n = cheapest(hidden.stream().filter(r -> reuse(r, rho) >= best * 0.99).toList());
                nat = n.policy();
                natReuse = reuse(n, rho);
            }
            picks.add(new String[] {lb, client, nat});
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |%n", Format.ns(rho), lb, client,
                    natReuse < 0 ? nat : String.format(Locale.ROOT, "%s (%,d)", nat, natReuse)));
        }
        md.append('\n');
        String[] uses = {"load-balancer", "client", "NAT"};
        List<Double> loads = new ArrayList<>(rhos);
        for (int u = 0; u < uses.length; u++) {
            List<String> changes = new ArrayList<>();
            for (int i = 1; i < picks.size(); i++) {
                if (!picks.get(i)[u].equals(picks.get(i - 1)[u])) {
                    changes.add(String.format(Locale.ROOT, "%s at rho %s -> %s at rho %s", picks.get(i - 1)[u],
                            Format.ns(loads.get(i - 1)), picks.get(i)[u], Format.ns(loads.get(i))));
                }
            }
            md.append("- The ").append(uses[u]).append(" pick ")
                    .append(changes.isEmpty() ? "is the same at every load (" + picks.get(0)[u] + ")."
                            : "changes with load: " + String.join("; ", changes) + ".")
                    .append('\n');
        }
        if (!picks.isEmpty()) {
            String natLow = picks.get(0)[2];
            String natHigh = picks.get(picks.size() - 1)[2];
            Row low = rows.get(natLow);
            Row high = rows.get(natHigh);
            if (low != null && high != null && !natLow.equals(natHigh)) {
                double rho = loads.get(0);
                md.append(String.format(Locale.ROOT, "- At rho %s the rho-%s NAT pick %s reuses a port after %,d connections "
                        + "at the least, against %,d for %s.%n", Format.ns(rho), Format.ns(loads.get(loads.size() - 1)), natHigh,
                        reuse(high, rho), reuse(low, rho), natLow));
            }
        }
        md.append('\n');
    }

    private static long reuse(Row r, double rho) {
        SelectionFile.Measure m = r.byRho().get(rho);
        return m == null ? -1 : m.minReuseDistance();
    }

    private static Row cheapest(List<Row> rows) {
        Row best = rows.get(0);
        for (Row r : rows) {
            if (r.cost().score() < best.cost().score()) {
                best = r;
            }
        }
        return best;
    }
}
