package dev.portbench.cli;

import dev.portbench.runfolder.EnvironmentFile;
import dev.portbench.runfolder.JvmDescription;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a run records about where it ran: machine, operating system, kernel, git state, and the
 * JVM the measurements ran on. Every probe is best effort: a value that cannot be read is
 * recorded as {@code "unknown"} or {@code null}, never invented.
 */
final class Environment {

    private Environment() {
    }

    static EnvironmentFile.Machine machine() {
        return new EnvironmentFile.Machine(cpuModel(), Runtime.getRuntime().availableProcessors(), memoryBytes(),
                System.getProperty("os.name"), osRelease(), System.getProperty("os.arch"), command(Path.of("."), "uname", "-srv"));
    }

    /** The running JVM: what the footprint subprocess reports for the JVM the benchmarks fork. */
    static JvmDescription jvm() {
        List<String> gcs = new ArrayList<>();
        ManagementFactory.getGarbageCollectorMXBeans().forEach(b -> gcs.add(b.getName()));
        Map<String, String> flags = new LinkedHashMap<>();
        try {
            var hs = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            for (String f : List.of("UseCompressedOops", "UseCompressedClassPointers", "ObjectAlignmentInBytes",
                    "UseG1GC", "UseParallelGC", "UseSerialGC", "UseZGC", "TieredCompilation", "MaxHeapSize")) {
                try {
                    flags.put(f, hs.getVMOption(f).getValue());
                } catch (IllegalArgumentException absent) {
                    // flag not known to this VM
                }
            }
        } catch (RuntimeException | LinkageError e) {
            flags.put("error", String.valueOf(e));
        }
        return new JvmDescription(System.getProperty("java.vendor"), System.getProperty("java.version"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.home"),
                ManagementFactory.getRuntimeMXBean().getInputArguments(), gcs, Runtime.getRuntime().maxMemory(), flags);
    }

    /** The JVM this process runs on, as {@code environment.json} records it: vendor and runtime version. */
    static String hostJvm() {
        return System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version");
    }

    /**
     * The command line a folder records: the {@code PORTBENCH_COMMAND} environment variable when it
     * is set and not blank (what was typed at {@code ./portbench}), else {@code fallback}.
     */
    static String commandLine(String fallback) {
        String given = System.getenv("PORTBENCH_COMMAND");
        return given != null && !given.isBlank() ? given : fallback;
    }

    /**
     * The {@code environment.json} of a finished folder that is not a full run: status
     * {@code complete}, {@code profile} the command's name ({@code threads}, {@code expiry-calls}),
     * finished now, no JMH settings and no forked-JVM probe. Reads the git state and the machine
     * (a few short subprocesses).
     */
    static EnvironmentFile studyEnvironment(String command, String commandLine, String startedAt, Path root,
            EnvironmentFile.Filters filters) {
        return new EnvironmentFile(EnvironmentFile.SCHEMA, "complete", command, commandLine, startedAt,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), git(root), machine(), hostJvm(), null, null, filters);
    }

    static EnvironmentFile.Git git(Path root) {
        String commit = command(root, "git", "rev-parse", "HEAD");
        if ("unknown".equals(commit)) {
            return new EnvironmentFile.Git(null, null);
        }
        // results/ is where runs are written; a new run there does not make the code dirty
        String status = command(root, "git", "status", "--porcelain", "--", ".", ":(exclude)results");
        return new EnvironmentFile.Git(commit, "unknown".equals(status) ? null : !status.isEmpty());
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        String sysctl = command(Path.of("."), "sysctl", "-n", "machdep.cpu.brand_string");
        return sysctl.isEmpty() ? "unknown" : sysctl;
    }

    private static Long memoryBytes() {
        try {
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            return os.getTotalMemorySize();
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String osRelease() {
        try {
            for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
                if (line.startsWith("PRETTY_NAME=")) {
                    return line.substring(12).replace("\"", "");
                }
            }
        } catch (IOException | RuntimeException e) {
            // no os-release
        }
        return System.getProperty("os.version");
    }

    /** The trimmed standard output of a short command, or "unknown" if it cannot run or fails. */
    static String command(Path dir, String... cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                return "unknown";
            }
            return new String(out, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
