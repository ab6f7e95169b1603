package dev.portbench.selection;

import dev.portbench.runfolder.SelectionFile;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortSelection;
import dev.portbench.workload.ArrivalProcess;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy measures say what each policy is known to do. */
class SelectionStudyTest {

    private static SelectionStudy.Measures at99(AllocatorCatalog t, PortSelection s) {
        return SelectionStudy.measure(new PolicyPair(t, s), 0.99, 3);
    }

    @Test
    void sequentialIsFullyPredictableAndNeverProbes() {
        SelectionStudy.Measures m = at99(AllocatorCatalog.BITSET, PortSelection.SEQUENTIAL);
        assertEquals(1.0, m.guessHits()[0], 1e-9, "the last port + 1 is always right");
        assertEquals(1.0, m.meanProbes(), 1e-9);
        assertEquals(0, m.falseExhaustion());
        assertEquals(3976, m.minReuse(), "a port comes back after exactly one lap of the range");
        SelectionStudy.Measures half = SelectionStudy.measure(new PolicyPair(AllocatorCatalog.BITSET, PortSelection.SEQUENTIAL), 0.5, 3);
        assertTrue(half.chiSquareP() < 1e-6, "at half load the first TIME-WAIT covers half the range, in order: p " + half.chiSquareP());
    }

    @Test
    void uniformRandomIsUnpredictableAndUniform() {
        SelectionStudy.Measures m = at99(AllocatorCatalog.INDEXED_SET, PortSelection.UNIFORM_RANDOM);
        assertTrue(m.predictability() < 0.01, "predictability " + m.predictability());
        assertEquals(1, m.maxProbes());
        assertEquals(0, m.falseExhaustion());
        assertTrue(m.chiSquareP() > 0.001, "chi-square p " + m.chiSquareP());
        SelectionStudy.Measures half = SelectionStudy.measure(new PolicyPair(AllocatorCatalog.INDEXED_SET, PortSelection.UNIFORM_RANDOM), 0.5, 3);
        assertTrue(half.chiSquareP() > 0.001, "at half load too: p " + half.chiSquareP());
        assertEquals(63, half.degreesOfFreedom());
    }

    @Test
    void randomPickFailsFalselyNearExhaustionWithBoundedProbes() {
        SelectionStudy.Measures m = at99(AllocatorCatalog.BITSET, PortSelection.RANDOM_PICK);
        assertTrue(m.falseExhaustion() > 0, "at rho 0.99 ten random tries miss the few free ports");
        assertEquals(m.failures(), m.falseExhaustion(), "below capacity every failure is a false one");
        assertTrue(m.maxProbes() <= 10);
        SelectionStudy.Measures light = SelectionStudy.measure(new PolicyPair(AllocatorCatalog.BITSET, PortSelection.RANDOM_PICK), 0.5, 3);
        assertTrue(light.falseExhaustion() < m.falseExhaustion());
    }

    @Test
    void linearProbesSearchHardNearExhaustionButNeverFail() {
        for (PortSelection s : List.of(PortSelection.RANDOM_START, PortSelection.HASH, PortSelection.DOUBLE_HASH)) {
            SelectionStudy.Measures m = at99(AllocatorCatalog.BITSET, s);
            assertEquals(0, m.failures(), s.id());
            assertTrue(m.meanProbes() > 10, s.id() + " probes " + m.meanProbes());
            assertTrue(m.maxProbes() <= 3976, s.id());
        }
    }

    @Test
    void theDocumentCoversTheSupportMatrixAtEveryLoad() {
        SelectionFile doc = SelectionStudy.run(2);
        assertEquals(PolicyPair.all().size() * SelectionStudy.RHOS.length * SelectionStudy.SHAPES.size(), doc.measures().size());
        assertEquals(PolicyPair.all().size() * SelectionStudy.RHOS.length,
                doc.measures().stream().filter(m -> "poisson".equals(m.arrivals())).count());
        assertEquals(PolicyPair.all().size(), doc.support().size());
        assertTrue(SelectionStudy.summary(doc).contains("indexed-set/uniform-random"));
    }

