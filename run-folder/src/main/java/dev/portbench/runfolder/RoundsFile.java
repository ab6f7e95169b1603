package dev.portbench.runfolder;

import dev.portbench.stats.SequentialDesign;

import java.util.List;
import java.util.Map;

/**
 * {@code rounds.json} of a run folder: the adaptive forks of {@code ./portbench run}. The first
 * round is the profile's forks of every benchmark; each later round adds forks to the benchmarks
 * whose verdicts against another result of their workload were still open (neighbours in the
 * ranking; since 2026-12-08 also any pair of the headline workload). {@code jmh.json} holds every fork of
 * every round (each result's {@code rawData} in round order); this file says which round each
 * fork came from, with the design the verdicts honour. Written and read by {@link RunFiles}.
 *
 * @param schema the file's format version, {@value #SCHEMA}
 * @param benchmark JMH's fully qualified name of the benchmark whose results the rounds judged and extended;
 *     the verdicts between its results honour the design, every other benchmark's are plain
 * @param design the group-sequential design: overall confidence, planned looks, spending function
 * @param margin the ratio within which a pair counts as decided "within margin" for the stopping rule
 * @param budgetSeconds the time the later rounds could spend
 * @param rounds every round run, the first included
 * @param forks the benchmarks that got forks after the first round, with the round of each fork;
 *     every other result's forks are all of round 1
 */
public record RoundsFile(int schema, String benchmark, SequentialDesign design, double margin, double budgetSeconds, List<Round> rounds,
                         List<Forks> forks) {

    /** The format version this portbench writes and reads. */
    public static final int SCHEMA = 1;

    /** The file's name in a run folder. */
    public static final String FILE = "rounds.json";

    /**
     * One round.
     *
     * @param round 1-based
     * @param nominalConfidence the confidence of this look's intervals
     * @param openPairs judged pairs still open when this round was planned (0 for the first)
     * @param forksAdded forks run in this round (the first: every fork of the main pass)
     * @param seconds wall time of the round's JMH runs
     * @param added why each benchmark got forks in this round (empty for the first)
     * @param stop why no further round ran, on the last round; null otherwise
     */
    public record Round(int round, double nominalConfidence, int openPairs, int forksAdded, double seconds,
                        List<Addition> added, String stop) {
    }

    /**
     * Forks added to one benchmark in one round, and the open pair that asked for them.
     *
     * @param workload the workload
     * @param allocator the allocator
     * @param forks forks added
     * @param reason e.g. {@code ring vs bitset: ratio 1.18 [0.95, 1.46] open}
     */
    public record Addition(String workload, String allocator, int forks, String reason) {
    }

    /**
     * The round of each fork of one result.
     *
     * @param benchmark JMH's fully qualified benchmark name
     * @param params its parameters, as in {@code jmh.json}
     * @param rounds the round of each fork, in {@code rawData} order
     */
    public record Forks(String benchmark, Map<String, String> params, int[] rounds) {
    }
}
