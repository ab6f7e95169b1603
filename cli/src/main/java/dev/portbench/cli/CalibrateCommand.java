package dev.portbench.cli;

import dev.portbench.calibration.CalibrationRunner;
import dev.portbench.calibration.CalibrationScenario;
import dev.portbench.calibration.CalibrationSuite;
import dev.portbench.calibration.KernelInfo;
import dev.portbench.calibration.MasqueradeAnalysis;
import dev.portbench.calibration.MasqueradeRunner;
import dev.portbench.calibration.MasqueradeScenario;
import dev.portbench.calibration.MasqueradeSuite;
import dev.portbench.calibration.Namespaces;
import dev.portbench.io.AtomicFiles;
import dev.portbench.report.ReportGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code ./portbench calibrate}: runs kernel scenarios in private network namespaces
 * ({@link CalibrationRunner}), measures TIME-WAIT lateness, compares every scenario with the
 * Linux model and writes {@code results/calibration/<date>-<kernel>/}. Exit status 3 when network
 * namespaces are unavailable (another OS, no privilege), with the reason and nothing changed.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = {"Calibrate the model against this machine's kernel: real loopback connects in private network "
                + "namespaces (Linux and root needed: unshare -n), the TIME-WAIT lateness measured and written to the "
                + "Linux profile, every scenario replayed through the model, kernel vs model in "
                + "results/calibration/<date>-<kernel>/CALIBRATION.md. The suite takes about 20 minutes.",
                "Gateway check: --gateway linux-masquerade runs connections through a real netfilter NAT (nftables "
                        + "masquerade to a small port range) between three namespaces it creates, and compares what the "
                        + "client saw with the gateway simulator (about 2 minutes; --scenario quick-held: 5 s).",
                "Custom scenario: --rate R [--duration S] [--range LOW-HIGH] [--destinations N] [--by port|address] "
                        + "[--call connect|bind|bind-no-port] [--tw-reuse 0|1|2]."})
