package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.footprint.Footprint;
import dev.portbench.io.AtomicFiles;
import dev.portbench.report.RunComparison;
import dev.portbench.report.ReportGenerator;
import dev.portbench.workload.Workloads;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The project's command line, behind the top-level {@code ./portbench} script.
 *
 * <pre>
 * ./portbench run [--profile smoke|quick|full] [--allocators a,b] [--workloads w,v] [--jvm JAVA] [--jvm-args "..."] [--out DIR]
 *                 [--trace FILE [--client A,B] [--speed K] [--range A-B] [--time-wait S] [--stack ID] [--ends client-close]]
 * ./portbench report [RUN_DIR...] [--publish RUN_DIR]   rewrite REPORT.md of runs (default: all under
 *                                           results/runs) and results/README.md; --publish puts a run's headline in README.md
 * ./portbench compare BASE_RUN NEW_RUN [--out FILE]
 * ./portbench simulate [SCENARIO OPTIONS] [--json FILE] [--csv FILE]   (see SimulateArguments; none: the Q170791 study)
 * ./portbench simulate --trace FILE [--client A,B] [--speed K] [--range A-B] [--time-wait S] [--stack ID] [--ends client-close] [--out FILE]
 * ./portbench trace FILE [--client A,B] [--csv OUT] | --workload ID --csv OUT
 * ./portbench trace-bench [--size-mb N] [--heap SIZE] [--connections N] [--dir DIR]
 * ./portbench policies [--periods N] [--out FILE]
 * ./portbench list
 * </pre>
 *
 * Errors in the arguments end the program with status 2 and a message naming the argument and
 * what was expected; a failed run ends with status 1, leaving its console log behind.
 */
public final class PortBench {

