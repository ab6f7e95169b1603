package dev.portbench.calibration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code linux-masquerade} check from the host side: for each {@link MasqueradeScenario}
 * it starts {@link MasqueradeChild}'s NAT role in a fresh network namespace ({@code unshare -n}),
 * which builds the client and server namespaces and the nftables NAT itself; then
 * {@link MasqueradeAnalysis} compares. Before and after each scenario it reads the host's network
 * sysctls (forwarding, port range, TIME-WAIT reuse, conntrack timeouts) and, when nft is there, the
 * host's ruleset, and fails if any changed: the host's firewall and sysctls are never written. Each
 * scenario is bounded in time ({@link MasqueradeScenario#attemptsEndSeconds} plus
 * {@value #LAUNCH_SLACK_SECONDS} s); its namespaces end with its processes.
 */
public final class MasqueradeRunner {

    /** The tools a run needs; {@code install-tools.sh} installs them from Debian's packages. */
    static final List<List<String>> TOOLS = List.of(List.of("unshare", "--version"), List.of("nsenter", "--version"),
            List.of("ip", "-V"), List.of("nft", "--version"));
    static final String INSTALL_SCRIPT = "calibration/install-tools.sh";
    private static final long LAUNCH_SLACK_SECONDS = 60;
    private static final List<String> HOST_SYSCTLS = List.of("net/ipv4/ip_forward", "net/ipv4/ip_local_port_range",
            "net/ipv4/tcp_tw_reuse", "net/ipv4/tcp_syn_retries", "net/netfilter/nf_conntrack_tcp_timeout_time_wait",
            "net/netfilter/nf_conntrack_tcp_timeout_close");

    private final Path out;

    /** @param out the calibration folder to write */
    public MasqueradeRunner(Path out) {
        this.out = out;
    }

    /** Null when this machine can run the check; otherwise why not, and how to fix it. */
    public static String unavailableReason() {
        String ns = Namespaces.unavailableReason();
        if (ns != null) {
            return ns;
        }
        for (List<String> t : TOOLS) {
            try {
                Process p = new ProcessBuilder(t).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    return "'" + String.join(" ", t) + "' failed (run " + INSTALL_SCRIPT + " as root)";
                }
            } catch (IOException e) {
                return "'" + t.get(0) + "' is not installed (run " + INSTALL_SCRIPT + " as root: it installs nftables, "
                        + "conntrack, iproute2 and util-linux from Debian's packages)";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "interrupted while looking for " + t.get(0);
            }
        }
        return null;
    }

    /** The tools' versions, for the environment file. */
    public static Map<String, String> toolVersions() {
        Map<String, String> v = new LinkedHashMap<>();
        for (List<String> t : TOOLS) {
            v.put(t.get(0), firstLine(t));
        }
        v.put("conntrack", firstLine(List.of("conntrack", "--version")));
        return v;
    }

    private static String firstLine(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String o = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(20, TimeUnit.SECONDS);
            return o.lines().findFirst().orElse("unknown");
        } catch (IOException e) {
            return "not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** What the check promises not to change on the host: its sysctls, and its nftables ruleset. */
    static Map<String, String> hostState() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : HOST_SYSCTLS) {
            Path p = Path.of("/proc/sys").resolve(s);
            try {
                m.put(s.replace('/', '.'), Files.exists(p) ? NamespaceChild.readSysctl(p) : "absent");
            } catch (IOException e) {
                m.put(s.replace('/', '.'), "unreadable: " + e.getMessage());
            }
        }
        m.put("nft list ruleset (SHA-256)", rulesetDigest());
        return m;
    }

    private static String rulesetDigest() {
        try {
            Process p = new ProcessBuilder("nft", "list", "ruleset").redirectErrorStream(true).start();
            byte[] o = p.getInputStream().readAllBytes();
            p.waitFor(20, TimeUnit.SECONDS);
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(o));
        } catch (IOException | java.security.NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /**
     * Runs every scenario into {@code out/scenarios/ID/}, then analyses the folder.
     *
     * @return what the environment file should add: the host state before and after
     */
    public Map<String, Object> run(List<MasqueradeScenario> scenarios) throws IOException, InterruptedException {
        Files.createDirectories(out.resolve("scenarios"));
        Path log = out.resolve("namespace.log");
        Map<String, String> before = hostState();
        List<String> ran = new ArrayList<>();
        for (MasqueradeScenario s : scenarios) {
            Path dir = out.resolve("scenarios").resolve(s.id());
            Files.createDirectories(dir);
            Path scenarioFile = dir.resolve("scenario.json");
            CalibrationJson.write(scenarioFile, s);
            System.out.printf(java.util.Locale.ROOT, "calibrate --gateway: %s (%s), about %.0f s%n", s.id(), s.description(),
                    s.attemptsEndSeconds() + 3);
            List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), MasqueradeChild.class.getName(), "nat",
                    Namespaces.currentNetworkNamespace(), scenarioFile.toString(), dir.toString()));
            Files.writeString(log, "== " + s.id() + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long limit = (long) s.attemptsEndSeconds() + LAUNCH_SLACK_SECONDS;
            if (!p.waitFor(limit, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("scenario " + s.id() + " did not end within " + limit + " s (see " + log + ")");
            }
            Map<String, String> now = hostState();
            if (!now.equals(before)) {
                throw new IllegalStateException("the host's network state changed during " + s.id() + ": " + before + " -> "
                        + now + " (the check only writes inside its own namespaces; something else changed it)");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("scenario " + s.id() + ": the namespace run exited with " + p.exitValue()
                        + " (see " + log + " and " + dir.resolve("roles.log") + ")");
            }
            ran.add(s.id());
        }
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("scenarios", ran);
        env.put("hostStateBeforeAndAfter", before);
        env.put("tools", toolVersions());
        return env;
    }
}
