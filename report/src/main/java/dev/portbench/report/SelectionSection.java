package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.runfolder.SelectionFile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's port-selection section: quality (from {@code selection.json}) and cost (from
 * {@code SelectionBenchmark} in {@code jmh.json}) side by side, and a pick per use computed from
 * both.
 */
final class SelectionSection {

    static final String BENCHMARK = "SelectionBenchmark.replay";
    static final String FIXED_RATE = "fixed-rate";
    static final String POISSON = "poisson";

    /** Below this share of correct guesses a policy counts as unpredictable. */
    static final double UNPREDICTABLE = 0.01;

    private SelectionSection() {
    }

    /** One policy on one structure: its measures at each load and its cost, if benchmarked. */
    record Row(String policy, int rfc, Map<Double, SelectionFile.Measure> byRho, JmhResult cost) {
        SelectionFile.Measure at99() {
            return byRho.get(0.99);
        }

        long falseExhaustion() {
            long sum = 0;
            for (SelectionFile.Measure m : byRho.values()) {
                sum += m.falseExhaustion();
            }
            return sum;
        }

        double predictability() {
            return at99().predictability();
        }
    }

    static void append(StringBuilder md, Map<String, String> charts, SelectionFile sel, List<JmhResult> costs) {
        md.append("## Port-selection policies\n\n");
        if (sel == null) {
            md.append("This run has no selection.json.\n\n");
            return;
        }
        md.append(sel.workload()).append(", ").append(sel.periods())
                .append(" TIME-WAITs of connections per load; hash secrets ").append(sel.secret())
                .append(". Exact counts. Cost: ns per event replaying `q170791-rho0.99` over 16 destinations "
                        + "(`SelectionBenchmark`). Predictability: the share of ports an observer who saw every previous port "
                        + "guesses exactly, with the best of three guessers (last + 1; same destination + 1; same destination + "
                        + "connections since). Uniformity: the chi-square p-value (Apache Commons Statistics) of where 640 consecutive "
                        + "ports handed out right after the first TIME-WAIT at rho 0.5 fall in the range (64 bins, 10 expected "
                        + "per bin); below 0.001 the policy covers the range unevenly over a short window (sequential and "
                        + "least-recently-used do). "
                        + "The tables are for fixed-rate arrivals; the picks at the end are computed for every arrival shape "
                        + "the run measured. Reproduce alone with `./portbench policies`.\n\n");
        Map<String, Row> rows = rows(sel, costs, FIXED_RATE);

        md.append("| policy | RFC 6056 | ns/event | probes mean / max (rho 0.99) | false exhaustion at rho 0.5 / 0.9 / 0.99 "
                + "| reuse distance min / mean | uniformity p (rho 0.5) | predictability |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows.values()) {
            if (r.cost() == null) {
                continue;
            }
            appendRow(md, r);
        }
        if (rows.values().stream().anyMatch(r -> r.cost() == null)) {
            md.append("\nThe other structures that serve a policy, not benchmarked in this profile (`full` benchmarks them all). "
                    + "The bitset structures share their free pool, so their quality differs only where a wheel's late expiry "
                    + "changes which ports are free:\n\n");
            md.append("| policy | RFC 6056 | ns/event | probes mean / max (rho 0.99) | false exhaustion at rho 0.5 / 0.9 / 0.99 "
                    + "| reuse distance min / mean | uniformity p (rho 0.5) | predictability |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (Row r : rows.values()) {
                if (r.cost() == null) {
                    appendRow(md, r);
                }
            }
        }
        md.append("\n");
        recommend(md, rows);
        Map<String, Map<String, Row>> byShape = new LinkedHashMap<>();
        byShape.put(FIXED_RATE, rows);
        Map<String, Row> poisson = rows(sel, costs, POISSON);
        if (!poisson.isEmpty()) {
            byShape.put(POISSON, poisson);
        }
        SelectionPicksByLoad.append(md, byShape);
        probesTable(md, rows);
    }

    /** The rows of one arrival shape ({@code fixed-rate}, which older files hold only, or {@code poisson}). */
    private static Map<String, Row> rows(SelectionFile sel, List<JmhResult> costs, String shape) {
        Map<String, Row> rows = new LinkedHashMap<>();
        Map<String, Integer> rfc = new LinkedHashMap<>();
        for (SelectionFile.Support s : sel.support()) {
            rfc.put(s.allocator() + "/" + s.policy(), s.rfc6056Algorithm());
        }
        Map<String, Map<Double, SelectionFile.Measure>> measures = new LinkedHashMap<>();
        for (SelectionFile.Measure m : sel.measures()) {
            if (FIXED_RATE.equals(shape) ? !m.fixedRate() : !shape.equals(m.arrivals())) {
                continue;
            }
            measures.computeIfAbsent(m.policy(), k -> new java.util.TreeMap<>()).put(m.rho(), m);
        }
        for (Map.Entry<String, Map<Double, SelectionFile.Measure>> e : measures.entrySet()) {
            JmhResult cost = null;
            for (JmhResult c : costs) {
                if (e.getKey().equals(c.param("policy"))) {
                    cost = c;
                }
            }
            if (e.getValue().containsKey(0.99)) {
                rows.put(e.getKey(), new Row(e.getKey(), rfc.getOrDefault(e.getKey(), 0), e.getValue(), cost));
            }
        }
        return rows;
    }

