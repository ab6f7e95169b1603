package dev.portbench.threads;

import dev.portbench.runfolder.ManyThreadsFile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The false-exhaustion counts on the KB's client at rho 0.99. */
class ExhaustionStudyTest {

    @Test
    void oneConfinedThreadIsTheReferenceAndSharingLosesNothing() {
        List<ManyThreadsFile.Exhaustion> rows = ExhaustionStudy.run(List.of("fifo", "sharded-fifo", "locked-fifo"),
                List.of("q170791-rho0.99"), List.of(1, 2));
        assertEquals(6, rows.size());
        for (ManyThreadsFile.Exhaustion e : rows) {
            assertTrue(e.opens() > 0 && e.referenceOpens() > 0, e.toString());
            if (e.threads() == 1) {
                // one thread replays the very trace of the reference, on an exact allocator
                assertEquals(e.referenceOpens(), e.opens(), e.toString());
                assertEquals(e.referenceFailures(), e.failures(), e.toString());
            }
            if (e.allocator().equals("sharded-fifo")) {
                assertTrue(e.borrows() >= 0, e.toString());
            } else {
                assertEquals(-1, e.borrows(), e.toString());
            }
        }
    }
}
