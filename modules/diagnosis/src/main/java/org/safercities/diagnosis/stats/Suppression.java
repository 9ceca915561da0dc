package org.safercities.diagnosis.stats;

/**
 * Disclosure control for a two-way table of counts published with its row, column and grand totals: primary
 * suppression of every count from 1 to threshold − 1 (margins included), and secondary suppression of enough
 * other non-zero cells that no hidden value can be worked out from the totals.
 */
public final class Suppression {

    private Suppression() {
    }

    /**
     * @param counts    the inner table, rows × columns, counts ≥ 0
     * @param threshold smallest count shown (3–10)
     * @return which cells to hide in the table extended by its margins: [rows + 1][columns + 1], the last row
     *         and column being the totals
     */
    public static boolean[][] suppress(long[][] counts, int threshold) {
        throw new UnsupportedOperationException("filled in by the stats work");
    }
}
