package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.report.SelectionSection.Row;
import dev.portbench.runfolder.SelectionFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The selection section's picks recomputed at every load and arrival shape of
 * {@code selection.json}, so that a pick is stated with the conditions where it holds: the load
 * balancer's (cheapest without false exhaustion there), the client's (cheapest that is also
 * unpredictable there) and the NAT's (among the client's candidates, the longest minimum reuse
 * distance there, values within 1% counted equal, then the cheapest). Costs are those measured
 * on {@code q170791-rho0.99} (fixed rate) for every cell: the shape and load change the quality
 * measures, which decide the picks. Files written before Poisson was measured give the
 * fixed-rate rows only, and the section says so.
 */
final class SelectionPicksByLoad {

    private static final String[] USES = {"load-balancer", "client", "NAT"};

    private SelectionPicksByLoad() {
    }

    /** One pick per use at one load of one shape, with the NAT pick's minimum reuse distance. */
    private record Picks(String shape, double rho, String[] policies, long natReuse) {
    }

    /** {@code byShape}: arrival shape id to that shape's rows; shapes without rows are skipped. */
    static void append(StringBuilder md, Map<String, Map<String, Row>> byShape) {
        Map<String, List<Picks>> picks = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Row>> shape : byShape.entrySet()) {
            Map<String, Row> rows = shape.getValue();
            TreeSet<Double> rhos = new TreeSet<>();
            rows.values().forEach(r -> rhos.addAll(r.byRho().keySet()));
            if (rows.isEmpty() || rhos.size() < 2 && byShape.size() < 2) {
                continue;
            }
            List<Picks> list = new ArrayList<>();
            for (double rho : rhos) {
                list.add(pick(shape.getKey(), rho, rows));
            }
            picks.put(shape.getKey(), list);
        }
        if (picks.isEmpty()) {
            return;
        }
        md.append("### The picks at every load and arrival shape\n\n");
        md.append("Each pick recomputed from the measures at that load with that arrival shape (costs measured on "
                + "`q170791-rho0.99`).");
        if (picks.size() == 1) {
            md.append(" This run's selection.json has ").append(picks.keySet().iterator().next())
                    .append(" arrivals only (written before the Poisson ones were measured).");
        }
        md.append("\n\n| arrivals | load | load balancer / SNAT | client | NAT / CGNAT (min reuse distance) |\n|---|---:|---|---|---|\n");
        for (List<Picks> list : picks.values()) {
            for (Picks p : list) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s |%n", p.shape(), Format.ns(p.rho()),
                        p.policies()[0], p.policies()[1], p.natReuse() < 0 ? p.policies()[2]
                                : String.format(Locale.ROOT, "%s (%,d)", p.policies()[2], p.natReuse())));
            }
        }
        md.append('\n');
        for (Map.Entry<String, List<Picks>> shape : picks.entrySet()) {
            List<Picks> list = shape.getValue();
            for (int u = 0; u < USES.length; u++) {
                List<String> changes = new ArrayList<>();
                for (int i = 1; i < list.size(); i++) {
                    if (!list.get(i).policies()[u].equals(list.get(i - 1).policies()[u])) {
                        changes.add(String.format(Locale.ROOT, "%s at rho %s -> %s at rho %s", list.get(i - 1).policies()[u],
                                Format.ns(list.get(i - 1).rho()), list.get(i).policies()[u], Format.ns(list.get(i).rho())));
                    }
                }
                md.append("- ").append(shape.getKey()).append(": the ").append(USES[u]).append(" pick ")
                        .append(changes.isEmpty() ? "is the same at every load (" + list.get(0).policies()[u] + ")."
                                : "changes with load: " + String.join("; ", changes) + ".")
                        .append('\n');
            }
            reuseAcrossLoads(md, shape.getKey(), list, byShape.get(shape.getKey()));
        }
        if (picks.size() > 1) {
            acrossShapes(md, picks, byShape);
        }
        md.append('\n');
    }

    private static Picks pick(String shape, double rho, Map<String, Row> rows) {
        List<Row> reliable = new ArrayList<>();
        for (Row r : rows.values()) {
            SelectionFile.Measure m = r.byRho().get(rho);
            if (r.cost() != null && m != null && m.falseExhaustion() == 0) {
                reliable.add(r);
            }
        }
        List<Row> hidden = reliable.stream()
                .filter(r -> r.byRho().get(rho).predictability() < SelectionSection.UNPREDICTABLE).toList();
        String lb = reliable.isEmpty() ? "none" : SelectionSection.cheapest(reliable).policy();
        String client = hidden.isEmpty() ? "none" : SelectionSection.cheapest(hidden).policy();
        String nat = "none";
        long natReuse = -1;
        if (!hidden.isEmpty()) {
            long best = hidden.stream().mapToLong(r -> reuse(r, rho)).max().orElse(0);
            Row n = SelectionSection.cheapest(hidden.stream().filter(r -> reuse(r, rho) >= best * 0.99).toList());
            nat = n.policy();
            natReuse = reuse(n, rho);
        }
        return new Picks(shape, rho, new String[] {lb, client, nat}, natReuse);
    }

    /** When the NAT pick at full load differs from the one at the lowest load: what the full-load pick costs there. */
    private static void reuseAcrossLoads(StringBuilder md, String shape, List<Picks> list, Map<String, Row> rows) {
        String natLow = list.get(0).policies()[2];
        String natHigh = list.get(list.size() - 1).policies()[2];
        Row low = rows.get(natLow);
        Row high = rows.get(natHigh);
        if (low != null && high != null && !natLow.equals(natHigh)) {
            double rho = list.get(0).rho();
            md.append(String.format(Locale.ROOT, "- %s: at rho %s the rho-%s NAT pick %s reuses a port after %,d connections "
                    + "at the least, against %,d for %s.%n", shape, Format.ns(rho), Format.ns(list.get(list.size() - 1).rho()),
                    natHigh, reuse(high, rho), reuse(low, rho), natLow));
        }
    }

    /** Every load where a pick differs between the arrival shapes, with the NAT's reuse distances on both. */
    private static void acrossShapes(StringBuilder md, Map<String, List<Picks>> picks, Map<String, Map<String, Row>> byShape) {
        List<String> shapes = new ArrayList<>(picks.keySet());
        String a = shapes.get(0);
        String b = shapes.get(1);
        List<String> differences = new ArrayList<>();
        for (Picks pa : picks.get(a)) {
            for (Picks pb : picks.get(b)) {
                if (pa.rho() != pb.rho()) {
                    continue;
                }
                for (int u = 0; u < USES.length; u++) {
                    if (pa.policies()[u].equals(pb.policies()[u])) {
                        continue;
                    }
                    String detail = "";
                    if (u == 2) {
                        Row aOnB = byShape.get(b).get(pa.policies()[u]);
                        detail = aOnB == null ? "" : String.format(Locale.ROOT, " (with %s arrivals %s reuses after %,d at the "
                                + "least, %s after %,d)", b, pa.policies()[u], reuse(aOnB, pb.rho()), pb.policies()[u],
                                pb.natReuse());
                    }
                    differences.add(String.format(Locale.ROOT, "the %s pick at rho %s is %s with %s arrivals, %s with %s%s",
                            USES[u], Format.ns(pa.rho()), pa.policies()[u], a, pb.policies()[u], b, detail));
                }
            }
        }
        md.append("- Across arrival shapes: ").append(differences.isEmpty() ? "every pick is the same with " + a + " and " + b
                + " arrivals at every load." : String.join("; ", differences) + ".").append('\n');
    }

    private static long reuse(Row r, double rho) {
        SelectionFile.Measure m = r.byRho().get(rho);
        return m == null ? -1 : m.minReuseDistance();
    }
}
