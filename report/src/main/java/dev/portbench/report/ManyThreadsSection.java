package dev.portbench.report;

import dev.portbench.runfolder.ManyThreadsFile;
import dev.portbench.runfolder.ManyThreadsFile.Throughput;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.Interval;
import dev.portbench.stats.Confidence;
import dev.portbench.stats.RatioEstimate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's "Many threads" section, from {@code many-threads.json}: throughput against
 * threads for every thread-safe allocator (shared by the threads) and the single-owner ones
 * confined to a thread each (the ideal), the scaling ratio, what a thread-safe allocator costs
 * at one thread against the best single-owner one, false exhaustion, the targets, and a
 * pick for a multi-core load balancer. Says how many cores the machine had: beyond that, more
 * threads measure oversubscription, not scaling.
 */
public final class ManyThreadsSection {

    /** Target: the best thread-safe allocator's 2-thread throughput over its 1-thread one. */
    static final double SCALING_TARGET = 1.8;
    /** Target: its 1-thread cost over the best single-owner allocator's. */
    static final double COST_TARGET = 1.5;
    /** Coverage of the section's intervals and target verdicts. */
    static final double CONFIDENCE = Confidence.RANKING;

    private ManyThreadsSection() {
    }

    /**
     * Reads {@code many-threads.json} from a run folder, or null when the run has none.
     *
     * @throws IllegalArgumentException if the file is malformed or of another format version (see {@link RunFiles})
     */
    public static ManyThreadsFile read(Path runDir) {
        return RunFiles.readIfPresent(runDir.resolve(RunFiles.MANY_THREADS), ManyThreadsFile.class, ManyThreadsFile.SCHEMA)
                .orElse(null);
    }

    /** Appends the section for {@code run}, if it measured many threads. */
    static void append(StringBuilder md, Map<String, String> charts, RunData run) {
        ManyThreadsFile data = read(run.dir());
        if (data != null) {
            append(md, charts, data);
        }
    }

    /** The section alone, as {@code ./portbench threads} writes it. */
    public static String render(ManyThreadsFile data, Map<String, String> charts) {
        StringBuilder md = new StringBuilder("# portbench: many threads\n\n");
        append(md, charts, data);
        return md.toString();
    }

