package dev.portbench.jmh;

import org.openjdk.jmh.annotations.Param;

/**
 * A {@link TraceEventBenchmark} over the suite's named workloads: the {@code workload} parameter
 * lists every named workload (a unit test keeps it equal to {@code Workloads}, since imported
 * traces make workloads open-ended) and {@code traceFile} names the replay file of an imported
 * trace ({@code workload=trace:NAME}; empty for the named workloads). Shared by the allocators'
 * replay, the floor under it and the harness baseline, so the three always walk the same traces.
 */
public abstract class NamedWorkloadBenchmark extends TraceEventBenchmark {

    @Param({"q170791-rho0.50", "q170791-rho0.90", "q170791-rho0.99", "q170791-rho1.25", "burst",
            "reclaim-0.25", "scale-3976", "scale-16384", "scale-28232", "scale-64512"})
    String workload;

    /** The replay file of an imported trace ({@code workload=trace:NAME}); empty for named workloads. */
    @Param({""})
    String traceFile;
}
