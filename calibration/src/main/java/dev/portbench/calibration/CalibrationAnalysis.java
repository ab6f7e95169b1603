package dev.portbench.calibration;

import dev.portbench.stack.TimeWaitLateness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns a calibration folder's raw files into its {@link CalibrationSummary}: the lateness probe
 * into a {@link TimeWaitLateness}, and every scenario's attempts into kernel metrics beside the
 * model's replay of the same instants and destinations. Reads only the folder, so
 * {@code ./portbench calibrate --reanalyse DIR} gives the same summary from committed data.
 *
 * <p>Folder layout: {@code kernel.json} ({@link KernelInfo}), {@code lateness/lateness-probe.json}
 * and {@code lateness/timewait.csv.gz}, {@code scenarios/ID/kernel-run.json},
 * {@code attempts.csv.gz}, {@code timewait.csv.gz}, {@code host.json}.
 */
public final class CalibrationAnalysis {

    /** TCP_TIMEWAIT_LEN. */
    public static final long TIME_WAIT_NANOS = 60_000_000_000L;

    private CalibrationAnalysis() {
    }

    /** Largest relative difference between measured and predicted batch spacing that confirms the prediction. */
    static final double SPACING_AGREEMENT = 0.01;

    /**
     * The grid the model uses: the probe's batches on the timer wheel's exact spacing for the
     * kernel's HZ when the measured spacing agrees with it within {@link #SPACING_AGREEMENT}
     * (the measured one carries the sampling error, which would drift when extrapolated), else on
     * the measured spacing.
     */
    public static LatenessAnalysis grid(Path dir, LatenessAnalysis measured) {
        KernelInfo k = kernel(dir);
        int hz = k.hz() > 0 ? k.hz() : TimerWheel.inferHz(measured.granularityNanos(), TIME_WAIT_NANOS);
        long predicted = TimerWheel.granularityNanos(TIME_WAIT_NANOS, hz);
        return Math.abs((double) measured.granularityNanos() / predicted - 1) <= SPACING_AGREEMENT
                ? measured.refit(predicted) : measured;
    }

    /** The lateness measured by the probe in {@code dir/lateness} on grid {@code a}, with HZ from the config or inferred. */
    public static TimeWaitLateness lateness(Path dir, LatenessAnalysis a, String command) {
        KernelInfo k = kernel(dir);
        int hz = k.hz() > 0 ? k.hz() : TimerWheel.inferHz(a.granularityNanos(), TIME_WAIT_NANOS);
        String hzSource = k.hz() > 0 ? k.hzSource()
                : "inferred from the measured batch spacing (no kernel config file readable)";
        String source = String.format(java.util.Locale.ROOT,
                "measured by ./portbench calibrate: %d loopback connections (scheduled %d ms apart) closed over %.1f s "
                        + "in a private network namespace, /proc/net/sockstat tw sampled every %s ms until all expired; "
                        + "%d expiry batches; "
                        + "HZ %d (%s); batch spacing: the timer wheel's for that HZ when the measured one agrees within 1%%",
                probe(dir).connections(), probe(dir).spacingNanos() / 1_000_000, closeSpanSeconds(probe(dir)),
                millis(probe(dir).sampleIntervalNanos()),
                a.batches().size(), hz, hzSource);
        return new TimeWaitLateness(k.release(), hz, TIME_WAIT_NANOS, a.granularityNanos(), a.phaseNanos(),
                a.meanLatenessNanos(), a.maxLatenessNanos(), source, command,
                "results/calibration/" + dir.toAbsolutePath().normalize().getFileName());
    }

