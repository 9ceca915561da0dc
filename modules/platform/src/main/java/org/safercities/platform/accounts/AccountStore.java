package org.safercities.platform.accounts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL of {@code platform_account}. Every method runs inside the caller's transaction. */
final class AccountStore {

    record Credentials(Account account, String passwordHash) {
    }

    Optional<Credentials> credentials(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM platform_account WHERE username = ?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Credentials(row(rs), rs.getString("password_hash"))) : Optional.empty();
            }
        }
    }

    Optional<Account> byId(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM platform_account WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    Optional<String> passwordHash(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT password_hash FROM platform_account WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    List<Account> all(Connection c) throws SQLException {
        List<Account> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM platform_account ORDER BY username");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    int count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM platform_account");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    long insert(Connection c, String username, String displayName, String hash, Role role, String lang)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO platform_account (username, display_name, password_hash, role, lang, active, created_at)
                VALUES (?, ?, ?, ?, ?, TRUE, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, username);
            ps.setString(2, displayName);
            ps.setString(3, hash);
            ps.setString(4, role.wire());
            ps.setString(5, lang);
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Optimistic update: false when someone else changed the account since {@code version} was read. */
    boolean update(Connection c, long id, int version, String displayName, Role role, String lang)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_account SET display_name = ?, role = ?, lang = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            ps.setString(1, displayName);
            ps.setString(2, role.wire());
            ps.setString(3, lang);
            ps.setLong(4, id);
            ps.setInt(5, version);
            return ps.executeUpdate() == 1;
        }
    }

    void setLang(Connection c, long id, String lang) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE platform_account SET lang = ? WHERE id = ?")) {
            ps.setString(1, lang);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    void setPasswordHash(Connection c, long id, String hash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE platform_account SET password_hash = ?, version = version + 1 WHERE id = ?")) {
            ps.setString(1, hash);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    void setActive(Connection c, long id, boolean active) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE platform_account SET active = ?, version = version + 1 WHERE id = ?")) {
            ps.setBoolean(1, active);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
    }

    int activeAdministrators(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM platform_account WHERE role = 'administrator' AND active = TRUE");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Account row(ResultSet rs) throws SQLException {
        return new Account(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"),
                Role.fromWire(rs.getString("role")), rs.getString("lang"), rs.getBoolean("active"),
                rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));
    }
}
