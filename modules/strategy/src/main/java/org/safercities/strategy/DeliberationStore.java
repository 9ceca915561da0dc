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
                SELECT id, version_id, part, part_label, author, body, created_at, resolved_by, resolved_at
                FROM strategy_comment """ + " " + where)) {
            ps.setLong(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp resolved = rs.getTimestamp(9);
                    out.add(new Comment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                            resolved == null ? null : resolved.toInstant()));
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
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, version_id, held_on, place, women, men, sex_other, age_under15, age_15_24, age_25_59, age_60plus
                FROM strategy_consultation WHERE version_id = ? ORDER BY held_on, id""")) {
            ps.setLong(1, versionId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    out.add(new Consultation(id, rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getString(4),
                            rs.getInt(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10),
                            rs.getInt(11), points.getOrDefault(id, Map.of())));
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
            for (int n : new int[] {k.women(), k.men(), k.sexOther(), k.under15(), k.age15to24(), k.age25to59(),
                    k.age60plus()}) {
                ps.setInt(i++, n);
            }
            ps.executeUpdate();
            id = key(ps);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO strategy_consultation_points (consultation_id, priority_id, points) VALUES (?, ?, ?)")) {
            for (Map.Entry<Long, Integer> e : k.points().entrySet()) {
                ps.setLong(1, id);
                ps.setLong(2, e.getKey());
                ps.setInt(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
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
