package org.safercities.diagnosis.factors;

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
import java.util.List;
import java.util.Optional;

/** SQL of {@code diagnosis_factor}. */
final class FactorStore {

    private static final String COLUMNS = "id, area_id, kind, factor_code, custom_name, strength, description, source, "
            + "evidence_on, version";

    /** Every factor: by area, risks first, strongest first. */
    List<RiskFactor> factors(Connection c) throws SQLException {
        List<RiskFactor> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM diagnosis_factor ORDER BY area_id, kind DESC, strength DESC, id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    Optional<RiskFactor> factor(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM diagnosis_factor WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    long insert(Connection c, FactorForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO diagnosis_factor (area_id, kind, factor_code, custom_name, strength, description, source,
                                              evidence_on, updated_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", Statement.RETURN_GENERATED_KEYS)) {
            bind(ps, f);
            ps.setTimestamp(10, Timestamp.from(Instant.now()));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** False when the version changed meanwhile. */
    boolean update(Connection c, long id, int version, FactorForm f) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE diagnosis_factor SET area_id = ?, kind = ?, factor_code = ?, custom_name = ?, strength = ?,
                       description = ?, source = ?, evidence_on = ?, updated_at = ?, version = version + 1
                WHERE id = ? AND version = ?""")) {
            bind(ps, f);
            ps.setLong(10, id);
            ps.setInt(11, version);
            return ps.executeUpdate() == 1;
        }
    }

    boolean delete(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM diagnosis_factor WHERE id = ?")) {
            ps.setLong(1, id);
            return ps.executeUpdate() == 1;
        }
    }

    private static void bind(PreparedStatement ps, FactorForm f) throws SQLException {
        ps.setLong(1, Long.parseLong(f.areaId()));
        ps.setString(2, f.effectiveKind());
        if (f.factor().isEmpty()) {
            ps.setNull(3, Types.VARCHAR);
            ps.setString(4, f.customName().strip());
        } else {
            ps.setString(3, f.factor());
            ps.setNull(4, Types.VARCHAR);
        }
        ps.setInt(5, f.strengthValue());
        ps.setString(6, f.description());
        ps.setString(7, f.source());
        if (f.evidenceDate() == null) {
            ps.setNull(8, Types.DATE);
        } else {
            ps.setDate(8, Date.valueOf(f.evidenceDate()));
        }
        ps.setTimestamp(9, Timestamp.from(Instant.now()));
    }

    private static RiskFactor row(ResultSet rs) throws SQLException {
        Date d = rs.getDate("evidence_on");
        return new RiskFactor(rs.getLong("id"), rs.getLong("area_id"), rs.getString("kind"), rs.getString("factor_code"),
                rs.getString("custom_name"), rs.getInt("strength"), rs.getString("description"), rs.getString("source"),
                d == null ? null : d.toLocalDate(), rs.getInt("version"));
    }
}