    static void append(StringBuilder md, Map<String, String> charts, ManyThreadsFile data) {
        md.append("## Many threads\n\n");
        md.append(String.format(Locale.ROOT, "One port range served by %s threads at once (`%s`, %d JMH forks per "
                        + "measurement, started %s). A thread-safe allocator is **shared**: thread k replays every k-th "
                        + "connection of the workload's trace, so together they offer the workload's load. A single-owner "
                        + "allocator is **confined**: each thread owns its own allocator over its share of the range "
                        + "(the ideal, which shares nothing and fails when its own share is empty). Throughput is "
                        + "events per microsecond of all threads together; intervals are 99%% Student t over fork "
                        + "means.%s%s%n%n", join(data.threadCounts()), data.command(), data.forks(), data.startedAt(),
                data.oneShardPerThread() ? " A sharded allocator has one shard per thread (the thread count rounded up "
                        + "to a power of two), and thread k calls it through its worker view k, homed on shard k, as a "
                        + "user with one event loop per core sets it up." : "",
                data.shardsUnpaced() ? " Each thread replays on its own virtual clock; threads whose calls meet in one "
                        + "structure (a lock, a bitset) are paced, kept within a few pacing checks of each other so that "
                        + "a stalled thread's events do not pile up at the leader's time; the threads of a sharded "
                        + "allocator with a shard per thread, whose shards each see one thread's clock, run unpaced, as "
                        + "the confined ones (pacing held the faster thread to the slower one)."
                        : " Threads sharing an allocator were kept within a 64th of a TIME-WAIT of each other "
                        + "(every shared allocator paced; the confined ones not)."));
        int cores = data.availableProcessors();
        md.append(String.format(Locale.ROOT, "**This machine has %d cores** (%s). Thread counts above %d measure "
                + "oversubscription, not scaling; the same command measures 16 or 64 threads on a bigger machine "
                + "(`./portbench threads --threads 1,2,4,16,64`). Numbers taken while the machine does other work "
                + "are noisy: compare within one run.%n%n", cores, data.cpu(), cores));

        Map<String, List<Throughput>> byWorkload = new LinkedHashMap<>();
        for (Throughput t : data.throughput()) {
            byWorkload.computeIfAbsent(t.workload(), k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<String, List<Throughput>> e : byWorkload.entrySet()) {
            table(md, e.getKey(), e.getValue(), data.threadCounts());
            targets(md, e.getKey(), e.getValue(), cores);
        }
        if (!byWorkload.isEmpty()) {
            Map.Entry<String, List<Throughput>> first = byWorkload.entrySet().iterator().next();
            chart(md, charts, first.getKey(), first.getValue(), data.threadCounts());
        }
        ManyThreadsPick.exhaustion(md, data.exhaustion());
        ManyThreadsPick.pick(md, byWorkload, data.exhaustion(), cores);
    }

    private static void table(StringBuilder md, String workload, List<Throughput> rows, List<Integer> counts) {
        md.append("### `").append(workload).append("`: events per microsecond\n\n| allocator | |");
        for (int t : counts) {
            md.append(' ').append(t).append(t == 1 ? " thread |" : " threads |");
        }
        for (int t : counts) {
            if (t != 1) {
                md.append(" x").append(t).append(" / x1 |");
            }
        }
        md.append("\n|---|---|");
        md.append("---:|".repeat(counts.size() + (int) counts.stream().filter(t -> t != 1).count())).append('\n');
        for (String allocator : allocators(rows)) {
            Throughput any = find(rows, allocator, counts.get(0));
            md.append("| `").append(allocator).append("` | ").append(any != null && any.shared() ? "shared" : "confined").append(" |");
            for (int t : counts) {
                Throughput r = find(rows, allocator, t);
                md.append(' ').append(r == null ? "n/a" : cell(r)).append(" |");
            }
            Throughput one = find(rows, allocator, 1);
            for (int t : counts) {
                if (t != 1) {
                    Throughput r = find(rows, allocator, t);
                    md.append(' ').append(one == null || r == null ? "n/a" : ratio(r.mean() / one.mean())).append(" |");
                }
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static void targets(StringBuilder md, String workload, List<Throughput> rows, int cores) {
        Throughput bestShared1 = best(rows, true, 1);
        Throughput bestSingle1 = best(rows, false, 1);
        Throughput best2 = best(rows, true, 2);
        if (best2 == null || bestShared1 == null) {
            return;
        }
        Throughput same1 = find(rows, best2.allocator(), 1);
        RatioEstimate scaling = RatioEstimate.of(sample(same1), sample(best2), CONFIDENCE);
        md.append(String.format(Locale.ROOT, "- Scaling: the best thread-safe allocator at 2 threads, `%s` (%.1f events/us), "
                        + "delivers **%s** its own 1-thread throughput (%.1f events/us; %s; target >= %.1fx on %d cores): "
                        + "%s.%n",
                best2.allocator(), best2.mean(), ratio(scaling.ratio()), same1.mean(), interval(scaling),
                SCALING_TARGET, cores, verdict(scaling.against(SCALING_TARGET, true), SCALING_TARGET)));
        Throughput ideal2 = best(rows, false, 2);
        Throughput ideal1 = ideal2 == null ? null : find(rows, ideal2.allocator(), 1);
        if (ideal1 != null) {
            RatioEstimate idealScaling = RatioEstimate.of(sample(ideal1), sample(ideal2), CONFIDENCE);
            RatioEstimate kept = RatioEstimate.ofRatios(sample(same1), sample(best2), sample(ideal1), sample(ideal2),
                    CONFIDENCE);
            md.append(String.format(Locale.ROOT, "- Against the ideal: `%s` confined (nothing shared, not even time) scales "
                            + "%s (%s) in the same run, about what this machine allows; `%s` keeps **%s** of that "
                            + "scaling (%s): %s.%n",
                    ideal2.allocator(), ratio(idealScaling.ratio()), interval(idealScaling), best2.allocator(),
                    ratio(kept.ratio()), interval(kept), sharingVerdict(kept)));
        }
        if (bestSingle1 != null) {
            cost(md, "the best thread-safe allocator at 2 threads", same1, bestSingle1);
            if (!bestShared1.allocator().equals(same1.allocator())) {
                cost(md, "the fastest thread-safe allocator at 1 thread", bestShared1, bestSingle1);
            }
        }
        md.append('\n');
    }

    private static void cost(StringBuilder md, String which, Throughput shared1, Throughput single1) {
        RatioEstimate cost = RatioEstimate.of(sample(shared1), sample(single1), CONFIDENCE);
        md.append(String.format(Locale.ROOT, "- Cost at one thread: %s, `%s` (%.1f events/us at 1 thread), costs **%s** "
                        + "the best single-owner allocator at 1 thread, `%s` (%.1f events/us; %s; target <= %.1fx): %s.%n",
                which, shared1.allocator(), shared1.mean(), ratio(cost.ratio()), single1.allocator(), single1.mean(),
                interval(cost), COST_TARGET, verdict(cost.against(COST_TARGET, false), COST_TARGET)));
    }

    /** The highest mean throughput at {@code threads} among the shared (or confined) rows, or null. */
    private static Throughput best(List<Throughput> rows, boolean shared, int threads) {
        Throughput best = null;
        for (Throughput r : rows) {
            if (r.shared() == shared && r.threads() == threads && (best == null || r.mean() > best.mean())) {
                best = r;
            }
        }
        return best;
    }

    /** A row's fork means as a sample (one value per fork). */
    private static ForkSample sample(Throughput r) {
        double[][] forks = new double[r.forkMeans().size()][];
        for (int f = 0; f < forks.length; f++) {
            forks[f] = new double[] {r.forkMeans().get(f)};
        }
        return ForkSample.of(forks);
    }

    private static String interval(RatioEstimate r) {
        return r.resolved()
                ? String.format(Locale.ROOT, "%.0f%% interval %.2fx..%.2fx over the fork means", 100 * r.confidence(),
                        r.low(), r.high())
                : "no interval: one fork";
    }

    private static String verdict(RatioEstimate.TargetVerdict v, double target) {
        return switch (v) {
            case MET -> "**met**";
            case MISSED -> "**missed**";
            case NOT_DECIDED -> String.format(Locale.ROOT, "**not decided** (the interval contains %.1fx: more forks "
                    + "would tell)", target);
            case NOT_RESOLVED -> "**not decided** (one fork: no interval)";
        };
    }

    private static String sharingVerdict(RatioEstimate kept) {
        return switch (kept.verdict()) {
            case LOWER -> "sharing the range costs scaling beyond what the machine allows";
            case HIGHER -> "it scales better than the ideal in this run";
            case NO_DIFFERENCE_SHOWN -> "no loss from sharing shown; what limits the scaling here is the machine";
            case NOT_RESOLVED -> "one fork: no interval";
        };
    }

    private static void chart(StringBuilder md, Map<String, String> charts, String workload, List<Throughput> rows,
                              List<Integer> counts) {
        List<Charts.Series> series = new ArrayList<>();
        for (String allocator : allocators(rows)) {
            double[] x = new double[counts.size()];
            double[] y = new double[counts.size()];
            for (int i = 0; i < counts.size(); i++) {
                Throughput r = find(rows, allocator, counts.get(i));
                x[i] = counts.get(i);
                y[i] = r == null ? Double.NaN : r.mean();
            }
            series.add(new Charts.Series(allocator, x, y, null));
        }
        charts.put("many-threads.svg", Charts.lines("threads", "Throughput against threads (" + workload + ")",
                "threads", "events per microsecond, all threads", series, false, false));
        md.append("![throughput against threads](charts/many-threads.svg)\n\n");
    }

    private static List<String> allocators(List<Throughput> rows) {
        Set<String> ids = new LinkedHashSet<>();
        for (Throughput r : rows) {
            ids.add(r.allocator());
        }
        return List.copyOf(ids);
    }

    private static Throughput find(List<Throughput> rows, String allocator, int threads) {
        for (Throughput r : rows) {
            if (r.allocator().equals(allocator) && r.threads() == threads) {
                return r;
            }
        }
        return null;
    }

    /** The mean and its interval at {@link #CONFIDENCE}, from the fork means (not the level a run stored). */
    private static String cell(Throughput r) {
        if (r.forkMeans().size() < 2) {
            return String.format(Locale.ROOT, "%.1f", r.mean());
        }
        Interval i = sample(r).interval(CONFIDENCE);
        return String.format(Locale.ROOT, "%.1f [%.1f, %.1f]", r.mean(), i.low(), i.high());
    }

    private static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.2fx", r) : "n/a";
    }

    private static String join(List<Integer> counts) {
        List<String> s = new ArrayList<>();
        for (int c : counts) {
            s.add(String.valueOf(c));
        }
        return String.join(", ", s);
    }
}
