package dev.portbench.cli;

import dev.portbench.report.VerdictAgreement;
import dev.portbench.workload.Workloads;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code ./portbench agreement REFERENCE RUN...}: whether shorter runs decide what the reference decides. */
@Command(name = "agreement", mixinStandardHelpOptions = true,
        description = {"Every pair of allocators the REFERENCE run tells apart on one workload by a cost ratio of at least "
                + "--min-ratio, and how each RUN judges it: the same way, open, or the other way (a contradiction).",
            "Issue 26's check of quick runs against the full reference: ./portbench agreement results/runs/<full> results/runs/<quick>..."})
final class AgreementCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REFERENCE", description = "The reference run folder (e.g. a full run).")
    private Path reference;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "RUN", description = "The run folders judged against it.")
    private List<Path> runs;

    @Option(names = "--workload", paramLabel = "ID", defaultValue = Workloads.HEADLINE,
            description = "The replay workload compared (default ${DEFAULT-VALUE}, the headline).")
    private String workload;

    @Option(names = "--min-ratio", paramLabel = "R", defaultValue = "1.25", converter = ArgumentTypes.PositiveNumber.class,
            description = "Only pairs the reference separates by at least this cost ratio (default ${DEFAULT-VALUE}).")
    private double minRatio;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the table (Markdown) to FILE instead of printing it.")
    private Path out;

    @Override
    public Integer call() {
        String md = VerdictAgreement.markdown(reference, runs, workload, minRatio);
        PortBench.printOrWrite(md, out);
        return 0;
    }
}
