package dev.portbench.cli;

import dev.portbench.jmh.ReplayBenchmark;
import dev.portbench.runfolder.JmhResultFile;
import dev.portbench.runfolder.RoundsFile;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.stats.ForkSample;
import dev.portbench.stats.SequentialDesign;
import dev.portbench.workload.Workloads;
import org.openjdk.jmh.runner.RunnerException;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rounds of forks after the main pass of {@code ./portbench run}: plans each with
 * {@link AdaptiveForks} (which pairs are open: neighbours in each workload's ranking, every pair of the headline; how many forks would decide them, what the
 * budget allows), says on the console what it adds and why, runs the added forks as JMH runs of
 * {@link ReplayBenchmark} (one per workload and fork count), appends them to {@code jmh.json}
 * ({@link JmhJsonFiles#appendForks}) and writes {@code rounds.json} ({@link RoundsFile}): every
 * round, every addition with its reason, and the round of every fork. The verdicts honour the
 * {@link SequentialDesign} recorded there (Pocock-type alpha spending over the profile's planned
 * looks, {@link dev.portbench.stats.Confidence#RANKING} overall).
 *
 * <p>Costs: one read of {@code jmh.json} per round, and the forks. Stops when every judged
 * pair is decided, the planned looks are done, the open pairs are at the fork cap, or the
 * budget (measured wall time of the rounds) is spent.
 */
final class AdaptiveRounds {

    /** A pair whose interval lies within [1/1.25, 1.25] is decided as a practical tie: the resolution. */
    static final double MARGIN = 1.25;

    private static final String REPLAY = ReplayBenchmark.class.getName() + ".replay";

    /** JMH's arguments for one run of a round: these allocators on one workload, with this many forks. */
    interface RoundArguments {
        List<String> of(String workload, List<String> allocators, int forks, Path resultFile);
    }

    /** Runs JMH on arguments, showing {@code benchmarks} progress lines. */
    interface Jmh {
        void run(List<String> arguments, int benchmarks, double estimateSeconds) throws RunnerException;
    }

    private final Path runDir;
    private final AdaptiveForks.Settings settings;
    private final double budgetSeconds;
    private final RoundArguments arguments;
    private final Jmh jmh;
    private final PrintStream console;

    AdaptiveRounds(Profile profile, Path runDir, RoundArguments arguments, Jmh jmh, PrintStream console) {
        Profile.Adaptive a = profile.adaptive();
        this.runDir = runDir;
        this.settings = new AdaptiveForks.Settings(design(profile), MARGIN, a.maxForks(), profile.secondsPerFork(),
                Workloads.HEADLINE);
        this.budgetSeconds = a.budgetSeconds();
        this.arguments = arguments;
        this.jmh = jmh;
        this.console = console;
    }

    /** The design of {@code profile}'s verdicts: the suite's ranking confidence over its planned looks. */
    static SequentialDesign design(Profile profile) {
        return new SequentialDesign(dev.portbench.stats.Confidence.RANKING, profile.adaptive().looks(),
                SequentialDesign.Spending.POCOCK);
    }

    /**
     * Runs the later rounds after the main pass, which took {@code mainSeconds}; answers the rounds
     * file it wrote.
     */
    RoundsFile run(double mainSeconds) throws RunnerException {
        Path jmhFile = runDir.resolve(RunFiles.JMH);
        SequentialDesign design = settings.design();
        Map<String, List<Integer>> forkRounds = new LinkedHashMap<>();
        List<AdaptiveForks.Bench> benches = benches(jmhFile, forkRounds);
        int firstForks = benches.stream().mapToInt(AdaptiveForks.Bench::forks).sum();
        List<RoundsFile.Round> rounds = new ArrayList<>();
        rounds.add(new RoundsFile.Round(1, design.nominalConfidence(1), 0, firstForks, mainSeconds, List.of(), null));
        double remaining = budgetSeconds;
        console.printf(Locale.ROOT, "  adaptive forks: up to %d looks (Pocock-type alpha spending, %.0f%% overall: %s per look), "
                        + "about %s for the later rounds; a pair is decided when its interval excludes 1 or lies within %.2fx%n",
                design.looks(), 100 * design.confidence(), levels(design), PortBench.duration(budgetSeconds), MARGIN);
        for (int round = 2; ; round++) {
            AdaptiveForks.RoundPlan plan = AdaptiveForks.plan(benches, settings, round, remaining);
            List<AdaptiveForks.Pair> open = plan.open();
            console.printf(Locale.ROOT, "  after round %d: %d of %d pairs open (neighbours in each workload, every pair of "
                            + "the headline; headline %s: %d of %d)%n", round - 1,
                    open.size(), plan.pairs().size(), Workloads.HEADLINE, count(open, true), count(plan.pairs(), true));
            if (plan.stop() != null) {
                RoundsFile.Round last = rounds.remove(rounds.size() - 1);
                rounds.add(new RoundsFile.Round(last.round(), last.nominalConfidence(), last.openPairs(), last.forksAdded(),
                        last.seconds(), last.added(), plan.stop()));
                console.println("  no round " + round + ": " + plan.stop());
                break;
            }
            Map<String, Integer> byReason = new LinkedHashMap<>();
            plan.additions().forEach(a -> byReason.merge(a.reason(), a.forks(), Integer::sum));
            console.printf(Locale.ROOT, "  round %d of %d (intervals at %.2f%%): %d forks on %d benchmarks, about %s%n", round,
                    design.looks(), 100 * design.nominalConfidence(round), plan.forks(), plan.add().size(),
                    PortBench.duration(plan.forks() * settings.secondsPerFork()));
            byReason.forEach((reason, n) -> console.println("    adding " + n + (n == 1 ? " fork" : " forks") + " to " + reason));
            long start = System.nanoTime();
            runRound(round, plan);
            double seconds = (System.nanoTime() - start) / 1e9;
            remaining -= seconds;
            for (Map.Entry<AdaptiveForks.Bench, Integer> e : plan.add().entrySet()) {
                List<Integer> r = forkRounds.get(e.getKey().key());
                for (int i = 0; i < e.getValue(); i++) {
                    r.add(round);
                }
            }
            rounds.add(new RoundsFile.Round(round, design.nominalConfidence(round), open.size(), plan.forks(), seconds,
                    plan.additions(), null));
            benches = benches(jmhFile, forkRounds);
        }
        List<AdaptiveForks.Pair> last = AdaptiveForks.judgedPairs(benches, design, rounds.size(), MARGIN, settings.headline());
        long decided = last.stream().filter(p -> p.decision() != AdaptiveForks.Decision.OPEN).count();
        console.printf(Locale.ROOT, "  adaptive forks: %d round(s), %d forks added; %d of %d pairs decided "
                        + "(headline: %d of %d)%n", rounds.size(), rounds.stream().skip(1).mapToInt(RoundsFile.Round::forksAdded).sum(),
                decided, last.size(), count(last, true) - count(open(last), true), count(last, true));
        List<RoundsFile.Forks> forks = new ArrayList<>();
        for (JmhResultFile r : RunFiles.readJmh(jmhFile)) {
            List<Integer> rs = forkRounds.get(key(r));
            if (rs != null && rs.stream().anyMatch(x -> x > 1)) {
                forks.add(new RoundsFile.Forks(r.benchmark(), new TreeMap<>(r.params()),
                        rs.stream().mapToInt(Integer::intValue).toArray()));
            }
        }
        RoundsFile file = new RoundsFile(RoundsFile.SCHEMA, REPLAY, design, MARGIN, budgetSeconds, rounds, forks);
        RunFiles.write(runDir.resolve(RoundsFile.FILE), file);
        return file;
    }

    private void runRound(int round, AdaptiveForks.RoundPlan plan) throws RunnerException {
        // one JMH run per workload and fork count: JMH's -p takes the cross product of its values
        Map<String, Map<Integer, List<String>>> groups = new LinkedHashMap<>();
        plan.add().forEach((b, n) -> groups.computeIfAbsent(b.workload(), w -> new TreeMap<>())
                .computeIfAbsent(n, k -> new ArrayList<>()).add(b.allocator()));
        int part = 0;
        for (Map.Entry<String, Map<Integer, List<String>>> w : groups.entrySet()) {
            for (Map.Entry<Integer, List<String>> g : w.getValue().entrySet()) {
                Path file = runDir.resolve("jmh-round" + round + "-" + (++part) + ".json");
                jmh.run(arguments.of(w.getKey(), g.getValue(), g.getKey(), file), g.getValue().size(),
                        g.getValue().size() * g.getKey() * settings.secondsPerFork());
                JmhJsonFiles.appendForks(runDir.resolve(RunFiles.JMH), file);
            }
        }
    }

    /** The replay results of {@code jmhFile}, each with the rounds of its forks (new forks of round 1 recorded as such). */
    private static List<AdaptiveForks.Bench> benches(Path jmhFile, Map<String, List<Integer>> forkRounds) {
        List<AdaptiveForks.Bench> out = new ArrayList<>();
        for (JmhResultFile r : RunFiles.readJmh(jmhFile)) {
            double[][] raw = r.primaryMetric() == null ? null : r.primaryMetric().rawData();
            if (!REPLAY.equals(r.benchmark()) || raw == null || raw.length == 0) {
                continue;
            }
            List<Integer> rounds = forkRounds.computeIfAbsent(key(r), k -> new ArrayList<>());
            while (rounds.size() < raw.length) {
                rounds.add(1);
            }
            out.add(new AdaptiveForks.Bench(r.params().get("workload"), r.params().get("allocator"), ForkSample.of(raw),
                    rounds.stream().mapToInt(Integer::intValue).toArray()));
        }
        return out;
    }

    private static String key(JmhResultFile r) {
        return r.params().get("workload") + " " + r.params().get("allocator");
    }

    private static List<AdaptiveForks.Pair> open(List<AdaptiveForks.Pair> pairs) {
        return pairs.stream().filter(p -> p.decision() == AdaptiveForks.Decision.OPEN).toList();
    }

    private static int count(List<AdaptiveForks.Pair> pairs, boolean headline) {
        return (int) pairs.stream().filter(p -> p.workload().equals(Workloads.HEADLINE) == headline).count();
    }

    private static String levels(SequentialDesign design) {
        String[] l = new String[design.looks()];
        for (int k = 1; k <= design.looks(); k++) {
            l[k - 1] = String.format(Locale.ROOT, "%.2f%%", 100 * design.nominalConfidence(k));
        }
        return String.join(", ", Arrays.asList(l));
    }
}
