package org.safercities.partnerships;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of memoranda, the two coordination bodies and meetings (tables of V006). */
final class CoalitionStore {

    List<Memorandum> memoranda(Connection c) throws SQLException {
        Map<Long, List<Long>> parties = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT memorandum_id, actor_id FROM partnerships_memorandum_party ORDER BY actor_id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                parties.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
            }
        }
        List<Memorandum> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, title, signed_on, expires_on, document_ref FROM partnerships_memorandum ORDER BY signed_on DESC, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Date expires = rs.getDate(4);
                out.add(new Memorandum(rs.getLong(1), rs.getString(2), rs.getDate(3).toLocalDate(),
                        expires == null ? null : expires.toLocalDate(), rs.getString(5),
                        List.copyOf(parties.getOrDefault(rs.getLong(1), List.of()))));
            }
        }
        return out;
    }

    long insertMemorandum(Connection c, MemorandumForm f) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO partnerships_memorandum (title, signed_on, expires_on, document_ref) VALUES (?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, f.title().strip());
            ps.setDate(2, Date.valueOf(RelationshipForm.date(f.signedOn())));
            LocalDate expires = RelationshipForm.date(f.expiresOn());
            if (expires == null) {
                ps.setNull(3, Types.DATE);
            } else {
                ps.setDate(3, Date.valueOf(expires));
            }
            if (f.documentRef() == null || f.documentRef().isBlank()) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, f.documentRef().strip());
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO partnerships_memorandum_party (memorandum_id, actor_id) VALUES (?, ?)")) {
            for (long actor : f.partyIds()) {
                ps.setLong(1, id);
                ps.setLong(2, actor);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return id;
    }

    boolean deleteMemorandum(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM partnerships_memorandum WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    /** Body kind → actor id, for the bodies designated so far. */
    Map<String, Long> bodies(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT body_kind, actor_id FROM partnerships_body");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2));
            }
        }
        return out;
    }

    void designate(Connection c, String kind, long actorId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM partnerships_body WHERE body_kind = ?")) {
            ps.setString(1, kind);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO partnerships_body (body_kind, actor_id) VALUES (?, ?)")) {
            ps.setString(1, kind);
            ps.setLong(2, actorId);
            ps.executeUpdate();
        }
    }

    List<Meeting> meetingsOf(Connection c, long actorId) throws SQLException {
        List<Meeting> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, actor_id, held_on, attendees, decisions FROM partnerships_meeting
                WHERE actor_id = ? ORDER BY held_on DESC, id DESC""")) {
            ps.setLong(1, actorId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Meeting(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(), rs.getInt(4),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }

    Optional<Meeting> meeting(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, actor_id, held_on, attendees, decisions FROM partnerships_meeting WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Meeting(rs.getLong(1), rs.getLong(2), rs.getDate(3).toLocalDate(),
                        rs.getInt(4), rs.getString(5))) : Optional.empty();
            }
        }
    }

    long insertMeeting(Connection c, long actorId, MeetingForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO partnerships_meeting (actor_id, held_on, attendees, decisions) VALUES (?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, actorId);
            ps.setDate(2, Date.valueOf(RelationshipForm.date(f.heldOn())));
            ps.setInt(3, (int) org.safercities.platform.web.Form.wholeNumber(f.attendees()));
            if (f.decisions() == null || f.decisions().isBlank()) {
                ps.setNull(4, Types.VARCHAR);
            } else {
                ps.setString(4, f.decisions().strip());
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean deleteMeeting(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM partnerships_meeting WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }
}
