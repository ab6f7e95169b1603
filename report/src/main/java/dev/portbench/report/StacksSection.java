package dev.portbench.report;

import dev.portbench.report.Analysis.Format;
import dev.portbench.runfolder.RunFiles;
import dev.portbench.runfolder.StacksFile;
import dev.portbench.simulation.StacksStudy;
import dev.portbench.workload.DestinationWorkload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's "Stacks" section: for the same clients, how long each TCP stack lasts and what it
 * sustains ({@code stacks.json}, from {@link StacksStudy}), and what destination-aware allocation
 * costs per event ({@code DestinationReplayBenchmark} in {@code jmh.json}) beside the best
 * single-pool allocator on one pool of the same 3976 ports at the same load per pool
 * ({@code ReplayBenchmark} on {@code q170791-rho0.99}).
 */
final class StacksSection {

    static final String BENCHMARK = "DestinationReplayBenchmark.replay";
    static final String SINGLE_POOL_WORKLOAD = DestinationWorkload.SINGLE_POOL_REFERENCE;

    private StacksSection() {
    }

    static void append(StringBuilder md, RunData run) {
        md.append("## Stacks\n\n");
        StacksFile d = read(run.dir().resolve(StacksStudy.FILE));
        if (d == null) {
            md.append("This run has no " + StacksStudy.FILE + ".\n\n");
        } else {
            md.append("The same client on each stack's defaults (scenario simulator, exact counts): how long until the first "
                    + "failed connect, and the successful connects per second in the steady state (the last whole TIME-WAIT periods of the second half). Linux and FreeBSD "
                    + "share a port between destinations (per 4-tuple); Windows does not; `bind()` before `connect()` shares "
                    + "nothing. Linux frees TIME-WAIT on its timer wheel (lateness column). Reproduce a row with "
                    + "`./portbench simulate --stack ID ...`.\n\n");
            for (StacksFile.Client c : d.clients()) {
                md.append("**").append(c.description()).append("** (").append(trim(c.durationSeconds()))
                        .append(" s simulated)\n\n");
                md.append("| stack | variant | call | ports | TIME-WAIT s | lateness ≤ s | capacity /s | lasts | sustains /s | "
                        + "steady success | outages | first recovery |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
                for (StacksFile.Row r : c.rows()) {
                    md.append(String.format(Locale.ROOT, "| %s | %s | %s | %d-%d | %s | %s | %.1f | %s | %.1f | %s | %d | %s |%n",
                            r.stack(), r.variant().isEmpty() ? "defaults" : r.variant(), r.call(), r.firstPort(), r.lastPort(),
                            trim(r.timeWaitSeconds()), trim(r.latenessMaxSeconds()), r.capacityPerSecond(),
                            r.firstFailureSeconds() == null ? "never fails" : String.format(Locale.ROOT, "%.1f s", r.firstFailureSeconds()),
                            r.sustainedPerSecond(), Format.percent(r.steadySuccess()), r.outages(),
                            r.recoverySeconds() == null ? "–" : String.format(Locale.ROOT, "%.2f s", r.recoverySeconds())));
                }
                md.append('\n');
            }
        }
        costs(md, run);
    }

    private static void costs(StringBuilder md, RunData run) {
        List<JmhResult> costs = run.of(BENCHMARK);
        if (costs.isEmpty()) {
            md.append("This run did not benchmark the destination-aware allocators (`DestinationReplayBenchmark`).\n\n");
            return;
        }
        JmhResult best = null;
        for (JmhResult r : run.of("ReplayBenchmark.replay")) {
            if (SINGLE_POOL_WORKLOAD.equals(r.param("workload")) && (best == null || r.score() < best.score())) {
                best = r;
            }
        }
        md.append("Cost of destination-aware allocation, ns per event (connect, release, and the expiry inside them), "
                + "replaying the KB client's trace spread over N destinations (`DestinationReplayBenchmark`)");
        if (best != null) {
            md.append(String.format(Locale.ROOT, "; `/ one pool` divides by the best single-pool allocator, **%s** at %s ns/event "
                    + "on `%s` (one pool of the same ports at the same load per pool) in this run", best.param("allocator"),
                    Format.ns(best.score()), SINGLE_POOL_WORKLOAD));
        }
        md.append(".\n\n| destinations | allocator | ns/event | ± | / one pool | B/op |\n|---|---|---|---|---|---|\n");
        List<JmhResult> sorted = new ArrayList<>(costs);
        sorted.sort((a, b) -> {
            int c = a.param("destinations").compareTo(b.param("destinations"));
            return c != 0 ? c : Double.compare(a.score(), b.score());
        });
        for (JmhResult r : sorted) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n",
                    r.param("destinations").toLowerCase(Locale.ROOT).replace('_', '-'),
                    r.param("connectionAllocator").toLowerCase(Locale.ROOT).replace('_', '-'), Format.ns(r.score()),
                    Format.ns(r.error()), best == null ? "–" : Format.ratio(r.score() / best.score()), Format.bytes(r.bytesPerOp())));
        }
        md.append('\n');
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.3f", v);
    }

    /** The study, or null if the run has none; a malformed file or another format version names itself. */
    static StacksFile read(Path file) {
        return RunFiles.readIfPresent(file, StacksFile.class, StacksFile.SCHEMA).orElse(null);
    }
}
