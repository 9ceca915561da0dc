package org.safercities.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Every query of the exchange module: its six tables (exchange_…), nothing else. */
final class ExchangeStore {

    /** A public key the office holds: a recipient of its exports or a sender whose exports it accepts. */
    record StoredKey(long id, String kind, String label, String fingerprint, String userId, String armoured,
            Instant addedAt) {
    }

    /** The office's own key: the secret part is passphrase-protected, the passphrase random. */
    record OfficeKeyRow(String fingerprint, String userId, Instant createdAt, String publicKey, String secretKey,
            String passphrase) {
    }

    record ExportRow(long id, Instant createdAt, String createdBy, int fromYear, int toYear, String fileName,
            long bytes, String sha256, String signer, String recipients, String writtenTo) {
    }

    record ReceivedRow(long id, Instant receivedAt, String receivedBy, String signer, String signerLabel,
            Instant signedAt, String city, String country, int fromYear, int toYear, String schemaVersion,
            String kitVersion, String fileSha256, String content) {
    }

    // ---- review

    Optional<Review> review(Connection c, int cycle) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cycle, measures, difficulties, assistance, practices_note, tools_shared, tools_piloted,
                       focal_points, funds_minor, partners_engaged, updated_at, updated_by, version
                FROM exchange_review WHERE cycle = ?""")) {
            ps.setInt(1, cycle);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Review(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getLong(9), rs.getInt(10),
                        rs.getTimestamp(11).toInstant(), rs.getString(12), rs.getInt(13), true));
            }
        }
    }

    List<Integer> reviewCycles(Connection c) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cycle FROM exchange_review ORDER BY cycle DESC")) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }

    /** Inserts the first save, or updates when {@code version} is still the stored one; false when someone saved first. */
    boolean saveReview(Connection c, Review r, int version, boolean exists) throws SQLException {
        if (!exists) {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO exchange_review (measures, difficulties, assistance, practices_note, tools_shared,
                        tools_piloted, focal_points, funds_minor, partners_engaged, updated_at, updated_by, cycle)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                bindReview(ps, r);
                return ps.executeUpdate() == 1;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE exchange_review SET measures = ?, difficulties = ?, assistance = ?, practices_note = ?,
                    tools_shared = ?, tools_piloted = ?, focal_points = ?, funds_minor = ?, partners_engaged = ?,
                    updated_at = ?, updated_by = ?, version = version + 1
                WHERE cycle = ? AND version = ?""")) {
            bindReview(ps, r);
            ps.setInt(13, version);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bindReview(PreparedStatement ps, Review r) throws SQLException {
        ps.setString(1, r.measures());
        ps.setString(2, r.difficulties());
        ps.setString(3, r.assistance());
        ps.setString(4, r.practicesNote());
        ps.setInt(5, r.toolsShared());
        ps.setInt(6, r.toolsPiloted());
        ps.setInt(7, r.focalPoints());
        ps.setLong(8, r.fundsMinor());
        ps.setInt(9, r.partnersEngaged());
        ps.setTimestamp(10, Timestamp.from(r.updatedAt()));
        ps.setString(11, r.updatedBy());
        ps.setInt(12, r.cycle());
    }

    // ---- good practices

    List<Practice> practices(Connection c) throws SQLException {
        return queryPractices(c, "SELECT id, title, problem, intervention, prevention_type, target_groups, evidence,"
                + " cost, contact_role, city, received_id, version FROM exchange_practice ORDER BY city NULLS FIRST, title, id", null);
    }

    Optional<Practice> practice(Connection c, long id) throws SQLException {
        return queryPractices(c, "SELECT id, title, problem, intervention, prevention_type, target_groups, evidence,"
                + " cost, contact_role, city, received_id, version FROM exchange_practice WHERE id = ?", id).stream().findFirst();
    }

    private static List<Practice> queryPractices(Connection c, String sql, Long id) throws SQLException {
        List<Practice> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            if (id != null) {
                ps.setLong(1, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String groups = rs.getString(6);
                    long received = rs.getLong(11);
                    out.add(new Practice(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), groups.isEmpty() ? List.of() : Arrays.asList(groups.split(",")),
                            rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                            rs.wasNull() ? null : received, rs.getInt(12)));
                }
            }
        }
        return out;
    }

    long insertPractice(Connection c, PracticeForm f, String city, Long receivedId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchange_practice (title, problem, intervention, prevention_type, target_groups, evidence,
                    cost, contact_role, city, received_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            bindPractice(ps, f);
            ps.setString(9, city);
            if (receivedId == null) {
                ps.setNull(10, java.sql.Types.BIGINT);
            } else {
                ps.setLong(10, receivedId);
            }
            ps.setTimestamp(11, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** Only the office's own practices change; false when the row moved on or is a received one. */
    boolean updatePractice(Connection c, long id, int version, PracticeForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE exchange_practice SET title = ?, problem = ?, intervention = ?, prevention_type = ?,
                    target_groups = ?, evidence = ?, cost = ?, contact_role = ?, version = version + 1
                WHERE id = ? AND version = ? AND received_id IS NULL""")) {
            bindPractice(ps, f);
            ps.setLong(9, id);
            ps.setInt(10, version);
            return ps.executeUpdate() == 1;
        }
    }

    boolean deletePractice(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM exchange_practice WHERE id = ? AND received_id IS NULL")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bindPractice(PreparedStatement ps, PracticeForm f) throws SQLException {
        ps.setString(1, f.title());
        ps.setString(2, f.problem());
        ps.setString(3, f.intervention());
        ps.setString(4, f.preventionType());
        ps.setString(5, String.join(",", f.targetGroups()));
        ps.setString(6, f.evidence());
        ps.setString(7, f.cost());
        ps.setString(8, f.contactRole());
    }

    // ---- keys

    Optional<OfficeKeyRow> officeKey(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT fingerprint, user_id, created_at, public_key, secret_key, passphrase FROM exchange_office_key WHERE id = 1")) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new OfficeKeyRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                    rs.getString(4), rs.getString(5), rs.getString(6)));
        }
    }

    void insertOfficeKey(Connection c, OfficeKeyRow k) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchange_office_key (id, fingerprint, user_id, created_at, public_key, secret_key, passphrase)
                VALUES (1, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, k.fingerprint());
            ps.setString(2, k.userId());
            ps.setTimestamp(3, Timestamp.from(k.createdAt()));
            ps.setString(4, k.publicKey());
            ps.setString(5, k.secretKey());
            ps.setString(6, k.passphrase());
            ps.executeUpdate();
        }
    }

    List<StoredKey> keys(Connection c, String kind) throws SQLException {
        List<StoredKey> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, kind, label, fingerprint, user_id, armoured, added_at FROM exchange_key WHERE kind = ? ORDER BY label, id")) {
            ps.setString(1, kind);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredKey(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return out;
    }

    boolean hasKey(Connection c, String kind, String fingerprint) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM exchange_key WHERE kind = ? AND fingerprint = ?")) {
            ps.setString(1, kind);
            ps.setString(2, fingerprint);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    long insertKey(Connection c, String kind, String label, String fingerprint, String userId, String armoured,
            Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchange_key (kind, label, fingerprint, user_id, armoured, added_at) VALUES (?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, kind);
            ps.setString(2, label);
            ps.setString(3, fingerprint);
            ps.setString(4, userId);
            ps.setString(5, armoured);
            ps.setTimestamp(6, Timestamp.from(at));
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    Optional<StoredKey> deleteKey(Connection c, String kind, long id) throws SQLException {
        Optional<StoredKey> found = keys(c, kind).stream().filter(k -> k.id() == id).findFirst();
        if (found.isPresent()) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM exchange_key WHERE id = ? AND kind = ?")) {
                ps.setLong(1, id);
                ps.setString(2, kind);
                ps.executeUpdate();
            }
        }
        return found;
    }

    // ---- exports made

    long insertExport(Connection c, ExportRow e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchange_export (created_at, created_by, from_year, to_year, file_name, bytes, sha256,
                    signer, recipients, written_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(e.createdAt()));
            ps.setString(2, e.createdBy());
            ps.setInt(3, e.fromYear());
            ps.setInt(4, e.toYear());
            ps.setString(5, e.fileName());
            ps.setLong(6, e.bytes());
            ps.setString(7, e.sha256());
            ps.setString(8, e.signer());
            ps.setString(9, e.recipients());
            ps.setString(10, e.writtenTo());
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    List<ExportRow> exports(Connection c) throws SQLException {
        List<ExportRow> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT id, created_at, created_by, from_year, to_year, file_name, bytes, sha256, signer, recipients,
                       written_to FROM exchange_export ORDER BY id DESC""")) {
            while (rs.next()) {
                out.add(new ExportRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getInt(4),
                        rs.getInt(5), rs.getString(6), rs.getLong(7), rs.getString(8), rs.getString(9),
                        rs.getString(10), rs.getString(11)));
            }
        }
        return out;
    }

    // ---- exports received

    boolean receivedFile(Connection c, String sha256) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM exchange_received WHERE file_sha256 = ?")) {
            ps.setString(1, sha256);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    long insertReceived(Connection c, ReceivedRow r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO exchange_received (received_at, received_by, signer, signer_label, signed_at, city, country,
                    from_year, to_year, schema_version, kit_version, file_sha256, content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setTimestamp(1, Timestamp.from(r.receivedAt()));
            ps.setString(2, r.receivedBy());
            ps.setString(3, r.signer());
            ps.setString(4, r.signerLabel());
            ps.setTimestamp(5, Timestamp.from(r.signedAt()));
            ps.setString(6, r.city());
            ps.setString(7, r.country());
            ps.setInt(8, r.fromYear());
            ps.setInt(9, r.toYear());
            ps.setString(10, r.schemaVersion());
            ps.setString(11, r.kitVersion());
            ps.setString(12, r.fileSha256());
            ps.setString(13, r.content());
            ps.executeUpdate();
            try (ResultSet k = ps.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        }
    }

    /** Received exports without their content, newest first (the content is read one at a time). */
    /** Every received export without its content, newest first: the list and its CSV. */
    List<ReceivedRow> received(Connection c) throws SQLException {
        List<ReceivedRow> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT id, received_at, received_by, signer, signer_label, signed_at, city, country, from_year, to_year,
                       schema_version, kit_version, file_sha256 FROM exchange_received ORDER BY id DESC""")) {
            while (rs.next()) {
                out.add(received(rs, false));
            }
        }
        return out;
    }

    /**
     * Every received export with its content, oldest first, handed to {@code each} one at a time: a national forum's
     * kit holds hundreds, and their contents together would not fit in the kit's heap.
     */
    void eachReceived(Connection c, java.util.function.Consumer<ReceivedRow> each) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT id, received_at, received_by, signer, signer_label, signed_at, city, country, from_year, to_year,
                       schema_version, kit_version, file_sha256, content FROM exchange_received ORDER BY id""")) {
            while (rs.next()) {
                each.accept(received(rs, true));
            }
        }
    }

    Optional<ReceivedRow> received(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, received_at, received_by, signer, signer_label, signed_at, city, country, from_year, to_year,
                       schema_version, kit_version, file_sha256, content FROM exchange_received WHERE id = ?""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(received(rs, true)) : Optional.empty();
            }
        }
    }

    /** Removes the practices received with earlier exports of this city (a newer export carries its whole list). */
    int deleteReceivedPractices(Connection c, String city, String country) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM exchange_practice WHERE received_id IN
                    (SELECT id FROM exchange_received WHERE city = ? AND country = ?)""")) {
            ps.setString(1, city);
            ps.setString(2, country);
            return ps.executeUpdate();
        }
    }

    private static ReceivedRow received(ResultSet rs, boolean withContent) throws SQLException {
        return new ReceivedRow(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getString(8), rs.getInt(9),
                rs.getInt(10), rs.getString(11), rs.getString(12), rs.getString(13),
                withContent ? rs.getString(14) : null);
    }
}
