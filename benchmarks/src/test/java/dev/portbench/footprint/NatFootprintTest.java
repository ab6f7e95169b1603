package dev.portbench.footprint;

import dev.portbench.nat.NatCatalog;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The NAT footprint measures the steady state it names, and the exact allocator's packed layout stays packed. */
class NatFootprintTest {

    @Test
    void measuresTheSteadyStateAtNinetyNinePercent() {
        NatFootprint.Entry e = NatFootprint.measure(NatCatalog.EXACT, 1, NatFootprint.FILL);
        assertEquals(64_512, e.pairs());
        assertEquals(0.99, (double) e.liveMappings() / e.pairs(), 0.005, "live mappings: " + e.liveMappings());
        // the records alone are 24 bytes per pair; the whole graph is more, and (measured: 43) well under the
        // 90 of the one-array-per-field layout it replaced
        assertTrue(e.bytes() > 24L * e.pairs(), e.bytes() + " bytes");
        assertTrue(e.bytesPerMapping() < 48, e.bytesPerMapping() + " bytes per live mapping");
    }
}
