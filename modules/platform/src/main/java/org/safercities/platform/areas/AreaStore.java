package org.safercities.platform.areas;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of {@code platform_area} and {@code platform_population}. */
final class AreaStore {

    List<Area> all(Connection c) throws SQLException {
        List<Area> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT id, code, parent_id, level, name, alt_name, alt_name_lang,
                       CASE WHEN geometry IS NULL THEN 0 ELSE 1 END AS has_geometry, version
                FROM platform_area ORDER BY level, name""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long parentValue = rs.getLong("parent_id");
                Long parent = rs.wasNull() ? null : parentValue;
                out.add(new Area(rs.getLong("id"), rs.getString("code"), parent, rs.getInt("level"),
                        rs.getString("name"), rs.getString("alt_name"), rs.getString("alt_name_lang"),
                        rs.getInt("has_geometry") == 1, rs.getInt("version")));
            }
        }
        return out;
    }

    long insert(Connection c, String code, Long parentId, int level, String name, String altName, String altLang,
            AreaService.Shape shape) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO platform_area (code, parent_id, level, name, alt_name, alt_name_lang, geometry,
                                           min_lon, min_lat, max_lon, max_lat, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, code);
            setLong(ps, 2, parentId);
            ps.setInt(3, level);
            ps.setString(4, name);
            ps.setString(5, altName);
            ps.setString(6, altLang);
            setShape(ps, 7, shape);
            ps.setTimestamp(12, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    boolean update(Connection c, long id, int version, String code, String name, String altName, String altLang)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_area SET code = ?, name = ?, alt_name = ?, alt_name_lang = ?, updated_at = ?,
                       version = version + 1
                WHERE id = ? AND version = ?""")) {
            ps.setString(1, code);
            ps.setString(2, name);
            ps.setString(3, altName);
            ps.setString(4, altLang);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.setLong(6, id);
            ps.setInt(7, version);
            return ps.executeUpdate() == 1;
        }
    }

    /** Replaces the name and geometry of an existing area (re-import of the same boundaries). */
    void replaceFromImport(Connection c, long id, String name, String altName, String altLang, AreaService.Shape shape)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE platform_area SET name = ?, alt_name = ?, alt_name_lang = ?, geometry = ?, min_lon = ?,
                       min_lat = ?, max_lon = ?, max_lat = ?, updated_at = ?, version = version + 1
                WHERE id = ?""")) {
            ps.setString(1, name);
            ps.setString(2, altName);
            ps.setString(3, altLang);
            setShape(ps, 4, shape);
            ps.setTimestamp(9, Timestamp.from(Instant.now()));
            ps.setLong(10, id);
            ps.executeUpdate();
        }
    }

    void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement pop = c.prepareStatement("DELETE FROM platform_population WHERE area_id = ?")) {
            pop.setLong(1, id);
            pop.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM platform_area WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    Optional<String> geometry(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT geometry FROM platform_area WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void upsertPopulation(Connection c, long areaId, int year, String sex, String ageBand, long persons)
            throws SQLException {
        try (PreparedStatement upd = c.prepareStatement("""
                UPDATE platform_population SET persons = ? WHERE area_id = ? AND pop_year = ? AND sex = ? AND age_band = ?""")) {
            upd.setLong(1, persons);
            upd.setLong(2, areaId);
            upd.setInt(3, year);
            upd.setString(4, sex);
            upd.setString(5, ageBand);
            if (upd.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO platform_population (area_id, pop_year, sex, age_band, persons) VALUES (?, ?, ?, ?, ?)")) {
            ins.setLong(1, areaId);
            ins.setInt(2, year);
            ins.setString(3, sex);
            ins.setString(4, ageBand);
            ins.setLong(5, persons);
            ins.executeUpdate();
        }
    }

    /** Population of one area and year, by sex and age band. */
    List<Population> population(Connection c, long areaId, int year) throws SQLException {
        List<Population> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT sex, age_band, persons FROM platform_population WHERE area_id = ? AND pop_year = ?
                ORDER BY age_band, sex""")) {
            ps.setLong(1, areaId);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Population(areaId, year, rs.getString(1), rs.getString(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /**
     * Total population per area for each year that has figures: area id → year → persons. A source may give
     * women and men by age band, or only totals: the first complete view is used (F+M by band, F+M totals,
     * T by band, T total), so that a census by sex and a boundary file's total never add up twice.
     */
    Map<Long, Map<Integer, Long>> totals(Connection c) throws SQLException {
        Map<Long, Map<Integer, Long>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT area_id, pop_year,
                       SUM(CASE WHEN sex <> 'T' AND age_band <> 'total' THEN persons END),
                       SUM(CASE WHEN sex <> 'T' AND age_band = 'total' THEN persons END),
                       SUM(CASE WHEN sex = 'T' AND age_band <> 'total' THEN persons END),
                       SUM(CASE WHEN sex = 'T' AND age_band = 'total' THEN persons END)
                FROM platform_population GROUP BY area_id, pop_year""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long total = -1;
                for (int col = 3; col <= 6 && total < 0; col++) {
                    long v = rs.getLong(col);
                    if (!rs.wasNull()) {
                        total = v;
                    }
                }
                out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getInt(2), Math.max(total, 0));
            }
        }
        return out;
    }

    /** Every population row (export). */
    List<Population> allPopulation(Connection c) throws SQLException {
        List<Population> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT area_id, pop_year, sex, age_band, persons FROM platform_population ORDER BY area_id, pop_year, age_band, sex""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Population(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getLong(5)));
            }
        }
        return out;
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    private static void setShape(PreparedStatement ps, int i, AreaService.Shape s) throws SQLException {
        if (s == null) {
            ps.setNull(i, Types.CLOB);
            for (int k = 1; k <= 4; k++) {
                ps.setNull(i + k, Types.DOUBLE);
            }
            return;
        }
        ps.setString(i, s.geoJson());
        ps.setDouble(i + 1, s.minLon());
        ps.setDouble(i + 2, s.minLat());
        ps.setDouble(i + 3, s.maxLon());
        ps.setDouble(i + 4, s.maxLat());
    }
}
