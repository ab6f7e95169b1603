package dev.portbench.report;

import dev.portbench.runfolder.ManyThreadsFile.Exhaustion;
import dev.portbench.runfolder.ManyThreadsFile.Throughput;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The end of the report's "Many threads" section: the false-exhaustion table (each thread-safe or
 * confined design against the exact {@code fifo} on the same trace) and the pick for a multi-core
 * load balancer (the highest geometric-mean throughput at the machine's core count among the
 * designs without false exhaustion). Text only; {@link ManyThreadsSection} calls it.
 */
final class ManyThreadsPick {

    /** Excess failures per million connects treated as noise of the method (threads' drifting clocks). */
    static final double EXCESS_NOISE_PER_MILLION = 100;

    private ManyThreadsPick() {
    }

    static void exhaustion(StringBuilder md, List<Exhaustion> rows) {
        if (rows.isEmpty()) {
            return;
        }
        md.append("### False exhaustion\n\n");
        md.append("The workload's trace replayed in time order for a few laps, each connection belonging to one of the "
                + "threads as in the benchmark (a sharded allocator homes each thread's connections on its own shard; a "
                + "confined one gives each thread its own share of the range), against the same trace on `fifo` over the "
                + "whole range (exact): failed connects beyond the reference's happened while the range as a whole had a "
                + "free port. This counts the design's false exhaustion, not the scheduler's. A sharded allocator's "
                + "borrows are the allocations its home shard could not serve: each would have failed in a design without "
                + "borrowing (per-worker slices, as VPP's).\n\n");
        md.append("| workload | allocator | threads | connects | failed | reference failed | excess per million | borrows |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Exhaustion e : rows) {
            md.append(String.format(Locale.ROOT, "| `%s` | `%s` %s | %d | %d | %d | %d / %d | %.0f | %s |%n",
                    e.workload(), e.allocator(), e.shared() ? "shared" : "confined", e.threads(), e.opens(), e.failures(),
                    e.referenceFailures(), e.referenceOpens(), e.excessPerMillion(),
                    e.borrows() < 0 ? "-" : String.valueOf(e.borrows())));
        }
        md.append('\n');
    }

    static void pick(StringBuilder md, Map<String, List<Throughput>> byWorkload, List<Exhaustion> exhaustion,
                             int cores) {
        Map<String, Double> score = new LinkedHashMap<>();
        int at = 0;
        for (List<Throughput> rows : byWorkload.values()) {
            int t = rows.stream().mapToInt(Throughput::threads).filter(n -> n <= Math.max(1, cores)).max().orElse(1);
            at = t;
            for (Throughput r : rows) {
                if (r.shared() && r.threads() == t) {
                    score.merge(r.allocator(), Math.log(r.mean()), Double::sum);
                }
            }
        }
        Set<String> falselyExhausted = new LinkedHashSet<>();
        for (Exhaustion e : exhaustion) {
            if (e.shared() && e.excessPerMillion() > EXCESS_NOISE_PER_MILLION) {
                falselyExhausted.add(e.allocator());
            }
        }
        String best = null;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            if (!falselyExhausted.contains(e.getKey()) && (best == null || e.getValue() > score.get(best))) {
                best = e.getKey();
            }
        }
        md.append("### Pick for a multi-core load balancer\n\n");
        if (best == null) {
            md.append("No thread-safe allocator was measured.\n\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "**`%s`**: the highest throughput (geometric mean over the workloads) at "
                        + "%d threads, the most this %d-core machine runs in parallel, among the thread-safe allocators "
                        + "without false exhaustion (excess above %.0f per million connects counts as false exhaustion). "
                        + "An event loop per core sharing one source address takes it as is; a stack that can pin "
                        + "connections to cores and accept failures when one core's share runs dry can partition the range "
                        + "instead (the confined rows), paying the false exhaustion shown above.%n%n",
                best, at, cores, EXCESS_NOISE_PER_MILLION));
    }
}
