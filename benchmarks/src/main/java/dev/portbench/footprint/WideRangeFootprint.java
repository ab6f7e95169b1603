package dev.portbench.footprint;

import dev.portbench.allocator.AllocatorConfig;
import dev.portbench.allocator.AllocatorType;
import dev.portbench.allocator.PortAllocator;
import dev.portbench.allocator.structure.Structures;
import org.openjdk.jol.info.GraphLayout;

import java.util.Locale;

/**
 * JOL footprint of {@code ring}, the smallest exact allocator, with every port in TIME-WAIT, at
 * 3976 (1025-5000), 64512 (1024-65535) and 1,048,576 ports. The last is 256 addresses' ranges of
 * 4096 ports (1025-5120) side by side, as a NAT with 256 public addresses would hold them
 * ({@link Structures#ringSideBySide}; the normal configuration still stops at 65535).
 *
 * <pre>java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp cli/target/portbench.jar \
 *     dev.portbench.footprint.WideRangeFootprint</pre>
 */
public final class WideRangeFootprint {

    private WideRangeFootprint() {
    }

    public static void main(String[] args) {
        AllocatorConfig.Builder b = AllocatorConfig.builder();
        print("1025-5000", AllocatorType.RING.create(b.portRange(1025, 5000).build()));
        print("1024-65535", AllocatorType.RING.create(b.portRange(1024, 65535).build()));
        print("256 x 1025-5120", Structures.ringSideBySide(AllocatorType.RING.id(), b.portRange(1025, 5120).build(), 256));
    }

    private static void print(String range, PortAllocator a) {
        int n = a.rangeSize();
        for (int i = 0; i < n; i++) {
            if (a.allocate(0) == PortAllocator.NO_PORT) {
                throw new IllegalStateException("no free port after " + i);
            }
        }
        for (int p = a.firstPort(); p <= a.lastPort(); p++) {
            a.release(p, 0);
        }
        if (a.timeWaitCount() != n) {
            throw new IllegalStateException(a.timeWaitCount() + " in TIME-WAIT (expected " + n + ")");
        }
        long bytes = GraphLayout.parseInstance(a).totalSize();
        System.out.printf(Locale.ROOT, "%s %s: %d ports, %d bytes, %.4f bytes/port%n", a.name(), range, n, bytes,
                (double) bytes / n);
    }
}
