package dev.portbench.runfolder;

import java.util.List;

/**
 * {@code many-threads.json}: what {@code ./portbench threads} (or {@code run --threads}) measured,
 * written and read by {@link RunFiles}.
 *
 * @param schema the file's format version, {@value #SCHEMA}
 * @param cpu the CPU model
 * @param availableProcessors what the JVM that ran the study saw
 * @param jvm the forked JVM's java binary
 * @param command the command that produced this file
 * @param startedAt ISO-8601 UTC
 * @param threadCounts the thread counts measured, ascending
 * @param forks JMH forks per measurement
 * @param throughput one row per allocator x workload x thread count
 * @param exhaustion one row per allocator x workload x thread count
 * @param oneShardPerThread whether sharded allocators had one shard per thread, each thread on its
 *     own worker view (false in files written before they did: default shards, homed by thread)
 * @param shardsUnpaced whether threads on a sharded allocator with a shard per thread ran unpaced,
 *     as the confined ones (false in files written before: every shared allocator was paced)
 */
public record ManyThreadsFile(int schema, String cpu, int availableProcessors, String jvm, String command, String startedAt,
                              List<Integer> threadCounts, int forks, List<Throughput> throughput,
                              List<Exhaustion> exhaustion, boolean oneShardPerThread, boolean shardsUnpaced) {

    /** The format version this portbench writes and reads. */
    public static final int SCHEMA = 1;

    /**
     * Events per microsecond of all threads together, from JMH.
     *
     * @param allocator the allocator id
     * @param shared whether the threads shared one allocator (thread-safe) or each had its own (confined)
     * @param workload the workload id
     * @param threads JMH's thread count
     * @param mean the mean of the fork means
     * @param low lower end of the 99% interval (95% in runs made before the suite took one level) over fork means (Student t; NaN with one fork)
     * @param high upper end
     * @param forkMeans each fork's score
     */
    public record Throughput(String allocator, boolean shared, String workload, int threads, double mean, double low,
                             double high, List<Double> forkMeans) {
    }

    /**
     * Failed connects of threads replaying a workload's slices together, against the same trace
     * replayed by one thread on one exact allocator.
     *
     * @param allocator the allocator id
     * @param shared whether the threads shared it (otherwise each had its own part of the range)
     * @param workload the workload id
     * @param threads how many threads
     * @param opens connects attempted
     * @param failures connects answered NO_PORT
     * @param referenceOpens connects of the one-thread reference replay of the same events
     * @param referenceFailures its failures: what the workload itself causes
     * @param borrows for a sharded allocator, allocations its home shard could not serve (-1 otherwise)
     */
    public record Exhaustion(String allocator, boolean shared, String workload, int threads, long opens, long failures,
                             long referenceOpens, long referenceFailures, long borrows) {

        /** Failures per million connects beyond the reference's rate: the false exhaustion. */
        public double excessPerMillion() {
            double rate = opens == 0 ? 0 : (double) failures / opens;
            double reference = referenceOpens == 0 ? 0 : (double) referenceFailures / referenceOpens;
            return (rate - reference) * 1e6;
        }
    }
}