final class CalibrateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @ParentCommand
    private PortBench portbench;

    @Option(names = "--scenario", paramLabel = "ID", split = ",",
            description = "Suite scenarios to run (default: all), or quick-cycle (6 s).")
    private List<String> scenarioIds = new ArrayList<>();

    @Option(names = "--gateway", paramLabel = "PROFILE",
            description = "Check a gateway profile against the real kernel's NAT instead (only linux-masquerade can be).")
    private String gateway;

    @Option(names = "--out", paramLabel = "DIR", description = "The calibration folder (default results/calibration/<date>-<kernel>).")
    private Path out;

    @Option(names = "--lateness", paramLabel = "MODE", defaultValue = "measure",
            description = "measure (run the lateness probe, about 75 s, and write the Linux profile's lateness) or "
                    + "resource (use the profile's lateness as it is). Default: ${DEFAULT-VALUE}.")
    private String lateness;

    @Option(names = "--reanalyse", paramLabel = "DIR",
            description = "Recompute summary.json and CALIBRATION.md of a calibration folder from its raw data; runs nothing.")
    private Path reanalyse;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "Override each scenario's duration.")
    private Double duration;

    @Option(names = "--rate", paramLabel = "PER_SECOND", description = "A custom scenario at this rate (0: fast loop).")
    private Double rate;

    @Option(names = "--range", paramLabel = "LOW-HIGH", defaultValue = "40000-40999", description = "Custom: port range.")
    private String range;

    @Option(names = "--destinations", paramLabel = "N", defaultValue = "1", description = "Custom: destinations.")
    private int destinations;

    @Option(names = "--by", paramLabel = "port|address", defaultValue = "port", description = "Custom: destinations differ by.")
    private String by;

    @Option(names = "--call", paramLabel = "CALL", defaultValue = "connect", description = "Custom: connect, bind or bind-no-port.")
    private String call;

    @Option(names = "--tw-reuse", paramLabel = "0|1|2", defaultValue = "0", description = "Custom: tcp_tw_reuse.")
    private int twReuse;

    @Override
    public Integer call() {
        Path root = portbench.root();
        OptionRules.requires(spec.commandLine(), reanalyse == null, "no --reanalyse (it re-reads a folder, measures nothing)",
                List.of("--scenario", "--out", "--lateness", "--duration", "--rate", "--range", "--destinations", "--by",
                        "--call", "--tw-reuse"));
        OptionRules.requires(spec.commandLine(), rate != null, "--rate PER_SECOND (a custom scenario)",
                List.of("--range", "--destinations", "--by", "--call", "--tw-reuse"));
        if (gateway != null) {
            return gateway(root);
        }
        if (reanalyse != null) {
            System.out.println("wrote " + CalibrationRunner.analyse(reanalyse, root, null));
            index(root, reanalyse);
            return 0;
        }
        List<CalibrationScenario> scenarios = scenarios();
        if (!lateness.equals("measure") && !lateness.equals("resource")) {
            throw new ParameterException(spec.commandLine(), "--lateness: '" + lateness + "' (expected measure or resource)");
        }
        String reason = Namespaces.unavailableReason();
        if (reason != null) {
            System.err.println("portbench calibrate: " + reason);
            System.err.println("calibrate runs real connects in a private network namespace (unshare -n) and changes "
                    + "sysctls only there; it needs Linux and root (or CAP_SYS_ADMIN). Nothing was changed.");
            return 3;
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path dir = calibrationFolder(root, started, "");
        Map<String, Object> env = environmentAtStart("portbench calibrate", started, root);
        env.put("tools", Map.of("unshare", Environment.command(root, "unshare", "--version"),
                "ip", Environment.command(root, "ip", "-V"),
                "cc", Environment.command(root, "cc", "--version").lines().findFirst().orElse("unknown")));
        CalibrationRunner runner = new CalibrationRunner(root, dir, String.valueOf(env.get("command")));
        env.putAll(runner.run(scenarios, lateness.equals("measure")));
        env.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        AtomicFiles.writeJson(dir.resolve("environment.json"), env);
        System.out.println("wrote " + CalibrationRunner.analyse(dir, root, runner.measuredLateness()));
        index(root, dir);
        return 0;
    }

    /**
     * The folder a calibration writes: {@code --out} as given, else
     * {@code results/calibration/<start date, UTC>-<kernel release><suffix>} under {@code root}.
     */
    private Path calibrationFolder(Path root, Instant started, String suffix) {
        return out != null ? out : root.resolve("results/calibration").resolve(
                DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(started) + "-"
                        + KernelInfo.current().release() + suffix);
    }

    /**
     * The first entries of a calibration's {@code environment.json}, in their order: the command
     * ({@code PORTBENCH_COMMAND}, else {@code command}), the start, the machine, the JVM and the git
     * state; the caller adds what it measured and when it finished.
     */
    private static Map<String, Object> environmentAtStart(String command, Instant started, Path root) {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("command", System.getenv().getOrDefault("PORTBENCH_COMMAND", command));
        env.put("startedAt", started.toString());
        env.put("machine", Environment.machine());
        env.put("jvm", Environment.jvm());
        env.put("git", Environment.git(root));
        return env;
    }

    private int gateway(Path root) {
        if (!gateway.equals(MasqueradeAnalysis.PROFILE)) {
            throw new ParameterException(spec.commandLine(), "--gateway: '" + gateway + "' (expected "
                    + MasqueradeAnalysis.PROFILE + ": the only profile a local kernel can check)");
        }
        OptionRules.requires(spec.commandLine(), false, "no --gateway (they set up the stack calibration)",
                List.of("--lateness", "--duration", "--rate", "--range", "--destinations", "--by", "--call", "--tw-reuse"));
        if (reanalyse != null) {
            System.out.println("wrote " + MasqueradeAnalysis.analyse(reanalyse));
            index(root, reanalyse);
            return 0;
        }
        List<MasqueradeScenario> scenarios = suiteScenarios(MasqueradeSuite.scenarios(), MasqueradeSuite::byId);
        String reason = MasqueradeRunner.unavailableReason();
        if (reason != null) {
            System.err.println("portbench calibrate --gateway: " + reason);
            System.err.println("the check builds three network namespaces (unshare -n) joined by veth pairs and a NAT "
                    + "(nftables) inside them; it needs Linux, root and those tools. Nothing was changed.");
            return 3;
        }
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path dir = calibrationFolder(root, started, "-" + gateway);
        Map<String, Object> env = environmentAtStart("portbench calibrate --gateway " + gateway, started, root);
        try {
            env.putAll(new MasqueradeRunner(dir).run(scenarios));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        env.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        AtomicFiles.writeJson(dir.resolve("environment.json"), env);
        System.out.println("wrote " + MasqueradeAnalysis.analyse(dir));
        index(root, dir);
        return 0;
    }

    /** Rewrites results/README.md when {@code dir} is one of its calibrations. */
    private static void index(Path root, Path dir) {
        Path results = root.resolve("results");
        if (dir.toAbsolutePath().normalize().startsWith(results.toAbsolutePath().normalize().resolve("calibration"))) {
            System.out.println("wrote " + ReportGenerator.writeIndex(results));
        }
    }

    /**
     * The suite scenarios {@code --scenario} names: {@code all} of them when it names none (or
     * {@code all}), else each id (trimmed) by {@code byId}, in the order given.
     *
     * @throws ParameterException for an id {@code byId} rejects, with its message
     */
    private <S> List<S> suiteScenarios(List<S> all, Function<String, S> byId) {
        List<S> chosen = new ArrayList<>();
        if (scenarioIds.isEmpty() || scenarioIds.equals(List.of("all"))) {
            chosen.addAll(all);
        } else {
            for (String id : scenarioIds) {
                try {
                    chosen.add(byId.apply(id.trim()));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--scenario: " + e.getMessage());
                }
            }
        }
        return chosen;
    }

    private List<CalibrationScenario> scenarios() {
        if (rate == null) {
            List<CalibrationScenario> chosen = suiteScenarios(CalibrationSuite.scenarios(), CalibrationSuite::byId);
            return duration == null ? chosen : chosen.stream().map(s -> s.withDuration(duration)).toList();
        }
        if (!scenarioIds.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--scenario and --rate given (expected a suite scenario or a custom one)");
        }
        String[] lh = range.split("-");
        if (lh.length != 2 || !lh[0].matches("\\d+") || !lh[1].matches("\\d+")) {
            throw new ParameterException(spec.commandLine(), "--range: '" + range + "' (expected LOW-HIGH, e.g. 40000-40999)");
        }
        if (!by.equals("port") && !by.equals("address")) {
            throw new ParameterException(spec.commandLine(), "--by: '" + by + "' (expected port or address)");
        }
        if (!List.of("connect", "bind", "bind-no-port").contains(call)) {
            throw new ParameterException(spec.commandLine(), "--call: '" + call + "' (expected connect, bind or bind-no-port)");
        }
        try {
            return List.of(new CalibrationScenario("custom", "custom scenario from the command line",
                    Integer.parseInt(lh[0]), Integer.parseInt(lh[1]), destinations, by.equals("address"), rate,
                    duration == null ? 30 : duration, !call.equals("connect"), call.equals("bind-no-port"), twReuse,
                    1000, 2_000_000));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
