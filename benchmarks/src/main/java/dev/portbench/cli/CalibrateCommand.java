package dev.portbench.cli;

import dev.portbench.calibration.CalibrationAnalysis;
import dev.portbench.calibration.CalibrationRunner;
import dev.portbench.calibration.CalibrationScenario;
import dev.portbench.calibration.CalibrationSuite;
import dev.portbench.calibration.Namespaces;
import dev.portbench.io.AtomicFiles;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./portbench calibrate}: runs kernel scenarios in private network namespaces
 * ({@link CalibrationRunner}), measures TIME-WAIT lateness, compares every scenario with the
 * Linux model and writes {@code results/calibration/<date>-<kernel>/}. Arguments are parsed
 * here; the work is in {@code dev.portbench.calibration}.
 *
 * <pre>
 * ./portbench calibrate                                  the suite (about 15 minutes) and the lateness probe
 * ./portbench calibrate --scenario ID[,ID]               some of the suite's scenarios
 * ./portbench calibrate --rate 50 --duration 30 --range 40000-40999 [--destinations N] [--by port|address]
 *                       [--call connect|bind|bind-no-port] [--tw-reuse 0|1|2]     one custom scenario
 * ./portbench calibrate --lateness resource             no probe: the profile's lateness resource as it is
 * ./portbench calibrate --reanalyse DIR                  recompute summary and report from a folder's raw data
 * </pre>
 * Exit status 3 when network namespaces are unavailable (another OS, no privilege), with the reason.
 */
final class CalibrateCommand {

    private final Path root;
    private final PortBench.Args args;

    CalibrateCommand(Path root, PortBench.Args args) {
        this.root = root;
        this.args = args;
    }

    int execute() {
        String reanalyse = args.option("reanalyse", null);
        if (reanalyse != null) {
            args.done();
            Path dir = Path.of(reanalyse);
            System.out.println("wrote " + CalibrationRunner.analyse(dir, root, null));
            index(dir);
            return 0;
        }
        List<CalibrationScenario> scenarios = scenarios();
        String lateness = args.option("lateness", "measure");
        if (!lateness.equals("measure") && !lateness.equals("resource")) {
            throw new IllegalArgumentException("--lateness: '" + lateness + "' (expected measure or resource)");
        }
        String outOption = args.option("out", null);
        args.done();

        String reason = Namespaces.unavailableReason();
        if (reason != null) {
            System.err.println("portbench calibrate: " + reason);
            System.err.println("calibrate runs real connects in a private network namespace (unshare -n) and changes "
                    + "sysctls only there; it needs Linux and root (or CAP_SYS_ADMIN). Nothing was changed.");
            return 3;
        }
        String kernel = dev.portbench.calibration.KernelInfo.current().release();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path out = outOption != null ? Path.of(outOption)
                : root.resolve("results/calibration").resolve(
                        DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC).format(started) + "-" + kernel);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("command", System.getenv().getOrDefault("PORTBENCH_COMMAND", "portbench calibrate"));
        env.put("startedAt", started.toString());
        env.put("machine", Environment.machine());
        env.put("jvm", Environment.jvm());
        env.put("git", Environment.git(root));
        env.put("tools", Map.of("unshare", Environment.command(root, "unshare", "--version"),
                "ip", Environment.command(root, "ip", "-V"), "cc", Environment.command(root, "cc", "--version")
                        .lines().findFirst().orElse("unknown")));
        CalibrationRunner runner = new CalibrationRunner(root, out, String.valueOf(env.get("command")));
        Map<String, Object> result = runner.run(scenarios, lateness.equals("measure"));
        env.putAll(result);
        env.put("finishedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        AtomicFiles.writeJson(out.resolve("environment.json"), env);
        System.out.println("wrote " + CalibrationRunner.analyse(out, root, runner.measuredLateness()));
        index(out);
        return 0;
    }

    /** Rewrites results/README.md when {@code dir} is one of its calibrations. */
    private void index(Path dir) {
        Path results = root.resolve("results");
        if (dir.toAbsolutePath().normalize().startsWith(results.resolve("calibration"))) {
            System.out.println("wrote " + dev.portbench.report.ReportGenerator.writeIndex(results));
        }
    }

    private List<CalibrationScenario> scenarios() {
        String ids = args.option("scenario", null);
        String rate = args.option("rate", null);
        if (ids != null && rate != null) {
            throw new IllegalArgumentException("--scenario and --rate given (expected a suite scenario or a custom one)");
        }
        if (rate == null) {
            String duration = args.option("duration", null);
            if (ids == null || ids.equals("all")) {
                List<CalibrationScenario> all = CalibrationSuite.scenarios();
                return duration == null ? all : all.stream().map(s -> s.withDuration(seconds(duration))).toList();
            }
            List<CalibrationScenario> out = new ArrayList<>();
            for (String id : ids.split(",")) {
                CalibrationScenario s = CalibrationSuite.byId(id.trim());
                out.add(duration == null ? s : s.withDuration(seconds(duration)));
            }
            return out;
        }
        double r = number("rate", rate);
        double duration = seconds(args.option("duration", "30"));
        String range = args.option("range", "40000-40999");
        String[] lh = range.split("-");
        if (lh.length != 2) {
            throw new IllegalArgumentException("--range: '" + range + "' (expected LOW-HIGH, e.g. 40000-40999)");
        }
        int destinations = (int) number("destinations", args.option("destinations", "1"));
        String by = args.option("by", "port");
        if (!by.equals("port") && !by.equals("address")) {
            throw new IllegalArgumentException("--by: '" + by + "' (expected port or address)");
        }
        String call = args.option("call", "connect");
        if (!List.of("connect", "bind", "bind-no-port").contains(call)) {
            throw new IllegalArgumentException("--call: '" + call + "' (expected connect, bind or bind-no-port)");
        }
        int twReuse = (int) number("tw-reuse", args.option("tw-reuse", "0"));
        return List.of(new CalibrationScenario("custom", "custom scenario from the command line",
                (int) number("range", lh[0]), (int) number("range", lh[1]), destinations, by.equals("address"), r,
                duration, !call.equals("connect"), call.equals("bind-no-port"), twReuse, 1000, 2_000_000));
    }

    private static double seconds(String v) {
        return number("duration", v);
    }

    private static double number(String name, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": '" + v + "' (expected a number)");
        }
    }
}
