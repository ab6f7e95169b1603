package dev.portbench.footprint;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.runfolder.FootprintFile;
import dev.portbench.runfolder.JvmDescription;
import org.openjdk.jol.info.GraphLayout;

import java.util.ArrayList;
import java.util.List;

/**
 * The retained heap of every registered allocator, measured with JOL by walking its object graph,
 * in the state that costs the most: every port of the range in TIME-WAIT. Measured at 3976 ports
 * (Windows 95's 1025-5000) and 64512 ports (1024-65535).
 *
 * <p>The numbers depend on the JVM (compressed oops, object alignment), so the run measures them
 * in a JVM started like the benchmark forks, and records that JVM's layout description beside them.
 */
public final class Footprint {

    /** The ranges measured: {first, last}. */
    public static final List<int[]> RANGES = List.of(new int[] {1025, 5000}, new int[] {1024, 65535});

    private Footprint() {
    }

    private static String jolVersion() {
        java.util.Properties p = new java.util.Properties();
        try (var in = Footprint.class.getResourceAsStream("/dev/portbench/versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (java.io.IOException e) {
            // the version is informative only
        }
        return p.getProperty("jol", "unknown");
    }

    /** One measurement: allocator id, range, total bytes, objects, the allocator's expiry lateness. */
    public record Entry(String allocator, int firstPort, int lastPort, long bytes, long objects, long maxLatenessNanos) {
        public int ports() {
            return lastPort - firstPort + 1;
        }

        public double bytesPerPort() {
            return (double) bytes / ports();
        }
    }

    /** An allocator of {@code type} over {@code first..last} with every port in TIME-WAIT. */
    public static PortAllocator allInTimeWait(AllocatorCatalog type, int first, int last) {
        PortAllocator a = type.create(AllocatorConfig.builder().portRange(first, last).build());
        long now = 0;
        int port;
        List<Integer> ports = new ArrayList<>();
        while ((port = a.allocate(now)) != PortAllocator.NO_PORT) {
            ports.add(port);
        }
        for (int p : ports) {
            a.release(p, now);
        }
        if (a.timeWaitCount() != a.rangeSize()) {
            throw new IllegalStateException(type.id() + ": " + a.timeWaitCount() + " ports in TIME-WAIT (expected "
                    + a.rangeSize() + ")");
        }
        return a;
    }

    public static Entry measure(AllocatorCatalog type, int first, int last) {
        PortAllocator a = allInTimeWait(type, first, last);
        GraphLayout layout = GraphLayout.parseInstance(a);
        return new Entry(type.id(), first, last, layout.totalSize(), layout.totalCount(), a.maxLatenessNanos());
    }

    /** Every registered allocator at every range of {@link #RANGES}: the {@code footprint.json} of a run, measured in {@code jvm}. */
    public static FootprintFile measureAll(JvmDescription jvm) {
        List<FootprintFile.Entry> entries = new ArrayList<>();
        for (AllocatorCatalog type : AllocatorCatalog.values()) {
            for (int[] r : RANGES) {
                Entry e = measure(type, r[0], r[1]);
                entries.add(new FootprintFile.Entry(e.allocator(), e.firstPort(), e.lastPort(), e.ports(), e.bytes(), e.objects(),
                        Math.round(e.bytesPerPort() * 100) / 100.0, e.maxLatenessNanos(), type.isPeerBaseline()));
            }
        }
        return new FootprintFile(FootprintFile.SCHEMA, "every port of the range in TIME-WAIT", "JOL " + jolVersion(),
                org.openjdk.jol.vm.VM.current().details().lines().map(String::strip).toList(), entries, jvm);
    }
}
