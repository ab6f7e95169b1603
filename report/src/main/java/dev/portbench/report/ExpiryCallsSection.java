package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.runfolder.ExpiryCallsFile;
import dev.portbench.runfolder.ExpiryCallsFile.Fork;
import dev.portbench.runfolder.ExpiryCallsFile.Row;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;
import dev.portbench.stats.RatioEstimate;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The report's "bulk expiry, every call timed" section, from {@code expiry-calls.json}: per
 * allocator and range the timer's floor, the median and worst call (each position's minimum over
 * the repetitions, so the machine's stalls are dropped; the median timed in blocks, one call being
 * below the clock's resolution), the raw slowest call beside them, the mean cost of a cycle, and the targets of bounded bulk expiry with their intervals over forks: the
 * bounded variant's worst call at most {@value #WORST_OVER_MEDIAN_TARGET}x its median call at
 * {@value #TARGET_PORTS} ports (net of the timer's floor), and its mean cost within
 * {@value #MEAN_TARGET_PERCENT}% of the same allocator unbounded.
 */
public final class ExpiryCallsSection {

    static final double WORST_OVER_MEDIAN_TARGET = 10;
    static final int MEAN_TARGET_PERCENT = 10;
    static final int TARGET_PORTS = 64512;

    private ExpiryCallsSection() {
    }

    /**
     * Reads {@code expiry-calls.json} from a run folder, or null when the run has none.
     *
     * @throws IllegalArgumentException if the file is malformed or of another format version (see {@link RunFiles})
     */
    public static ExpiryCallsFile read(Path runDir) {
        return RunFiles.readIfPresent(runDir.resolve(ExpiryCallsFile.FILE), ExpiryCallsFile.class, ExpiryCallsFile.SCHEMA)
                .orElse(null);
    }

    /** Appends the section for {@code run}, if it timed the expiry calls. */
    static void append(StringBuilder md, RunData run) {
        ExpiryCallsFile data = read(run.dir());
        if (data != null) {
            append(md, data);
        }
    }

    /** The section alone, as {@code ./portbench expiry-calls} writes it. */
    public static String render(ExpiryCallsFile data) {
        StringBuilder md = new StringBuilder("# portbench: the bulk expiry, every call timed\n\n");
        md.append("Command `").append(data.command()).append("`, started ").append(data.startedAt()).append(", on ")
                .append(data.cpu()).append(", JVM `").append(data.jvm()).append("`")
                .append(data.jvmArgs().isEmpty() ? "" : " " + String.join(" ", data.jvmArgs())).append(".\n\n");
        append(md, data);
        return md.toString();
    }

    static void append(StringBuilder md, ExpiryCallsFile data) {
        int forks = data.rows().stream().mapToInt(r -> r.forks().size()).max().orElse(0);
        md.append("## The bulk expiry, every call timed\n\n");
        md.append(String.format(Locale.ROOT, "Every port of the range released at one instant; time jumps one TIME-WAIT, so "
                + "the whole range is due at once; then as many cycles (`expire`, `allocate`, `release`, all at that instant) "
                + "as the range has ports, after which every port is back in TIME-WAIT and the next repetition begins. A "
                + "call is one cycle, timed with `System.nanoTime()`. Each fork (a JVM of its own per variant, %d forks) "
                + "runs up to %d repetitions of each pass after up to %d untimed ones (fewer when its time budget runs "
                + "out: `reps`). A stall of the machine hits a random call, while the algorithm's cost is the same at the "
                + "same position of every repetition: so each position's **minimum** over the repetitions is the "
                + "algorithm's cost of that call; the worst call and the 99th percentile are taken over positions, timer "
                + "included, and the raw slowest call (stalls included) is beside them. The timer's floor is the same loop "
                + "timing no call. One cheap call is below this clock's resolution, so the median call is timed in blocks "
                + "of %d consecutive calls (the median over blocks of the block's minimum, less one timer floor, per call). "
                + "Mean is a cycle's cost with no timer inside the repetition (each timed whole; the median over "
                + "repetitions). Worst / median = (worst call - timer floor) / median call. Nanoseconds; the median over "
                + "forks; `/quota=%d` is the allocator with an expiry quota.%n%n",
                forks, data.repetitions(), data.warmupRepetitions(), ExpiryCallsFile.CALLS_PER_TIMED_BLOCK, data.quota()));
        md.append("| allocator | ports | reps | timer floor | median call | p99 call | worst call (forks: lowest-highest) "
                + "| worst at cycle | worst / median | raw slowest call (highest fork) | mean ns/cycle |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : data.rows()) {
            double[] worst = values(r, Fork::worstCallNs);
            double[] raw = values(r, Fork::rawMaxNs);
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s (%s-%s) | %s | %s | %s (%s) | %s |%n",
                    r.variant(), r.ports(), Math.round(median(values(r, Fork::repetitions))),
                    Format.ns(median(values(r, Fork::timerFloorNs))), Format.ns(median(values(r, Fork::medianBlockCallNs))),
                    Format.ns(median(values(r, Fork::p99CallNs))), Format.ns(median(worst)), Format.ns(min(worst)),
                    Format.ns(max(worst)), worstPositions(r), Format.ratio(median(values(r, Fork::worstOverMedian))),
                    Format.ns(median(raw)), Format.ns(max(raw)), Format.ns(median(values(r, Fork::meanCallNs)))));
        }
        md.append("\n### Target: bounded bulk expiry\n\n");
        md.append(String.format(Locale.ROOT, "Target (issue 14): the bounded variant's worst call at most %.0fx its median "
                + "call at %d ports, while its mean cost stays within %d%% of the unbounded one. Worst / median is the "
                + "algorithm's (net of the timer's floor), with both calls as timed singly beside it (the median then "
                + "being mostly the clock's); intervals are %d%% over forks (Student t over the forks' ratios; for the mean, over the logarithms of the "
                + "fork means). A verdict is *met* when the whole interval is within the target, *missed* when it is wholly "
                + "outside, else *not decided*.%n%n", WORST_OVER_MEDIAN_TARGET, TARGET_PORTS, MEAN_TARGET_PERCENT,
                Math.round(100 * Confidence.RANKING)));
        boolean any = false;
        for (Row bounded : data.rows()) {
            if (bounded.quota() == 0) {
                continue;
            }
            any = true;
            Row unbounded = data.rows().stream().filter(r -> r.quota() == 0 && r.allocator().equals(bounded.allocator())
                    && r.ports() == bounded.ports()).findFirst().orElse(null);
            md.append("- ").append(targetLine(bounded, unbounded)).append("\n");
        }
        if (!any) {
            md.append("- No bounded variant was measured (no chosen allocator takes an expiry quota).\n");
        }
        md.append("\n");
    }

    /** One line per bounded variant and range: both ratios, their intervals and, at the target's range, the verdicts. */
    static String targetLine(Row bounded, Row unbounded) {
        boolean target = bounded.ports() == TARGET_PORTS;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "`%s` at %d ports: worst / median ", bounded.variant(),
                bounded.ports()));
        double[] net = values(bounded, Fork::worstOverMedian);
        if (Arrays.stream(net).anyMatch(v -> !Double.isFinite(v))) {
            b.append("not resolved (a fork's median call is not above the timer's floor)");
        } else {
            Interval i = ForkSample.of(perFork(net)).interval(Confidence.RANKING);
            b.append(String.format(Locale.ROOT, "**%.1fx** (%s; worst call %s ns, median call %s ns)", i.estimate(), range(i),
                    Format.ns(median(values(bounded, Fork::worstCallNs))), Format.ns(median(values(bounded, Fork::medianBlockCallNs)))));
            if (target) {
                b.append(": ").append(verdict(i.low(), i.high(), WORST_OVER_MEDIAN_TARGET, i.resolved()));
            }
        }
        b.append(String.format(Locale.ROOT, ", %.1fx as timed", median(values(bounded, Fork::grossWorstOverMedian))));
        if (unbounded == null) {
            return b.append("; mean cost: the unbounded variant was not measured").toString();
        }
        RatioEstimate m = RatioEstimate.of(ForkSample.of(perFork(values(unbounded, Fork::meanCallNs))),
                ForkSample.of(perFork(values(bounded, Fork::meanCallNs))), Confidence.RANKING);
        b.append(String.format(Locale.ROOT, "; mean cost **%.3fx** the unbounded one's (%s)", m.ratio(),
                m.resolved() ? String.format(Locale.ROOT, "%.3f-%.3f", m.low(), m.high()) : "not resolved: too few forks"));
        if (target) {
            b.append(": ").append(verdict(m.low(), m.high(), 1 + MEAN_TARGET_PERCENT / 100.0, m.resolved()));
        }
        b.append(String.format(Locale.ROOT, "; unbounded, its worst call is %s ns, %s its median",
                Format.ns(median(values(unbounded, Fork::worstCallNs))), Format.ratio(median(values(unbounded, Fork::worstOverMedian)))));
        return b.append(".").toString();
    }

    /** Met when the interval lies at or under {@code limit}, missed when wholly above it. */
    static String verdict(double low, double high, double limit, boolean resolved) {
        if (!resolved) {
            return "**not decided** (one fork: no interval)";
        }
        if (high <= limit) {
            return "target **met**";
        }
        if (low > limit) {
            return "target **missed**";
        }
        return "**not decided** (the interval contains the target)";
    }

    /** A one-paragraph summary for the console: the target lines. */
    public static String summary(ExpiryCallsFile data) {
        StringBuilder b = new StringBuilder();
        for (Row bounded : data.rows()) {
            if (bounded.quota() != 0) {
                Row unbounded = data.rows().stream().filter(r -> r.quota() == 0 && r.allocator().equals(bounded.allocator())
                        && r.ports() == bounded.ports()).findFirst().orElse(null);
                b.append(targetLine(bounded, unbounded).replace("**", "").replace("`", "")).append("\n");
            }
        }
        return b.toString();
    }

    private static String range(Interval i) {
        return i.resolved() ? String.format(Locale.ROOT, "%.1f-%.1f", i.low(), i.high()) : "one fork: no interval";
    }

    private static String worstPositions(Row r) {
        int[] p = r.forks().stream().mapToInt(Fork::worstPosition).distinct().sorted().toArray();
        if (p.length == 1) {
            return String.valueOf(p[0]);
        }
        return p.length <= 3 ? String.join(", ", Arrays.stream(p).mapToObj(String::valueOf).toList())
                : p[0] + "-" + p[p.length - 1] + " (" + p.length + " distinct)";
    }

    private static double[][] perFork(double[] v) {
        double[][] out = new double[v.length][];
        for (int i = 0; i < v.length; i++) {
            out[i] = new double[] {v[i]};
        }
        return out;
    }

    private static double[] values(Row r, ToDoubleFunction<Fork> f) {
        return r.forks().stream().mapToDouble(f).toArray();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
