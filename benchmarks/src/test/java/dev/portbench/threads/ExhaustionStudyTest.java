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
            // every design replays the same events: the same opens as the reference
            assertEquals(e.referenceOpens(), e.opens(), e.toString());
        }
        // the KB's client at rho 0.99 holds 0.99 x 3976 ports at the most: an exact allocator never
        // fails, and neither may any design at 2 threads (the slices split the load evenly)
        for (ManyThreadsFile.Exhaustion e : rows) {
            assertEquals(0, e.referenceFailures(), e.toString());
            assertEquals(0, e.failures(), "false exhaustion: " + e);
        }
    }
}
