package org.safercities.diagnosis.incidents;

import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/** The SQL of incidents, sources, imports and their pre-computed counts: one method per query. */
final class IncidentStore {

    /** An incident's columns after its id, in the order {@link #incident(ResultSet)} reads them. */
    static final String COLUMNS = "SOURCE_ID,IMPORT_ID,FINGERPRINT,OCCURRED_ON,DATE_PRECISION,OCCURRED_MIN,ICCS,"
            + "LOCAL_CATEGORY,SEX,AGE,AGE_BAND,PLACE_TYPE,AREA_ID,LONGITUDE,LATITUDE";

    /** The columns an import's own table stores after its row number: its source and import are the table's. */
    static final String ROW_COLUMNS = "FINGERPRINT,OCCURRED_ON,DATE_PRECISION,OCCURRED_MIN,ICCS,"
            + "LOCAL_CATEGORY,SEX,AGE,AGE_BAND,PLACE_TYPE,AREA_ID,LONGITUDE,LATITUDE";

    // ---- sources

    List<Source> sources(Connection c) throws SQLException {
        List<Source> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, kind, mapping, version FROM diagnosis_source ORDER BY name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(source(rs));
            }
        }
        return out;
    }

    Optional<Source> source(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, kind, mapping, version FROM diagnosis_source WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(source(rs)) : Optional.empty();
            }
        }
    }

    Optional<Source> sourceByName(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, name, kind, mapping, version FROM diagnosis_source WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(source(rs)) : Optional.empty();
            }
        }
    }

    private static Source source(ResultSet rs) throws SQLException {
        return new Source(rs.getLong(1), rs.getString(2), rs.getString(3), Mapping.fromText(rs.getString(4)),
                rs.getInt(5));
    }

    long insertSource(Connection c, String name, String kind, Mapping mapping, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO diagnosis_source (name, kind, mapping, created_at) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.setString(2, kind);
            ps.setString(3, mapping == null ? null : mapping.toText());
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            return key(ps);
        }
    }

    void saveMapping(Connection c, long sourceId, Mapping mapping) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE diagnosis_source SET mapping = ?, version = version + 1 WHERE id = ?")) {
            ps.setString(1, mapping.toText());
            ps.setLong(2, sourceId);
            ps.executeUpdate();
        }
    }

    ValueMaps valueMaps(Connection c, long sourceId) throws SQLException {
        ValueMaps maps = new ValueMaps();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT field, local_value, code FROM diagnosis_value_map WHERE source_id = ?")) {
            ps.setLong(1, sourceId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    maps.put(rs.getString(1), rs.getString(2), rs.getString(3));
                }
            }
        }
        return maps;
    }

    void putValue(Connection c, long sourceId, String field, String local, String code) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE diagnosis_value_map SET code = ? WHERE source_id = ? AND field = ? AND local_value = ?")) {
            up.setString(1, code);
            up.setLong(2, sourceId);
            up.setString(3, field);
            up.setString(4, local);
            if (up.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO diagnosis_value_map (source_id, field, local_value, code) VALUES (?, ?, ?, ?)")) {
            ins.setLong(1, sourceId);
            ins.setString(2, field);
            ins.setString(3, local);
            ins.setString(4, code);
            ins.executeUpdate();
        }
    }

    // ---- imports

    long insertImport(Connection c, long sourceId, String fileName, String by, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO diagnosis_import (source_id, file_name, status, started_by, started_at)
                VALUES (?, ?, 'running', ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, sourceId);
            ps.setString(2, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
            ps.setString(3, by);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.executeUpdate();
            return key(ps);
        }
    }

    void finishImport(Connection c, long id, String status, int read, int added, int duplicate, int rejected,
            int areaUnknown, Instant now, String message) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE diagnosis_import SET status = ?, rows_read = ?, rows_added = ?, rows_duplicate = ?,
                  rows_rejected = ?, area_unknown = ?, finished_at = ?, message = ? WHERE id = ?""")) {
            ps.setString(1, status);
            ps.setInt(2, read);
            ps.setInt(3, added);
            ps.setInt(4, duplicate);
            ps.setInt(5, rejected);
            ps.setInt(6, areaUnknown);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setString(8, message == null || message.length() <= 500 ? message : message.substring(0, 500));
            ps.setLong(9, id);
            ps.executeUpdate();
        }
    }

    void setImportStatus(Connection c, long id, String status, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE diagnosis_import SET status = ?, finished_at = ? WHERE id = ?")) {
            ps.setString(1, status);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, id);
            ps.executeUpdate();
        }
    }

    List<ImportRecord> imports(Connection c, int limit) throws SQLException {
        List<ImportRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.id, i.source_id, s.name, i.file_name, i.status, i.rows_read, i.rows_added, i.rows_duplicate,
                  i.rows_rejected, i.area_unknown, i.started_by, i.started_at, i.finished_at, i.message
                FROM diagnosis_import i JOIN diagnosis_source s ON s.id = i.source_id
                ORDER BY i.id DESC FETCH FIRST ? ROWS ONLY""")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(importRecord(rs));
                }
            }
        }
        return out;
    }

    Optional<ImportRecord> importRecord(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.id, i.source_id, s.name, i.file_name, i.status, i.rows_read, i.rows_added, i.rows_duplicate,
                  i.rows_rejected, i.area_unknown, i.started_by, i.started_at, i.finished_at, i.message
                FROM diagnosis_import i JOIN diagnosis_source s ON s.id = i.source_id WHERE i.id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(importRecord(rs)) : Optional.empty();
            }
        }
    }

    private static ImportRecord importRecord(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(13);
        return new ImportRecord(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getString(11),
                rs.getTimestamp(12).toInstant(), finished == null ? null : finished.toInstant(), rs.getString(14));
    }

    /** Imports a crash or power cut interrupted: they never reached "done", so their counts were never added. */
    List<Long> interruptedImports(Connection c) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM diagnosis_import WHERE status = 'running'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    int deleteIncidentsOfImport(Connection c, long importId) throws SQLException {
        int removed = 0;
        if (tableExists(c, importTable(importId))) {
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM " + importTable(importId))) {
                    rs.next();
                    removed = rs.getInt(1);
                }
                st.executeUpdate("DROP TABLE " + importTable(importId));
            }
        }
        if (tableExists(c, countTable(importId))) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DROP TABLE " + countTable(importId));
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_import_area WHERE import_id = ?")) {
            ps.setLong(1, importId);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_incident WHERE import_id = ?")) {
            ps.setLong(1, importId);
            return removed + ps.executeUpdate();
        }
    }

    /** Records the areas an import's rows are placed in (see V004: the area tree's guard for imported rows). */
    void addImportAreas(Connection c, long importId, java.util.Collection<Long> areaIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO diagnosis_import_area (import_id, area_id) SELECT ?, ? FROM sysibm.sysdummy1"
                        + " WHERE NOT EXISTS (SELECT 1 FROM diagnosis_import_area WHERE import_id = ? AND area_id = ?)")) {
            for (long area : areaIds) {
                ps.setLong(1, importId);
                ps.setLong(2, area);
                ps.setLong(3, importId);
                ps.setLong(4, area);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- fingerprints and the bulk load

    /**
     * Changes whenever the source's rows do (an import loaded or undone, an incident typed in or removed), so that
     * a load can tell whether the fingerprints its check pass saw are still the source's.
     */
    String knownRowsVersion(Connection c, long sourceId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT (SELECT COUNT(*) FROM diagnosis_import WHERE source_id = ? AND status = 'done'),
                       (SELECT COALESCE(MAX(id), 0) FROM diagnosis_import WHERE source_id = ? AND status = 'done'),
                       (SELECT COUNT(*) FROM diagnosis_incident WHERE source_id = ?),
                       (SELECT COALESCE(MAX(id), 0) FROM diagnosis_incident WHERE source_id = ?)
                  FROM sysibm.sysdummy1""")) {
            for (int i = 1; i <= 4; i++) {
                ps.setLong(i, sourceId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) + "/" + rs.getLong(2) + "/" + rs.getLong(3) + "/" + rs.getLong(4);
            }
        }
    }

    Fingerprints.Known fingerprints(Connection c, long sourceId) throws SQLException {
        long[] values = new long[1024];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT fingerprint FROM " + allIncidents(c, sourceId) + " WHERE source_id = ?")) {
            ps.setLong(1, sourceId);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == values.length) {
                        values = java.util.Arrays.copyOf(values, n * 2);
                    }
                    values[n++] = rs.getLong(1);
                }
            }
        }
        return new Fingerprints.Known(values, n);
    }

    /**
     * The rows of each import live in a table of their own, {@code diagnosis_inc_<import id>}, created empty in
     * the import's transaction: Derby's bulk import loads an empty table in bulk mode (indexes built once at the
     * end, rows not logged one by one), which is what makes a million rows take seconds instead of minutes in a
     * table that already holds millions. Undoing an import drops its table. Typed-in incidents stay in
     * {@code diagnosis_incident}. An imported incident's id is its import id × 2^32 + its row number; the table
     * stores only the row number, and no foreign key to the area tree ({@code diagnosis_import_area} guards it).
     */
    static String importTable(long importId) {
        return "DIAGNOSIS_INC_" + importId;
    }

    static long importOf(long incidentId) {
        return incidentId >>> 32;
    }

    static String countTable(long importId) {
        return "DIAGNOSIS_CNT_" + importId;
    }

    /**
     * Loads an import's counts (written by {@link ImportCounts}) into its own new count table, in bulk like its
     * rows: adding half a million cells one by one to a shared table took most of a million-row import.
     */
    void bulkLoadCounts(Connection c, long importId, Path file) throws SQLException {
        try (CallableStatement cs = c.prepareCall(
                "CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, 'AREA_KEY,ICCS,SEX,AGE_BAND,MONTH,N', NULL, ?, ',', '\"', 'UTF-8', 0)")) {
            cs.setString(1, countTable(importId));
            cs.setString(2, file.toAbsolutePath().toString());
            cs.execute();
        }
    }

    /**
     * Creates an import's two tables, empty. Committed before the rows and the counts load side by side (two
     * transactions each creating a table deadlock on Derby's catalogue); nothing reads them until the import is
     * done (see {@link #importTables}), and an import that fails or is cut short has them dropped. The columns
     * after {@code row_no} repeat those of {@code diagnosis_incident} (V001) with the same types: the two are read
     * together in one UNION; change both or neither.
     */
    void createImportTables(Connection c, long importId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE " + importTable(importId) + """
                     (
                      row_no         INT          NOT NULL,
                      fingerprint    BIGINT       NOT NULL,
                      occurred_on    DATE         NOT NULL,
                      date_precision CHAR(1)      NOT NULL,
                      occurred_min   SMALLINT,
                      iccs           VARCHAR(8)   NOT NULL,
                      local_category VARCHAR(200),
                      sex            CHAR(1)      NOT NULL,
                      age            SMALLINT,
                      age_band       VARCHAR(8)   NOT NULL,
                      place_type     VARCHAR(16)  NOT NULL,
                      area_id        BIGINT,
                      longitude      DOUBLE,
                      latitude       DOUBLE,
                      version        INT          NOT NULL DEFAULT 0
                    )""");
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE TABLE " + countTable(importId) + " (area_key BIGINT NOT NULL, iccs VARCHAR(8) NOT NULL,"
                    + " sex CHAR(1) NOT NULL, age_band VARCHAR(8) NOT NULL, month INT NOT NULL, n INT NOT NULL)");
        }
        compileColumnQuery(c, importId);
    }

    /**
     * Has Derby compile its stored query for a table's columns now, while the import runs alone. Both bulk loads
     * start with that query; every hundredth run of it Derby checks whether its plan is stale, and the catalogue
     * grows with every import's tables, so it is recompiled and written back to SYSSTATEMENTS. Done by one load
     * while the other reads it, the two wait on each other until Derby's lock time-out (one in about 25 imports of
     * two small files, reproduced). Invalidating and running it here makes that recompilation happen now, and it
     * restarts the count, so the two loads (a few runs each) never reach the next check.
     */
    private static void compileColumnQuery(Connection c, long importId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CALL SYSCS_UTIL.SYSCS_INVALIDATE_STORED_STATEMENTS()");
        }
        try (ResultSet rs = c.getMetaData().getColumns(null, null, importTable(importId), null)) {
            while (rs.next()) {
                // read through: the query runs (and compiles) as its rows are read
            }
        }
    }

    /** Loads a file of clean rows (written by {@link LoadFile}) into the import's own table, still empty. */
    void bulkLoad(Connection c, long importId, Path file) throws SQLException {
        try (CallableStatement cs = c.prepareCall(
                "CALL SYSCS_UTIL.SYSCS_IMPORT_DATA(NULL, ?, ?, NULL, ?, ',', '\"', 'UTF-8', 0)")) {
            cs.setString(1, importTable(importId));
            cs.setString(2, "ROW_NO," + ROW_COLUMNS);
            cs.setString(3, file.toAbsolutePath().toString());
            cs.execute();
        }
    }

    /**
     * Builds the indexes that find an imported incident by its row number and list an import newest first, once
     * the import is committed: built during Derby's import they cost a fifth of a million-row load the user waits
     * for. Until they exist, opening a single imported incident or listing them scans the import's table. False
     * when there is nothing to do.
     */
    boolean indexImport(Connection c, long importId) throws SQLException {
        if (!tableExists(c, importTable(importId))) {
            return false;
        }
        boolean built = createIndex(c, importTable(importId) + "_ROW", "UNIQUE INDEX", importId, "row_no");
        // the incident list reads each import newest first through this one (see #incidents)
        return createIndex(c, importTable(importId) + "_DATE", "INDEX", importId, "occurred_on DESC, row_no DESC") || built;
    }

    private static boolean createIndex(Connection c, String name, String kind, long importId, String columns)
            throws SQLException {
        if (indexExists(c, name)) {
            return false;
        }
        try (Statement st = c.createStatement()) {
            st.executeUpdate("CREATE " + kind + " " + name + " ON " + importTable(importId) + " (" + columns + ")");
        }
        return true;
    }

    private static boolean indexExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sys.sysconglomerates WHERE conglomeratename = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    boolean hasCountTable(Connection c, long importId) throws SQLException {
        return tableExists(c, countTable(importId));
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sys.systables WHERE tablename = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1) > 0;
            }
        }
    }

    /** The imports done whose rows have a table of their own, with their source: import id → source id. */
    java.util.Map<Long, Long> importTables(Connection c) throws SQLException {
        java.util.Set<Long> tables = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT tablename FROM sys.systables WHERE tablename LIKE 'DIAGNOSIS\\_INC\\_%' ESCAPE '\\'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tables.add(Long.parseLong(rs.getString(1).substring("DIAGNOSIS_INC_".length())));
            }
        }
        java.util.Map<Long, Long> out = new java.util.TreeMap<>();
        if (tables.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, source_id FROM diagnosis_import WHERE status = 'done'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (tables.contains(rs.getLong(1))) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Every incident, typed in or imported, as one derived table for the few queries that need them all. */
    private String allIncidents(Connection c, Long sourceId) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT id, " + COLUMNS + ", version FROM diagnosis_incident");
        for (var e : importTables(c).entrySet()) {
            if (sourceId == null || sourceId.equals(e.getValue())) {
                sql.append(" UNION ALL ").append(importRows(e.getKey(), e.getValue()));
            }
        }
        return "(" + sql + ") AS i";
    }

    /** An import's table read with the columns of {@link #COLUMNS}: its id, source and import are constants. */
    private static String importRows(long importId, long sourceId) {
        return "SELECT " + (importId << 32) + " + row_no AS id, CAST(" + sourceId + " AS BIGINT) AS source_id, CAST("
                + importId + " AS BIGINT) AS import_id, " + ROW_COLUMNS + ", version FROM " + importTable(importId);
    }

    // ---- counts

    /** Cells flushed at a time: the counts of a million incidents never sit in memory together. */
    private static final int COUNT_CHUNK = 2_000;

    /** Adds (sign 1) or removes (sign -1) the counts of one import's incidents, streaming them in chunks. */
    void addCountsOfImport(Connection c, long importId, int sign) throws SQLException {
        List<long[]> cells = new ArrayList<>(COUNT_CHUNK);
        List<String[]> keys = new ArrayList<>(COUNT_CHUNK);
        Long source = importTables(c).get(importId);
        String table = source == null ? "diagnosis_incident" : "(" + importRows(importId, source) + ") AS t";
        String cell = "COALESCE(area_id, 0), iccs, sex, age_band, YEAR(occurred_on) * 100 + MONTH(occurred_on)";
        try (PreparedStatement ps = c.prepareStatement("SELECT " + cell + ", COUNT(*) FROM " + table
                + " WHERE import_id = ? GROUP BY " + cell)) {
            ps.setLong(1, importId);
            ps.setFetchSize(COUNT_CHUNK);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    cells.add(new long[] {rs.getLong(1), rs.getInt(5), rs.getLong(6)});
                    keys.add(new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
                    if (cells.size() == COUNT_CHUNK) {
                        addCounts(c, "diagnosis_incident_count", cells, keys, sign);
                        cells.clear();
                        keys.clear();
                    }
                }
            }
        }
        if (!cells.isEmpty()) {
            addCounts(c, "diagnosis_incident_count", cells, keys, sign);
        }
        if (sign < 0) {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("DELETE FROM diagnosis_incident_count WHERE n <= 0");
            }
        }
    }

    /** One incident in or out of its count cell (typed in, corrected, deleted). */
    /**
     * Counts one incident in (delta 1) or out (-1) of the count table that holds its import's counts (the
     * import's own, or {@code diagnosis_incident_count} for typed-in incidents), so that every table's cells stay
     * whole: taking an imported incident out of the shared table made a cell of -1 there, which was dropped.
     */
    void addCount(Connection c, Long importId, IncidentRow r, int delta) throws SQLException {
        String table = importId != null && tableExists(c, countTable(importId)) ? countTable(importId)
                : "diagnosis_incident_count";
        addCounts(c, table, List.<long[]>of(new long[] {r.areaId() == null ? 0 : r.areaId(), r.month(), 1}),
                List.<String[]>of(new String[] {r.iccs(), String.valueOf(r.sex()), r.ageBand()}), delta);
        if (delta < 0) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
                    + " WHERE area_key = ? AND iccs = ? AND sex = ? AND age_band = ? AND month = ? AND n <= 0")) {
                ps.setLong(1, r.areaId() == null ? 0 : r.areaId());
                ps.setString(2, r.iccs());
                ps.setString(3, String.valueOf(r.sex()));
                ps.setString(4, r.ageBand());
                ps.setInt(5, r.month());
                ps.executeUpdate();
            }
        }
    }

    private void addCounts(Connection c, String table, List<long[]> cells, List<String[]> keys, int sign)
            throws SQLException {
        List<Integer> missing = new ArrayList<>();
        try (PreparedStatement up = c.prepareStatement("UPDATE " + table
                + " SET n = n + ? WHERE area_key = ? AND iccs = ? AND sex = ? AND age_band = ? AND month = ?")) {
            for (int i = 0; i < cells.size(); i++) {
                long[] cell = cells.get(i);
                String[] key = keys.get(i);
                up.setLong(1, sign * cell[2]);
                up.setLong(2, cell[0]);
                up.setString(3, key[0]);
                up.setString(4, key[1]);
                up.setString(5, key[2]);
                up.setInt(6, (int) cell[1]);
                up.addBatch();
            }
            int[] done = up.executeBatch();
            for (int i = 0; i < done.length; i++) {
                if (done[i] == 0) {
                    missing.add(i);
                }
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO " + table
                    + " (area_key, iccs, sex, age_band, month, n) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i : missing) {
                    long[] cell = cells.get(i);
                    String[] key = keys.get(i);
                    ins.setLong(1, cell[0]);
                    ins.setString(2, key[0]);
                    ins.setString(3, key[1]);
                    ins.setString(4, key[2]);
                    ins.setInt(5, (int) cell[1]);
                    ins.setLong(6, sign * cell[2]);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        }
    }

    /** Every count cell, in key order, for the in-memory cube. */
    void forEachCount(Connection c, CountSink sink) throws SQLException {
        List<String> tables = new ArrayList<>();
        tables.add("diagnosis_incident_count");
        for (long importId : importTables(c).keySet()) {
            if (tableExists(c, countTable(importId))) {
                tables.add(countTable(importId));
            }
        }
        // a cell may appear in several tables: every reader of the cube adds cells up, never looks one up
        for (String table : tables) {
            try (PreparedStatement ps = c.prepareStatement("SELECT area_key, iccs, sex, age_band, month, n FROM " + table);
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(rs.getLong(1), rs.getString(2), rs.getString(3).charAt(0), rs.getString(4),
                            rs.getInt(5), rs.getInt(6));
                }
            }
        }
    }

    interface CountSink {
        void accept(long areaKey, String iccs, char sex, String ageBand, int month, int n);
    }

    // ---- single incidents

    Optional<Incident> incident(Connection c, long id) throws SQLException {
        long importId = importOf(id);
        Long source = importId == 0 ? null : importTables(c).get(importId);
        if (importId != 0 && source == null) {
            return Optional.empty();
        }
        String sql = importId == 0 ? "SELECT id, " + COLUMNS + ", version FROM diagnosis_incident WHERE id = ?"
                : importRows(importId, source) + " WHERE row_no = ?";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            setKey(ps, 1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(incident(rs)) : Optional.empty();
            }
        }
    }

    /**
     * A page of incidents, newest first, optionally of one source and one area. Each import's table is read in
     * date order through its date index (no sort of a million rows) and the tables are merged here, so a page
     * reads only as many rows of each table as the page and the pages before it need.
     */
    List<Incident> incidents(Connection c, Long sourceId, Long areaId, boolean areaUnknown, int offset, int limit)
            throws SQLException {
        String where = areaUnknown ? " WHERE area_id IS NULL" : areaId != null ? " WHERE area_id = " + areaId.longValue() : "";
        List<String> queries = new ArrayList<>();
        String typed = "SELECT id, " + COLUMNS + ", version FROM diagnosis_incident" + where
                + (sourceId == null ? "" : (where.isEmpty() ? " WHERE" : " AND") + " source_id = " + sourceId.longValue());
        queries.add(typed + " ORDER BY occurred_on DESC, id DESC");
        for (var e : importTables(c).entrySet()) {
            if (sourceId == null || sourceId.equals(e.getValue())) {
                String rows = importRows(e.getKey(), e.getValue());
                String dateIndex = importTable(e.getKey()) + "_DATE";
                if (indexExists(c, dateIndex)) {
                    // Derby sorted the whole table rather than read this index backwards from the newest row
                    rows += " --DERBY-PROPERTIES index=" + dateIndex + "\n";
                }
                queries.add(rows + where + " ORDER BY occurred_on DESC, row_no DESC");
            }
        }
        Comparator<Incident> newestFirst = Comparator.comparing((Incident x) -> x.row().date()).thenComparingLong(Incident::id)
                .reversed();
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> newestFirst.compare(a.incident(), b.incident()));
            for (String q : queries) {
                PreparedStatement ps = c.prepareStatement(q + " FETCH FIRST " + (offset + limit) + " ROWS ONLY");
                statements.add(ps);
                ResultSet rs = ps.executeQuery();
                if (rs.next()) {
                    heads.add(new Head(incident(rs), rs));
                }
            }
            List<Incident> out = new ArrayList<>();
            for (int n = 0; n < offset + limit && !heads.isEmpty(); n++) {
                Head head = heads.poll();
                if (n >= offset) {
                    out.add(head.incident());
                }
                if (head.rows().next()) {
                    heads.add(new Head(incident(head.rows()), head.rows()));
                }
            }
            return out;
        } finally {
            for (PreparedStatement ps : statements) {
                ps.close();
            }
        }
    }

    /** A table's newest incident not yet on the page, and the rest of that table's rows. */
    private record Head(Incident incident, ResultSet rows) {
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        long id = rs.getLong(1);
        long source = rs.getLong(2);
        long imp = rs.getLong(3);
        Long importId = rs.wasNull() ? null : imp;
        IncidentRow row = new IncidentRow(rs.getLong(4), rs.getDate(5).toLocalDate(), rs.getString(6).charAt(0),
                integer(rs, 7), rs.getString(8), rs.getString(9), rs.getString(10).charAt(0), integer(rs, 11),
                rs.getString(12), rs.getString(13), longOrNull(rs, 14), doubleOrNull(rs, 15), doubleOrNull(rs, 16));
        return new Incident(id, source, importId, row, rs.getInt(17));
    }

    long insertIncident(Connection c, long sourceId, IncidentRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis_incident (" + COLUMNS
                + ") VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, sourceId);
            ps.setLong(2, r.fingerprint());
            setRow(ps, 3, r);
            ps.executeUpdate();
            return key(ps);
        }
    }

    private static String tableOf(long incidentId) {
        return importOf(incidentId) == 0 ? "diagnosis_incident" : importTable(importOf(incidentId));
    }

    /** The row's key in its table: the id of a typed-in incident, the row number of an imported one. */
    private static String keyOf(long incidentId) {
        return importOf(incidentId) == 0 ? "id" : "row_no";
    }

    private static void setKey(PreparedStatement ps, int i, long incidentId) throws SQLException {
        if (importOf(incidentId) == 0) {
            ps.setLong(i, incidentId);
        } else {
            ps.setInt(i, (int) (incidentId & 0xFFFF_FFFFL));
        }
    }

    boolean updateIncident(Connection c, long id, int version, IncidentRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + tableOf(id) + """
                 SET occurred_on = ?, date_precision = ?, occurred_min = ?, iccs = ?,
                  local_category = ?, sex = ?, age = ?, age_band = ?, place_type = ?, area_id = ?, longitude = ?,
                  latitude = ?, version = version + 1
                WHERE\s""" + keyOf(id) + " = ? AND version = ?")) {
            setRow(ps, 1, r);
            setKey(ps, 13, id);
            ps.setInt(14, version);
            return ps.executeUpdate() == 1;
        }
    }

    boolean deleteIncident(Connection c, long id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + tableOf(id) + " WHERE " + keyOf(id)
                + " = ? AND version = ?")) {
            setKey(ps, 1, id);
            ps.setInt(2, version);
            return ps.executeUpdate() == 1;
        }
    }

    private static void setRow(PreparedStatement ps, int i, IncidentRow r) throws SQLException {
        ps.setDate(i, Date.valueOf(r.date()));
        ps.setString(i + 1, String.valueOf(r.precision()));
        setInt(ps, i + 2, r.minute());
        ps.setString(i + 3, r.iccs());
        ps.setString(i + 4, r.localCategory());
        ps.setString(i + 5, String.valueOf(r.sex()));
        setInt(ps, i + 6, r.age());
        ps.setString(i + 7, r.ageBand());
        ps.setString(i + 8, r.place());
        if (r.areaId() == null) {
            ps.setNull(i + 9, Types.BIGINT);
        } else {
            ps.setLong(i + 9, r.areaId());
        }
        setDouble(ps, i + 10, r.longitude());
        setDouble(ps, i + 11, r.latitude());
    }

    long countIncidents(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + allIncidents(c, null));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Per source: kind, incidents, first and last date, last import (for "sources and dates of the data"). */
    List<SourceSummary> sourceSummaries(Connection c) throws SQLException {
        java.util.Map<Long, Instant> imported = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT source_id, MAX(finished_at) FROM diagnosis_import WHERE status = 'done' GROUP BY source_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                imported.put(rs.getLong(1), rs.getTimestamp(2).toInstant());
            }
        }
        List<SourceSummary> out = new ArrayList<>();
        // (a text block would drop the space after JOIN: trailing blanks of its lines are stripped)
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT s.id, s.name, s.kind, COUNT(i.id), MIN(i.occurred_on), MAX(i.occurred_on)"
                + " FROM diagnosis_source s LEFT JOIN " + allIncidents(c, null) + " ON i.source_id = s.id"
                + " GROUP BY s.id, s.name, s.kind ORDER BY s.name");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Date first = rs.getDate(5);
                Date last = rs.getDate(6);
                out.add(new SourceSummary(rs.getString(2), rs.getString(3), rs.getLong(4),
                        first == null ? null : first.toLocalDate(), last == null ? null : last.toLocalDate(),
                        imported.get(rs.getLong(1))));
            }
        }
        return out;
    }

    // ---- helpers

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.getGeneratedKeys()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Integer integer(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
