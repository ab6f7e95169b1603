package dev.portbench.runfolder;

import java.util.List;

/**
 * {@code expiry-calls.json}: every call of the bulk-expiry scenario timed, per allocator, range
 * and fork (written by {@code ./portbench expiry-calls} or the full run, read by {@link RunFiles}).
 * Nanoseconds throughout; a "call" is one cycle ({@code expire}, {@code allocate}, {@code release}).
 *
 * @param schema the format version, {@value #SCHEMA}
 * @param command the command that produced this file
 * @param startedAt ISO-8601 UTC
 * @param cpu the CPU model
 * @param jvm the java binary the forks ran on
 * @param jvmArgs extra options of the forks
 * @param quota the expiry quota of the bounded variants
 * @param warmupRepetitions repetitions run untimed in each fork before measuring
 * @param repetitions repetitions measured in each fork
 * @param rows one per allocator variant and range, each with its forks
 */
public record ExpiryCallsFile(int schema, String command, String startedAt, String cpu, String jvm, List<String> jvmArgs,
                              int quota, int warmupRepetitions, int repetitions, List<Row> rows) {

    /** The format version this portbench writes and reads. */
    public static final int SCHEMA = 1;
    /** Its name in a run folder. */
    public static final String FILE = "expiry-calls.json";
    /** Consecutive calls timed together for the median call (the clock cannot resolve one cheap call). */
    public static final int CALLS_PER_TIMED_BLOCK = 64;

    /**
     * One allocator variant on one range.
     *
     * @param allocator the allocator id
     * @param quota its expiry quota, 0 for none (unbounded)
     * @param ports ports due at once (the range of workload {@code scale-<ports>})
     * @param forks one entry per forked JVM
     */
    public record Row(String allocator, int quota, int ports, List<Fork> forks) {

        /** The allocator's id, with {@code /quota=q} when bounded. */
        public String variant() {
            return quota == 0 ? allocator : allocator + " /quota=" + quota;
        }
    }

    /**
     * What one JVM measured. The single-call times are each position's minimum over the
     * repetitions (stalls dropped, see {@code CallTimes}), timer included.
     *
     * @param repetitions repetitions measured (fewer than asked when the fork's time budget ran out)
     * @param timerFloorNs the median over positions of the same loop timing no call: the timer's own cost
     * @param medianCallNs the median over positions, timed singly (often at the timer's floor: one cheap
     *     call is below the clock's resolution)
     * @param medianBlockCallNs the median call timed in blocks of consecutive calls: the median over
     *     blocks of (the block's minimum less one timer floor) / its calls; net of the timer
     * @param worstCallNs the worst position, timed singly
     * @param worstPosition which cycle of the repetition it is (0 = the first, where every port is due)
     * @param p99CallNs the 99th percentile over positions, timed singly
     * @param rawMaxNs the slowest single call seen, stalls included
     * @param meanCallNs the mean cost of a cycle without per-call timers: each repetition timed whole,
     *     divided by its cycles; the median over repetitions
     */
    public record Fork(int repetitions, double timerFloorNs, double medianCallNs, double medianBlockCallNs, double worstCallNs,
                       int worstPosition, double p99CallNs, double rawMaxNs, double meanCallNs) {

        /**
         * The algorithm's worst call over its median call: the worst single call less the timer's
         * floor, over the median call timed in blocks; NaN if that median is not positive.
         */
        public double worstOverMedian() {
            return medianBlockCallNs > 0 ? (worstCallNs - timerFloorNs) / medianBlockCallNs : Double.NaN;
        }

        /** The worst call over the median call, both as timed singly (timer included). */
        public double grossWorstOverMedian() {
            return worstCallNs / medianCallNs;
        }
    }
}
