package org.safercities.platform.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SuppressionTest {

    @Test
    void thresholdMustBeThreeToTen() {
        long[][] table = {{5, 6}};
        assertThrows(IllegalArgumentException.class, () -> Suppression.suppress(table, 2));
        assertThrows(IllegalArgumentException.class, () -> Suppression.suppress(table, 11));
        assertThrows(IllegalArgumentException.class, () -> Suppression.suppress(new long[] {5}, 1));
        assertThrows(IllegalArgumentException.class, () -> Suppression.suppress(new long[][] {{1, -1}}, 3));
        assertThrows(IllegalArgumentException.class, () -> Suppression.suppress(new long[][] {{1, 2}, {3}}, 3));
        assertThrows(IllegalArgumentException.class, () -> Suppression.suppress(new long[0][], 3));
        for (int t = 3; t <= 10; t++) {
            assertEquals(2, Suppression.suppress(table, t).length);
        }
    }

    @Test
    void aSmallCellTakesTheCheapestCoverWithIt() {
        // threshold 5: only the 2 is sensitive. Extended table:
        //   10  2  8 | 20
        //   12  9 15 | 36
        //   20 30 25 | 75
        //   42 41 48 |131
        // Cycles through (0,1) using the fewest and smallest cells: (1,1)=9 (1,0)=12 (0,0)=10, cost 31, against
        // (1,1)=9 (1,2)=15 (0,2)=8, cost 32; the first is taken. Moving +1 at (0,1) and (1,0), −1 at (0,0) and (1,1)
        // keeps every total, so none of the four can be read off.
        long[][] counts = {{10, 2, 8}, {12, 9, 15}, {20, 30, 25}};
        boolean[][] hidden = Suppression.suppress(counts, 5);
        assertTrue(hidden[0][1]);
        assertTrue(hidden[0][0] && hidden[1][0] && hidden[1][1]);
        assertEquals(4, countHidden(hidden));
        Checks.assertProtected(Suppression.extend(counts), hidden, 5, "hand example");
    }

    @Test
    void aBlockOfOnesIsNotCoverForItself() {
        // The four 1s form a cycle, so none is a bridge, yet a reader who knows that zeros are never hidden knows
        // each hidden cell is ≥ 1: row 0 then reads a + b = 2 with a, b ≥ 1, so a = b = 1. More cells must go.
        long[][] counts = {{1, 1, 20}, {1, 1, 30}, {40, 50, 60}};
        boolean[][] hidden = Suppression.suppress(counts, 3);
        assertTrue(hidden[0][0] && hidden[0][1] && hidden[1][0] && hidden[1][1]);
        assertTrue(countHidden(hidden) > 4, "the block alone would give its values away");
        Checks.assertProtected(Suppression.extend(counts), hidden, 3, "block of ones");
    }

    @Test
    void degenerateShapes() {
        // all zero: nothing to protect
        assertEquals(0, countHidden(Suppression.suppress(new long[][] {{0, 0}, {0, 0}}, 5)));
        // all small: every non-zero cell is primary, the zeros stay shown
        long[][] small = {{1, 2}, {1, 0}};
        boolean[][] hidden = Suppression.suppress(small, 5);
        assertArrayEquals(new boolean[] {true, true, true}, hidden[0]);
        assertArrayEquals(new boolean[] {true, false, true}, hidden[1]);
        assertArrayEquals(new boolean[] {true, true, true}, hidden[2]);
        // 1×N: the column totals repeat the row; a small cell needs another cell hidden with it, twice
        long[][] row = {{7, 2, 30, 9}};
        boolean[][] rowHidden = Suppression.suppress(row, 3);
        assertArrayEquals(new boolean[] {true, true, false, false, false}, rowHidden[0]);
        assertArrayEquals(rowHidden[0], rowHidden[1]);
        Checks.assertProtected(Suppression.extend(row), rowHidden, 3, "1×N");
        // N×1, and a 1×1 table whose only value is small
        long[][] column = {{40}, {1}, {12}};
        Checks.assertProtected(Suppression.extend(column), Suppression.suppress(column, 3), 3, "N×1");
        boolean[][] single = Suppression.suppress(new long[][] {{2}}, 3);
        assertEquals(4, countHidden(single));
        assertEquals(0, countHidden(Suppression.suppress(new long[][] {{25}}, 3)));
    }

    @Test
    void publishShowsOnlyWhatIsSafe() {
        Suppression.Table table = Suppression.publish(new long[][] {{10, 2, 8}, {12, 9, 15}, {20, 30, 25}}, 5);
        assertEquals(OptionalLong.empty(), table.shown(0, 1));
        assertEquals(OptionalLong.of(131), table.shown(3, 3));
        assertEquals(OptionalLong.of(8), table.shown(0, 2));
    }

    @Test
    void aListWithItsTotal() {
        // one small cell: the smallest other count goes with it
        assertArrayEquals(new boolean[] {false, true, false, true, false},
                Suppression.suppress(new long[] {12, 2, 40, 7}, 5));
        assertArrayEquals(new OptionalLong[] {OptionalLong.of(12), OptionalLong.empty(), OptionalLong.of(40),
                OptionalLong.empty(), OptionalLong.of(61)}, Suppression.publish(new long[] {12, 2, 40, 7}, 5));
        // two hidden 1s with a published total: both ≥ 1 and summing to 2, so both are 1; a third cell is needed
        assertArrayEquals(new boolean[] {true, true, true, false, false},
                Suppression.suppress(new long[] {1, 1, 6, 9}, 3));
        // two small cells, one of them ≥ 2: 1 + 2 = 3 could be 2 + 1
        assertArrayEquals(new boolean[] {true, true, false, false}, Suppression.suppress(new long[] {1, 2, 9}, 3));
        // nothing else to hide: the total goes
        assertArrayEquals(new boolean[] {false, true, false, true}, Suppression.suppress(new long[] {0, 4, 0}, 5));
        assertArrayEquals(new boolean[] {true, true, true, true, true},
                Suppression.suppress(new long[] {1, 1, 1, 1}, 3));
        assertArrayEquals(new boolean[] {false, false, false}, Suppression.suppress(new long[] {0, 0}, 3));
        assertArrayEquals(new boolean[] {false}, Suppression.suppress(new long[0], 3));
    }

    @Test
    void randomListsAreProtected() {
        long seed = Long.getLong("stats.seed", System.nanoTime());
        System.out.println("SuppressionTest.randomListsAreProtected seed " + seed + " (replay: -Dstats.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int round = 0; round < 3000; round++) {
            int threshold = 3 + random.nextInt(8);
            long[] counts = new long[1 + random.nextInt(8)];
            for (int k = 0; k < counts.length; k++) {
                counts[k] = randomCount(random, threshold, random.nextInt(4));
            }
            long[] withTotal = java.util.Arrays.copyOf(counts, counts.length + 1);
            for (long c : counts) {
                withTotal[counts.length] += c;
            }
            boolean[] hidden = Suppression.suppress(counts, threshold);
            String where = "seed " + seed + " round " + round + " threshold " + threshold;
            Checks.assertProtectedList(withTotal, hidden, threshold, where);
        }
    }

    @Test
    void randomTablesAreProtected() {
        long seed = Long.getLong("stats.seed", System.nanoTime());
        System.out.println("SuppressionTest.randomTablesAreProtected seed " + seed + " (replay: -Dstats.seed=" + seed + ")");
        Random random = new Random(seed);
        int checkedWithLowerBound = 0;
        int tables = 4000;
        for (int round = 0; round < tables; round++) {
            int threshold = 3 + random.nextInt(8);
            int mix = random.nextInt(4);
            long[][] counts = new long[1 + random.nextInt(8)][1 + random.nextInt(8)];
            for (long[] row : counts) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = randomCount(random, threshold, mix);
                }
            }
            String where = "seed " + seed + " round " + round + " threshold " + threshold;
            boolean[][] hidden = Suppression.suppress(counts, threshold);
            checkedWithLowerBound += Checks.assertProtected(Suppression.extend(counts), hidden, threshold, where)
                    ? 1 : 0;
        }
        System.out.println("  " + checkedWithLowerBound + " of " + tables
                + " tables also checked by enumerating alternative tables with hidden cells ≥ 1");
        assertTrue(checkedWithLowerBound > tables / 2, "the exhaustive check must cover most tables");
    }

    /** Mix 0: mostly large; 1: many zeros; 2: many small; 3: zeros, small and large alike. */
    private static long randomCount(Random random, int threshold, int mix) {
        double u = random.nextDouble();
        double zero = new double[] {0.05, 0.5, 0.1, 0.33}[mix];
        double small = new double[] {0.1, 0.2, 0.6, 0.33}[mix];
        if (u < zero) {
            return 0;
        }
        if (u < zero + small) {
            return 1 + random.nextInt(threshold + 1); // around the threshold, both sides
        }
        return threshold + random.nextInt(200);
    }

    @Test
    void aTypicalTableKeepsMostOfItsCells() {
        // 10 areas × 8 categories of incidents, counts 15–120, with 4 small cells (1, 2, 2, 4) at threshold 5
        Random random = new Random(42);
        long[][] counts = new long[10][8];
        for (long[] row : counts) {
            for (int j = 0; j < 8; j++) {
                row[j] = 15 + random.nextInt(106);
            }
        }
        counts[0][3] = 1;
        counts[4][1] = 2;
        counts[7][6] = 2;
        counts[9][0] = 4;
        boolean[][] hidden = Suppression.suppress(counts, 5);
        int total = countHidden(hidden);
        System.out.println("typical 10×8 table, 4 small cells: " + total + " of 99 cells hidden");
        assertTrue(total >= 8 && total <= 16, "4 primary cells need a few partners, not " + total);
        for (int i = 0; i <= 10; i++) {
            assertFalse(hidden[i][8], "no row total is needed");
        }
        Checks.assertProtected(Suppression.extend(counts), hidden, 5, "typical");
    }

    @Test
    void aLargeTableStaysFast() {
        // the largest table the pages show: 100 areas × 30 categories, 1 cell in 10 small
        Random random = new Random(7);
        long[][] counts = new long[100][30];
        for (long[] row : counts) {
            for (int j = 0; j < 30; j++) {
                row[j] = random.nextInt(10) == 0 ? 1 + random.nextInt(4) : random.nextInt(5) == 0 ? 0
                        : 5 + random.nextInt(300);
            }
        }
        Suppression.suppress(counts, 5); // warm-up
        long start = System.nanoTime();
        boolean[][] hidden = Suppression.suppress(counts, 5);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("100×30 table: " + countHidden(hidden) + " of 3131 cells hidden in " + millis + " ms");
        assertTrue(millis < 2000, millis + " ms");
        assertTrue(countHidden(hidden) < 3131 / 2);
    }

    private static int countHidden(boolean[][] hidden) {
        int n = 0;
        for (boolean[] row : hidden) {
            for (boolean h : row) {
                n += h ? 1 : 0;
            }
        }
        return n;
    }

    /**
     * The checks, built on the table's equations and exact integer elimination only, not on the graph reasoning
     * the suppression uses.
     */
    static final class Checks {

        private Checks() {
        }

        /**
         * (a) every extended cell 1..threshold − 1 is hidden; (c) no zero is hidden; (b) no hidden cell is
         * determined by the linear equations (its unit vector is outside the row space of the constraint matrix
         * restricted to the hidden cells); (d) when the null space is small enough to enumerate (at most 8 free
         * unknowns), every hidden cell differs in some other table with the same published cells and every hidden
         * cell ≥ 1, found among the moves whose free coordinates are −1, 0 or 1. Returns whether (d) ran.
         */
        static boolean assertProtected(long[][] table, boolean[][] hidden, int threshold, String where) {
            int rows = table.length;
            int columns = table[0].length;
            List<int[]> unknowns = new ArrayList<>();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < columns; j++) {
                    long v = table[i][j];
                    assertTrue(!(v >= 1 && v < threshold) || hidden[i][j], where + ": small cell " + i + "," + j);
                    assertTrue(v > 0 || !hidden[i][j], where + ": hidden zero " + i + "," + j);
                    if (hidden[i][j]) {
                        unknowns.add(new int[] {i, j});
                    }
                }
            }
            // each row i: Σ_{j < C} x_ij − x_iC = 0; each column j: Σ_{i < R} x_ij − x_Rj = 0 (totals included)
            long[][] system = new long[rows + columns][unknowns.size()];
            for (int u = 0; u < unknowns.size(); u++) {
                int i = unknowns.get(u)[0];
                int j = unknowns.get(u)[1];
                system[i][u] = j == columns - 1 ? -1 : 1;
                system[rows + j][u] = i == rows - 1 ? -1 : 1;
            }
            Reduced reduced = Reduced.of(system);
            for (int u = 0; u < unknowns.size(); u++) {
                assertFalse(reduced.determines(u), where + ": hidden cell " + unknowns.get(u)[0] + ","
                        + unknowns.get(u)[1] + " = " + table[unknowns.get(u)[0]][unknowns.get(u)[1]]
                        + " follows from the published cells");
            }
            if (reduced.free().size() > 8) {
                return false;
            }
            long[] values = new long[unknowns.size()];
            for (int u = 0; u < values.length; u++) {
                values[u] = table[unknowns.get(u)[0]][unknowns.get(u)[1]];
            }
            boolean[] moves = reduced.cellsThatCanMove(values, 1);
            for (int u = 0; u < values.length; u++) {
                assertTrue(moves[u], where + ": knowing hidden cells are ≥ 1, cell " + unknowns.get(u)[0] + ","
                        + unknowns.get(u)[1] + " = " + values[u] + " is known");
            }
            return true;
        }

        /** The same checks for a list with its total (last): one equation. */
        static void assertProtectedList(long[] values, boolean[] hidden, int threshold, String where) {
            List<Integer> unknowns = new ArrayList<>();
            for (int k = 0; k < values.length; k++) {
                long v = values[k];
                assertTrue(!(v >= 1 && v < threshold) || hidden[k], where + ": small cell " + k);
                assertTrue(v > 0 || !hidden[k], where + ": hidden zero " + k);
                if (hidden[k]) {
                    unknowns.add(k);
                }
            }
            long[][] system = new long[1][unknowns.size()];
            long[] hiddenValues = new long[unknowns.size()];
            for (int u = 0; u < unknowns.size(); u++) {
                system[0][u] = unknowns.get(u) == values.length - 1 ? -1 : 1;
                hiddenValues[u] = values[unknowns.get(u)];
            }
            Reduced reduced = Reduced.of(system);
            boolean[] moves = reduced.cellsThatCanMove(hiddenValues, 1);
            for (int u = 0; u < hiddenValues.length; u++) {
                assertFalse(reduced.determines(u), where + ": cell " + unknowns.get(u) + " follows from the total");
                assertTrue(moves[u], where + ": knowing hidden cells are ≥ 1, cell " + unknowns.get(u) + " is known");
            }
        }
    }

    /** A matrix brought to reduced row echelon form by exact integer (fraction-free) elimination. */
    record Reduced(long[][] rows, int[] pivotColumn, List<Integer> free, int columns) {

        static Reduced of(long[][] matrix) {
            long[][] m = new long[matrix.length][];
            for (int r = 0; r < matrix.length; r++) {
                m[r] = matrix[r].clone();
            }
            int columns = matrix.length == 0 ? 0 : matrix[0].length;
            int rank = 0;
            List<Integer> pivots = new ArrayList<>();
            List<Integer> free = new ArrayList<>();
            for (int c = 0; c < columns; c++) {
                int pivot = -1;
                for (int r = rank; r < m.length; r++) {
                    if (m[r][c] != 0) {
                        pivot = r;
                        break;
                    }
                }
                if (pivot < 0) {
                    free.add(c);
                    continue;
                }
                long[] swap = m[rank];
                m[rank] = m[pivot];
                m[pivot] = swap;
                for (int r = 0; r < m.length; r++) {
                    if (r != rank && m[r][c] != 0) {
                        long a = m[r][c];
                        long p = m[rank][c];
                        for (int k = 0; k < columns; k++) {
                            m[r][k] = Math.subtractExact(Math.multiplyExact(m[r][k], p),
                                    Math.multiplyExact(m[rank][k], a));
                        }
                        normalise(m[r]);
                    }
                }
                pivots.add(c);
                rank++;
            }
            long[][] kept = new long[rank][];
            System.arraycopy(m, 0, kept, 0, rank);
            return new Reduced(kept, pivots.stream().mapToInt(Integer::intValue).toArray(), free, columns);
        }

        private static void normalise(long[] row) {
            long g = 0;
            for (long x : row) {
                g = gcd(g, Math.abs(x));
            }
            if (g > 1) {
                for (int k = 0; k < row.length; k++) {
                    row[k] /= g;
                }
            }
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }

        /** Whether unknown u is fixed: its unit vector is in the row space, i.e. a reduced row is a multiple of it. */
        boolean determines(int u) {
            for (int r = 0; r < rows.length; r++) {
                if (pivotColumn[r] == u) {
                    for (int k = 0; k < columns; k++) {
                        if (k != u && rows[r][k] != 0) {
                            return false;
                        }
                    }
                    return true;
                }
            }
            return false;
        }

        /**
         * For every null-space vector d whose free coordinates are in {−1, 0, 1} and whose pivot coordinates come
         * out whole, with values + d ≥ lowest everywhere: marks the unknowns d changes.
         */
        boolean[] cellsThatCanMove(long[] values, long lowest) {
            boolean[] moves = new boolean[columns];
            int f = free.size();
            int combinations = (int) Math.pow(3, f);
            long[] d = new long[columns];
            for (int code = 0; code < combinations; code++) {
                java.util.Arrays.fill(d, 0);
                int rest = code;
                for (int q = 0; q < f; q++) {
                    d[free.get(q)] = rest % 3 - 1;
                    rest /= 3;
                }
                if (!completes(d) || !stays(values, d, lowest)) {
                    continue;
                }
                for (int k = 0; k < columns; k++) {
                    moves[k] |= d[k] != 0;
                }
            }
            return moves;
        }

        private boolean completes(long[] d) {
            for (int r = 0; r < rows.length; r++) {
                long sum = 0;
                for (int q : free) {
                    sum += rows[r][q] * d[q];
                }
                long p = rows[r][pivotColumn[r]];
                if (sum % p != 0) {
                    return false;
                }
                d[pivotColumn[r]] = -sum / p;
            }
            return true;
        }

        private static boolean stays(long[] values, long[] d, long lowest) {
            for (int k = 0; k < values.length; k++) {
                if (values[k] + d[k] < lowest) {
                    return false;
                }
            }
            return true;
        }
    }
}
