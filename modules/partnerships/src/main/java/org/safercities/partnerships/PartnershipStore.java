package org.safercities.partnerships;

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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the {@code partnerships_} tables. */
final class PartnershipStore {

    /** Every actor with its areas and groups, by name. */
    List<Actor> actors(Connection c) throws SQLException {
        Map<Long, List<Long>> areas = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT actor_id, area_id FROM partnerships_actor_area ORDER BY area_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                areas.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        Map<Long, List<String>> groups = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT actor_id, group_code FROM partnerships_actor_group ORDER BY group_code");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                groups.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<Long, Map<String, String>> names = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT actor_id, lang, name FROM partnerships_actor_name ORDER BY lang");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                names.computeIfAbsent(rs.getLong(1), k -> new java.util.LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
            }
        }
        List<Actor> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, name, actor_type, gov_level, sectors, interest, influence, status, notes, version, actor_kind
                FROM partnerships_actor ORDER BY name, id""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long id = rs.getLong("id");
                out.add(new Actor(id, rs.getString("name"), rs.getString("actor_type"), rs.getString("gov_level"),
                        rs.getString("sectors"), rs.getInt("interest"), rs.getInt("influence"), rs.getString("status"),
                        rs.getString("notes"), rs.getInt("version"), List.copyOf(areas.getOrDefault(id, List.of())),
                        List.copyOf(groups.getOrDefault(id, List.of())), rs.getString("actor_kind"),
                        Map.copyOf(names.getOrDefault(id, Map.of()))));
            }
        }
        return out;
    }

    Optional<Actor> actor(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, name, actor_type, gov_level, sectors, interest, influence, status, notes, version, actor_kind
                FROM partnerships_actor WHERE id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Actor(id, rs.getString("name"), rs.getString("actor_type"),
                        rs.getString("gov_level"), rs.getString("sectors"), rs.getInt("interest"), rs.getInt("influence"),
                        rs.getString("status"), rs.getString("notes"), rs.getInt("version"), longs(c,
                                "SELECT area_id FROM partnerships_actor_area WHERE actor_id = ? ORDER BY area_id", id),
                        strings(c, "SELECT group_code FROM partnerships_actor_group WHERE actor_id = ? ORDER BY group_code",
                                id), rs.getString("actor_kind"), names(c, id)));
            }
        }
    }

    long insertActor(Connection c, ActorForm f) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO partnerships_actor (name, actor_type, gov_level, sectors, interest, influence, status, notes,
                                                updated_at, actor_kind)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            bindActor(ps, f);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        replaceLinks(c, id, f);
        return id;
    }

    /** False when the version changed meanwhile (someone else saved first). */
    boolean updateActor(Connection c, long id, int version, ActorForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE partnerships_actor SET name = ?, actor_type = ?, gov_level = ?, sectors = ?, interest = ?,
                       influence = ?, status = ?, notes = ?, updated_at = ?, actor_kind = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            bindActor(ps, f);
            ps.setLong(11, id);
            ps.setInt(12, version);
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        replaceLinks(c, id, f);
        return true;
    }

    private static void bindActor(PreparedStatement ps, ActorForm f) throws SQLException {
        ps.setString(1, f.name().strip());
        ps.setString(2, f.type());
        setNullable(ps, 3, f.level());
        setNullable(ps, 4, f.sectors());
        ps.setInt(5, ActorForm.score(f.interest()));
        ps.setInt(6, ActorForm.score(f.influence()));
        ps.setString(7, f.status());
        setNullable(ps, 8, f.notes());
        ps.setTimestamp(9, Timestamp.from(Instant.now()));
        ps.setString(10, f.kind() == null || f.kind().isBlank() ? Codes.ORGANISATION : f.kind());
    }

    private static void replaceLinks(Connection c, long id, ActorForm f) throws SQLException {
        delete(c, "DELETE FROM partnerships_actor_area WHERE actor_id = ?", id);
        delete(c, "DELETE FROM partnerships_actor_group WHERE actor_id = ?", id);
        delete(c, "DELETE FROM partnerships_actor_name WHERE actor_id = ?", id);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partnerships_actor_name (actor_id, lang, name) VALUES (?, ?, ?)")) {
            for (Map.Entry<String, String> n : (f.names() == null ? Map.<String, String>of() : f.names()).entrySet()) {
                ps.setLong(1, id);
                ps.setString(2, n.getKey());
                ps.setString(3, n.getValue().strip());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partnerships_actor_area (actor_id, area_id) VALUES (?, ?)")) {
            for (long area : f.areaIds()) {
                ps.setLong(1, id);
                ps.setLong(2, area);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partnerships_actor_group (actor_id, group_code) VALUES (?, ?)")) {
            for (String g : f.groupCodes()) {
                ps.setLong(1, id);
                ps.setString(2, g);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Deletes an actor; its areas, groups, contact and relationships go with it (ON DELETE CASCADE). */
    boolean deleteActor(Connection c, long id) throws SQLException {
        return delete(c, "DELETE FROM partnerships_actor WHERE id = ?", id) == 1;
    }

    Optional<Contact> contact(Connection c, long actorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT person_name, phone, email FROM partnerships_contact WHERE actor_id = ?")) {
            ps.setLong(1, actorId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Contact(actorId, rs.getString(1), rs.getString(2), rs.getString(3)))
                        : Optional.empty();
            }
        }
    }

    void putContact(Connection c, long actorId, ContactForm f) throws SQLException {
        delete(c, "DELETE FROM partnerships_contact WHERE actor_id = ?", actorId);
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO partnerships_contact (actor_id, person_name, phone, email, updated_at) VALUES (?, ?, ?, ?, ?)""")) {
            ps.setLong(1, actorId);
            setNullable(ps, 2, f.personName());
            setNullable(ps, 3, f.phone());
            setNullable(ps, 4, f.email());
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    boolean eraseContact(Connection c, long actorId) throws SQLException {
        return delete(c, "DELETE FROM partnerships_contact WHERE actor_id = ?", actorId) == 1;
    }

    List<Relationship> relationships(Connection c) throws SQLException {
        List<Relationship> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, from_actor, to_actor, rel_type, valid_from, valid_until, strength
                FROM partnerships_relationship ORDER BY id""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(relationship(rs));
            }
        }
        return out;
    }

    /** The relationships from or to one actor. */
    List<Relationship> relationshipsOf(Connection c, long actorId) throws SQLException {
        List<Relationship> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, from_actor, to_actor, rel_type, valid_from, valid_until, strength
                FROM partnerships_relationship WHERE from_actor = ? OR to_actor = ? ORDER BY valid_from, id""")) {
            ps.setLong(1, actorId);
            ps.setLong(2, actorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(relationship(rs));
                }
            }
        }
        return out;
    }

    Optional<Relationship> relationship(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, from_actor, to_actor, rel_type, valid_from, valid_until, strength
                FROM partnerships_relationship WHERE id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(relationship(rs)) : Optional.empty();
            }
        }
    }

    /** The ids of the actors {@code actorId} is directly a member of. */
    List<Long> memberOf(Connection c, long actorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT to_actor FROM partnerships_relationship WHERE from_actor = ? AND rel_type = ?")) {
            ps.setLong(1, actorId);
            ps.setString(2, Codes.MEMBER_OF);
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    long insertRelationship(Connection c, long from, long to, String type, java.time.LocalDate validFrom,
            java.time.LocalDate validUntil, int strength) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO partnerships_relationship (from_actor, to_actor, rel_type, valid_from, valid_until, strength)
                VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            ps.setString(3, type);
            ps.setDate(4, Date.valueOf(validFrom));
            if (validUntil == null) {
                ps.setNull(5, Types.DATE);
            } else {
                ps.setDate(5, Date.valueOf(validUntil));
            }
            ps.setInt(6, strength);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean deleteRelationship(Connection c, long id) throws SQLException {
        return delete(c, "DELETE FROM partnerships_relationship WHERE id = ?", id) == 1;
    }

    private static final String COMMITMENT = """
            SELECT id, actor_id, commitment_kind, description, start_date, end_date, fulfilled
            FROM partnerships_commitment""";

    List<Commitment> commitments(Connection c) throws SQLException {
        return commitments(c, COMMITMENT + " ORDER BY end_date, id", null);
    }

    List<Commitment> commitmentsOf(Connection c, long actorId) throws SQLException {
        return commitments(c, COMMITMENT + " WHERE actor_id = ? ORDER BY end_date, id", actorId);
    }

    private static List<Commitment> commitments(Connection c, String sql, Long actorId) throws SQLException {
        List<Commitment> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (actorId != null) {
                ps.setLong(1, actorId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Date start = rs.getDate(5);
                    out.add(new Commitment(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                            start == null ? null : start.toLocalDate(), rs.getDate(6).toLocalDate(), rs.getInt(7) == 1));
                }
            }
        }
        return out;
    }

    Optional<Commitment> commitment(Connection c, long id) throws SQLException {
        return commitments(c, COMMITMENT + " WHERE id = ?", id).stream().findFirst();
    }

    /** Inserts a validated commitment form. */
    long insertCommitment(Connection c, long actorId, CommitmentForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO partnerships_commitment (actor_id, commitment_kind, description, start_date, end_date, fulfilled)
                VALUES (?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, actorId);
            setCommitment(ps, 2, f);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean updateCommitment(Connection c, long id, CommitmentForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE partnerships_commitment SET commitment_kind = ?, description = ?, start_date = ?, end_date = ?,
                fulfilled = ? WHERE id = ?""")) {
            setCommitment(ps, 1, f);
            ps.setLong(6, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Kind, description, start (or NULL), end and kept, from parameter {@code at} on. */
    private static void setCommitment(PreparedStatement ps, int at, CommitmentForm f) throws SQLException {
        ps.setString(at, f.kind());
        ps.setString(at + 1, f.description().strip());
        if (f.start() == null) {
            ps.setNull(at + 2, java.sql.Types.DATE);
        } else {
            ps.setDate(at + 2, Date.valueOf(f.start()));
        }
        ps.setDate(at + 3, Date.valueOf(f.end()));
        ps.setInt(at + 4, f.fulfilled() ? 1 : 0);
    }

    boolean deleteCommitment(Connection c, long id) throws SQLException {
        return delete(c, "DELETE FROM partnerships_commitment WHERE id = ?", id) == 1;
    }

    private static Relationship relationship(ResultSet rs) throws SQLException {
        Date until = rs.getDate("valid_until");
        return new Relationship(rs.getLong("id"), rs.getLong("from_actor"), rs.getLong("to_actor"),
                rs.getString("rel_type"), rs.getDate("valid_from").toLocalDate(), until == null ? null : until.toLocalDate(),
                rs.getInt("strength"));
    }

    private static int delete(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            return ps.executeUpdate();
        }
    }

    private static List<Long> longs(Connection c, String sql, long id) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }

    private static Map<String, String> names(Connection c, long id) throws SQLException {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT lang, name FROM partnerships_actor_name WHERE actor_id = ? ORDER BY lang")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return Map.copyOf(out);
    }

    private static List<String> strings(Connection c, String sql, long id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static void setNullable(PreparedStatement ps, int i, String s) throws SQLException {
        if (s == null || s.isBlank()) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, s.strip());
        }
    }
}
