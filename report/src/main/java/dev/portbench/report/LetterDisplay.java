package dev.portbench.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A compact letter display: letters given to treatments so that two treatments share a letter
 * exactly when they were not told apart. Built by the insert-absorb algorithm of H.-P. Piepho,
 * "An algorithm for a letter-based representation of all-pairwise comparisons", Journal of
 * Computational and Graphical Statistics 13(2), 2004, 456-466: start with one column holding every
 * treatment; for each pair that differs, split every column holding both into a copy without the
 * one and a copy without the other (insert), then drop every column contained in another
 * (absorb). The columns left are the maximal sets of treatments no two of which differ, so the
 * display never contradicts the relation it shows, even when that relation is not transitive
 * (a ~ b, b ~ c, a differs from c gives {@code a: "a"}, {@code b: "ab"}, {@code c: "b"}).
 *
 * <p>Cost: for n treatments and k columns, O(n^2 k^2) bit operations; k is at most the number of
 * maximal sets, small for relations of ordered means (each split at most doubles k, so a bound of
 * {@value #MAX_COLUMNS} columns keeps it finite). Letters are ordered by the first treatment in
 * each column, so with treatments sorted best first, the best one's group is {@code a}.
 * Stateless; thread-safe.
 */
final class LetterDisplay {

    /** Most treatments: each column is a {@code long} bit set. */
    static final int MAX_TREATMENTS = 64;
    /** Most columns kept while splitting; beyond it the relation is refused. */
    static final int MAX_COLUMNS = 52;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private LetterDisplay() {
    }

    /**
     * The letters of each treatment, in treatment order.
     *
     * @param differs {@code differs[i][j]}: treatments i and j were told apart; square, symmetric,
     *     false on the diagonal
     * @throws IllegalArgumentException if the matrix is not square and symmetric with a false
     *     diagonal, has more than {@value #MAX_TREATMENTS} rows, or needs more than
     *     {@value #MAX_COLUMNS} letters
     */
    static String[] of(boolean[][] differs) {
        int n = checkRelation(differs);
        List<Long> columns = new ArrayList<>();
        if (n > 0) {
            columns.add(n == 64 ? -1L : (1L << n) - 1);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (differs[i][j]) {
                    columns = absorb(insert(columns, i, j));
                    if (columns.size() > MAX_COLUMNS) {
                        throw new IllegalArgumentException("relation needs " + columns.size()
                                + " letters (expected: at most " + MAX_COLUMNS + ")");
                    }
                }
            }
        }
        long[] sorted = columns.stream().mapToLong(Long::longValue).toArray();
        sortByMembers(sorted);
        String[] letters = new String[n];
        for (int t = 0; t < n; t++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < sorted.length; c++) {
                if ((sorted[c] & 1L << t) != 0) {
                    b.append(LETTERS.charAt(c));
                }
            }
            letters[t] = b.toString();
        }
        return letters;
    }

    private static List<Long> insert(List<Long> columns, int i, int j) {
        long both = 1L << i | 1L << j;
        List<Long> out = new ArrayList<>();
        for (long c : columns) {
            if ((c & both) == both) {
                out.add(c & ~(1L << i));
                out.add(c & ~(1L << j));
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** Drops every column that is empty, repeated or contained in another. */
    private static List<Long> absorb(List<Long> columns) {
        List<Long> out = new ArrayList<>();
        for (int a = 0; a < columns.size(); a++) {
            long c = columns.get(a);
            boolean contained = c == 0;
            for (int b = 0; b < columns.size() && !contained; b++) {
                long o = columns.get(b);
                contained = b != a && (c & o) == c && (c != o || b < a);
            }
            if (!contained) {
                out.add(c);
            }
        }
        return out;
    }

    /** Orders columns by their members, lowest treatment index first (lexicographic over bits). */
    private static void sortByMembers(long[] columns) {
        Long[] boxed = Arrays.stream(columns).boxed().toArray(Long[]::new);
        Arrays.sort(boxed, (x, y) -> {
            long diff = x ^ y;
            if (diff == 0) {
                return 0;
            }
            long lowest = diff & -diff;
            return (x & lowest) != 0 ? -1 : 1;
        });
        for (int i = 0; i < columns.length; i++) {
            columns[i] = boxed[i];
        }
    }

    private static int checkRelation(boolean[][] differs) {
        int n = differs.length;
        if (n > MAX_TREATMENTS) {
            throw new IllegalArgumentException("treatments: " + n + " (expected: at most " + MAX_TREATMENTS + ")");
        }
        for (int i = 0; i < n; i++) {
            if (differs[i] == null || differs[i].length != n) {
                throw new IllegalArgumentException("row " + i + " has " + (differs[i] == null ? "no" : differs[i].length)
                        + " entries (expected: " + n + ", a square matrix)");
            }
        }
        for (int i = 0; i < n; i++) {
            if (differs[i][i]) {
                throw new IllegalArgumentException("treatment " + i + " differs from itself (expected: false on the diagonal)");
            }
            for (int j = 0; j < i; j++) {
                if (differs[i][j] != differs[j][i]) {
                    throw new IllegalArgumentException("differs[" + i + "][" + j + "] = " + differs[i][j] + " but differs["
                            + j + "][" + i + "] = " + differs[j][i] + " (expected: a symmetric relation)");
                }
            }
        }
        return n;
    }
}
