package dev.portbench.calibration;

import dev.portbench.stack.KernelVersion;
import dev.portbench.stack.TimeWaitLateness;
import dev.portbench.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a calibration from the host side: checks the host's sysctls before and after (and fails
 * if they changed), compiles the C client when a scenario needs {@code IP_BIND_ADDRESS_NO_PORT},
 * runs the lateness probe and each scenario in its own fresh namespace ({@link Namespaces#launch})
 * while sampling the host's TIME-WAIT count, and then {@link #analyse}s the folder: summary JSON,
 * the lateness file the Linux profile reads, and {@code CALIBRATION.md}.
 */
public final class CalibrationRunner {

    /** Where the Linux profile reads its lateness from, relative to the project root. */
    public static final String LATENESS_RESOURCE = "simulator/src/main/resources/dev/portbench/stack/linux-timewait-lateness.json";
    private static final long LAUNCH_SLACK_SECONDS = 90;

    private final Path root;
    private final Path out;
    private final String command;
    private TimeWaitLateness measured;

    public CalibrationRunner(Path root, Path out, String command) {
        this.root = root;
        this.out = out;
        this.command = command;
    }

    /** The lateness this run measured, or null if it ran no probe. */
    public TimeWaitLateness measuredLateness() {
        return measured;
    }

    /**
     * Runs the probe (if {@code measureLateness}) and the scenarios; returns what the environment
     * file should record about the host (sysctls before and after).
     */
    public Map<String, Object> run(List<CalibrationScenario> requested, boolean measureLateness) {
        Map<String, String> before = Namespaces.hostSysctls();
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("hostSysctlsBefore", before);
        try {
            Files.createDirectories(out);
            KernelInfo kernel = KernelInfo.current();
            CalibrationJson.write(out.resolve("kernel.json"), kernel);
            Path log = out.resolve("namespace.log");
            Files.deleteIfExists(log);
            Path cClient = null;
            List<String> skipped = new ArrayList<>();
            List<CalibrationScenario> runnable = new ArrayList<>();
            for (CalibrationScenario s : requested) {
                if (KernelVersion.parse(kernel.release()).atLeast(KernelVersion.parse(s.requiredKernel()))) {
                    runnable.add(s);
                } else {
                    String why = s.id() + ": skipped, needs Linux " + s.requiredKernel() + " (running " + kernel.release() + ")";
                    skipped.add(why);
                    System.out.println(why);
                }
            }
            CalibrationJson.write(out.resolve("skipped.json"), skipped);
            List<CalibrationScenario> scenarios = runnable;
            if (scenarios.stream().anyMatch(CalibrationScenario::nativeClient)) {
                cClient = NativeConnectClient.compile(root.resolve("calibration/target/native"));
                System.out.println("compiled the C client (IP_BIND_ADDRESS_NO_PORT, IP_LOCAL_PORT_RANGE): " + cClient);
            }
            if (measureLateness) {
                long seconds = NamespaceChild.PROBE_CONNECTIONS * NamespaceChild.PROBE_SPACING_NANOS / 1_000_000_000L + 65;
                System.out.printf(Locale.ROOT, "lateness probe: %d connections, then TIME-WAIT sampled every %.1f ms (~%d s)%n",
                        NamespaceChild.PROBE_CONNECTIONS, NamespaceChild.PROBE_SAMPLE_NANOS / 1e6, seconds);
                check(Namespaces.launch(List.of("lateness", out.resolve("lateness").toString()), log,
                        seconds + LAUNCH_SLACK_SECONDS), "lateness probe", log);
                LatenessAnalysis a = CalibrationAnalysis.latenessAnalysis(out);
                measured = CalibrationAnalysis.lateness(out, CalibrationAnalysis.grid(out, a), command);
                System.out.printf(Locale.ROOT, "  %d batches %.3f s apart, lateness mean %.3f s, max %.3f s%n",
                        a.batches().size(), a.granularityNanos() / 1e9, a.meanLatenessNanos() / 1e9,
                        a.maxLatenessNanos() / 1e9);
            }
            int i = 0;
            for (CalibrationScenario s : scenarios) {
                i++;
                System.out.printf(Locale.ROOT, "[%d/%d] %s: %s%n", i, scenarios.size(), s.id(), s.settings());
                Path dir = out.resolve("scenarios").resolve(s.id());
                Files.createDirectories(dir);
                Path scenarioFile = dir.resolve("scenario.json");
                CalibrationJson.write(scenarioFile, s);
                List<String> args = new ArrayList<>(List.of("scenario", scenarioFile.toString(), dir.toString()));
                if (cClient != null) {
                    args.add(cClient.toString());
                }
                Map<String, String> hostBefore = Namespaces.hostSysctls();
                AtomicInteger hostMax = new AtomicInteger();
                Thread watcher = hostWatcher(hostMax);
                int status;
                try {
                    status = Namespaces.launch(args, log, (long) s.durationSeconds() + LAUNCH_SLACK_SECONDS);
                } finally {
                    watcher.interrupt();
                }
                check(status, s.id(), log);
                Map<String, String> hostAfter = Namespaces.hostSysctls();
                CalibrationJson.write(dir.resolve("host.json"), new HostObservation(hostMax.get(), hostBefore, hostAfter));
                KernelRun run = CalibrationAnalysis.read(dir.resolve("kernel-run.json"), KernelRun.class);
                System.out.printf(Locale.ROOT, "  %d attempts: %s%n", run.attempts(), run.outcomes());
                requireUnchanged(before, hostAfter);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("calibration in " + out + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("calibration interrupted", e);
        } finally {
            Map<String, String> after = Namespaces.hostSysctls();
            env.put("hostSysctlsAfter", after);
            requireUnchanged(before, after);
        }
        return env;
    }

    private static void requireUnchanged(Map<String, String> before, Map<String, String> after) {
        if (!before.equals(after)) {
            throw new IllegalStateException("the host's sysctls changed during the calibration: before " + before
                    + ", after " + after + " (calibrate writes sysctls only inside its own namespaces; investigate)");
        }
    }

    private static void check(int status, String what, Path log) {
        if (status == 3) {
            throw new IllegalStateException(what + ": the namespace could not be set up (see " + log + ")");
        }
        if (status != 0) {
            throw new IllegalStateException(what + ": the namespace run failed with status " + status + " (see " + log + ")");
        }
    }

    /** Samples the host's TIME-WAIT count every second into {@code max} until interrupted. */
    private static Thread hostWatcher(AtomicInteger max) {
        Thread t = new Thread(() -> {
            try {
                for (int i = 0; i < 3600; i++) {
                    max.accumulateAndGet(TimeWaitSampler.read(), Math::max);
                    Thread.sleep(1000);
                }
            } catch (InterruptedException e) {
                // done
            }
        }, "host-timewait");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Analyses the calibration folder {@code dir}: the lateness from its probe (or, without one,
     * the Linux profile's resource), every scenario against the model, {@code summary.json},
     * {@code linux-timewait-lateness.json} and {@code CALIBRATION.md}. With {@code fresh} (a
     * lateness this run just measured) the profile's resource in the source tree under
     * {@code root} is rewritten too.
     *
     * @return the markdown file written
     */
    public static Path analyse(Path dir, Path root, TimeWaitLateness fresh) {
        LatenessAnalysis a = null;
        TimeWaitLateness lateness;
        String command = fresh != null ? fresh.command() : null;
        if (Files.isRegularFile(dir.resolve("lateness/lateness-probe.json"))) {
            a = CalibrationAnalysis.latenessAnalysis(dir);
            if (command == null) {
                Path existing = dir.resolve("linux-timewait-lateness.json");
                command = Files.isRegularFile(existing)
                        ? CalibrationAnalysis.read(existing, TimeWaitLateness.class).command() : "./portbench calibrate";
            }
            lateness = CalibrationAnalysis.lateness(dir, CalibrationAnalysis.grid(dir, a), command);
            CalibrationJson.write(dir.resolve("linux-timewait-lateness.json"), lateness);
        } else {
            lateness = LinuxScenarioModel.profileLateness();
        }
        if (fresh != null) {
            Path resource = root.resolve(LATENESS_RESOURCE);
            if (Files.isDirectory(resource.getParent())) {
                CalibrationJson.write(resource, lateness);
                System.out.println("wrote " + resource + " (the Linux profile's TIME-WAIT lateness)");
            }
        }
        CalibrationSummary summary = CalibrationAnalysis.summarize(dir, lateness, a, new LinuxScenarioModel(lateness));
        CalibrationJson.write(dir.resolve("summary.json"), summary);
        Path md = dir.resolve("CALIBRATION.md");
        AtomicFiles.write(md, CalibrationSection.render(summary, dir.toAbsolutePath().normalize().getFileName().toString()));
        return md;
    }
}
