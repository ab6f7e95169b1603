package dev.portbench.calibration;

import dev.portbench.cli.PortBench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the calibration integration tests start {@code ./portbench calibrate} on the shaded jar
 * (system property {@code portbench.jar}, else {@code target/portbench.jar}): in a JVM of their
 * own, with the project's root as {@code --root} and the output, both streams, in a log file.
 */
final class CalibrateProcess {

    static final Path JAR = Path.of(System.getProperty("portbench.jar", "target/portbench.jar")).toAbsolutePath();
    private static final Path ROOT = JAR.getParent().getParent().getParent();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private CalibrateProcess() {
    }

    /** Starts {@code calibrate} then {@code args}, with {@code env} added to its environment and its output into {@code log}. */
    static Process start(Map<String, String> env, Path log, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-cp", JAR.toString(), PortBench.class.getName(),
                "--root", ROOT.toString(), "calibrate"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }
}