    private static void appendRow(StringBuilder md, Row r) {
        SelectionFile.Measure m = r.at99();
        List<String> fe = new ArrayList<>();
        for (SelectionFile.Measure x : r.byRho().values()) {
            fe.add(String.format(Locale.ROOT, "%,d", x.falseExhaustion()));
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s / %,d | %s | %,d / %s | %s | %s |%n", r.policy(),
                r.rfc() == 0 ? "-" : String.valueOf(r.rfc()),
                r.cost() == null ? "-" : Format.ns(r.cost().score()) + " ± " + Format.ns(r.cost().error()),
                Format.ns(m.meanProbes()), m.maxProbes(), String.join(" / ", fe),
                m.minReuseDistance(), Format.ns(m.meanReuseDistance()),
                pValue(r.byRho().getOrDefault(0.5, m).chiSquareP()), Format.percent(r.predictability())));
    }

    private static String pValue(double p) {
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    private static void recommend(StringBuilder md, Map<String, Row> rows) {
        List<Row> reliable = new ArrayList<>();
        for (Row r : rows.values()) {
            if (r.cost() != null && r.falseExhaustion() == 0) {
                reliable.add(r);
            }
        }
        md.append("### Which policy for which use (computed from the tables above)\n\n");
        if (reliable.isEmpty()) {
            md.append("No benchmarked policy avoided false exhaustion in this run.\n\n");
            return;
        }
        List<Row> hidden = new ArrayList<>();
        for (Row r : reliable) {
            if (r.predictability() < UNPREDICTABLE) {
                hidden.add(r);
            }
        }
        Row cheapest = cheapest(reliable);
        md.append(String.format(Locale.ROOT, "- **Load balancer or SNAT pool** (throughput first, never fail while ports are free): "
                        + "**%s**, %s ns/event%s; it is %s predictable.%n", cheapest.policy(), Format.ns(cheapest.cost().score()),
                margin(cheapest, reliable), Format.percent(cheapest.predictability())));
        if (hidden.isEmpty()) {
            md.append("- No benchmarked policy is both unpredictable (under 1% guessed) and free of false exhaustion.\n\n");
            return;
        }
        Row client = cheapest(hidden);
        md.append(String.format(Locale.ROOT, "- **Client stack** (unpredictable to blind attackers, never a false failure): "
                        + "**%s**, %s ns/event%s, %s guessed.%n", client.policy(), Format.ns(client.cost().score()),
                margin(client, hidden), Format.percent(client.predictability())));
        // RFC 6888 asks that a port not be reused too soon: rank by the minimum reuse distance,
        // counting values within 1% of the best as equal, then by cost
        long bestMin = 0;
        for (Row r : hidden) {
            bestMin = Math.max(bestMin, r.at99().minReuseDistance());
        }
        List<Row> slowReuse = new ArrayList<>();
        for (Row r : hidden) {
            if (r.at99().minReuseDistance() >= bestMin * 0.99) {
                slowReuse.add(r);
            }
        }
        Row nat = cheapest(slowReuse);
        md.append(String.format(Locale.ROOT, "- **NAT / CGNAT** (RFC 6888: hard to guess, never reuse a port soon): "
                        + "**%s**, a port reused no sooner than %,d connections later at rho 0.99 (the best is %,d), "
                        + "%s guessed, %s ns/event.%n%n", nat.policy(), nat.at99().minReuseDistance(), bestMin,
                Format.percent(nat.predictability()), Format.ns(nat.cost().score())));
    }

    /** The row of the lowest cost; the first of equals. */
    static Row cheapest(List<Row> rows) {
        Row best = rows.get(0);
        for (Row r : rows) {
            if (r.cost().score() < best.cost().score()) {
                best = r;
            }
        }
        return best;
    }

    private static String margin(Row best, List<Row> among) {
        Row next = null;
        for (Row r : among) {
            if (r != best && (next == null || r.cost().score() < next.cost().score())) {
                next = r;
            }
        }
        if (next == null) {
            return "";
        }
        Boolean ahead = Analysis.cheaper(best.cost(), next.cost());
        String tie = ahead == null ? ", not resolved against" : ahead ? ", ahead of" : ", not told apart (over forks) from";
        return String.format(Locale.ROOT, "%s %s (%s ns)", tie, next.policy(), Format.ns(next.cost().score()));
    }

    /** Mean probes per allocation of every policy at every load: a table, 23 series being too many for one chart. */
    private static void probesTable(StringBuilder md, Map<String, Row> rows) {
        java.util.TreeSet<Double> rhos = new java.util.TreeSet<>();
        rows.values().forEach(r -> rhos.addAll(r.byRho().keySet()));
        md.append("### Probes per allocation against load\n\n| policy |");
        for (double rho : rhos) {
            md.append(" rho ").append(Format.ns(rho)).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(rhos.size())).append('\n');
        for (Row r : rows.values()) {
            md.append("| ").append(r.policy()).append(" |");
            for (double rho : rhos) {
                SelectionFile.Measure m = r.byRho().get(rho);
                md.append(' ').append(m == null ? "-" : Format.ns(m.meanProbes())).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }
}
