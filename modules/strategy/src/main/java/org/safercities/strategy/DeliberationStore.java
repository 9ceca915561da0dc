package org.safercities.strategy;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The SQL of comments and consultations. */
final class DeliberationStore {

    List<Comment> comments(Connection c, long versionId) throws SQLException {
        return comments(c, "WHERE version_id = ? ORDER BY created_at, id", versionId);
    }

    Optional<Comment> comment(Connection c, long id) throws SQLException {
        return comments(c, "WHERE id = ?", id).stream().findFirst();
    }

    private List<Comment> comments(Connection c, String where, long arg) throws SQLException {
        List<Comment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, version_id, part, part_label, author, body, created_at, resolved_by, resolved_at, version,
                       edited_by, edited_at
                FROM strategy_comment """ + " " + where)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(9);
                    Timestamp edited = rs.getTimestamp(12);
                    out.add(new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                            resolved == null ? null : resolved.toInstant(), rs.getInt(10), rs.getString(11),
                            edited == null ? null : edited.toInstant()));
                }
            }
        }
        return out;
    }

    long insertComment(Connection c, long versionId, String part, String label, String author, String body, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_comment (version_id, part, part_label, author, body, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, versionId);
            ps.setString(2, part);
            ps.setString(3, label);
            ps.setString(4, author);
            ps.setString(5, body);
            ps.setTimestamp(6, Timestamp.from(now));
            ps.executeUpdate();
            return key(ps);
        }
    }

    /** Marks a comment resolved, once: false when it already was. */
    boolean resolve(Connection c, long id, String by, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE strategy_comment SET resolved_by = ?, resolved_at = ? WHERE id = ? AND resolved_at IS NULL")) {
            ps.setString(1, by);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setLong(3, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** A comment's new text; false when someone changed it since {@code version} was read (or it is gone). */
    boolean updateComment(Connection c, long id, int version, String body, String by, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_comment SET body = ?, edited_by = ?, edited_at = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            ps.setString(1, body);
            ps.setString(2, by);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setLong(4, id);
            ps.setInt(5, version);
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes a comment as read at {@code version}; false when it changed since (or is gone). */
    boolean deleteComment(Connection c, long id, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM strategy_comment WHERE id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            return ps.executeUpdate() == 1;
        }
    }

    Optional<Consultation> consultation(Connection c, long id) throws SQLException {
        Map<Long, Integer> points = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT priority_id, points FROM strategy_consultation_points WHERE consultation_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.put(rs.getLong(1), rs.getInt(2));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(CONSULTATION_COLUMNS + " WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(consultation(rs, points)) : Optional.empty();
            }
        }
    }

    private static final String CONSULTATION_COLUMNS = """
            SELECT id, version_id, held_on, place, women, men, sex_other, age_under15, age_15_24, age_25_59, age_60plus,
                   version
            FROM strategy_consultation""";

    private static Consultation consultation(ResultSet rs, Map<Long, Integer> points) throws SQLException {
        return new Consultation(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getString(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), rs.getInt(11), points,
                rs.getInt(12));
    }

    /** Replaces a consultation's counts and points; false when it changed since {@code version} was read. */
    boolean updateConsultation(Connection c, Consultation k, int version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE strategy_consultation SET held_on = ?, place = ?, women = ?, men = ?, sex_other = ?,
                       age_under15 = ?, age_15_24 = ?, age_25_59 = ?, age_60plus = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            ps.setDate(1, Date.valueOf(k.heldOn()));
            ps.setString(2, k.place());
            int i = 3;
            for (int n : counts(k)) {
                ps.setInt(i++, n);
            }
            ps.setLong(i++, k.id());
            ps.setInt(i, version);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        deletePoints(c, k.id());
        insertPoints(c, k.id(), k.points());
        return true;
    }

    /** Deletes a consultation as read at {@code version}, with its points; false when it changed since. */
    boolean deleteConsultation(Connection c, long id, int version) throws SQLException {
        deletePoints(c, id);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM strategy_consultation WHERE id = ? AND version = ?")) {
            ps.setLong(1, id);
            ps.setInt(2, version);
            return ps.executeUpdate() == 1;   // false: the caller's transaction is rolled back, the points come back
        }
    }

    private static void deletePoints(Connection c, long consultationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM strategy_consultation_points WHERE consultation_id = ?")) {
            ps.setLong(1, consultationId);
            ps.executeUpdate();
        }
    }

    private static int[] counts(Consultation k) {
        return new int[] {k.women(), k.men(), k.sexOther(), k.under15(), k.age15to24(), k.age25to59(), k.age60plus()};
    }

    List<Consultation> consultations(Connection c, long versionId) throws SQLException {
        Map<Long, Map<Long, Integer>> points = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT p.consultation_id, p.priority_id, p.points FROM strategy_consultation_points p
                JOIN strategy_consultation k ON k.id = p.consultation_id WHERE k.version_id = ?""")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    points.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getLong(2), rs.getInt(3));
                }
            }
        }
        List<Consultation> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CONSULTATION_COLUMNS + " WHERE version_id = ? ORDER BY held_on, id")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(consultation(rs, points.getOrDefault(rs.getLong(1), Map.of())));
                }
            }
        }
        return out;
    }

    long insertConsultation(Connection c, Consultation k) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO strategy_consultation (version_id, held_on, place, women, men, sex_other, age_under15,
                       age_15_24, age_25_59, age_60plus) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, k.versionId());
            ps.setDate(2, Date.valueOf(k.heldOn()));
            ps.setString(3, k.place());
            int i = 4;
            for (int n : counts(k)) {
                ps.setInt(i++, n);
            }
            ps.executeUpdate();
            id = key(ps);
        }
        insertPoints(c, id, k.points());
        return id;
    }

    private static void insertPoints(Connection c, long consultationId, Map<Long, Integer> points) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO strategy_consultation_points (consultation_id, priority_id, points) VALUES (?, ?, ?)")) {
            for (Map.Entry<Long, Integer> e : points.entrySet()) {
                ps.setLong(1, consultationId);
                ps.setLong(2, e.getKey());
                ps.setInt(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The points of a deleted priority go with it (a consultation's other points stay). */
    void forgetPriority(Connection c, long priorityId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM strategy_consultation_points WHERE priority_id = ?")) {
            ps.setLong(1, priorityId);
            ps.executeUpdate();
        }
    }

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
