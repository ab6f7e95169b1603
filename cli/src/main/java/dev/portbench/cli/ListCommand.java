package dev.portbench.cli;

import dev.portbench.allocator.PortSelection;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.workload.Workloads;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ./portbench list}: the registered allocators, their selection policies, and the named workloads. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "The registered allocators (AllocatorCatalog), their selection policies, and the named workloads.")
final class ListCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println("allocators:");
        for (AllocatorCatalog t : AllocatorCatalog.values()) {
            System.out.printf("  %-20s %s%s%n", t.id(), t.isPeerBaseline() ? "(peer baseline) " : "",
                    t.create().description());
            System.out.printf("  %-20s   policies: %s%n", "", t.selections().stream().map(PortSelection::id).toList());
        }
        System.out.println("workloads:");
        Workloads.all().forEach(w -> System.out.printf("  %-20s %s%n", w.id(), w.summary()));
        return 0;
    }
}