    /** {@code nanos} in ms: whole when it is, else to 0.1 ms. */
    static String millis(long nanos) {
        return nanos % 1_000_000 == 0 ? Long.toString(nanos / 1_000_000)
                : String.format(java.util.Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static double closeSpanSeconds(LatenessProbeRun p) {
        long[] c = p.closeNanos();
        return c.length == 0 ? 0 : (c[c.length - 1] - c[0]) / 1e9;
    }

    /** The lateness probe's analysis. */
    public static LatenessAnalysis latenessAnalysis(Path dir) {
        return LatenessAnalysis.of(probe(dir).closeNanos(), TimeWaitSeries.read(dir.resolve("lateness/timewait.csv.gz")),
                TIME_WAIT_NANOS);
    }

    static LatenessProbeRun probe(Path dir) {
        return read(dir.resolve("lateness/lateness-probe.json"), LatenessProbeRun.class);
    }

    static KernelInfo kernel(Path dir) {
        return read(dir.resolve("kernel.json"), KernelInfo.class);
    }

    /** Every scenario folder under {@code dir/scenarios}, in the suite's order, then by name. */
    public static List<Path> scenarioDirs(Path dir) {
        Path scenarios = dir.resolve("scenarios");
        if (!Files.isDirectory(scenarios)) {
            return List.of();
        }
        List<String> order = CalibrationSuite.scenarios().stream().map(CalibrationScenario::id).toList();
        try (Stream<Path> s = Files.list(scenarios)) {
            return s.filter(p -> Files.isRegularFile(p.resolve("kernel-run.json")))
                    .sorted((a, b) -> {
                        int ia = order.indexOf(a.getFileName().toString());
                        int ib = order.indexOf(b.getFileName().toString());
                        ia = ia < 0 ? Integer.MAX_VALUE : ia;
                        ib = ib < 0 ? Integer.MAX_VALUE : ib;
                        return ia != ib ? Integer.compare(ia, ib) : a.getFileName().compareTo(b.getFileName());
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + scenarios + ": " + e.getMessage(), e);
        }
    }

    /** Largest difference of a recovery, an outage's start or end, kernel vs model. */
    public static final double OUTAGE_TOLERANCE_SECONDS = 0.1;
    /** Largest difference of a port-choice share, kernel vs model. */
    public static final double PORT_SHARE_TOLERANCE = 0.05;

    /** The attempts of a scenario folder as a model replays them: instants, destinations, closes. */
    static KernelAttempts attempts(Path scenarioDir, AttemptLog log) {
        CloseLog closes = CloseLog.read(scenarioDir.resolve(CloseLog.FILE));
        return new KernelAttempts(log.times(), log.destinations(), closes.closeTimes(log), closes.resets(log.size()));
    }

    /** The kernel's port per attempt, -1 for a failure. */
    static int[] kernelPorts(AttemptLog log) {
        int[] p = new int[log.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = log.ok(i) ? log.port(i) : -1;
        }
        return p;
    }

    /**
     * One scenario, kernel beside model: first failure within 0.1 s, success fraction within 0.5
     * points, recovery within 0.1 s, outages per destination one by one (as many, each start and
     * end within 0.1 s), and the port choice (even share, small-step share within 5 points).
     */
    public static ScenarioComparison compare(Path scenarioDir, PortModel model) {
        KernelRun run = read(scenarioDir.resolve("kernel-run.json"), KernelRun.class);
        AttemptLog log = AttemptLog.read(scenarioDir.resolve("attempts.csv.gz"));
        TimeWaitSeries tw = TimeWaitSeries.read(scenarioDir.resolve("timewait.csv.gz"));
        Path hostFile = scenarioDir.resolve("host.json");
        int hostMax = Files.isRegularFile(hostFile) ? read(hostFile, HostObservation.class).hostTimeWaitMax() : -1;
        long[] times = log.times();
        long origin = times.length > 0 ? times[0] : run.startNanos();
        int[] destinations = log.destinations();
        CalibrationScenario s = run.scenario();
        int count = s.destinations();
        boolean[] kernelOk = log.successes();
        OutcomeMetrics kernel = OutcomeMetrics.of(times, destinations, count, kernelOk, origin);
        int[] modelPorts = model.replayPorts(s, attempts(scenarioDir, log));
        boolean[] modelOk = new boolean[modelPorts.length];
        for (int i = 0; i < modelOk.length; i++) {
            modelOk[i] = modelPorts[i] >= 0;
        }
        OutcomeMetrics predicted = OutcomeMetrics.of(times, destinations, count, modelOk, origin);
        OutageMatch outages = OutageMatch.of(times, destinations, count, kernelOk, modelOk, origin, OUTAGE_TOLERANCE_SECONDS);
        PortChoice kp = PortChoice.of(kernelPorts(log), destinations, count, s.effectiveLow());
        PortChoice mp = PortChoice.of(modelPorts, destinations, count, s.effectiveLow());
        List<MetricCheck> checks = new ArrayList<>();
        checks.add(MetricCheck.of("first failure", "s", kernel.firstFailureSeconds(), predicted.firstFailureSeconds(),
                CalibrationSummary.FIRST_FAILURE_TOLERANCE_SECONDS));
        checks.add(MetricCheck.of("success fraction", "fraction", kernel.successFraction(), predicted.successFraction(),
                CalibrationSummary.SUCCESS_TOLERANCE));
        checks.add(MetricCheck.of("recovery", "s", kernel.recoverySeconds(), predicted.recoverySeconds(),
                OUTAGE_TOLERANCE_SECONDS));
        checks.add(MetricCheck.of("outages", "count", outages.kernelCount(), outages.modelCount(), 0));
        checks.add(MetricCheck.of("worst outage start", "s", 0, outages.worstStartSeconds(), OUTAGE_TOLERANCE_SECONDS)
                .orMetWhenNone(outages.kernelCount() + outages.modelCount() == 0));
        checks.add(MetricCheck.of("worst outage end", "s", 0, outages.worstEndSeconds(), OUTAGE_TOLERANCE_SECONDS)
                .orMetWhenNone(outages.kernelCount() + outages.modelCount() == 0));
        if (model.choosesPorts() && (!s.bindBeforeConnect() || s.bindAddressNoPort())) {
            checks.add(MetricCheck.of("even ports", "fraction", kp.evenShare(), mp.evenShare(), PORT_SHARE_TOLERANCE));
            checks.add(MetricCheck.of("small steps", "fraction", kp.smallStepShare(), mp.smallStepShare(),
                    PORT_SHARE_TOLERANCE));
        }
        return new ScenarioComparison(s, run.client(), run.outcomes(), tw.max(), sameTupleReuses(log), hostMax,
                kernel, predicted, List.copyOf(checks), run.tcpCounters() == null ? Map.of() : run.tcpCounters(),
                run.kernelRelease(), outages, kp, mp);
    }

    /** Successful connects on a (destination, local port) that had connected less than TIME-WAIT before. O(attempts). */
    static int sameTupleReuses(AttemptLog log) {
        java.util.Map<Long, Long> last = new java.util.HashMap<>();
        int reuses = 0;
        for (int i = 0; i < log.size(); i++) {
            if (log.ok(i)) {
                Long previous = last.put(((long) log.destination(i) << 16) | log.port(i), log.time(i));
                if (previous != null && log.time(i) - previous < TIME_WAIT_NANOS) {
                    reuses++;
                }
            }
        }
        return reuses;
    }

    /**
     * The whole summary of {@code dir}; {@code a} is the probe's analysis as measured, null when
     * the folder has no lateness probe.
     */
    public static CalibrationSummary summarize(Path dir, TimeWaitLateness lateness, LatenessAnalysis a, PortModel model) {
        KernelInfo k = kernel(dir);
        List<ScenarioComparison> scenarios = new ArrayList<>();
        for (Path s : scenarioDirs(dir)) {
            scenarios.add(compare(s, model));
        }
        String targets = "first failure within 0.1 s, success fraction within 0.5 percentage points, recovery within 0.1 s; "
                + "per destination as many outages as the kernel, each starting and ending within 0.1 s of the kernel's; "
                + "connects' share of even ports and of small steps (1 or 2 ports) within 5 points; one profile for every "
                + "scenario, nothing fitted per scenario";
        String hzSource = k.hz() > 0 ? k.hzSource() : a != null ? "inferred from the measured batch spacing"
                : "from the profile's lateness resource";
        return new CalibrationSummary(k.release(), lateness.hz(), hzSource, a == null ? 0 : a.granularityNanos(),
                lateness.hz() > 0 ? TimerWheel.granularityNanos(TIME_WAIT_NANOS, lateness.hz()) : 0, lateness,
                a == null ? 0 : a.batches().size(), a == null ? 0 : a.minLatenessNanos(),
                a == null ? 0 : grid(dir, a).residualNanos(),
                model.description(), targets, List.copyOf(scenarios));
    }

    static <T> T read(Path file, Class<T> type) {
        return CalibrationJson.read(file, type);
    }
}
