package dev.portbench.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options of a study command ({@code simulate}, {@code policies}): how long to run, where to write. */
final class StudyOptions {

    /** Periods are capped so that no study runs for hours by mistake. */
    static final int MAX_PERIODS = 1000;

    @Option(names = "--periods", paramLabel = "N", converter = ArgumentTypes.PositiveInt.class,
            description = "Length of each simulated client run, in periods of TIME-WAIT plus holding time "
                    + "(at most " + MAX_PERIODS + "; default: the quick profile's, ${DEFAULT-VALUE}).")
    int periods = Profile.QUICK.simulationPeriods;

    @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path out;

    int periods() {
        return Math.min(MAX_PERIODS, periods);
    }
}