    private PortBench() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("portbench: " + e.getMessage());
            System.err.println("Try: ./portbench help");
            System.exit(2);
        } catch (RuntimeException e) {
            System.err.println("portbench: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    static int run(String[] args) {
        Args a = new Args(args);
        String command = a.positional.isEmpty() ? "help" : a.positional.remove(0);
        Path root = Path.of(a.option("root", ".")).toAbsolutePath().normalize();
        switch (command) {
            case "run":
                return new RunCommand(root, a).execute();
            case "report": {
                String publish = a.option("publish", null);
                a.done();
                List<Path> runs = new ArrayList<>();
                for (String p : a.positional) {
                    runs.add(Path.of(p));
                }
                Path results = root.resolve("results");
                if (runs.isEmpty()) {
                    runs.addAll(ReportGenerator.runsUnder(results));
                    if (runs.isEmpty()) {
                        throw new IllegalArgumentException("no run folders under " + results.resolve("runs")
                                + " (expected: ./portbench run first, or name a run folder)");
                    }
                }
                for (Path run : runs) {
                    System.out.println("wrote " + ReportGenerator.writeReport(run));
                }
                if (Files.isDirectory(results.resolve("runs"))) {
                    System.out.println("wrote " + ReportGenerator.writeIndex(results));
                }
                if (publish != null) {
                    System.out.println("wrote the headline of " + publish + " into "
                            + ReportGenerator.publish(root, Path.of(publish)));
                }
                return 0;
            }
            case "compare": {
                String out = a.option("out", null);
                a.done();
                if (a.positional.size() != 2) {
                    throw new IllegalArgumentException("compare: " + a.positional.size()
                            + " run folders given (expected two: BASE_RUN NEW_RUN)");
                }
                String md = RunComparison.markdown(Path.of(a.positional.get(0)), Path.of(a.positional.get(1)));
                if (out == null) {
                    System.out.print(md);
                } else {
                    AtomicFiles.write(Path.of(out), md);
                    System.out.println("wrote " + out);
                }
                return 0;
            }
            case "simulate":
                if (a.options.containsKey("trace")) {
                    return TraceCommand.simulate(a);
                }
                return SimulateCommand.execute(SimulateArguments.parse(a), System.out);
            case "trace":
                return TraceCommand.trace(a);
            case "trace-bench":
                return TraceBenchCommand.run(a);
            case "trace-bench-import":
                return TraceBenchCommand.importChild(a); // internal: run by trace-bench in a JVM with a small heap
            case "policies":
                return study(a, dev.portbench.selection.SelectionStudy::run, dev.portbench.selection.SelectionStudy::summary);
            case "probe": {
                // internal: run by `run` in a JVM like the benchmark forks
                String out = a.option("out", null);
                a.done();
                if (out == null) {
                    throw new IllegalArgumentException("probe: --out FILE is required");
                }
                Map<String, Object> doc = new LinkedHashMap<>(Footprint.measureAll());
                doc.put("jvm", Environment.jvm());
                AtomicFiles.writeJson(Path.of(out), doc);
                return 0;
            }
            case "list":
                a.done();
                System.out.println("allocators:");
                for (AllocatorCatalog t : AllocatorCatalog.values()) {
                    System.out.printf("  %-20s %s%s%n", t.id(), t.isPeerBaseline() ? "(peer baseline) " : "",
                            t.create().description());
                    System.out.printf("  %-20s   policies: %s%n", "", t.selections().stream()
                            .map(dev.portbench.allocator.PortSelection::id).toList());
                }
                System.out.println("workloads:");
                Workloads.all().forEach(w -> System.out.printf("  %-20s %s%n", w.id(), w.summary()));
                return 0;
            case "help":
            case "--help":
            case "-h":
                System.out.println(USAGE);
                return 0;
            default:
                throw new IllegalArgumentException("unknown command '" + command
                        + "' (expected run, report, compare, simulate, trace, trace-bench, policies, list or help)");
        }
    }

    /** Runs a study ({@code simulate}, {@code policies}) for {@code --periods}, prints it, writes {@code --out}. */
    private static int study(Args a, java.util.function.IntFunction<Map<String, Object>> run,
                             java.util.function.Function<Map<String, Object>, String> summary) {
        int periods = (int) Math.min(1000, a.longOption("periods", Profile.QUICK.simulationPeriods));
        String out = a.option("out", null);
        a.done();
        long start = System.nanoTime();
        Map<String, Object> doc = run.apply(periods);
        System.out.print(summary.apply(doc));
        System.out.printf(Locale.ROOT, "(%s)%n", duration((System.nanoTime() - start) / 1e9));
        if (out != null) {
            AtomicFiles.writeJson(Path.of(out), doc);
            System.out.println("wrote " + out);
        }
        return 0;
    }

    static final String USAGE = String.join("\n",
            "usage: ./portbench COMMAND [OPTIONS]",
            "",
            "  run       build, benchmark, simulate and report into results/runs/<time>-<profile>/",
            "            --profile smoke|quick|full   (default quick: about 7 minutes on 2 cores)",
            "            --allocators ID,...          (default: all; see list)",
            "            --workloads ID,...           (default: the profile's; see list)",
            "            --jvm PATH                   java binary or JDK home the benchmarks fork",
            "            --jvm-args \"ARGS\"            extra options for the forked JVMs",
            "            --out DIR                    the run folder (default results/runs/<time>-<profile>)",
            "            --no-build                   use benchmarks/target/benchmarks.jar as it is",
            "            --trace FILE                 benchmark every allocator on your traffic (CSV, Zeek conn.log, pcap,",
            "                                         pcapng); with --client A,B, --speed K, --range A-B, --time-wait S, --stack ID, --ends client-close",
            "  report    [RUN_DIR...] [--publish RUN_DIR]   rewrite REPORT.md of the runs and results/README.md;",
            "            --publish makes RUN_DIR the reference run: its headline goes into README.md",
            "  compare   BASE_RUN NEW_RUN [--out FILE]   changes between two runs, outside-interval ones marked",
            SimulateArguments.USAGE,
            "  simulate  --trace FILE [--client A,B] [--speed K] [--range A-B] [--time-wait S] [--stack ID] [--ends client-close]",
            "                        when and how often your traffic fails on each stack's range and TIME-WAIT",
            "  trace     FILE [--client A,B] [--csv OUT]   import a CSV, Zeek conn.log, pcap or pcapng (optionally .gz):",
            "            summary, and the suite's CSV; --workload ID --csv OUT exports a synthetic workload",
            "  trace-bench [--size-mb 1024] [--heap 64m] [--connections 1000000] [--dir target/trace-bench]",
            "            measures import speed of a large generated capture in a small heap, and a 1M-connection CSV",
            "            imported and simulated (run it under flock /work/bench.lock)",
            "  policies  [--periods N] [--out FILE]   the selection-policy measures alone (RFC 6056 algorithms 1-5 and more)",
            "  list      the registered allocators, their selection policies, and the named workloads",
            "",
            "The shaded JMH jar takes every standard JMH option: java -jar benchmarks/target/benchmarks.jar -h");

    /** Minutes and seconds, for humans. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 60 ? String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60) : s + " s";
    }

    /** A small argument parser: {@code --name value}, {@code --flag}, positionals. */
    static final class Args {
        final List<String> positional = new ArrayList<>();
        final Map<String, String> options = new LinkedHashMap<>();
        /** Options that take no value. */
        static final List<String> FLAGS = List.of("--no-build", "--loopback");

        Args(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String s = args[i];
                if (FLAGS.contains(s)) {
                    options.put(s.substring(2), "true");
                } else if (s.startsWith("--") && s.length() > 2 && !List.of("--help").contains(s)) {
                    String name = s.substring(2);
                    String value;
                    int eq = name.indexOf('=');
                    if (eq >= 0) {
                        value = name.substring(eq + 1);
                        name = name.substring(0, eq);
                    } else {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--" + name + ": missing value");
                        }
                        value = args[++i];
                    }
                    if (options.put(name, value) != null) {
                        throw new IllegalArgumentException("--" + name + " given twice");
                    }
                } else {
                    positional.add(s);
                }
            }
            options.remove("no-build");
        }

        String option(String name, String fallback) {
            String v = options.remove(name);
            return v == null ? fallback : v;
        }

        long longOption(String name, long fallback) {
            String v = option(name, null);
            if (v == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(v.replace("_", ""));
                if (n <= 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": '" + v + "' (expected a positive integer)");
            }
        }

        List<String> listOption(String name, List<String> allowed, List<String> fallback) {
            String v = option(name, null);
            if (v == null) {
                return fallback;
            }
            List<String> out = new ArrayList<>();
            for (String s : v.split(",")) {
                String id = s.trim();
                if (!allowed.contains(id)) {
                    throw new IllegalArgumentException("--" + name + ": '" + id + "' (expected one of " + allowed + ")");
                }
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--" + name + ": empty (expected one or more of " + allowed + ")");
            }
            return out;
        }

        /** Rejects options nobody read. */
        void done() {
            options.remove("root");
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("unknown option --" + options.keySet().iterator().next()
                        + " (see ./portbench help)");
            }
        }
    }
}
