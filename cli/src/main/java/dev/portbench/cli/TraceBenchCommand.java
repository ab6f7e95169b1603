package dev.portbench.cli;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.io.AtomicFiles;
import dev.portbench.simulation.RecordedTraceSimulator;
import dev.portbench.stack.StackProfile;
import dev.portbench.stack.StackProfiles;
import dev.portbench.trace.CaptureWriter;
import dev.portbench.trace.ConnectionEnd;
import dev.portbench.trace.ConnectionTrace;
import dev.portbench.trace.ConnectionTraceBuilder;
import dev.portbench.trace.CsvTraceFormat;
import dev.portbench.trace.ImportStats;
import dev.portbench.trace.ReplaySettings;
import dev.portbench.trace.SyntheticCapture;
import dev.portbench.trace.TraceImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./portbench trace-bench}: the import targets, measured by the project's own command.
 *
 * <ol>
 *   <li>Generates (once) a large synthetic capture ({@link SyntheticCapture}, default 1 GiB) and a
 *       one-million-connection CSV under {@code --dir} (default {@code target/trace-bench}; never
 *       committed).</li>
 *   <li>Imports the capture {@code --repeats} times, each in a fresh JVM with {@code -Xmx} of
 *       {@code --heap} (default 64m), so the heap bound is enforced, JIT warm-up is included, and
 *       the peak heap in use is read from the JVM's memory pools; prints MB/s per run and the median.</li>
 *   <li>Imports the CSV and replays it through the simulator (one replay on the linux stack profile: per-destination sharing, its range and TIME-WAIT), in a
 *       fresh JVM, timing the whole; and the full stack study without the headroom search.</li>
 * </ol>
 * The child JVM is the hidden command {@code trace-bench-import} ({@link ImportChild}).
 * Run it alone on the machine ({@code flock /work/bench.lock ./portbench trace-bench}): it is a timing.
 */
@Command(name = "trace-bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures the import targets: a large generated capture imported in a small heap (MB/s), and a "
                + "1M-connection CSV imported and replayed through the simulator (seconds).",
            "A timing: run it alone on the machine (flock /work/bench.lock ./portbench trace-bench)."})
final class TraceBenchCommand implements Callable<Integer> {

