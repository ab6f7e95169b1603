package dev.portbench.expirycalls;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-position minimum separates a deterministic cost from random stalls. */
class CallTimesTest {

    private static final long SEED = 14;

    /** Position 0 costs 1000, positions 1..9 cost 200, the rest 30: a bounded bulk expiry's shape. */
    private static long cost(int position) {
        return position == 0 ? 1000 : position < 10 ? 200 : 30;
    }

    @Test
    void theMinimumPerPositionKeepsTheAlgorithmsCostAndDropsStalls() {
        int positions = 1000;
        CallTimes t = new CallTimes(positions);
        SplittableRandom random = new SplittableRandom(SEED);
        long stall = 0;
        for (int r = 0; r < 20; r++) {
            long[] times = new long[positions];
            for (int i = 0; i < positions; i++) {
                times[i] = cost(i) + random.nextInt(5); // jitter
            }
            for (int k = 0; k < 3; k++) { // stalls at random positions, far above every cost
                int at = random.nextInt(positions);
                times[at] += 50_000 + random.nextInt(1000);
                stall = Math.max(stall, times[at]);
            }
            t.fold(times);
        }
        String seed = " (seed " + SEED + ")";
        assertEquals(20, t.repetitions());
        assertEquals(0, t.worstPosition(), seed);
        assertTrue(t.worst() >= 1000 && t.worst() < 1005, t.worst() + seed);
        assertTrue(t.median() >= 30 && t.median() < 35, t.median() + seed);
        assertTrue(t.percentile(99.5) >= 200 && t.percentile(99.5) < 205, t.percentile(99.5) + seed);
        assertEquals(stall, t.rawMax(), "the raw maximum keeps the stall" + seed);
        double mean = (1000 + 9 * 200 + 990 * 30) / 1000.0;
        assertTrue(t.meanOfMinima() >= mean && t.meanOfMinima() < mean + 5, t.meanOfMinima() + seed);
    }

    @Test
    void summariesFollowTheirDefinitions() {
        CallTimes t = new CallTimes(4);
        t.fold(new long[] {5, 9, 7, 9});
        t.fold(new long[] {6, 8, 1, 20});
        assertEquals(5, t.minimumAt(0));
        assertEquals(1, t.minimumAt(2));
        assertEquals(9, t.worst());
        assertEquals(3, t.worstPosition(), "the first of the worst: 8 at 1, 9 at 3");
        assertEquals(6.5, t.median(), "minima 5, 8, 1, 9");
        assertEquals(5.75, t.meanOfMinima());
        assertEquals(20, t.rawMax());
        assertEquals(1, t.percentile(25));
        assertEquals(9, t.percentile(100));
    }

    @Test
    void badInputIsRefusedAndLeavesTheFoldAsItWas() {
        assertThrows(IllegalArgumentException.class, () -> new CallTimes(0));
        CallTimes t = new CallTimes(3);
        assertThrows(IllegalStateException.class, t::worst, "nothing folded yet");
        t.fold(new long[] {4, 5, 6});
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> t.fold(new long[] {1, 1}));
        assertTrue(length.getMessage().contains("2 calls (expected 3)"), length.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> t.fold(new long[] {1, -1, 1}));
        assertTrue(negative.getMessage().contains("times[1]: -1"), negative.getMessage());
        assertEquals(1, t.repetitions());
        assertEquals(4, t.minimumAt(0), "the refused fold changed nothing");
        assertEquals(6, t.rawMax());
        assertThrows(IllegalArgumentException.class, () -> t.percentile(0));
    }

    @Test
    void theMedianCallOfBlocksIsTheBlocksMinimumLessOneTimerReadingPerCall() {
        int cycles = 2 * ExpiryCallsFork.BLOCK + 4; // two whole blocks and a short one
        assertEquals(3, ExpiryCallsFork.blocks(cycles));
        CallTimes blocks = new CallTimes(3);
        blocks.fold(new long[] {64 * 10 + 20, 64 * 6 + 20, 4 * 8 + 20});
        blocks.fold(new long[] {64 * 12 + 20, 64 * 7 + 20, 4 * 9 + 20});
        assertEquals(8.0, ExpiryCallsFork.medianBlockCall(blocks, cycles, 20), "per call: 10, 6 and 8");
    }
}
