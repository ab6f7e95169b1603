package dev.portbench.simulation;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PendingClosesTest {

    /** Past the initial capacity (1024), so that both shapes grow while connections are held. */
    private static final int HELD = 5_000;

    @Test
    void theRingHandsBackInInsertionOrderAcrossGrowth() {
        PendingCloses p = new PendingCloses(true);
        // wrap the ring first, so that growth copies a wrapped ring
        for (int i = 0; i < 700; i++) {
            p.add(i, i, i % 7);
        }
        for (int i = 0; i < 700; i++) {
            assertEquals(i, p.poll());
        }
        for (int i = 0; i < HELD; i++) {
            p.add(1_000 + i, i, i % 7);
        }
        assertEquals(HELD, p.size());
        for (int i = 0; i < HELD; i++) {
            assertEquals(1_000 + i, p.nextClose());
            assertEquals(1_000 + i, p.poll());
            assertEquals(i, p.port());
            assertEquals(i % 7, p.destination());
        }
        assertEquals(Long.MAX_VALUE, p.nextClose());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void theHeapHandsBackEarliestFirstWithItsPortAndDestination(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        PendingCloses p = new PendingCloses(false);
        List<long[]> expected = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < HELD; i++) {
                long at = r.nextLong(1_000_000);
                int port = r.nextInt(65_536);
                int d = r.nextInt(16);
                p.add(at, port, d);
                expected.add(new long[] {at, port, d});
            }
            expected.sort(Comparator.comparingLong(e -> e[0]));
            // take half back each round, so that freed slots are reused by the next round's adds
            int take = expected.size() / 2;
            for (int i = 0; i < take; i++) {
                long at = p.poll();
                assertEquals(expected.get(0)[0], at);
                long[] match = expected.stream().filter(e -> e[0] == at && e[1] == p.port() && e[2] == p.destination())
                        .findFirst().orElseThrow(() -> new AssertionError("no held connection closes at " + at
                                + " on port " + p.port() + " to " + p.destination()));
                expected.remove(match);
            }
            assertEquals(expected.size(), p.size());
        }
    }

    @Test
    void pollingWhatIsNotHeldIsRefused() {
        assertThrows(IllegalStateException.class, () -> new PendingCloses(true).poll());
        assertThrows(IllegalStateException.class, () -> new PendingCloses(false).poll());
    }
}
