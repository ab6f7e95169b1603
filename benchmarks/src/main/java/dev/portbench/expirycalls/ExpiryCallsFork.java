package dev.portbench.expirycalls;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.runfolder.ExpiryCallsFile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one forked JVM measures: one allocator variant on each range, every call of the
 * {@link ExpiryCallScenario} timed with {@link System#nanoTime()} into a preallocated array.
 *
 * <p>Per range: untimed warm-up rounds, then measured rounds, each of four passes, each pass one
 * repetition of the scenario (it runs on from pass to pass): every call timed (folded into a
 * {@link CallTimes}: the worst call); calls timed in blocks of {@value #BLOCK} consecutive calls
 * (the median call: one cheap call is below this clock's resolution, so a block's mean, net of one
 * timer reading, gives it); the repetition timed whole (the mean call, free of per-call timers);
 * and the first loop around no call (the timer's floor). Rounds stop at {@code repetitions} or when
 * the range's time budget is spent, whichever comes first, after at least {@value #MIN_REPETITIONS}
 * (a peer baseline can take microseconds per call): the fork records how many it measured.
 *
 * <p>One variant per JVM, so the calls into the allocator see one implementation (as in a JMH fork)
 * and the forks, separate JVMs, vary by JIT decisions and memory layout as JMH's do.
 */
public final class ExpiryCallsFork {

    /** Calls timed together for the median call ({@link ExpiryCallsFile#CALLS_PER_TIMED_BLOCK}). */
    public static final int BLOCK = ExpiryCallsFile.CALLS_PER_TIMED_BLOCK;
    /** Measured rounds per range at least, whatever the budget. */
    static final int MIN_REPETITIONS = 3;
    /** Seconds of warm-up per range at most (at least one round). */
    static final double WARMUP_BUDGET_SECONDS = 2;
    /** Seconds of measuring per range after which no new round starts. */
    static final double MEASURE_BUDGET_SECONDS = 8;

    /** Written by the loops so that nothing they compute is dead. */
    private static volatile long sink;

    private ExpiryCallsFork() {
    }

    /**
     * Measures {@code allocator} with expiry {@code quota} (0 for none) on each of {@code ranges}:
     * one row per range, holding this JVM's one fork.
     *
     * @throws IllegalArgumentException unless {@code warmup >= 0} and {@code repetitions >= 1}
     */
    public static List<ExpiryCallsFile.Row> measure(AllocatorCatalog allocator, int quota, List<Integer> ranges, int warmup,
                                                    int repetitions) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
        }
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions: " + repetitions + " (expected: >= 1)");
        }
        List<ExpiryCallScenario> scenarios = new ArrayList<>();
        for (int ports : ranges) {
            scenarios.add(ExpiryCallScenario.of(allocator, quota, ports));
        }
        for (ExpiryCallScenario s : scenarios) {
            long[] times = new long[s.cycles()];
            long[] blocks = new long[blocks(s.cycles())];
            long end = System.nanoTime() + (long) (WARMUP_BUDGET_SECONDS * 1e9);
            for (int r = 0; r < warmup && (r == 0 || System.nanoTime() < end); r++) {
                timeEachCall(s, times);
                timeBlocks(s, blocks);
                timeWhole(s);
                timeNothing(times);
            }
        }
        List<ExpiryCallsFile.Row> rows = new ArrayList<>();
        for (ExpiryCallScenario s : scenarios) {
            long[] times = new long[s.cycles()];
            long[] blockTimes = new long[blocks(s.cycles())];
            CallTimes calls = new CallTimes(s.cycles());
            CallTimes blocks = new CallTimes(blockTimes.length);
            CallTimes floor = new CallTimes(s.cycles());
            double[] wholeMeans = new double[repetitions];
            long end = System.nanoTime() + (long) (MEASURE_BUDGET_SECONDS * 1e9);
            int r = 0;
            while (r < repetitions && (r < MIN_REPETITIONS || System.nanoTime() < end)) {
                timeEachCall(s, times);
                calls.fold(times);
                timeBlocks(s, blockTimes);
                blocks.fold(blockTimes);
                wholeMeans[r] = (double) timeWhole(s) / s.cycles();
                timeNothing(times);
                floor.fold(times);
                r++;
            }
            double timerFloor = floor.median();
            rows.add(new ExpiryCallsFile.Row(allocator.id(), quota, s.cycles(), List.of(new ExpiryCallsFile.Fork(r, timerFloor,
                    calls.median(), medianBlockCall(blocks, s.cycles(), timerFloor), calls.worst(), calls.worstPosition(),
                    calls.percentile(99), calls.rawMax(), median(Arrays.copyOf(wholeMeans, r))))));
        }
        return rows;
    }

    /** Blocks of {@link #BLOCK} calls over {@code cycles} calls, the last one possibly shorter. */
    static int blocks(int cycles) {
        return (cycles + BLOCK - 1) / BLOCK;
    }

    /**
     * The median over blocks of a call's cost within the block: the block's minimum less one timer
     * reading ({@code timerFloor}), divided by its calls.
     */
    static double medianBlockCall(CallTimes blocks, int cycles, double timerFloor) {
        double[] perCall = new double[blocks.positions()];
        for (int b = 0; b < perCall.length; b++) {
            int calls = Math.min(BLOCK, cycles - b * BLOCK);
            perCall[b] = (blocks.minimumAt(b) - timerFloor) / calls;
        }
        return median(perCall);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** One repetition, each call timed into {@code times}. */
    static void timeEachCall(ExpiryCallScenario s, long[] times) {
        s.startRepetition();
        long freed = 0;
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            freed += s.cycle();
            times[i] = System.nanoTime() - t0;
        }
        sink = freed;
    }

    /** One repetition, each block of {@link #BLOCK} consecutive calls timed into {@code blockTimes}. */
    static void timeBlocks(ExpiryCallScenario s, long[] blockTimes) {
        s.startRepetition();
        int n = s.cycles();
        long freed = 0;
        for (int b = 0; b < blockTimes.length; b++) {
            int end = Math.min(n, (b + 1) * BLOCK);
            long t0 = System.nanoTime();
            for (int i = b * BLOCK; i < end; i++) {
                freed += s.cycle();
            }
            blockTimes[b] = System.nanoTime() - t0;
        }
        sink = freed;
    }

    /** One repetition timed whole; answers its nanoseconds. */
    static long timeWhole(ExpiryCallScenario s) {
        s.startRepetition();
        int n = s.cycles();
        long freed = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            freed += s.cycle();
        }
        long elapsed = System.nanoTime() - t0;
        sink = freed;
        return elapsed;
    }

    /** The same loop as {@link #timeEachCall} around no call: the timer's own cost per position. */
    static void timeNothing(long[] times) {
        long count = 0;
        for (int i = 0; i < times.length; i++) {
            long t0 = System.nanoTime();
            count++;
            times[i] = System.nanoTime() - t0;
        }
        sink = count;
    }
}
