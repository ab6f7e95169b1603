package dev.portbench.calibration;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The part of {@code ./portbench calibrate} that runs inside the network namespace
 * {@link Namespaces#launch} created with {@code unshare -n}. Before touching any sysctl it checks
 * that its namespace is not the host's (the parent passes the host's {@code /proc/self/ns/net}
 * link); then it brings {@code lo} up with iproute2 and writes {@code ip_local_port_range} and
 * {@code tcp_tw_reuse} under {@code /proc/sys}, which a namespace owns privately.
 *
 * <pre>
 * java ... NamespaceChild scenario HOST_NETNS SCENARIO_JSON OUT_DIR [C_CLIENT]
 * java ... NamespaceChild lateness HOST_NETNS OUT_DIR
 * </pre>
 * Exit status 0 on success, 3 when it refuses (host namespace) or cannot set up, 1 on failure.
 */
public final class NamespaceChild {

    static final Path PORT_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    static final Path TW_REUSE = Path.of("/proc/sys/net/ipv4/tcp_tw_reuse");
    static final Path TW_REUSE_DELAY = Path.of("/proc/sys/net/ipv4/tcp_tw_reuse_delay");
    /** Lateness probe: connections, spacing (not a divisor of any HZ's batch spacing) and sampling. */
    static final int PROBE_CONNECTIONS = 240;
    static final long PROBE_SPACING_NANOS = 37_000_000L;
    static final long PROBE_SAMPLE_NANOS = 100_000L;
    static final long SCENARIO_SAMPLE_NANOS = 50_000_000L;

    private NamespaceChild() {
    }

    public static void main(String[] args) {
        runInFreshNamespace("calibrate", "usage: NamespaceChild scenario|lateness HOST_NETNS ...", args, netns -> {
            List<SysctlSetting> sysctls = new ArrayList<>();
            bringLoopbackUp();
            if (args[0].equals("scenario")) {
                CalibrationScenario s = CalibrationJson.JSON.readValue(Path.of(args[2]).toFile(), CalibrationScenario.class);
                runScenario(s, netns, sysctls, Path.of(args[3]), args.length > 4 ? Path.of(args[4]) : null);
            } else if (args[0].equals("lateness")) {
                probeLateness(netns, sysctls, Path.of(args[2]));
            } else {
                throw new IllegalArgumentException("mode '" + args[0] + "' (expected scenario or lateness)");
            }
        });
    }

    /** What a namespace child does once it knows it runs in a fresh network namespace, {@code netns}. */
    interface Role {
        void run(String netns) throws Exception;
    }

    /**
     * The whole of a namespace child's {@code main}: with at least three {@code args} (else the
     * {@code usage} fails it), refuses to run in the host's network namespace ({@code args[1]}),
     * runs {@code role} in this one, and exits 0 on success, 3 when it refuses or cannot set up
     * ({@link SetupException}), 1 on any other failure (with the stack trace); every message on
     * standard error begins with {@code prefix}. Never returns.
     */
    static void runInFreshNamespace(String prefix, String usage, String[] args, Role role) {
        try {
            if (args.length < 3) {
                throw new IllegalArgumentException(usage);
            }
            String netns = Namespaces.currentNetworkNamespace();
            if (netns.equals(args[1])) {
                System.err.println(prefix + ": refusing to run: this process is in the host's network namespace "
                        + netns + " (expected a fresh one from unshare -n)");
                System.exit(3);
            }
            role.run(netns);
            System.exit(0);
        } catch (SetupException e) {
            System.err.println(prefix + ": " + e.getMessage());
            System.exit(3);
        } catch (Exception e) {
            System.err.println(prefix + ": the namespace run failed: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    static final class SetupException extends Exception {
        private static final long serialVersionUID = 1L;

        SetupException(String message) {
            super(message);
        }
    }

    private static void bringLoopbackUp() throws SetupException, IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("ip", "link", "set", "lo", "up").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SetupException("cannot run 'ip link set lo up' (iproute2's ip is needed inside the namespace): "
                    + e.getMessage());
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new SetupException("'ip link set lo up' failed: " + out.trim());
        }
    }

    private static SysctlSetting set(Path file, String value) throws IOException {
        Files.writeString(file, value + "\n");
        return new SysctlSetting(sysctlName(file), value, readSysctl(file));
    }

    static String readSysctl(Path file) throws IOException {
        return readProc(file).trim().replaceAll("\\s+", " ");
    }

