package org.safercities.platform.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safercities.crypto.Secrets;

/**
 * Runs each module's append-only SQL migrations ({@code db/<module>/V001__verb_noun.sql}), each file in one
 * transaction, and records them in {@code platform_migration} with a checksum.
 *
 * <p>Why not Flyway: each module has its own version sequence, which Flyway handles only with one history
 * table and one scan per module; it also brings Jackson and a classpath scanner into a start-up that is
 * measured against a bare Helidon + Derby reference. What the kit needs is these 100 lines.
 */
public final class Migrator {

    private static final Logger LOG = Logger.getLogger(Migrator.class.getName());
    private static final Pattern FILE = Pattern.compile("V(\\d{3})__([a-z0-9_]+)\\.sql");

    /** One module's migrations: the resource folder {@code db/<module>/} and its file names. */
    public record ModuleMigrations(String module, List<String> files) {
    }

    record Applied(int version, String checksum) {
    }

    private final Store store;
    private final ClassLoader loader;

    public Migrator(Store store, ClassLoader loader) {
        this.store = store;
        this.loader = loader;
    }

    public void migrate(List<ModuleMigrations> modules) {
        migrate(modules, Integer.MAX_VALUE);
    }

    /** Applies migrations up to {@code upTo} (inclusive) per module; tests use it to build an older data folder. */
    public void migrate(List<ModuleMigrations> modules, int upTo) {
        store.tx(this::ensureHistoryTable);
        for (ModuleMigrations m : modules) {
            Map<Integer, Applied> applied = store.read(c -> applied(c, m.module()));
            List<Integer> known = new ArrayList<>();
            for (String file : m.files().stream().sorted().toList()) {
                Matcher match = FILE.matcher(file);
                if (!match.matches()) {
                    throw new IllegalStateException("migration file name must be V00n__verb_noun.sql: " + file);
                }
                int version = Integer.parseInt(match.group(1));
                known.add(version);
                String sql = read("db/" + m.module() + "/" + file);
                String checksum = Secrets.sha256Hex(sql);
                Applied done = applied.get(version);
                if (done != null) {
                    if (!done.checksum().equals(checksum)) {
                        throw new IllegalStateException("migration " + m.module() + "/" + file
                                + " was changed after it was applied: released migrations are never edited");
                    }
                    continue;
                }
                if (version > upTo) {
                    continue;
                }
                store.tx(c -> {
                    apply(c, sql);
                    record(c, m.module(), version, file, checksum);
                    return null;
                });
                LOG.info(() -> "migrated " + m.module() + " to " + file);
            }
            for (Integer v : applied.keySet()) {
                if (!known.contains(v)) {
                    throw new IllegalStateException("This data folder was made by a newer version of the kit ("
                            + m.module() + " migration " + v + " is unknown here): install the newer kit.");
                }
            }
        }
    }

    private Void ensureHistoryTable(Connection c) throws SQLException {
        try (var rs = c.getMetaData().getTables(null, null, "PLATFORM_MIGRATION", null)) {
            if (rs.next()) {
                return null;
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("""
                    CREATE TABLE platform_migration (
                      module     VARCHAR(64)  NOT NULL,
                      version    INT          NOT NULL,
                      file_name  VARCHAR(200) NOT NULL,
                      checksum   CHAR(64)     NOT NULL,
                      applied_at TIMESTAMP    NOT NULL,
                      PRIMARY KEY (module, version))""");
        }
        return null;
    }

    private static Map<Integer, Applied> applied(Connection c, String module) throws SQLException {
        Map<Integer, Applied> out = new HashMap<>();
        try (var ps = c.prepareStatement("SELECT version, checksum FROM platform_migration WHERE module = ?")) {
            ps.setString(1, module);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getInt(1), new Applied(rs.getInt(1), rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static void apply(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(sql)) {
                s.execute(statement);
            }
        }
    }

    /** Splits a file on semicolons that end a line; lines starting with {@code --} are comments. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.endsWith(";")) {
                current.append(trimmed, 0, trimmed.length() - 1);
                out.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static void record(Connection c, String module, int version, String file, String checksum)
            throws SQLException {
        try (var ps = c.prepareStatement(
                "INSERT INTO platform_migration (module, version, file_name, checksum, applied_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, module);
            ps.setInt(2, version);
            ps.setString(3, file);
            ps.setString(4, checksum);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }

    private String read(String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
