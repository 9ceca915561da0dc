package org.safercities.diagnosis.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.PlatformServices;

/**
 * A power cut in the middle of an import: the rows Derby's bulk import may already have committed belong to an
 * import still marked "running". The next start removes them whole, so no half-import is ever counted.
 */
class CrashRecoveryTest {

    @Test
    void theRowsOfAnImportCutShortAreRemovedAtTheNextStartAndTheCountsStayRight() throws Exception {
        try (ImportFlow flow = ImportFlow.demo(Map.of())) {
            long before = flow.incidents().counts().total();
            PlatformServices p = flow.platform[0];
            long area = p.areas().all().stream().filter(a -> a.level() == 2).findFirst().orElseThrow().id();
            // what a cut leaves: an import marked running, with rows but no counts
            p.store().tx(c -> {
                long source;
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("INSERT INTO diagnosis_source (name, kind, created_at) VALUES ('Cut', 'police', CURRENT_TIMESTAMP)",
                            Statement.RETURN_GENERATED_KEYS);
                    try (ResultSet k = st.getGeneratedKeys()) {
                        k.next();
                        source = k.getLong(1);
                    }
                    st.executeUpdate("INSERT INTO diagnosis_import (source_id, file_name, status, started_by, started_at) VALUES ("
                            + source + ", 'cut.csv', 'running', 'analyst', CURRENT_TIMESTAMP)", Statement.RETURN_GENERATED_KEYS);
                    long importId;
                    try (ResultSet k = st.getGeneratedKeys()) {
                        k.next();
                        importId = k.getLong(1);
                    }
                    try (PreparedStatement ps = c.prepareStatement("""
                            INSERT INTO diagnosis_incident (source_id, import_id, fingerprint, occurred_on, date_precision,
                              iccs, sex, age_band, place_type, area_id) VALUES (?, ?, ?, '2024-01-05', 'D', '0401', 'F', 'unknown', 'street', ?)""")) {
                        for (int i = 0; i < 25; i++) {
                            ps.setLong(1, source);
                            ps.setLong(2, importId);
                            ps.setLong(3, 1000 + i);
                            ps.setLong(4, area);
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                }
                return null;
            });
            flow.kit.restart(Map.of("demo", "true"));
            IncidentService after = flow.incidents();
            assertEquals(before, after.counts().total(), "the counts never held the cut import");
            ImportRecord cut = after.imports().stream().filter(i -> i.fileName().equals("cut.csv")).findFirst().orElseThrow();
            assertEquals("failed", cut.status());
            long left = flow.platform[0].store().read(c -> {
                try (Statement st = c.createStatement();
                        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM diagnosis_incident WHERE import_id = " + cut.id())) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(0, left, "none of its rows is left");
        }
    }
}