    @Test
    void theUniformityTestCanFail() {
        // a sequential policy hands out consecutive ports: at every load it must not pass as uniform
        for (double rho : SelectionStudy.RHOS) {
            SelectionStudy.Measures seq = SelectionStudy.measure(new PolicyPair(AllocatorCatalog.BITSET, PortSelection.SEQUENTIAL), rho, 3);
            assertTrue(seq.chiSquareP() < 1e-6, "sequential at rho " + rho + ": p " + seq.chiSquareP());
            SelectionStudy.Measures lru = SelectionStudy.measure(new PolicyPair(AllocatorCatalog.FIFO, PortSelection.LEAST_RECENTLY_USED), rho, 3);
            assertTrue(lru.chiSquareP() < 1e-6, "least recently used replays the sequential first lap at rho " + rho + ": p " + lru.chiSquareP());
        }
        SelectionStudy.Measures uniform = at99(AllocatorCatalog.INDEXED_SET, PortSelection.UNIFORM_RANDOM);
        assertTrue(uniform.chiSquareP() > 0.001, "uniform random: p " + uniform.chiSquareP());
        assertTrue(uniform.chiSquare() > 20 && uniform.chiSquare() < 120, "a chi-square(63) statistic near 63: " + uniform.chiSquare());
    }

    @Test
    void poissonArrivalsBunchUp() {
        // the same connections, arriving in bunches: at rho 0.99 a Poisson client sometimes finds every port in
        // TIME-WAIT (true exhaustion), a fixed-rate one never does
        PolicyPair uniform = new PolicyPair(AllocatorCatalog.INDEXED_SET, PortSelection.UNIFORM_RANDOM);
        SelectionStudy.Measures fixed = SelectionStudy.measure(uniform, ArrivalProcess.FIXED_RATE, 0.99, 3);
        SelectionStudy.Measures poisson = SelectionStudy.measure(uniform, ArrivalProcess.POISSON, 0.99, 3);
        assertEquals(fixed.connections(), poisson.connections());
        assertEquals(0, fixed.failures());
        assertTrue(poisson.failures() > 0, "poisson at rho 0.99 fails some connects: " + poisson.failures());
        assertEquals(0, poisson.falseExhaustion(), "uniform random over the free set never fails while ports are free");
        // TIME-WAIT is a time: fewer connections fit in 240 s of a slow stretch, so a port can come back sooner in connections
        assertTrue(poisson.minReuse() < fixed.minReuse(), "poisson " + poisson.minReuse() + " vs fixed " + fixed.minReuse());
        // a least-recently-used ring reuses a port only after every other one, whatever the arrivals
        PolicyPair lru = new PolicyPair(AllocatorCatalog.FIFO, PortSelection.LEAST_RECENTLY_USED);
        assertEquals(3976, SelectionStudy.measure(lru, ArrivalProcess.POISSON, 0.9, 3).minReuse());
        assertEquals(poisson.toFileRow(), SelectionStudy.measure(uniform, ArrivalProcess.POISSON, 0.99, 3).toFileRow(),
                "a fixed seed: the same counts twice");
        assertEquals("poisson", poisson.toFileRow().arrivals());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SelectionStudy.measure(lru, ArrivalProcess.BURST, 0.9, 3));
        assertTrue(e.getMessage().contains("BURST"), e.getMessage());
    }

    @Test
    void badPairsAndParametersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PolicyPair(AllocatorCatalog.FIFO, PortSelection.HASH));
        assertTrue(e.getMessage().contains("hash on fifo"), e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyPair.fromId("bitset")).getMessage()
                .contains("expected type/policy"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyPair.fromId("bitset/fastest")).getMessage()
                .contains("'fastest'"));
        assertThrows(IllegalArgumentException.class, () -> SelectionStudy.measure(PolicyPair.fromId("bitset/hash"), 0, 3));
    }
}
