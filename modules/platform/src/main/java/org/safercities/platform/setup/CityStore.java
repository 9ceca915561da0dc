package org.safercities.platform.setup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the city profile: {@code platform_city}, {@code platform_city_name}, {@code platform_area_level}. */
final class CityStore {

    Optional<CityProfile> load(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM platform_city WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new CityProfile(rs.getString("name"), names(c), rs.getString("country"),
                    rs.getString("default_lang"), rs.getString("currency"), rs.getInt("reference_year"),
                    rs.getBoolean("demo"), levels(c), rs.getInt("version")));
        }
    }

    private Map<String, String> names(Connection c) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT lang, name FROM platform_city_name ORDER BY lang");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }

    private List<String> levels(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM platform_area_level ORDER BY level");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    void insert(Connection c, CityProfile p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO platform_city (id, name, country, default_lang, currency, reference_year, demo, created_at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?)""")) {
            ps.setString(1, p.name());
            ps.setString(2, p.country());
            ps.setString(3, p.defaultLang());
            ps.setString(4, p.currency());
            ps.setInt(5, p.referenceYear());
            ps.setBoolean(6, p.demo());
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        replaceNamesAndLevels(c, p);
    }

    boolean update(Connection c, CityProfile p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_city SET name = ?, country = ?, default_lang = ?, currency = ?, reference_year = ?,
                       version = version + 1
                WHERE id = 1 AND version = ?""")) {
            ps.setString(1, p.name());
            ps.setString(2, p.country());
            ps.setString(3, p.defaultLang());
            ps.setString(4, p.currency());
            ps.setInt(5, p.referenceYear());
            ps.setInt(6, p.version());
            if (ps.executeUpdate() != 1) {
                return false;
            }
        }
        replaceNamesAndLevels(c, p);
        return true;
    }

    private void replaceNamesAndLevels(Connection c, CityProfile p) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM platform_city_name")) {
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_city_name (lang, name) VALUES (?, ?)")) {
            for (var e : p.localNames().entrySet()) {
                ps.setString(1, e.getKey());
                ps.setString(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM platform_area_level")) {
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO platform_area_level (level, name) VALUES (?, ?)")) {
            for (int i = 0; i < p.levelNames().size(); i++) {
                ps.setInt(1, i);
                ps.setString(2, p.levelNames().get(i));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
