package org.safercities.diagnosis.surveys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.safercities.crypto.Secrets;

/** The survey tables (V003__create_survey.sql). Methods take the caller's connection: the service owns transactions. */
final class SurveyStore {

    /** The office secret, created on first use from 32 random bytes. */
    static String secret(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT secret FROM diagnosis_survey_secret")) {
            if (rs.next()) {
                return rs.getString(1);
            }
        }
        String secret = Secrets.token(32);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis_survey_secret (id, secret) VALUES (1, ?)")) {
            ps.setString(1, secret);
            ps.executeUpdate();
        }
        return secret;
    }

    /** Rows of diagnosis_survey_question: built-in ones carry only the office's missing codes. */
    static List<Question> questionRows(Connection c) throws SQLException {
        List<Question> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT code, builtin, multiple, choices, missing_codes FROM diagnosis_survey_question ORDER BY position, code")) {
            while (rs.next()) {
                out.add(new Question(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), split(rs.getString(4)),
                        split(rs.getString(5))));
            }
        }
        return out;
    }

    static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split("\\|"));
    }

    static void insertLocal(Connection c, Question q) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis_survey_question (code, builtin, multiple, "
                + "choices, missing_codes, position) VALUES (?, FALSE, ?, ?, ?, (SELECT COALESCE(MAX(position), 0) + 1 "
                + "FROM diagnosis_survey_question))")) {
            ps.setString(1, q.code());
            ps.setBoolean(2, q.multiple());
            ps.setString(3, String.join("|", q.choices()));
            ps.setString(4, String.join("|", q.missingCodes()));
            ps.executeUpdate();
        }
    }

    static void setMissing(Connection c, String code, boolean builtin, List<String> missing) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE diagnosis_survey_question SET missing_codes = ? WHERE code = ?")) {
            ps.setString(1, String.join("|", missing));
            ps.setString(2, code);
            if (ps.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO diagnosis_survey_question (code, builtin, missing_codes) VALUES (?, ?, ?)")) {
            ps.setString(1, code);
            ps.setBoolean(2, builtin);
            ps.setString(3, String.join("|", missing));
            ps.executeUpdate();
        }
    }

    /** The office's wording: "question|choice|lang" → text (choice "" for the question). */
    static Map<String, String> texts(Connection c) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT question_code, choice_code, lang, text FROM diagnosis_survey_text")) {
            while (rs.next()) {
                out.put(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), rs.getString(4));
            }
        }
        return out;
    }

    static void putText(Connection c, String question, String choice, String lang, String text) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM diagnosis_survey_text WHERE question_code = ? AND choice_code = ? AND lang = ?")) {
            ps.setString(1, question);
            ps.setString(2, choice);
            ps.setString(3, lang);
            ps.executeUpdate();
        }
        if (text.isBlank()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO diagnosis_survey_text (question_code, choice_code, lang, text) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, question);
            ps.setString(2, choice);
            ps.setString(3, lang);
            ps.setString(4, text.strip());
            ps.executeUpdate();
        }
    }

    static boolean keyExists(Connection c, String keyHmac) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM diagnosis_survey_respondent WHERE key_hmac = ?")) {
            ps.setString(1, keyHmac);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Which of these pseudonyms are stored already: one query for a whole batch of rows, not one per row. */
    static Set<String> existingKeys(Connection c, List<String> keyHmacs) throws SQLException {
        Set<String> out = new java.util.HashSet<>();
        for (int from = 0; from < keyHmacs.size(); from += KEY_LOOKUP) {
            List<String> part = keyHmacs.subList(from, Math.min(keyHmacs.size(), from + KEY_LOOKUP));
            String marks = String.join(", ", java.util.Collections.nCopies(part.size(), "?"));
            // Derby-only: the optimizer hint makes it probe the unique index once per value. Without it the plan
            // compiled while the table was small (a scan, tested against all 500 values per row) is reused for
            // every later batch of an import: 81% of a 100,000-row import's time went there.
            try (PreparedStatement ps = c.prepareStatement("SELECT key_hmac FROM diagnosis_survey_respondent"
                    + " --DERBY-PROPERTIES constraint=DIAGNOSIS_SURVEY_RESPONDENT_KEY\n"
                    + " WHERE key_hmac IN (" + marks + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setString(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
        }
        return out;
    }

    /** Keys looked up per query: Derby probes the unique index once per value of the IN list. */
    private static final int KEY_LOOKUP = 500;

    /**
     * Stores one batch of an import's respondents with their answers: the respondents in one JDBC batch, their
     * generated ids read back by the import and the ids above {@code after} (the previous batch's highest; one
     * range query on the primary key), then all their answers in one batch. Returns this batch's highest id.
     */
    static long insertBatch(Connection c, long importId, long after, String actor, Timestamp now, List<Respondent> batch)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(RESPONDENT_INSERT)) {
            for (Respondent r : batch) {
                bindRespondent(ps, r, importId, actor, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Long> ids = new HashMap<>();
        long last = after;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, key_hmac FROM diagnosis_survey_respondent WHERE id > ? AND import_id = ?")) {
            ps.setLong(1, after);
            ps.setLong(2, importId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.put(rs.getString(2), rs.getLong(1));
                    last = Math.max(last, rs.getLong(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(ANSWER_INSERT)) {
            for (Respondent r : batch) {
                long id = ids.get(r.keyHmac());
                for (Map.Entry<String, Set<String>> e : r.answers().entrySet()) {
                    for (String choice : e.getValue()) {
                        ps.setLong(1, id);
                        ps.setString(2, e.getKey());
                        ps.setString(3, choice);
                        ps.addBatch();
                    }
                }
            }
            ps.executeBatch();
        }
        return last;
    }

    private static final String RESPONDENT_INSERT = "INSERT INTO diagnosis_survey_respondent (key_hmac, area_id, sex, "
            + "age_band, disability, weight, consent_at, import_id, entered_by, entered_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ANSWER_INSERT =
            "INSERT INTO diagnosis_survey_answer (respondent_id, question_code, choice_code) VALUES (?, ?, ?)";

    private static void bindRespondent(PreparedStatement ps, Respondent r, Long importId, String actor, Timestamp now)
            throws SQLException {
        ps.setString(1, r.keyHmac());
        ps.setObject(2, r.areaId(), java.sql.Types.BIGINT);
        ps.setString(3, r.sex());
        ps.setString(4, r.ageBand());
        ps.setString(5, r.disability());
        ps.setDouble(6, r.weight());
        ps.setTimestamp(7, now);
        ps.setObject(8, importId, java.sql.Types.BIGINT);
        ps.setString(9, actor);
        ps.setTimestamp(10, now);
    }

    /** Statements reused for every respondent of an import. */
    static final class Writer implements AutoCloseable {
        private final PreparedStatement respondent;
        private final PreparedStatement answer;
        private final Long importId;
        private final String actor;
        private final Timestamp now = Timestamp.from(Instant.now());

        Writer(Connection c, Long importId, String actor) throws SQLException {
            this.respondent = c.prepareStatement(RESPONDENT_INSERT, Statement.RETURN_GENERATED_KEYS);
            this.answer = c.prepareStatement(ANSWER_INSERT);
            this.importId = importId;
            this.actor = actor;
        }

        /** Stores a respondent whose consent was recorded (consent_at is now); returns the id. */
        long insert(Respondent r) throws SQLException {
            bindRespondent(respondent, r, importId, actor, now);
            respondent.executeUpdate();
            long id;
            try (ResultSet rs = respondent.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
            for (Map.Entry<String, Set<String>> e : r.answers().entrySet()) {
                for (String choice : e.getValue()) {
                    answer.setLong(1, id);
                    answer.setString(2, e.getKey());
                    answer.setString(3, choice);
                    answer.addBatch();
                }
            }
            answer.executeBatch();
            return id;
        }

        @Override
        public void close() throws SQLException {
            respondent.close();
            answer.close();
        }
    }

    /**
     * Records an import before its first row is stored, with the status 'running' until
     * {@link #finishImport} commits its figures together with the sums: a power cut in between leaves a running
     * import, whose rows the next start removes ({@link #unfinishedImports}).
     */
    static long insertImport(Connection c, String fileName, String actor) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis_survey_import (file_name, rows_read, "
                + "rows_added, rows_duplicate, rows_rejected, started_by, started_at, status) VALUES (?, 0, 0, 0, 0, ?, ?, 'running')",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, fileName.length() > 255 ? fileName.substring(0, 255) : fileName);
            ps.setString(2, actor);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Imports still marked running: cut short by a crash or a power cut. */
    static List<Long> unfinishedImports(Connection c) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM diagnosis_survey_import WHERE status = 'running'")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Removes an import that did not finish, its respondents and (by cascade) their answers; returns how many. */
    static int deleteImport(Connection c, long importId) throws SQLException {
        int removed;
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_survey_respondent WHERE import_id = ?")) {
            ps.setLong(1, importId);
            removed = ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_survey_import WHERE id = ?")) {
            ps.setLong(1, importId);
            ps.executeUpdate();
        }
        return removed;
    }

    static void finishImport(Connection c, long id, int read, int added, int duplicate, int rejected)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE diagnosis_survey_import SET rows_read = ?, rows_added = ?, "
                + "rows_duplicate = ?, rows_rejected = ?, status = 'done' WHERE id = ?")) {
            ps.setInt(1, read);
            ps.setInt(2, added);
            ps.setInt(3, duplicate);
            ps.setInt(4, rejected);
            ps.setLong(5, id);
            ps.executeUpdate();
        }
    }

    /** Adds a delta to the stored cells (update, else insert). */
    static void addCells(Connection c, Map<SurveyCube.Key, SurveyCube.Sums> delta) throws SQLException {
        try (PreparedStatement up = c.prepareStatement("UPDATE diagnosis_survey_cell SET respondents = respondents + ?, "
                + "sum_w = sum_w + ?, sum_w2 = sum_w2 + ?, sum_wy = sum_wy + ? WHERE indicator_code = ? AND area_id = ? "
                + "AND sex = ? AND age_band = ? AND disability = ?");
                PreparedStatement in = c.prepareStatement("INSERT INTO diagnosis_survey_cell (respondents, sum_w, sum_w2, "
                        + "sum_wy, indicator_code, area_id, sex, age_band, disability) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<SurveyCube.Key, SurveyCube.Sums> e : delta.entrySet()) {
                bind(up, e.getKey(), e.getValue());
                if (up.executeUpdate() == 0) {
                    bind(in, e.getKey(), e.getValue());
                    in.executeUpdate();
                }
            }
        }
    }

    private static void bind(PreparedStatement ps, SurveyCube.Key k, SurveyCube.Sums s) throws SQLException {
        ps.setLong(1, s.n);
        ps.setDouble(2, s.w);
        ps.setDouble(3, s.w2);
        ps.setDouble(4, s.wy);
        ps.setString(5, k.indicator());
        ps.setLong(6, k.areaId());
        ps.setString(7, k.sex());
        ps.setString(8, k.ageBand());
        ps.setString(9, k.disability());
    }

    static Map<SurveyCube.Key, SurveyCube.Sums> cells(Connection c) throws SQLException {
        Map<SurveyCube.Key, SurveyCube.Sums> out = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT indicator_code, area_id, sex, age_band, "
                + "disability, respondents, sum_w, sum_w2, sum_wy FROM diagnosis_survey_cell")) {
            while (rs.next()) {
                SurveyCube.Sums sums = new SurveyCube.Sums();
                sums.n = rs.getLong(6);
                sums.w = rs.getDouble(7);
                sums.w2 = rs.getDouble(8);
                sums.wy = rs.getDouble(9);
                out.put(new SurveyCube.Key(rs.getString(1), rs.getLong(2), rs.getString(3).strip(), rs.getString(4),
                        rs.getString(5).strip()), sums);
            }
        }
        return out;
    }

    /** A stored response as the editors' list shows it (pseudonym = the first 10 hex digits of the HMAC). */
    record Row(long id, String pseudonym, Long areaId, String sex, String ageBand, String disability, double weight,
            Instant enteredAt, String enteredBy, String answers) {
    }

    static List<Row> latest(Connection c, int limit) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.key_hmac, r.area_id, r.sex, r.age_band, "
                + "r.disability, r.weight, r.entered_at, r.entered_by FROM diagnosis_survey_respondent r "
                + "ORDER BY r.id DESC FETCH FIRST ? ROWS ONLY");
                PreparedStatement answers = c.prepareStatement("SELECT question_code, choice_code FROM "
                        + "diagnosis_survey_answer WHERE respondent_id = ? ORDER BY question_code, choice_code")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    answers.setLong(1, rs.getLong(1));
                    List<String> a = new ArrayList<>();
                    try (ResultSet ar = answers.executeQuery()) {
                        while (ar.next()) {
                            a.add(ar.getString(1) + "=" + ar.getString(2));
                        }
                    }
                    out.add(new Row(rs.getLong(1), rs.getString(2).substring(0, 10), (Long) rs.getObject(3),
                            rs.getString(4).strip(), rs.getString(5), rs.getString(6).strip(), rs.getDouble(7),
                            rs.getTimestamp(8).toInstant(), rs.getString(9), String.join(", ", a)));
                }
            }
        }
        return out;
    }

    static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT COUNT(*) FROM diagnosis_survey_respondent")) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
