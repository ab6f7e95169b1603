package dev.portbench.cli;

import dev.portbench.report.ReportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./portbench report}: rewrite run reports, the results index and, on request, the README headline. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rewrite REPORT.md of the runs named (default: every run under results/runs) and results/README.md.",
                "Reports are generated only from a run folder's files, byte-for-byte the same for the same input."})
final class ReportCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PortBench portbench;

    @Parameters(paramLabel = "RUN_DIR", arity = "0..*", description = "Run folders (default: all under results/runs).")
    private List<Path> runs = new ArrayList<>();

    @Option(names = "--publish", paramLabel = "RUN_DIR",
            description = "Make RUN_DIR the reference run: its headline goes into README.md.")
    private Path publish;

    @Override
    public Integer call() {
        Path results = portbench.root().resolve("results");
        List<Path> chosen = new ArrayList<>(runs);
        if (chosen.isEmpty()) {
            chosen.addAll(ReportGenerator.runsUnder(results));
            if (chosen.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "RUN_DIR: none given and no run folders under "
                        + results.resolve("runs") + " (expected: ./portbench run first, or name a run folder)");
            }
        }
        for (Path run : chosen) {
            System.out.println("wrote " + ReportGenerator.writeReport(run));
        }
        if (Files.isDirectory(results.resolve("runs"))) {
            System.out.println("wrote " + ReportGenerator.writeIndex(results));
        }
        if (publish != null) {
            System.out.println("wrote the headline of " + publish + " into " + ReportGenerator.publish(portbench.root(), publish));
        }
        return 0;
    }
}