    @Option(names = "--size-mb", paramLabel = "N", defaultValue = "1024", converter = ArgumentTypes.PositiveInt.class,
            description = "Size of the generated capture in MiB (default ${DEFAULT-VALUE}).")
    private int sizeMb;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "1000000", converter = ArgumentTypes.PositiveInt.class,
            description = "Connections in the generated CSV (default ${DEFAULT-VALUE}).")
    private int connections;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "3", converter = ArgumentTypes.PositiveInt.class,
            description = "Imports of the capture, each in a fresh JVM (default ${DEFAULT-VALUE}).")
    private int repeats;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "64m", converter = HeapSize.class,
            description = "-Xmx of the capture's import JVM (default ${DEFAULT-VALUE}).")
    private String heap;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "target/trace-bench",
            description = "Where the generated files go (default ${DEFAULT-VALUE}; never committed).")
    private Path dirOption;

    @Option(names = "--format", paramLabel = "pcap|pcapng", defaultValue = "pcap", converter = ContainerFormat.class,
            description = "The generated capture's container (default ${DEFAULT-VALUE}).")
    private CaptureWriter.Container container;

    @Override
    public Integer call() {
        long sizeMb = this.sizeMb;
        long connections = this.connections;
        long repeats = this.repeats;
        Path dir = dirOption.toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        Path capture = dir.resolve("synthetic-" + sizeMb + "mb." + (container == CaptureWriter.Container.PCAP ? "pcap" : "pcapng"));
        long target = sizeMb << 20;
        try {
            if (!Files.isRegularFile(capture) || Files.size(capture) < target) {
                long t0 = System.nanoTime();
                SyntheticCapture.Written w = SyntheticCapture.write(capture, target, container);
                System.out.printf(Locale.ROOT, "generated %s: %,d bytes, %,d connections (%.1f s)%n", capture, w.bytes(),
                        w.connections(), (System.nanoTime() - t0) / 1e9);
            }
            Path csv = dir.resolve("synthetic-" + connections + ".csv");
            if (!Files.isRegularFile(csv)) {
                writeCsv(csv, connections);
                System.out.printf(Locale.ROOT, "generated %s: %,d bytes%n", csv, Files.size(csv));
            }
            System.out.printf(Locale.ROOT, "import of %s (%,d bytes) in a JVM with -Xmx%s, %d runs:%n", capture.getFileName(),
                    Files.size(capture), heap, repeats);
            List<Double> rates = new ArrayList<>();
            for (int i = 0; i < repeats; i++) {
                ImportTiming r = child(heap, capture, false);
                rates.add(r.megabytesPerSecond());
                System.out.printf(Locale.ROOT, "  run %d: %.2f s, %.0f MB/s, %,d packets, %,d connections, peak heap in use %.1f MiB of %.0f MiB%n",
                        i + 1, r.seconds(), r.megabytesPerSecond(), r.packets(),
                        r.connections(), r.peakHeapMiB(), r.maxHeapMiB());
            }
            double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  median %.0f MB/s (min %.0f, max %.0f); target >= 100 MB/s%n",
                    sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
            ImportTiming c = child("2g", csv, true);
            System.out.printf(Locale.ROOT, "CSV %s: import %.2f s + one replay through the simulator %.2f s = %.2f s "
                            + "(%,d connections, %,d failures on %s); target < 5 s%n", csv.getFileName(),
                    c.seconds(), c.simulateSeconds(),
                    c.seconds() + c.simulateSeconds(), c.connections(),
                    c.failures(), c.settings());
            System.out.printf(Locale.ROOT, "  the same replay on one pool (fifo, same range): %.2f s (%,d failures)%n",
                    c.singlePoolSeconds(), c.singlePoolFailures());
            System.out.printf(Locale.ROOT, "  and the study of all %d stack profiles (no headroom search): %.2f s%n",
                    StackProfiles.all().size(), c.studySeconds());
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    /** One million connections at 1000/s (Poisson), exponential holding (mean 2 s), 64 destinations, seeded. */
    static void writeCsv(Path csv, long n) throws IOException {
        SplittableRandom r = new SplittableRandom(16);
        ConnectionTraceBuilder b = new ConnectionTraceBuilder();
        long t = 1_700_000_000_000_000_000L;
        ConnectionEnd[] ends = ConnectionEnd.values();
        for (long i = 0; i < n; i++) {
            t += (long) (-Math.log(1 - r.nextDouble()) * 1_000_000);
            long hold = (long) (-Math.log(1 - r.nextDouble()) * 2e9);
            b.add(t, t + hold, "10.2.0." + r.nextInt(64) + ":443", 32768 + (int) (i % 28232),
                    r.nextInt(10) == 0 ? ends[r.nextInt(ends.length)] : ConnectionEnd.CLIENT_CLOSE);
        }
        ConnectionTrace trace = b.build("synthetic", new ImportStats("synthetic", n, n, 0, 0, 0, 0));
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            CsvTraceFormat.write(trace, w);
        }
    }

    private static ImportTiming child(String heap, Path file, boolean simulate) {
        Path out = file.resolveSibling(file.getFileName() + ".result.json");
        List<String> cmd = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), PortBench.class.getName(), "trace-bench-import",
                "--file", file.toString(), "--out", out.toString()));
        if (simulate) {
            cmd.add("--simulate");
        }
        try {
            Files.deleteIfExists(out);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("trace-bench-import failed (" + (p.isAlive() ? "timeout" : "exit " + p.exitValue())
                        + "): " + String.join(" ", cmd));
            }
            return AtomicFiles.JSON.readValue(out.toFile(), ImportTiming.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * What one child JVM measured (seconds are wall time; the simulation fields are 0 without {@code --simulate}).
     *
     * @param file the file imported
     * @param bytes its size
     * @param seconds the import's time
     * @param megabytesPerSecond bytes / seconds / 1e6
     * @param packets records read
     * @param connections connections kept
     * @param simulateSeconds one replay on the linux profile
     * @param failures its failed connects
     * @param settings its settings in words
     * @param singlePoolSeconds the same replay on one fifo pool
     * @param singlePoolFailures its failed connects
     * @param studySeconds one replay on every stack profile
     * @param peakHeapMiB the heap's peak use
     * @param maxHeapMiB the heap's bound
     */
    record ImportTiming(String file, long bytes, double seconds, double megabytesPerSecond, long packets, long connections,
                        double simulateSeconds, long failures, String settings, double singlePoolSeconds, long singlePoolFailures,
                        double studySeconds, double peakHeapMiB, double maxHeapMiB) {
    }

    /** The child: one timed import (and optionally one replay and the study), written as JSON. Internal to trace-bench. */
    @Command(name = "trace-bench-import", hidden = true, mixinStandardHelpOptions = true,
            description = "Internal to trace-bench: one timed import in this JVM.")
    static final class ImportChild implements Callable<Integer> {

        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The trace to import.")
        private Path file;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where the timing goes (JSON).")
        private Path out;

        @Option(names = "--simulate", description = "Also replay it (linux profile, one fifo pool, every profile).")
        private boolean simulate;

        @Override
        public Integer call() {
            long bytes;
            try {
                bytes = Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e.getMessage(), e);
            }
            long t0 = System.nanoTime();
            ConnectionTrace t = TraceImport.DEFAULTS.read(file);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double simulateSeconds = 0;
            long failures = 0;
            String settings = null;
            double poolSeconds = 0;
            long poolFailures = 0;
            double studySeconds = 0;
            if (simulate) {
                ReplaySettings s = ReplaySettings.LINUX;
                long s0 = System.nanoTime();
                RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(StackProfiles.linux(), t, s);
                simulateSeconds = (System.nanoTime() - s0) / 1e9;
                failures = r.failures();
                settings = "linux stack, " + s.summary();
                long p0 = System.nanoTime();
                RecordedTraceSimulator.Result pool = RecordedTraceSimulator.run(AllocatorCatalog.fromId("fifo"), t, s);
                poolSeconds = (System.nanoTime() - p0) / 1e9;
                poolFailures = pool.failures();
                long s1 = System.nanoTime();
                for (StackProfile p : StackProfiles.all()) {
                    RecordedTraceSimulator.run(p, t, new ReplaySettings(p.firstPort(), p.lastPort(), p.timeWaitNanos(), 1.0));
                }
                studySeconds = (System.nanoTime() - s1) / 1e9;
            }
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            AtomicFiles.writeJson(out, new ImportTiming(file.toString(), bytes, seconds, bytes / seconds / 1e6, t.stats().records(),
                    t.size(), simulateSeconds, failures, settings, poolSeconds, poolFailures, studySeconds, peak / 1048576.0,
                    Runtime.getRuntime().maxMemory() / 1048576.0));
            return 0;
        }
    }

    /** A -Xmx size: digits and an optional k, m or g. */
    static final class HeapSize implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!value.matches("\\d+[kmgKMG]?")) {
                throw new TypeConversionException("'" + value + "' (expected a -Xmx size such as 64m)");
            }
            return value;
        }
    }

    /** pcap or pcapng. */
    static final class ContainerFormat implements ITypeConverter<CaptureWriter.Container> {
        @Override
        public CaptureWriter.Container convert(String value) {
            return ArgumentTypes.choice(value, value,
                    Map.of("pcap", CaptureWriter.Container.PCAP, "pcapng", CaptureWriter.Container.PCAPNG), "pcap or pcapng");
        }
    }
}
