package org.safercities.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongFunction;

import org.safercities.platform.links.DiagnosisFigures.IncidentCell;
import org.safercities.platform.stats.Suppression;

/**
 * One year's incidents as the export publishes them: areas (rows, "unknown" for incidents without an area) by ICCS
 * code × victim sex (columns), with row, column and grand totals, small counts hidden by the platform's
 * {@link Suppression} (primary and secondary). Age bands are summed over: the export does not cross four ways.
 * Zero inner cells are left out (a reader knows an absent cell is 0); totals are always listed.
 */
final class IncidentTable {

    /** A published cell: area code, "unknown" or "*" (total); ICCS or "*"; sex or "*"; count null when hidden. */
    record Cell(int year, String area, String iccs, String sex, Long count) {
    }

    private IncidentTable() {
    }

    static List<Cell> publish(int year, List<IncidentCell> cells, LongFunction<String> areaCode, int threshold) {
        Map<String, Map<String, Long>> byRow = new TreeMap<>();
        TreeSet<String> columns = new TreeSet<>();
        for (IncidentCell c : cells) {
            String row = c.areaId() == null ? "unknown" : areaCode.apply(c.areaId());
            String column = c.iccs() + "|" + c.sex();
            columns.add(column);
            byRow.computeIfAbsent(row, k -> new TreeMap<>()).merge(column, c.count(), Long::sum);
        }
        List<Cell> out = new ArrayList<>();
        if (byRow.isEmpty()) {
            return out;
        }
        List<String> rows = List.copyOf(byRow.keySet());
        List<String> cols = List.copyOf(columns);
        long[][] counts = new long[rows.size()][cols.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                counts[i][j] = byRow.get(rows.get(i)).getOrDefault(cols.get(j), 0L);
            }
        }
        Suppression.Table t = Suppression.publish(counts, threshold);
        for (int i = 0; i <= rows.size(); i++) {
            for (int j = 0; j <= cols.size(); j++) {
                boolean total = i == rows.size() || j == cols.size();
                long value = t.extended()[i][j];
                if (value == 0 && !total) {
                    continue;
                }
                String area = i == rows.size() ? "*" : rows.get(i);
                String[] col = j == cols.size() ? new String[] {"*", "*"} : cols.get(j).split("\\|");
                out.add(new Cell(year, area, col[0], col[1], t.hidden()[i][j] ? null : value));
            }
        }
        return out;
    }
}
