package dev.portbench.calibration;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of the {@code linux-masquerade} check, each in a network namespace of its own.
 * {@link MasqueradeRunner} starts the {@code nat} role under {@code unshare -n}; that process
 * starts the {@code server} and {@code client} roles under {@code unshare -n} too, joins the three
 * namespaces with two veth pairs it creates from its own namespace (so no device ever exists in the
 * host's), addresses them (10.77.0.0/24 client side, 192.168.77.0/24 server side: private, and
 * reachable only inside these namespaces), turns on forwarding and adds the nftables rule
 * {@code oifname pbs0 meta l4proto tcp masquerade to :LOW-HIGH}, all in its own namespace. Every
 * role first checks that its namespace is not the host's. The namespaces end with their processes.
 *
 * <pre>
 * java ... MasqueradeChild nat HOST_NETNS SCENARIO_JSON OUT_DIR
 * java ... MasqueradeChild server HOST_NETNS DESTINATIONS
 * java ... MasqueradeChild client HOST_NETNS SCENARIO_JSON OUT_DIR
 * </pre>
 * Exit status 0 on success, 3 when it refuses (host namespace) or cannot set up, 1 on failure.
 */
public final class MasqueradeChild {

    static final String NAT_CLIENT_SIDE = "pbc0";
    static final String NAT_SERVER_SIDE = "pbs0";
    static final String CLIENT_ADDRESS = "10.77.0.2";
    static final String NAT_CLIENT_ADDRESS = "10.77.0.1";
    static final String NAT_SERVER_ADDRESS = "192.168.77.1";
    static final String NFT_TABLE = "portbench";
    private static final Path SYSCTL = Path.of("/proc/sys");
    private static final long STEP_TIMEOUT_SECONDS = 20;

    private MasqueradeChild() {
    }

    /** The address of destination {@code d}: 192.168.77.10 and up. */
    static String destinationAddress(int d) {
        return "192.168.77." + (10 + d);
    }

    public static void main(String[] args) {
        NamespaceChild.runInFreshNamespace("calibrate --gateway", "usage: MasqueradeChild nat|server|client HOST_NETNS ...", args,
                netns -> {
                    switch (args[0]) {
                        case "nat" -> nat(args[1], netns, Path.of(args[2]), Path.of(args[3]));
                        case "server" -> MasqueradeServer.serve(Integer.parseInt(args[2]));
                        case "client" -> MasqueradeClient.run(read(Path.of(args[2])), Path.of(args[3]));
                        default -> throw new IllegalArgumentException("role '" + args[0] + "' (expected nat, server or client)");
                    }
                });
    }

    static MasqueradeScenario read(Path file) {
        return CalibrationJson.read(file, MasqueradeScenario.class);
    }

