package dev.portbench.selection;

import dev.portbench.runfolder.SelectionFile;

import dev.portbench.allocator.variants.AllocatorCatalog;
import dev.portbench.allocator.PortSelection;
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
        assertEquals(PolicyPair.all().size() * SelectionStudy.RHOS.length, doc.measures().size());
        assertEquals(PolicyPair.all().size(), doc.support().size());
        assertTrue(SelectionStudy.summary(doc).contains("indexed-set/uniform-random"));
    }

    @Test
    void statisticsHelpersAreRight() {
        assertEquals(1.0, SelectionStudy.erfc(0), 1e-7);
        assertEquals(0.157299207, SelectionStudy.erfc(1), 1e-6);
        assertEquals(0.5, SelectionStudy.chiSquareUpperTail(3975 * Math.pow(1 - 2.0 / (9 * 3975), 3), 3975), 1e-6);
        assertEquals(0.05, SelectionStudy.chiSquareUpperTail(4123.0, 3975), 0.005); // tables: the 95th percentile of chi2(3975) is about 4122.6
        assertTrue(SelectionStudy.chiSquareUpperTail(5000, 3975) < 1e-6);
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
