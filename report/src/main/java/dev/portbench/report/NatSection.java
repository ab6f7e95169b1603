package dev.portbench.report;

import dev.portbench.nat.NatCatalog;
import dev.portbench.natstudy.FalseExhaustionStudy;
import dev.portbench.natstudy.FalseExhaustionStudy.FillKind;
import dev.portbench.natstudy.FalseExhaustionStudy.Point;
import dev.portbench.report.Analysis.Format;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;
import dev.portbench.stats.RatioEstimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The report's "NAT" section: the false-exhaustion curve of every NAT search policy
 * ({@link FalseExhaustionStudy}, computed when the report is written: deterministic, about 5 s),
 * as two charts (uniform fill, the policy's own steady-state fill, each with f<sup>k</sup>) and one
 * table; then, when the run measured them, the NAT allocators' cost per steady-state step
 * ({@code NatChurnBenchmark}) and its ratio to the NAT floor ({@code NatFloorBenchmark}) at each
 * size and fill, with intervals over fork means at {@link Confidence#RANKING} ({@link RatioEstimate}).
 */
final class NatSection {

    static final String CHURN = "NatChurnBenchmark.churn";
    static final String FLOOR = "NatFloorBenchmark.churn";
    /** Ports per external address in the NAT benchmarks (1024..65535). */
    static final int PORTS_PER_ADDRESS = 64_512;

    private NatSection() {
    }

    /**
     * The report's study, computed once per JVM on first use: it depends on no run (deterministic,
     * seeded), so every report of one {@code ./portbench report} shares it instead of paying its 5 s again.
     */
    private static final class ReportCurves {
        static final FalseExhaustionStudy STUDY = FalseExhaustionStudy.forReport();
        static final List<Point> POINTS = STUDY.run(List.of(NatCatalog.values()), FalseExhaustionStudy.REPORT_FILLS);

        private ReportCurves() {
        }
    }

    static void append(StringBuilder md, Map<String, String> charts, RunData run) {
        appendCurves(md, charts, ReportCurves.STUDY, ReportCurves.POINTS, FalseExhaustionStudy.REPORT_FILLS);
        appendCosts(md, run.of(CHURN), run.of(FLOOR));
    }

    static void appendCurves(StringBuilder md, Map<String, String> charts, FalseExhaustionStudy study, List<Double> fills) {
        appendCurves(md, charts, study, study.run(List.of(NatCatalog.values()), fills), fills);
    }

    private static void appendCurves(StringBuilder md, Map<String, String> charts, FalseExhaustionStudy study, List<Point> points,
                                     List<Double> fills) {
        md.append("## NAT: false exhaustion and cost per mapping\n\n");
        md.append(String.format(Locale.ROOT, "How often each NAT search policy (`allocators/nat`, `NatCatalog`) refuses a new mapping "
                + "while a usable pair exists, against the share of the pairs in use, measured on the allocators themselves "
                + "(`FalseExhaustionStudy`): one address of %,d ports, endpoint-independent mapping, VPP with %d workers. "
                + "*Uniform*: a uniformly random fill of open mappings, the same share in each quarter of the range; each try maps "
                + "one new flow and ends it at once. *Own fill*: the policy's own steady state (each step maps a new flow, retried "
                + "until one gets a pair, and closes the oldest with a FIN; a tenth of the pairs in use wait in the transitory timer). "
                + "k is the policy's probe bound; f^k is the chance that k independent uniform probes all meet taken pairs. "
                + "Intervals: Clopper-Pearson at %.0f%%. The study is deterministic (seeded), computed as this report was written.%n%n",
                study.portCount(), FalseExhaustionStudy.VPP_WORKERS, FalseExhaustionStudy.CONFIDENCE * 100));
        for (FillKind kind : FillKind.values()) {
            String file = kind == FillKind.UNIFORM ? "nat-false-exhaustion-uniform.svg" : "nat-false-exhaustion-own-fill.svg";
            String title = kind == FillKind.UNIFORM ? "False exhaustion on a uniform random fill"
                    : "False exhaustion on the fill each policy leaves behind";
            charts.put(file, Charts.lines(kind == FillKind.UNIFORM ? "nfu" : "nfo", title, "share of the pairs in use (fill)",
                    "share of new mappings refused with pairs free", series(points, kind), false, false));
            md.append("![").append(title.toLowerCase(Locale.ROOT)).append("](charts/").append(file).append(")\n\n");
        }
        md.append("| policy | k | fill | uniform: refused | 99% interval | f^k | own fill: held | refused | 99% interval | f^k |\n"
                + "|---|---:|---:|---:|---|---:|---:|---:|---|---:|\n");
        for (NatCatalog p : NatCatalog.values()) {
            for (double f : fills) {
                Point u = find(points, p, FillKind.UNIFORM, f);
                Point s = find(points, p, FillKind.STEADY_STATE, f);
                md.append(String.format(Locale.ROOT, "| %s | %s | %.2f | %s | %s | %s | %.4f | %s | %s | %s |%n", p.id(),
                        u.probesK() == 0 ? "exhaustive" : String.valueOf(u.probesK()), f, rate(u.rate()), interval(u),
                        theory(u), s.fill(), rate(s.rate()), interval(s), theory(s)));
            }
        }
        md.append("\n");
        md.append(findings(points)).append("\n\n");
    }

    private static String findings(List<Point> points) {
        StringBuilder b = new StringBuilder("Read: ");
        List<String> exactNonZero = new ArrayList<>();
        for (Point p : points) {
            if (p.policy().isExact() && p.gaveUp() > 0) {
                exactNonZero.add(p.policy().id() + " at " + p.targetFill());
            }
        }
        b.append(exactNonZero.isEmpty() ? "the exhaustive searches (`exact`, `round-robin`) never refused a mapping while a pair "
                + "was free; " : "**exhaustive searches refused mappings: " + exactNonZero + "**; ");
        List<String> inside = new ArrayList<>();
        List<String> outside = new ArrayList<>();
        for (Point p : points) {
            if (p.kind() == FillKind.UNIFORM && (p.policy() == NatCatalog.CILIUM || p.policy() == NatCatalog.VPP)) {
                (p.low() <= p.theory() && p.theory() <= p.high() ? inside : outside).add(p.policy().id() + "@" + p.targetFill());
            }
        }
        b.append(String.format(Locale.ROOT, "on the uniform fill, f^k lies within the 99%% interval of cilium's and vpp's measured "
                + "rate at %d of %d fills%s; ", inside.size(), inside.size() + outside.size(),
                outside.isEmpty() ? "" : " (outside: " + String.join(", ", outside) + ")"));
        Point nfUniform = null;
        Point nfOwn = null;
        for (Point p : points) {
            if (p.policy() == NatCatalog.NETFILTER && p.targetFill() == maxFill(points)) {
                if (p.kind() == FillKind.UNIFORM) {
                    nfUniform = p;
                } else {
                    nfOwn = p;
                }
            }
        }
        if (nfUniform != null && nfOwn != null) {
            b.append(String.format(Locale.ROOT, "netfilter's runs of neighbours at %.2f refuse %s on a uniform fill and %s on their "
                    + "own fill, against f^248 = %s: the ports it takes cluster, so its own fill is worse than a random one.",
                    nfOwn.targetFill(), rate(nfUniform.rate()), rate(nfOwn.rate()), rate(nfOwn.theory())));
        }
        return b.toString();
    }

    private static double maxFill(List<Point> points) {
        return points.stream().mapToDouble(Point::targetFill).max().orElse(Double.NaN);
    }

    private static List<Charts.Series> series(List<Point> points, FillKind kind) {
        List<Charts.Series> out = new ArrayList<>();
        Map<Integer, String> theories = new LinkedHashMap<>();
        for (NatCatalog p : NatCatalog.values()) {
            List<Point> ps = points.stream().filter(x -> x.policy() == p && x.kind() == kind).toList();
            out.add(new Charts.Series(p.id(), ps.stream().mapToDouble(Point::fill).toArray(),
                    ps.stream().mapToDouble(Point::rate).toArray(), null));
            int k = FalseExhaustionStudy.probes(p);
            if (k > 0) {
                theories.merge(k, p.id(), (a, c) -> a + ", " + c);
            }
        }
        double[] x = new double[101];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.5 + 0.005 * i;
        }
        theories.forEach((k, who) -> {
            double[] y = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                y[i] = FalseExhaustionStudy.theory(x[i], k);
            }
            out.add(new Charts.Series("f^" + k + " (" + who + ")", x, y, null));
        });
        return out;
    }

    private static Point find(List<Point> points, NatCatalog policy, FillKind kind, double fill) {
        for (Point p : points) {
            if (p.policy() == policy && p.kind() == kind && p.targetFill() == fill) {
                return p;
            }
        }
        throw new IllegalStateException("no point " + policy + " " + kind + " " + fill);
    }

    private static String rate(double r) {
        if (r == 0) {
            return "0";
        }
        return r < 1e-4 ? String.format(Locale.ROOT, "%.1e", r) : String.format(Locale.ROOT, "%.4f", r);
    }

    private static String interval(Point p) {
        return rate(p.low()) + " - " + rate(p.high()) + " (" + String.format(Locale.ROOT, "%,d", p.gaveUp()) + " / "
                + String.format(Locale.ROOT, "%,d", p.tries()) + ")";
    }

    private static String theory(Point p) {
        return p.probesK() == 0 ? "0" : rate(p.theory());
    }

    /** The NAT benchmarks' table, or a line saying how to measure them. */
    static void appendCosts(StringBuilder md, List<JmhResult> churn, List<JmhResult> floor) {
        md.append("### NAT allocators: ns per steady-state step, against the NAT floor\n\n");
        if (churn.isEmpty()) {
            md.append("This run did not measure the NAT allocators (`NatChurnBenchmark`, `NatFloorBenchmark`; the quick and full "
                    + "profiles do, see docs/nat-and-gateways.md).\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "`NatChurnBenchmark`: one step is the oldest open flow closing (at once, with a FIN or "
                + "an RST) and a new flow mapping, closing mappings freed on their deadlines inside those calls. The NAT floor "
                + "(`NatFloorBenchmark`) does the same events inline on a flat table, a free ring and a FIFO per closing timer: a "
                + "lower bound, not an allocator. ± and the ratio's interval: %.0f%% over fork means (Student t; ratio: `RatioEstimate`, "
                + "t on log fork means); n/a with one fork.%n%n", Confidence.RANKING * 100));
        md.append("| pairs | fill | allocator | ns/step | ± | / NAT floor | 99% interval | B/op |\n|---:|---:|---|---:|---:|---:|---|---:|\n");
        TreeSet<String> sizes = new TreeSet<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        TreeSet<String> fillSet = new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        for (JmhResult r : churn) {
            sizes.add(r.param("addresses"));
            fillSet.add(r.param("fill"));
        }
        for (String a : sizes) {
            for (String f : fillSet) {
                JmhResult fl = null;
                for (JmhResult r : floor) {
                    if (a.equals(r.param("addresses")) && f.equals(r.param("fill"))) {
                        fl = r;
                    }
                }
                long pairs = Long.parseLong(a) * PORTS_PER_ADDRESS;
                boolean any = false;
                for (JmhResult r : churn) {
                    if (a.equals(r.param("addresses")) && f.equals(r.param("fill"))) {
                        md.append(row(pairs, f, NatCatalog.valueOf(r.param("nat")).id(), r, fl));
                        any = true;
                    }
                }
                if (any && fl != null) {
                    md.append(row(pairs, f, "*NAT floor (lower bound)*", fl, null));
                }
            }
        }
        md.append("\n");
    }

    private static String row(long pairs, String fill, String name, JmhResult r, JmhResult floor) {
        ForkSample s = r.forkSample();
        Interval i = s == null ? null : s.interval(Confidence.RANKING);
        String pm = i == null || !i.resolved() ? "n/a" : Format.ns(i.halfWidth());
        String ratio = "";
        String ratioInterval = "";
        if (floor != null && floor.score() > 0) {
            ForkSample fs = floor.forkSample();
            if (s != null && fs != null) {
                RatioEstimate e = RatioEstimate.of(fs, s, Confidence.RANKING);
                ratio = Format.ratio(e.ratio());
                ratioInterval = e.resolved() ? Format.ratio(e.low()) + " - " + Format.ratio(e.high()) : "n/a";
            } else {
                ratio = Format.ratio(r.score() / floor.score());
                ratioInterval = "n/a";
            }
        }
        return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s | %s |%n", pairs, fill, name, Format.ns(r.score()),
                pm, ratio, ratioInterval, Format.bytes(r.bytesPerOp()));
    }
}
