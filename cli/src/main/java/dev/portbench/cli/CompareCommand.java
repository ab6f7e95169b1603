package dev.portbench.cli;

import dev.portbench.report.RunComparison;
import dev.portbench.report.RunData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code ./portbench compare BASE_RUN NEW_RUN}: what changed between two runs. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Changes between two runs, judged on the 99.9%% interval of new / base over fork means (faster, slower, no change shown, or not resolved).",
                "Runs from different CPUs or JDKs: warns, and judges each cost relative to the java.util baseline in its own run, not absolute times."})
final class CompareCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE_RUN", description = "The run folder compared against.")
    private Path base;

    @Parameters(index = "1", paramLabel = "NEW_RUN", description = "The run folder compared.")
    private Path next;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the comparison (Markdown) to FILE instead of printing it.")
    private Path out;

    @Override
    public Integer call() {
        RunData baseRun = RunData.load(base);
        RunData nextRun = RunData.load(next);
        String difference = RunComparison.machineDifference(baseRun, nextRun);
        if (difference != null) {
            spec.commandLine().getErr().println("warning: the runs come from different machines or JDKs (" + difference + "): absolute times "
                    + "are not judged; verdicts judge each cost relative to the java.util baseline in its own run");
        }
        String md = RunComparison.markdown(baseRun, nextRun);
        PortBench.printOrWrite(md, out);
        return 0;
    }
}