    /** Reads a /proc file to its end (its size reads as 0, and one read may return part of it). */
    static String readProc(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    static String sysctlName(Path file) {
        return file.toString().substring("/proc/sys/".length()).replace('/', '.');
    }

    private static void runScenario(CalibrationScenario s, String netns, List<SysctlSetting> sysctls, Path out,
                                    Path cClient) throws Exception {
        sysctls.add(set(PORT_RANGE, s.rangeLow() + " " + s.rangeHigh()));
        sysctls.add(set(TW_REUSE, Integer.toString(s.twReuse())));
        if (s.twReuseDelayMillis() > 0) {
            if (!Files.exists(TW_REUSE_DELAY)) {
                throw new SetupException("scenario " + s.id() + " sets tcp_tw_reuse_delay, which this kernel lacks "
                        + "(Linux 6.14+; " + TW_REUSE_DELAY + " is missing)");
            }
            sysctls.add(set(TW_REUSE_DELAY, Integer.toString(s.twReuseDelayMillis())));
        } else if (Files.exists(TW_REUSE_DELAY)) {
            sysctls.add(new SysctlSetting(sysctlName(TW_REUSE_DELAY), null, readSysctl(TW_REUSE_DELAY)));
        }
        int before = TimeWaitSampler.read();
        Map<String, Long> countersBefore = TcpCounters.read();
        ConnectClient client;
        if (s.nativeClient()) {
            if (cClient == null) {
                throw new SetupException("scenario " + s.id()
                        + " needs the C client (IP_BIND_ADDRESS_NO_PORT or IP_LOCAL_PORT_RANGE)");
            }
            client = new NativeConnectClient(cClient);
        } else {
            client = new JavaConnectClient();
        }
        Files.createDirectories(out);
        try (LoopbackServer server = LoopbackServer.start(s.destinationList());
             TimeWaitSampler sampler = new TimeWaitSampler(SCENARIO_SAMPLE_NANOS, Long.MAX_VALUE, false)) {
            long start = System.nanoTime();
            CloseLog closes = new CloseLog();
            AttemptLog log = client.run(s, closes);
            long end = System.nanoTime();
            Thread.sleep(200); // let the server drain the last closes
            TimeWaitSeries tw = sampler.finish();
            Map<String, Long> counters = TcpCounters.changes(countersBefore, TcpCounters.read());
            log.write(out.resolve("attempts.csv.gz"));
            closes.write(out.resolve(CloseLog.FILE));
            tw.write(out.resolve("timewait.csv.gz"));
            KernelRun run = new KernelRun(s, KernelInfo.current().release(), netns,
                    s.nativeClient() ? "c" : "java", sysctls, before, start, end, log.size(), log.outcomeCounts(),
                    server.served(), SCENARIO_SAMPLE_NANOS, counters);
            CalibrationJson.write(out.resolve("kernel-run.json"), run);
        }
    }

    @SuppressWarnings("try") // the server only has to be listening while the probe connects
    private static void probeLateness(String netns, List<SysctlSetting> sysctls, Path out) throws Exception {
        sysctls.add(new SysctlSetting(sysctlName(PORT_RANGE), null, readSysctl(PORT_RANGE)));
        sysctls.add(set(TW_REUSE, "0"));
        Files.createDirectories(out);
        String dest = "127.0.0.1:" + CalibrationScenario.SERVER_PORT;
        long[] closes = new long[PROBE_CONNECTIONS];
        try (LoopbackServer server = LoopbackServer.start(List.of(dest))) {
            long start = System.nanoTime();
            // sample from the first close to past the last one's latest possible expiry (+ 60 s + 5 s)
            try (TimeWaitSampler sampler = new TimeWaitSampler(PROBE_SAMPLE_NANOS, Long.MAX_VALUE, true)) {
                InetSocketAddress to = new InetSocketAddress("127.0.0.1", CalibrationScenario.SERVER_PORT);
                for (int i = 0; i < PROBE_CONNECTIONS; i++) {
                    // spread even when the loop runs late (a slow first connect, a busy machine): never closer than
                    // half the spacing, so the closes cover several expiry batches
                    long due = i == 0 ? start : Math.max(start + i * PROBE_SPACING_NANOS, closes[i - 1] + PROBE_SPACING_NANOS / 2);
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    try (Socket s = new Socket()) {
                        s.connect(to, LoopbackServer.READ_TIMEOUT_MILLIS);
                    }
                    closes[i] = System.nanoTime();
                }
                long deadline = closes[PROBE_CONNECTIONS - 1] + 65_000_000_000L;
                for (long wait = deadline - System.nanoTime(); wait > 0; wait = deadline - System.nanoTime()) {
                    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(wait) + 1);
                }
                TimeWaitSeries tw = sampler.finish();
                tw.write(out.resolve("timewait.csv.gz"));
            }
            CalibrationJson.write(out.resolve("lateness-probe.json"), new LatenessProbeRun(KernelInfo.current().release(),
                    netns, sysctls, PROBE_CONNECTIONS, PROBE_SPACING_NANOS, closes, PROBE_SAMPLE_NANOS));
        }
    }
}
