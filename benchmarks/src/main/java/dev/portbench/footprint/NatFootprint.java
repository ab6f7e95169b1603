package dev.portbench.footprint;

import dev.portbench.jmh.nat.NatChurn;
import dev.portbench.nat.NatAllocator;
import dev.portbench.nat.NatCatalog;
import org.openjdk.jol.info.GraphLayout;

import java.util.Locale;

/**
 * JOL footprint of a NAT allocator per live mapping, in the state the NAT benchmarks measure: the
 * steady state of {@link NatChurn} (100,000 internal hosts, a tenth of the pairs in use held by
 * closing timers) at 1, 4 and 16 addresses (64,512, 258,048 and 1,032,192 pairs) and 99% of the
 * pairs in use, after one whole cycle of churn. The retained size of the allocator's object graph
 * (every preallocated array, configuration included) divided by its live mappings.
 *
 * <pre>java -Djdk.attach.allowAttachSelf=true -Djol.magicFieldOffset=true -cp cli/target/portbench.jar \
 *     dev.portbench.footprint.NatFootprint [nat ...]</pre>
 * (default: {@code EXACT}; any {@link NatCatalog} constant names).
 */
public final class NatFootprint {

    /** The pool sizes measured, in addresses of 64,512 ports. */
    public static final int[] ADDRESSES = {1, 4, 16};
    /** The share of the pairs in use. */
    public static final double FILL = 0.99;

    private NatFootprint() {
    }

    /** One measurement: the allocator, its pairs, live mappings, retained bytes and objects. */
    public record Entry(String nat, long pairs, int liveMappings, int activeHosts, long bytes, long objects) {
        public double bytesPerMapping() {
            return (double) bytes / liveMappings;
        }
    }

    /** {@code type} in {@link NatChurn}'s steady state at {@code addresses} x 64,512 pairs and {@code fill}. */
    public static Entry measure(NatCatalog type, int addresses, double fill) {
        NatChurn churn = new NatChurn(type, addresses, fill);
        NatAllocator nat = churn.nat();
        int live = nat.liveMappings(); // also ends whatever is due, so the graph holds live mappings only
        GraphLayout layout = GraphLayout.parseInstance(nat);
        return new Entry(type.id(), nat.config().pairCount(), live, nat.activeHosts(), layout.totalSize(),
                layout.totalCount());
    }

    public static void main(String[] args) {
        String[] names = args.length == 0 ? new String[] {NatCatalog.EXACT.name()} : args;
        for (String name : names) {
            NatCatalog type = NatCatalog.valueOf(name);
            for (int addresses : ADDRESSES) {
                Entry e = measure(type, addresses, FILL);
                System.out.printf(Locale.ROOT, "%s %,d pairs at %.0f%%: %,d live mappings, %,d hosts, %,d bytes in %d objects,"
                        + " %.2f bytes per live mapping%n", e.nat(), e.pairs(), FILL * 100, e.liveMappings(),
                        e.activeHosts(), e.bytes(), e.objects(), e.bytesPerMapping());
            }
        }
    }
}
