package org.safercities.diagnosis.walks;

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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of {@code diagnosis_walk} and {@code diagnosis_walk_participant}. */
final class WalkStore {

    /** What is saved besides the form's own text: the partner chosen to act (null when none). */
    record ActorChoice(Long id, String name) {
        static final ActorChoice NONE = new ActorChoice(null, null);
    }

    private static final String COLUMNS = "id, walked_on, start_min, area_id, place, longitude, latitude, "
            + String.join(", ", WalkCodes.PARAMETERS) + ", findings, fixes, action_by, actor_id, actor_name, version";

    /** Every walk, newest first. */
    List<Walk> walks(Connection c) throws SQLException {
        Map<Long, Map<String, Integer>> people = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT walk_id, sex, age_band, n FROM diagnosis_walk_participant");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                people.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2) + "|" + rs.getString(3), rs.getInt(4));
            }
        }
        List<Walk> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM diagnosis_walk ORDER BY walked_on DESC, start_min DESC, id DESC");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs, people.getOrDefault(rs.getLong("id"), Map.of())));
            }
        }
        return out;
    }

    Optional<Walk> walk(Connection c, long id) throws SQLException {
        Map<String, Integer> people = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT sex, age_band, n FROM diagnosis_walk_participant WHERE walk_id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    people.put(rs.getString(1) + "|" + rs.getString(2), rs.getInt(3));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM diagnosis_walk WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs, people)) : Optional.empty();
            }
        }
    }

    long insert(Connection c, WalkForm f, ActorChoice actor) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis_walk (walked_on, start_min, area_id, place, "
                + "longitude, latitude, " + String.join(", ", WalkCodes.PARAMETERS) + ", findings, fixes, action_by, "
                + "actor_id, actor_name, updated_at, created_at) VALUES (" + "?, ".repeat(21) + "?)",
                Statement.RETURN_GENERATED_KEYS)) {
            int next = bind(ps, f, actor);
            ps.setTimestamp(next, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        putParticipants(c, id, f);
        return id;
    }

    /** False when the version changed meanwhile (someone else saved first). */
    boolean update(Connection c, long id, int version, WalkForm f, ActorChoice actor) throws SQLException {
        StringBuilder set = new StringBuilder("walked_on = ?, start_min = ?, area_id = ?, place = ?, longitude = ?, latitude = ?");
        WalkCodes.PARAMETERS.forEach(p -> set.append(", ").append(p).append(" = ?"));
        set.append(", findings = ?, fixes = ?, action_by = ?, actor_id = ?, actor_name = ?, updated_at = ?");
        try (PreparedStatement ps = c.prepareStatement("UPDATE diagnosis_walk SET " + set
                + ", version = version + 1 WHERE id = ? AND version = ?")) {
            int next = bind(ps, f, actor);
            ps.setLong(next, id);
            ps.setInt(next + 1, version);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_walk_participant WHERE walk_id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
        putParticipants(c, id, f);
        return true;
    }

    /** Deletes a walk; its participants go with it (ON DELETE CASCADE). */
    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_walk WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Binds every column of the form and the actor, then updated_at; returns the next parameter index. */
    private static int bind(PreparedStatement ps, WalkForm f, ActorChoice actor) throws SQLException {
        int i = 1;
        ps.setDate(i++, Date.valueOf(f.parsedDate()));
        ps.setInt(i++, f.startMinute());
        ps.setLong(i++, Long.parseLong(f.areaId()));
        ps.setString(i++, f.place().strip());
        setDouble(ps, i++, f.lonValue());
        setDouble(ps, i++, f.latValue());
        for (String p : WalkCodes.PARAMETERS) {
            ps.setInt(i++, f.score(p));
        }
        ps.setString(i++, nz(f.findings()));
        ps.setString(i++, nz(f.fixes()));
        ps.setString(i++, nz(f.actionBy()));
        if (actor.id() == null) {
            ps.setNull(i++, Types.BIGINT);
            ps.setNull(i++, Types.VARCHAR);
        } else {
            ps.setLong(i++, actor.id());
            ps.setString(i++, actor.name());
        }
        ps.setTimestamp(i++, Timestamp.from(Instant.now()));
        return i;
    }

    private static void putParticipants(Connection c, long id, WalkForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO diagnosis_walk_participant (walk_id, sex, age_band, n) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Integer> e : f.participantCounts().entrySet()) {
                String[] key = e.getKey().split("\\|");
                ps.setLong(1, id);
                ps.setString(2, key[0]);
                ps.setString(3, key[1]);
                ps.setInt(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static Walk row(ResultSet rs, Map<String, Integer> people) throws SQLException {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (String p : WalkCodes.PARAMETERS) {
            scores.put(p, rs.getInt(p));
        }
        long actor = rs.getLong("actor_id");
        Long actorId = rs.wasNull() ? null : actor;
        return new Walk(rs.getLong("id"), rs.getDate("walked_on").toLocalDate(), rs.getInt("start_min"),
                rs.getLong("area_id"), rs.getString("place"), (Double) rs.getObject("longitude"),
                (Double) rs.getObject("latitude"), java.util.Collections.unmodifiableMap(scores),
                java.util.Collections.unmodifiableMap(new LinkedHashMap<>(people)), rs.getString("findings"),
                rs.getString("fixes"), rs.getString("action_by"), actorId, rs.getString("actor_name"),
                rs.getInt("version"));
    }

    private static void setDouble(PreparedStatement ps, int i, Double d) throws SQLException {
        if (d == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, d);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s.strip();
    }
}
