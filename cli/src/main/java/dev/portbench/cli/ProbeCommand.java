package dev.portbench.cli;

import dev.portbench.footprint.Footprint;
import dev.portbench.runfolder.RunFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code portbench probe --out FILE} (internal, hidden): run by {@code run} in a JVM like the
 * benchmark forks, it writes the JOL footprints and that JVM's description.
 */
@Command(name = "probe", hidden = true, mixinStandardHelpOptions = true,
        description = "Internal: measure footprints and describe this JVM (run by `run` in the JVM the benchmarks fork).")
final class ProbeCommand implements Callable<Integer> {

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to write the JSON.")
    private Path out;

    @Override
    public Integer call() {
        RunFiles.write(out, Footprint.measureAll(Environment.jvm()));
        return 0;
    }
}
