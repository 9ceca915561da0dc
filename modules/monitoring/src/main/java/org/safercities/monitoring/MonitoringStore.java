package org.safercities.monitoring;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The module's SQL: local indicators, entered values, targets, evaluation notes and settings. */
final class MonitoringStore {

    List<Indicator> localIndicators(Connection c) throws SQLException {
        Map<String, Map<String, String>> names = new HashMap<>();
        Map<String, Map<String, String>> definitions = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT code, lang, name, definition FROM monitoring_indicator_text""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                names.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
                definitions.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(4));
            }
        }
        List<Indicator> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT code, unit, direction, frequency, disaggregations, min_value, max_value
                FROM monitoring_indicator ORDER BY created_at, code""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String code = rs.getString(1);
                String by = rs.getString(5);
                out.add(new Indicator(code, "local", Map.copyOf(names.getOrDefault(code, Map.of())),
                        Map.copyOf(definitions.getOrDefault(code, Map.of())), rs.getString(2), rs.getString(3),
                        rs.getString(4), by.isEmpty() ? List.of() : List.of(by.split(",")), Indicator.Method.ENTERED,
                        nullableDouble(rs, 6), nullableDouble(rs, 7)));
            }
        }
        return out;
    }

    void insertIndicator(Connection c, Indicator i, String lang, String actor, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO monitoring_indicator (code, unit, direction, frequency, disaggregations, min_value, max_value,
                    created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, i.code());
            s.setString(2, i.unit());
            s.setString(3, i.direction());
            s.setString(4, i.frequency());
            s.setString(5, String.join(",", i.disaggregations()));
            setDouble(s, 6, i.min());
            setDouble(s, 7, i.max());
            s.setString(8, actor);
            s.setTimestamp(9, Timestamp.from(at));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO monitoring_indicator_text (code, lang, name, definition) VALUES (?, ?, ?, ?)""")) {
            s.setString(1, i.code());
            s.setString(2, lang);
            s.setString(3, i.names().get(lang));
            s.setString(4, i.definitions().get(lang));
            s.executeUpdate();
        }
    }

    boolean indicatorExists(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM monitoring_indicator WHERE UPPER(code) = UPPER(?)")) {
            s.setString(1, code);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    List<Value> values(Connection c) throws SQLException {
        List<Value> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, indicator_code, period, area_id, sex, age_band, amount, low, high, cases, source, quality
                FROM monitoring_value ORDER BY indicator_code, period, area_id, sex, age_band""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long cases = rs.getLong(10);
                Long count = rs.wasNull() ? null : cases;
                out.add(new Value(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getDouble(7), nullableDouble(rs, 8), nullableDouble(rs, 9), count, "entered",
                        rs.getString(11), rs.getString(12)));
            }
        }
        return out;
    }

    Optional<Value> value(Connection c, long id) throws SQLException {
        return values(c).stream().filter(v -> v.id() == id).findFirst();
    }

    boolean valueExists(Connection c, Value v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT 1 FROM monitoring_value WHERE indicator_code = ? AND period = ? AND area_id = ? AND sex = ?
                AND age_band = ?""")) {
            s.setString(1, v.indicator());
            s.setString(2, v.period());
            s.setLong(3, v.area());
            s.setString(4, v.sex());
            s.setString(5, v.ageBand());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    long insertValue(Connection c, Value v, String actor, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO monitoring_value (indicator_code, period, area_id, sex, age_band, amount, low, high, cases,
                    source, quality, entered_by, entered_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                PreparedStatement.RETURN_GENERATED_KEYS)) {
            s.setString(1, v.indicator());
            s.setString(2, v.period());
            s.setLong(3, v.area());
            s.setString(4, v.sex());
            s.setString(5, v.ageBand());
            s.setDouble(6, v.value());
            setDouble(s, 7, v.low());
            setDouble(s, 8, v.high());
            if (v.count() == null) {
                s.setNull(9, Types.BIGINT);
            } else {
                s.setLong(9, v.count());
            }
            s.setString(10, v.source());
            s.setString(11, v.quality());
            s.setString(12, actor);
            s.setTimestamp(13, Timestamp.from(at));
            s.executeUpdate();
            try (ResultSet rs = s.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    boolean deleteValue(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM monitoring_value WHERE id = ?")) {
            s.setLong(1, id);
            return s.executeUpdate() == 1;
        }
    }

    List<Target> targets(Connection c) throws SQLException {
        List<Target> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT indicator_code, baseline, baseline_period, target, target_period, trajectory, version
                FROM monitoring_target""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Target(rs.getString(1), nullableDouble(rs, 2), rs.getString(3), nullableDouble(rs, 4),
                        rs.getString(5), rs.getString(6), rs.getInt(7)));
            }
        }
        return out;
    }

    /** Inserts or replaces the target of an indicator; false when {@code version} is not the stored one. */
    boolean putTarget(Connection c, Target t, int version, String actor, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE monitoring_target SET baseline = ?, baseline_period = ?, target = ?, target_period = ?,
                    trajectory = ?, set_by = ?, set_at = ?, version = version + 1
                WHERE indicator_code = ? AND version = ?""")) {
            setDouble(s, 1, t.baseline());
            s.setString(2, t.baselinePeriod());
            setDouble(s, 3, t.target());
            s.setString(4, t.targetPeriod());
            s.setString(5, t.trajectory());
            s.setString(6, actor);
            s.setTimestamp(7, Timestamp.from(at));
            s.setString(8, t.indicator());
            s.setInt(9, version);
            if (s.executeUpdate() == 1) {
                return true;
            }
        }
        if (version != 0 || targets(c).stream().anyMatch(x -> x.indicator().equals(t.indicator()))) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO monitoring_target (indicator_code, baseline, baseline_period, target, target_period,
                    trajectory, set_by, set_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)""")) {
            s.setString(1, t.indicator());
            setDouble(s, 2, t.baseline());
            s.setString(3, t.baselinePeriod());
            setDouble(s, 4, t.target());
            s.setString(5, t.targetPeriod());
            s.setString(6, t.trajectory());
            s.setString(7, actor);
            s.setTimestamp(8, Timestamp.from(at));
            s.executeUpdate();
        }
        return true;
    }

    List<Note> notes(Connection c) throws SQLException {
        List<Note> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, indicator_code, period, what_worked, where_text, why_text, written_by, written_at
                FROM monitoring_note ORDER BY written_at DESC, id DESC""");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new Note(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant()));
            }
        }
        return out;
    }

    long insertNote(Connection c, Note n) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO monitoring_note (indicator_code, period, what_worked, where_text, why_text, written_by,
                    written_at) VALUES (?, ?, ?, ?, ?, ?, ?)""", PreparedStatement.RETURN_GENERATED_KEYS)) {
            s.setString(1, n.indicator());
            s.setString(2, n.period());
            s.setString(3, n.worked());
            s.setString(4, n.where());
            s.setString(5, n.why());
            s.setString(6, n.writtenBy());
            s.setTimestamp(7, Timestamp.from(n.writtenAt()));
            s.executeUpdate();
            try (ResultSet rs = s.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Optional<String> setting(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT val FROM monitoring_setting WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    void putSetting(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE monitoring_setting SET val = ? WHERE name = ?")) {
            s.setString(1, value);
            s.setString(2, name);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO monitoring_setting (name, val) VALUES (?, ?)")) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    private static Double nullableDouble(ResultSet rs, int column) throws SQLException {
        double d = rs.getDouble(column);
        return rs.wasNull() ? null : d;
    }

    private static void setDouble(PreparedStatement s, int i, Double d) throws SQLException {
        if (d == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, d);
        }
    }
}
