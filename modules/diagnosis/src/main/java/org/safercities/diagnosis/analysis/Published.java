package org.safercities.diagnosis.analysis;

import java.util.OptionalLong;

import org.safercities.platform.stats.Suppression;

/**
 * A {@link Table} as a reader gets it: exact for office staff on screen, with disclosure control for partner
 * viewers and for everything printed or exported. A hidden count hides its rate too (a rate and a population
 * give the count back).
 */
public final class Published {

    private final Table table;
    private final Suppression.Table published; // null = exact

    private Published(Table table, Suppression.Table published) {
        this.table = table;
        this.published = published;
    }

    public static Published exact(Table t) {
        return new Published(t, null);
    }

    public static Published suppressed(Table t, int threshold) {
        return new Published(t, Suppression.publish(t.counts(), threshold));
    }

    public Table table() {
        return table;
    }

    public boolean suppressed() {
        return published != null;
    }

    /** A cell; row = rows().size() is the column totals, column = columns().size() the row totals. */
    public OptionalLong count(int row, int column) {
        if (published != null) {
            return published.shown(row, column);
        }
        int rows = table.rows().size();
        int columns = table.columns().size();
        if (row == rows && column == columns) {
            return OptionalLong.of(table.total());
        }
        if (row == rows) {
            return OptionalLong.of(table.columnTotal(column));
        }
        if (column == columns) {
            return OptionalLong.of(table.rowTotal(row));
        }
        return OptionalLong.of(table.counts()[row][column]);
    }

    /** The rate per 100 000 of a row's total (row = rows().size(): of everything); NaN when unknown or hidden. */
    public double rowRate(int row) {
        OptionalLong n = count(row, table.columns().size());
        if (n.isEmpty()) {
            return Double.NaN;
        }
        double py = row == table.rows().size() ? table.totalPersonYears() : table.rowPersonYears()[row];
        return Table.rate(n.getAsLong(), py);
    }

    /** The rate of one cell (a sex column); NaN when unknown or hidden. */
    public double cellRate(int row, int column) {
        OptionalLong n = count(row, column);
        return n.isEmpty() ? Double.NaN : Table.rate(n.getAsLong(), table.personYears()[row][column]);
    }
}
