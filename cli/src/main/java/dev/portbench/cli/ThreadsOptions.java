package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.threads.ManyThreadsRun;
import picocli.CommandLine.Option;

import java.util.List;

/** What to measure with many threads: shared by {@code ./portbench threads} and {@code run --threads}. */
final class ThreadsOptions {

    @Option(names = "--threads", paramLabel = "N", split = ",", converter = ArgumentTypes.PositiveInt.class,
            description = "Thread counts, each a JMH run (threads command default: 1,2,4). Take 1,2,4,16,64 on a bigger machine.")
    List<Integer> threads;

    @Option(names = "--threads-allocators", paramLabel = "ID", split = ",", converter = ArgumentTypes.AllocatorId.class,
            completionCandidates = ArgumentTypes.AllocatorIds.class,
            description = "Allocators for the many-threads measure (default: locked-ring, sharded-ring, cas-bitset, locked-fifo, and ring confined).")
    List<AllocatorCatalog> allocators;

    @Option(names = "--threads-workloads", paramLabel = "ID", split = ",", converter = ArgumentTypes.WorkloadId.class,
            completionCandidates = ArgumentTypes.WorkloadIds.class,
            description = "Workloads for the many-threads measure (default: q170791-rho0.99, scale-28232).")
    List<String> workloads;

    @Option(names = "--threads-forks", paramLabel = "N", converter = ArgumentTypes.PositiveInt.class,
            description = "JMH forks per many-threads measurement (default: 2; intervals come from fork means).")
    int forks = 2;

    @Option(names = "--threads-iterations", paramLabel = "N", converter = ArgumentTypes.PositiveInt.class,
            description = "Measurement iterations per fork (default: 5; warm-up is 2 of the same length).")
    int iterations = 5;

    @Option(names = "--threads-millis", paramLabel = "MS", converter = ArgumentTypes.PositiveInt.class,
            description = "Length of each iteration in milliseconds (default: 500).")
    int millis = 500;

    /** The plan, with these defaults for what was not given. */
    ManyThreadsRun plan(List<Integer> defaultThreads, String jvm, List<String> jvmArgs, String command) {
        List<Integer> counts = threads != null ? threads : defaultThreads;
        List<String> ids = allocators != null ? allocators.stream().map(AllocatorCatalog::id).distinct().toList()
                : ManyThreadsRun.defaultAllocators();
        List<String> w = workloads != null ? workloads.stream().distinct().toList() : ManyThreadsRun.DEFAULT_WORKLOADS;
        return new ManyThreadsRun(ids, w, counts, forks, 2, iterations, millis, jvm, jvmArgs, command,
                Environment.machine().cpuModel());
    }
}
