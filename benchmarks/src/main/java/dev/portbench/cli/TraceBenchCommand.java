package dev.portbench.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Run it alone on the machine ({@code flock /work/bench.lock ./portbench trace-bench}): it is a timing.
 */
final class TraceBenchCommand {

    private TraceBenchCommand() {
    }

    static int run(PortBench.Args a) {
        long sizeMb = a.longOption("size-mb", 1024);
        long connections = a.longOption("connections", 1_000_000);
        long repeats = a.longOption("repeats", 3);
        String heap = a.option("heap", "64m");
        Path dir = Path.of(a.option("dir", "target/trace-bench")).toAbsolutePath();
        CaptureWriter.Container container = "pcapng".equals(a.option("format", "pcap")) ? CaptureWriter.Container.PCAPNG
                : CaptureWriter.Container.PCAP;
        a.done();
        if (!heap.matches("\\d+[kmgKMG]?")) {
            throw new IllegalArgumentException("--heap: '" + heap + "' (expected a -Xmx size such as 64m)");
        }
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
                JsonNode r = child(heap, capture, false);
                rates.add(r.path("megabytesPerSecond").asDouble());
                System.out.printf(Locale.ROOT, "  run %d: %.2f s, %.0f MB/s, %,d packets, %,d connections, peak heap in use %.1f MiB of %.0f MiB%n",
                        i + 1, r.path("seconds").asDouble(), r.path("megabytesPerSecond").asDouble(), r.path("packets").asLong(),
                        r.path("connections").asLong(), r.path("peakHeapMiB").asDouble(), r.path("maxHeapMiB").asDouble());
            }
            double[] sorted = rates.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "  median %.0f MB/s (min %.0f, max %.0f); target >= 100 MB/s%n",
                    sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
            JsonNode c = child("2g", csv, true);
            System.out.printf(Locale.ROOT, "CSV %s: import %.2f s + one replay through the simulator %.2f s = %.2f s "
                            + "(%,d connections, %,d failures on %s); target < 5 s%n", csv.getFileName(),
                    c.path("seconds").asDouble(), c.path("simulateSeconds").asDouble(),
                    c.path("seconds").asDouble() + c.path("simulateSeconds").asDouble(), c.path("connections").asLong(),
                    c.path("failures").asLong(), c.path("settings").asText());
            System.out.printf(Locale.ROOT, "  the same replay on one pool (fifo, same range): %.2f s (%,d failures)%n",
                    c.path("singlePoolSeconds").asDouble(), c.path("singlePoolFailures").asLong());
            System.out.printf(Locale.ROOT, "  and the study of all %d stack profiles (no headroom search): %.2f s%n",
                    StackProfiles.all().size(), c.path("studySeconds").asDouble());
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

    private static JsonNode child(String heap, Path file, boolean simulate) {
        Path out = file.resolveSibling(file.getFileName() + ".result.json");
        List<String> cmd = new ArrayList<>(Arrays.asList(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-cp", System.getProperty("java.class.path"), PortBench.class.getName(), "trace-bench-import",
                "--file", file.toString(), "--out", out.toString()));
        if (simulate) {
            cmd.add("--simulate");
            cmd.add("linux");
        }
        try {
            Files.deleteIfExists(out);
            Process p = new ProcessBuilder(cmd).inheritIO().start();
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("trace-bench-import failed (" + (p.isAlive() ? "timeout" : "exit " + p.exitValue())
                        + "): " + String.join(" ", cmd));
            }
            return AtomicFiles.JSON.readTree(out.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The child: one timed import (and optionally one replay and the study), written as JSON. */
    static int importChild(PortBench.Args a) {
        Path file = Path.of(a.option("file", null));
        Path out = Path.of(a.option("out", null));
        String simulate = a.option("simulate", null);
        a.done();
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        long t0 = System.nanoTime();
        ConnectionTrace t = TraceImport.DEFAULTS.read(file);
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("bytes", bytes);
        m.put("seconds", seconds);
        m.put("megabytesPerSecond", bytes / seconds / 1e6);
        m.put("packets", t.stats().records());
        m.put("connections", t.size());
        if (simulate != null) {
            ReplaySettings s = ReplaySettings.LINUX;
            long s0 = System.nanoTime();
            RecordedTraceSimulator.Result r = RecordedTraceSimulator.run(StackProfiles.linux(), t, s);
            m.put("simulateSeconds", (System.nanoTime() - s0) / 1e9);
            m.put("failures", r.failures());
            m.put("settings", "linux stack, " + s.summary());
            long p0 = System.nanoTime();
            RecordedTraceSimulator.Result pool = RecordedTraceSimulator.run(AllocatorCatalog.fromId("fifo"), t, s);
            m.put("singlePoolSeconds", (System.nanoTime() - p0) / 1e9);
            m.put("singlePoolFailures", pool.failures());
            long s1 = System.nanoTime();
            for (StackProfile p : StackProfiles.all()) {
                RecordedTraceSimulator.run(p, t, new ReplaySettings(p.firstPort(), p.lastPort(), p.timeWaitNanos(), 1.0));
            }
            m.put("studySeconds", (System.nanoTime() - s1) / 1e9);
        }
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        m.put("peakHeapMiB", peak / 1048576.0);
        m.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / 1048576.0);
        AtomicFiles.writeJson(out, m);
        return 0;
    }
}
