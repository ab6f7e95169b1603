package dev.portbench.report;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link LetterDisplay} on hand-made relations, transitive or not, and on random ones against its definition. */
class LetterDisplayTest {

    /** A relation over n treatments where each listed pair {i, j} differs. */
    private static boolean[][] differing(int n, int[]... pairs) {
        boolean[][] d = new boolean[n][n];
        for (int[] p : pairs) {
            d[p[0]][p[1]] = true;
            d[p[1]][p[0]] = true;
        }
        return d;
    }

    @Test
    void nothingToldApartIsOneGroup() {
        assertArrayEquals(new String[] {"a", "a", "a"}, LetterDisplay.of(differing(3)));
    }

    @Test
    void everythingToldApartGivesEachItsOwnLetter() {
        assertArrayEquals(new String[] {"a", "b", "c"}, LetterDisplay.of(differing(3, new int[] {0, 1}, new int[] {0, 2},
                new int[] {1, 2})));
    }

    @Test
    void aNonTransitiveTieSharesALetterWithBothEnds() {
        // 0 ~ 1 and 1 ~ 2, but 0 differs from 2: a rank column says "=1, =1, 2" or contradicts itself; letters do not
        assertArrayEquals(new String[] {"a", "ab", "b"}, LetterDisplay.of(differing(3, new int[] {0, 2})));
    }

    @Test
    void aChainOfOverlappingTiesGetsOverlappingLetters() {
        // only neighbours are not told apart: 0~1, 1~2, 2~3
        assertArrayEquals(new String[] {"a", "ab", "bc", "c"}, LetterDisplay.of(differing(4, new int[] {0, 2},
                new int[] {0, 3}, new int[] {1, 3})));
    }

    @Test
    void aTreatmentTiedWithTwoThatDifferFromEachOtherButNotAnotherOne() {
        // 3 is told apart from nobody; 0 differs from 1 and 2
        assertArrayEquals(new String[] {"a", "b", "b", "ab"}, LetterDisplay.of(differing(4, new int[] {0, 1},
                new int[] {0, 2})));
    }

    @Test
    void randomRelationsShareALetterExactlyWhenNotToldApart() {
        long seed = 20261207L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(9);
            boolean[][] d = new boolean[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    d[i][j] = random.nextInt(3) > 0;
                    d[j][i] = d[i][j];
                }
            }
            String[] letters = LetterDisplay.of(d);
            for (int i = 0; i < n; i++) {
                assertTrue(!letters[i].isEmpty(), "seed " + seed + " round " + round + ": treatment " + i + " has no letter");
                for (int j = i + 1; j < n; j++) {
                    String other = letters[j];
                    boolean share = letters[i].chars().anyMatch(c -> other.indexOf(c) >= 0);
                    assertEquals(!d[i][j], share, "seed " + seed + " round " + round + ": " + i + " and " + j + " in "
                            + String.join(",", letters));
                }
            }
        }
    }

    @Test
    void badRelationsAreRefusedNamingTheProblem() {
        boolean[][] asymmetric = new boolean[2][2];
        asymmetric[0][1] = true;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LetterDisplay.of(asymmetric)).getMessage()
                .contains("symmetric"));
        boolean[][] self = new boolean[1][1];
        self[0][0] = true;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LetterDisplay.of(self)).getMessage()
                .contains("itself"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LetterDisplay.of(new boolean[][] {{false}, {}}))
                .getMessage().contains("square"));
        assertEquals(0, LetterDisplay.of(new boolean[0][0]).length);
    }
}
