package org.safercities.platform.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * Disclosure control for a two-way table of counts published with its row, column and grand totals: primary
 * suppression of every count from 1 to threshold − 1 (margins included), and secondary suppression of enough
 * other non-zero cells that no hidden value can be worked out from the totals.
 *
 * <h2>Why a hidden cell cannot be worked out</h2>
 * Think of the extended table as a bipartite graph: one vertex per row (the totals row included), one per column
 * (the totals column included), one edge per hidden cell. Each row and each column is an additive equation. A
 * hidden cell that lies on no cycle of that graph (a bridge) is determined by the equations; a hidden cell on a
 * cycle is not, because adding +1 and −1 alternately round the cycle keeps every published total. (For a totals
 * cell the sign flips: raising an inner cell raises its row total, so "+1 −1 round the cycle" is read with the
 * totals' sign turned over; see {@link #change}.)
 *
 * <p>Zeros are never hidden (0 is not sensitive, and hiding it would cost information for nothing), so a reader
 * who knows these rules knows that every hidden cell is at least 1. A cycle is therefore only accepted as cover
 * if the move along it keeps every hidden cell at 1 or more: the cells it lowers must be 2 or more. This is
 * stricter than "no bridge": a 2 × 2 block of hidden 1s is a cycle, yet with the ≥ 1 rule its values are known.
 * Every hidden cell ends on such a cycle, so for every hidden cell there is another table, with the same
 * published cells and all its hidden cells ≥ 1, in which that cell differs by 1.
 *
 * <h2>How secondary cells are chosen</h2>
 * For each primary cell, the cheapest cover cycle is searched (Dijkstra from the cell's column back to its row,
 * in both directions of the move): already hidden cells cost nothing, a published non-zero cell costs its value
 * (so small cells and cells next to hidden ones are preferred, big totals only when needed). The cells of that
 * cycle are hidden; they are then covered too, and hiding more never uncovers a cell, so one pass suffices. Cost:
 * one search of O((rows + columns)² + cells) per primary cell, i.e. about O(cells × hidden).
 *
 * <p>A cover cycle always exists: for an inner cell (i, j) ≥ 1 the cycle "cell, its column total, the grand
 * total, its row total" raises all four at once (all four are ≥ 1), and a totals cell ≥ 1 lies on such a cycle of
 * one of its non-zero inner cells. The fallback (hide every non-zero cell, which is safe by that same argument) is
 * therefore never expected to run; it is there so that a bug cannot publish a determinable cell.
 */
public final class Suppression {

    private Suppression() {
    }

    /** A table ready to publish: the extended table (margins last) and which of its cells are hidden. */
    public record Table(long[][] extended, boolean[][] hidden) {

        /** The cell to show, or empty when it is hidden; row/column = number of inner rows/columns is the total. */
        public OptionalLong shown(int row, int column) {
            return hidden[row][column] ? OptionalLong.empty() : OptionalLong.of(extended[row][column]);
        }
    }

    /** Suppresses and applies: the extended table with the cells to hide. */
    public static Table publish(long[][] counts, int threshold) {
        return new Table(extend(counts), suppress(counts, threshold));
    }

    /**
     * A list of counts published with its total: the cells to show (empty = hidden), the total last. Primary: every
     * value 1..threshold − 1, total included. Secondary: with hidden values all ≥ 1 and their sum known, a hidden
     * cell can move only if another hidden cell moves against it, so at least two cells must be hidden and, unless
     * the total is hidden (then a cell and the total rise together), one of them must be 2 or more; the smallest
     * published non-zero count is added, or the total when no count is left.
     */
    public static OptionalLong[] publish(long[] counts, int threshold) {
        boolean[] hidden = suppress(counts, threshold);
        long[] values = Arrays.copyOf(counts, counts.length + 1);
        values[counts.length] = total(counts);
        OptionalLong[] shown = new OptionalLong[values.length];
        for (int k = 0; k < values.length; k++) {
            shown[k] = hidden[k] ? OptionalLong.empty() : OptionalLong.of(values[k]);
        }
        return shown;
    }

    /** Which cells of a list extended by its total (last) to hide; see {@link #publish(long[], int)}. */
    public static boolean[] suppress(long[] counts, int threshold) {
        checkThreshold(threshold);
        long[] values = Arrays.copyOf(counts, counts.length + 1);
        values[counts.length] = total(counts);
        boolean[] hidden = new boolean[values.length];
        int count = 0;
        boolean roomToMove = false;
        for (int k = 0; k < values.length; k++) {
            hidden[k] = sensitive(values[k], threshold);
            count += hidden[k] ? 1 : 0;
            roomToMove |= hidden[k] && (values[k] >= 2 || k == counts.length);
        }
        if (count == 0 || count >= 2 && roomToMove) {
            return hidden;
        }
        int smallest = -1;
        for (int k = 0; k < counts.length; k++) {
            if (!hidden[k] && counts[k] > 0 && (smallest < 0 || counts[k] < counts[smallest])) {
                smallest = k;
            }
        }
        hidden[smallest >= 0 ? smallest : counts.length] = true;
        return hidden;
    }

    /**
     * @param counts    the inner table, rows × columns, counts ≥ 0
     * @param threshold smallest count shown (3–10)
     * @return which cells to hide in the table extended by its margins: [rows + 1][columns + 1], the last row
     *         and column being the totals
     */
    public static boolean[][] suppress(long[][] counts, int threshold) {
        checkThreshold(threshold);
        long[][] table = extend(counts);
        boolean[][] hidden = new boolean[table.length][table[0].length];
        List<int[]> primary = new ArrayList<>();
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < table[i].length; j++) {
                if (sensitive(table[i][j], threshold)) {
                    hidden[i][j] = true;
                    primary.add(new int[] {i, j});
                }
            }
        }
        for (int[] cell : primary) {
            if (!cover(table, hidden, cell[0], cell[1])) {
                hideAllNonZero(table, hidden);
                break;
            }
        }
        return hidden;
    }

    private static boolean sensitive(long value, int threshold) {
        return value >= 1 && value < threshold;
    }

    private static void checkThreshold(int threshold) {
        if (threshold < 3 || threshold > 10) {
            throw new IllegalArgumentException("the suppression threshold must be 3 to 10: " + threshold);
        }
    }

    private static long total(long[] counts) {
        long sum = 0;
        for (long c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("counts cannot be negative: " + c);
            }
            sum = Math.addExact(sum, c);
        }
        return sum;
    }

    /** The table with its row totals (last column), column totals (last row) and grand total. */
    static long[][] extend(long[][] counts) {
        if (counts.length == 0 || counts[0].length == 0) {
            throw new IllegalArgumentException("a table needs at least one row and one column");
        }
        int rows = counts.length;
        int columns = counts[0].length;
        long[][] table = new long[rows + 1][columns + 1];
        for (int i = 0; i < rows; i++) {
            if (counts[i].length != columns) {
                throw new IllegalArgumentException("row " + i + " has " + counts[i].length + " columns, not " + columns);
            }
            for (int j = 0; j < columns; j++) {
                long c = counts[i][j];
                if (c < 0) {
                    throw new IllegalArgumentException("counts cannot be negative: " + c);
                }
                table[i][j] = c;
                table[i][columns] = Math.addExact(table[i][columns], c);
                table[rows][j] = Math.addExact(table[rows][j], c);
                table[rows][columns] = Math.addExact(table[rows][columns], c);
            }
        }
        return table;
    }

    /** Puts hidden cell (i, j) on a cover cycle, hiding the cheapest published cells needed; false if none. */
    private static boolean cover(long[][] table, boolean[][] hidden, int i, int j) {
        int[][] best = null;
        long bestCost = Long.MAX_VALUE;
        for (int direction : new int[] {1, -1}) {
            if (change(table, i, j, direction, true) < 0 && table[i][j] < 2) {
                continue; // this direction would lower the cell itself below 1
            }
            long[] cost = new long[1];
            int[][] path = cheapestReturn(table, hidden, i, j, direction, cost);
            if (path != null && cost[0] < bestCost) {
                best = path;
                bestCost = cost[0];
            }
        }
        if (best == null) {
            return false;
        }
        for (int[] cell : best) {
            hidden[cell[0]][cell[1]] = true;
        }
        return true;
    }

    /**
     * The change (+1 or −1) of cell (r, c) when a move in the given direction goes through it from row to column
     * (rowToColumn) or back. Round a cycle the edges alternate; totals cells (but not the grand total) enter their
     * equations with the opposite sign of inner cells, which flips their change.
     */
    static int change(long[][] table, int r, int c, int direction, boolean rowToColumn) {
        boolean rowTotal = c == table[0].length - 1;
        boolean columnTotal = r == table.length - 1;
        int sign = rowTotal == columnTotal ? 1 : -1;
        return direction * sign * (rowToColumn ? 1 : -1);
    }

    /**
     * Dijkstra from column j back to row i without using cell (i, j): vertices 0..R are rows, R+1.. are columns.
     * Returns the cells of the path (null if none) and its cost (sum of the values of published cells on it).
     */
    private static int[][] cheapestReturn(long[][] table, boolean[][] hidden, int i, int j, int direction,
                                          long[] costOut) {
        int rows = table.length;
        int vertices = rows + table[0].length;
        long[] distance = new long[vertices];
        int[] previous = new int[vertices];
        boolean[] done = new boolean[vertices];
        Arrays.fill(distance, Long.MAX_VALUE);
        Arrays.fill(previous, -1);
        int start = rows + j;
        distance[start] = 0;
        while (true) {
            int v = -1;
            for (int u = 0; u < vertices; u++) {
                if (!done[u] && distance[u] != Long.MAX_VALUE && (v < 0 || distance[u] < distance[v])) {
                    v = u;
                }
            }
            if (v < 0) {
                return null;
            }
            if (v == i) {
                break;
            }
            done[v] = true;
            boolean fromRow = v < rows;
            int others = fromRow ? table[0].length : rows;
            for (int o = 0; o < others; o++) {
                int r = fromRow ? v : o;
                int c = fromRow ? o : v - rows;
                int w = fromRow ? rows + o : o;
                long value = table[r][c];
                if (done[w] || value == 0 || r == i && c == j
                        || change(table, r, c, direction, fromRow) < 0 && value < 2) {
                    continue;
                }
                long step = hidden[r][c] ? 0 : value;
                long d = distance[v] + step < 0 ? Long.MAX_VALUE - 1 : distance[v] + step;
                if (d < distance[w]) {
                    distance[w] = d;
                    previous[w] = v;
                }
            }
        }
        costOut[0] = distance[i];
        List<int[]> cells = new ArrayList<>();
        for (int v = i; v != start; v = previous[v]) {
            int p = previous[v];
            cells.add(v < rows ? new int[] {v, p - rows} : new int[] {p, v - rows});
        }
        return cells.toArray(new int[0][]);
    }

    private static void hideAllNonZero(long[][] table, boolean[][] hidden) {
        for (int r = 0; r < table.length; r++) {
            for (int c = 0; c < table[r].length; c++) {
                hidden[r][c] |= table[r][c] > 0;
            }
        }
    }
}
