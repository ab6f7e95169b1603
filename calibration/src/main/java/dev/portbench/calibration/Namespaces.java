package dev.portbench.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Private network namespaces for the calibration, from the host side: whether they are available
 * ({@link #unavailableReason}), the host's own network sysctls (snapshot before and after, to prove
 * they never changed) and {@link #launch}, which runs {@link NamespaceChild} in a fresh namespace
 * with {@code unshare -n} (util-linux; needs root, or CAP_SYS_ADMIN) and the same JVM and class path.
 */
public final class Namespaces {

    /** Host sysctls calibrate promises not to touch (it changes them only inside its namespaces). */
    static final List<Path> WATCHED = List.of(NamespaceChild.PORT_RANGE, NamespaceChild.TW_REUSE);

    private Namespaces() {
    }

    /** This process's network namespace, e.g. {@code net:[4026531840]}. */
    static String currentNetworkNamespace() throws IOException {
        return Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString();
    }

    /** Null when this machine can run calibrate; otherwise why not, for the user. */
    public static String unavailableReason() {
        String os = System.getProperty("os.name", "");
        if (!os.toLowerCase(Locale.ROOT).contains("linux")) {
            return "calibrate needs Linux network namespaces (this is " + os + ")";
        }
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "'unshare -n true' did not finish within 20 s";
            }
            if (p.exitValue() != 0) {
                return "cannot create a network namespace with 'unshare -n' (needs root or CAP_SYS_ADMIN): " + out;
            }
        } catch (IOException e) {
            return "'unshare' (util-linux) is not available: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while probing for network namespaces";
        }
        try {
            currentNetworkNamespace();
        } catch (IOException e) {
            return "cannot read /proc/self/ns/net: " + e.getMessage();
        }
        return null;
    }

    /** The host's values of the watched sysctls. */
    static Map<String, String> hostSysctls() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Path p : WATCHED) {
            try {
                m.put(NamespaceChild.sysctlName(p), NamespaceChild.readSysctl(p));
            } catch (IOException e) {
                m.put(NamespaceChild.sysctlName(p), "unreadable: " + e.getMessage());
            }
        }
        return m;
    }

    /**
     * Runs {@link NamespaceChild} with {@code args} in a fresh network namespace, its output
     * appended to {@code log}; waits at most {@code timeoutSeconds}.
     *
     * @return the child's exit status
     */
    static int launch(List<String> args, Path log, long timeoutSeconds) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "--",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), NamespaceChild.class.getName()));
        List<String> childArgs = new ArrayList<>(args);
        childArgs.add(1, currentNetworkNamespace());
        cmd.addAll(childArgs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the namespace run did not end within " + timeoutSeconds + " s (see " + log + ")");
        }
        return p.exitValue();
    }
}
