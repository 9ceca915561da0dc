package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.platform.links.DiagnosisFigures.IncidentCell;

/** The export's incident table: small counts hidden with enough others that no hidden one can be worked out. */
class IncidentTableTest {

    @Test
    void aSmallCountIsHiddenAndCoveredSoThatTotalsDoNotGiveItAway() {
        List<IncidentCell> cells = List.of(
                new IncidentCell(1L, "0101", "F", "18-24", 2), new IncidentCell(1L, "0101", "F", "25-34", 1),
                new IncidentCell(1L, "0101", "M", "18-24", 40), new IncidentCell(2L, "0101", "F", "18-24", 30),
                new IncidentCell(2L, "0101", "M", "18-24", 25), new IncidentCell(null, "0101", "M", "unknown", 12));
        List<IncidentTable.Cell> out = IncidentTable.publish(2025, cells, id -> "W0" + id, 5);
        IncidentTable.Cell w1f = find(out, "W01", "0101", "F");
        assertNull(w1f.count(), "3 (two age bands summed) is below 5");
        long hidden = out.stream().filter(c -> c.count() == null).count();
        assertTrue(hidden >= 4, "a hidden cell needs a cycle of hidden cells to stay unknown: " + out);
        assertEquals(110L, find(out, "*", "*", "*").count(), "the grand total is large and shown");
        assertEquals(12L, find(out, "unknown", "0101", "M").count());
        // no published row can be completed: in each row with a hidden cell, at least two are hidden
        for (String area : List.of("W01", "W02", "unknown", "*")) {
            long inRow = out.stream().filter(c -> c.area().equals(area) && c.count() == null).count();
            assertTrue(inRow == 0 || inRow >= 2, area + " " + out);
        }
    }

    private static IncidentTable.Cell find(List<IncidentTable.Cell> cells, String area, String iccs, String sex) {
        return cells.stream().filter(c -> c.area().equals(area) && c.iccs().equals(iccs) && c.sex().equals(sex))
                .findFirst().orElseThrow(() -> new AssertionError(area + iccs + sex + " missing in " + cells));
    }
}