    /** Runs {@code cmd}, bounded in time; its output, or a SetupException naming the command. */
    static String run(String... cmd) throws NamespaceChild.SetupException, IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new NamespaceChild.SetupException("cannot run '" + String.join(" ", cmd) + "': " + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new NamespaceChild.SetupException("'" + String.join(" ", cmd) + "' did not end within "
                    + STEP_TIMEOUT_SECONDS + " s");
        }
        if (p.exitValue() != 0) {
            throw new NamespaceChild.SetupException("'" + String.join(" ", cmd) + "' failed: " + out.trim());
        }
        return out;
    }

    /** Writes a sysctl of this process's own namespace and returns what reads back. */
    static SysctlSetting set(String name, String value) throws IOException {
        Path file = SYSCTL.resolve(name.replace('.', '/'));
        Files.writeString(file, value + "\n");
        return new SysctlSetting(name, value, NamespaceChild.readSysctl(file));
    }

    /** Reads a sysctl of this process's own namespace; null when the kernel has none of that name. */
    static SysctlSetting read(String name) throws IOException {
        Path file = SYSCTL.resolve(name.replace('.', '/'));
        return Files.exists(file) ? new SysctlSetting(name, null, NamespaceChild.readSysctl(file)) : null;
    }

    /** A role process in its own fresh network namespace, talked to by lines on its stdin and stdout. */
    private static final class Role implements AutoCloseable {
        final Process process;
        final BufferedReader out;
        final PrintStream in;

        Role(String role, String hostNetns, List<String> args, Path log) throws IOException {
            List<String> cmd = new ArrayList<>(List.of("unshare", "-n", "--",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss512k",
                    "-cp", System.getProperty("java.class.path"), MasqueradeChild.class.getName(), role, hostNetns));
            cmd.addAll(args);
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            OutputStream o = process.getOutputStream();
            in = new PrintStream(o, true, StandardCharsets.UTF_8);
        }

        /** Waits until unshare has moved the process out of {@code own}; its namespace's path. */
        String netns(String own) throws NamespaceChild.SetupException, IOException, InterruptedException {
            Path link = Path.of("/proc", Long.toString(process.pid()), "ns", "net");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STEP_TIMEOUT_SECONDS);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new NamespaceChild.SetupException("a role process ended before it was set up (see the log)");
                }
                if (!Files.readSymbolicLink(link).toString().equals(own)) {
                    return link.toString();
                }
                Thread.sleep(20);
            }
            throw new NamespaceChild.SetupException("a role process did not leave the NAT namespace within "
                    + STEP_TIMEOUT_SECONDS + " s");
        }

        /** The next line the role prints, waiting at most {@code seconds}. */
        String expect(String line, double seconds) throws IOException, InterruptedException, NamespaceChild.SetupException {
            long deadline = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < deadline) {
                if (out.ready()) {
                    String l = out.readLine();
                    if (l == null) {
                        break;
                    }
                    if (l.equals(line)) {
                        return l;
                    }
                    continue;
                }
                if (!process.isAlive() && !out.ready()) {
                    break;
                }
                Thread.sleep(5);
            }
            throw new NamespaceChild.SetupException("expected '" + line + "' from a role process within " + seconds + " s"
                    + (process.isAlive() ? "" : " (it exited with " + process.exitValue() + ")"));
        }

        /** Closes the role's stdin (its signal to stop) and waits; ends it forcibly if it does not stop in time. */
        @Override
        public void close() {
            in.close();
            try {
                if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void nat(String hostNetns, String netns, Path scenarioFile, Path out) throws Exception {
        MasqueradeScenario s = read(scenarioFile);
        Files.createDirectories(out);
        Path log = out.resolve("roles.log");
        run("ip", "link", "set", "lo", "up");
        List<SysctlSetting> sysctls = new ArrayList<>();
        try (Role server = new Role("server", hostNetns, List.of(Integer.toString(s.destinations())), log);
             Role client = new Role("client", hostNetns, List.of(scenarioFile.toString(), out.toString()), log)) {
            String serverNs = server.netns(netns);
            String clientNs = client.netns(netns);
            String serverId = Files.readSymbolicLink(Path.of(serverNs)).toString();
            String clientId = Files.readSymbolicLink(Path.of(clientNs)).toString();
            run("ip", "link", "add", NAT_CLIENT_SIDE, "type", "veth", "peer", "name", "eth0", "netns",
                    Long.toString(client.process.pid()));
            run("ip", "link", "add", NAT_SERVER_SIDE, "type", "veth", "peer", "name", "eth0", "netns",
                    Long.toString(server.process.pid()));
            run("ip", "addr", "add", NAT_CLIENT_ADDRESS + "/24", "dev", NAT_CLIENT_SIDE);
            run("ip", "addr", "add", NAT_SERVER_ADDRESS + "/24", "dev", NAT_SERVER_SIDE);
            run("ip", "link", "set", NAT_CLIENT_SIDE, "up");
            run("ip", "link", "set", NAT_SERVER_SIDE, "up");
            inNs(clientNs, "ip", "link", "set", "lo", "up");
            inNs(clientNs, "ip", "addr", "add", CLIENT_ADDRESS + "/24", "dev", "eth0");
            inNs(clientNs, "ip", "link", "set", "eth0", "up");
            inNs(clientNs, "ip", "route", "add", "default", "via", NAT_CLIENT_ADDRESS);
            inNs(serverNs, "ip", "link", "set", "lo", "up");
            for (int d = 0; d < s.destinations(); d++) {
                inNs(serverNs, "ip", "addr", "add", destinationAddress(d) + "/24", "dev", "eth0");
            }
            inNs(serverNs, "ip", "link", "set", "eth0", "up");
            sysctls.add(set("net.ipv4.ip_forward", "1"));
            run("nft", "add", "table", "ip", NFT_TABLE);
            run("nft", "add", "chain", "ip", NFT_TABLE, "post", "{ type nat hook postrouting priority srcnat; policy accept; }");
            run("nft", "add", "rule", "ip", NFT_TABLE, "post", "oifname", NAT_SERVER_SIDE, "meta", "l4proto", "tcp",
                    "masquerade", "to", ":" + s.rangeLow() + "-" + s.rangeHigh());
            String ruleset = run("nft", "list", "ruleset");
            if (s.timeWaitSeconds() > 0) {
                sysctls.add(set("net.netfilter.nf_conntrack_tcp_timeout_time_wait", Integer.toString(s.timeWaitSeconds())));
            }
            if (s.closeSeconds() > 0) {
                sysctls.add(set("net.netfilter.nf_conntrack_tcp_timeout_close", Integer.toString(s.closeSeconds())));
            }
            for (String name : List.of("net.netfilter.nf_conntrack_tcp_timeout_time_wait",
                    "net.netfilter.nf_conntrack_tcp_timeout_close", "net.netfilter.nf_conntrack_tcp_timeout_established",
                    "net.netfilter.nf_conntrack_tcp_timeout_syn_sent", "net.netfilter.nf_conntrack_max")) {
                SysctlSetting r = read(name);
                if (r != null && sysctls.stream().noneMatch(x -> x.name().equals(name))) {
                    sysctls.add(r);
                }
            }
            server.in.println("go");
            server.expect("listening", STEP_TIMEOUT_SECONDS);
            Map<String, Long> before = ConntrackStats.read();
            client.in.println("go");
            client.expect("attempts-resolved", s.attemptsEndSeconds() + STEP_TIMEOUT_SECONDS);
            Map<String, Long> atEnd = ConntrackStats.read();
            String table = conntrackTable();
            client.in.println("continue");
            client.expect("done", STEP_TIMEOUT_SECONDS);
            MasqueradeKernelRun run = new MasqueradeKernelRun(s, KernelInfo.current().release(), netns, clientId, serverId,
                    sysctls, ruleset,
                    ConntrackStats.changes(before, atEnd), table.lines().filter(l -> l.startsWith("tcp")).count());
            CalibrationJson.write(out.resolve("nat-run.json"), run);
            try (var w = new java.io.OutputStreamWriter(new java.util.zip.GZIPOutputStream(
                    Files.newOutputStream(out.resolve("conntrack.txt.gz"))), StandardCharsets.UTF_8)) {
                w.write(table);
            }
        }
    }

    private static void inNs(String nsPath, String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of("nsenter", "--net=" + nsPath));
        c.addAll(List.of(cmd));
        run(c.toArray(String[]::new));
    }

    /** {@code conntrack -L} of this namespace, its entries sorted (for a stable file); empty without the tool. */
    private static String conntrackTable() throws InterruptedException {
        try {
            String t = run("conntrack", "-L");
            return t.lines().filter(l -> !l.startsWith("conntrack v")).sorted()
                    .reduce(new StringBuilder(), (b, l) -> b.append(l).append('\n'), StringBuilder::append).toString();
        } catch (NamespaceChild.SetupException | IOException e) {
            return "";
        }
    }

    /** The conntrack statistics of this namespace ({@code /proc/net/stat/nf_conntrack}), summed over CPUs. */
    static final class ConntrackStats {
        static final Path FILE = Path.of("/proc/net/stat/nf_conntrack");

        private ConntrackStats() {
        }

        static Map<String, Long> read() throws IOException {
            return parse(NamespaceChild.readProc(FILE));
        }

        /** Parses the file's text: a header of names, one row of hexadecimal counters per CPU. */
        static Map<String, Long> parse(String text) {
            String[] lines = text.trim().split("\n");
            String[] names = lines[0].trim().split("\\s+");
            Map<String, Long> m = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                String[] v = lines[i].trim().split("\\s+");
                if (v.length != names.length) {
                    throw new IllegalArgumentException(FILE + " row " + i + ": " + v.length + " values for " + names.length
                            + " names (expected as many)");
                }
                for (int k = 0; k < names.length; k++) {
                    if (!names[k].equals("entries")) {
                        m.merge(names[k], Long.parseLong(v[k], 16), Long::sum);
                    }
                }
            }
            return m;
        }

        static Map<String, Long> changes(Map<String, Long> before, Map<String, Long> after) {
            Map<String, Long> d = new LinkedHashMap<>();
            after.forEach((k, v) -> d.put(k, v - before.getOrDefault(k, 0L)));
            return d;
        }
    }
}
