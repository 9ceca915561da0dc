package org.safercities.platform.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.safercities.crypto.Secrets;
import org.safercities.platform.store.Store;

/**
 * The append-only, hash-chained audit log. Each entry's hash covers the previous entry's hash, so editing or
 * deleting any entry breaks the chain at that point ({@link #verify}).
 *
 * <p>Appends are serialised by the database, not the JVM: the single row of {@code platform_audit_head} is
 * updated first, which holds its lock until the surrounding transaction commits. So an entry written inside a
 * change's transaction commits with that change or not at all.
 */
public final class AuditLog {

    public static final String GENESIS = "0".repeat(64);
    private final Store store;
    private final Clock clock;

    public AuditLog(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** What to record; {@code actor} and {@code address} come from the request. */
    public record Event(String actor, String address, String action, String recordType, String recordId,
            String outcome, String detail) {
        public Event {
            // cut to the columns' widths (V002): what was typed at the sign-in page is recorded, however long
            actor = fit(nz(actor), 64);
            address = fit(nz(address), 64);
            recordType = fit(nz(recordType), 64);
            recordId = fit(nz(recordId), 64);
            outcome = fit(nz(outcome), 16);
            detail = fit(detail == null ? "" : detail, 1000);
        }

        private static String nz(String s) {
            return s == null || s.isEmpty() ? "-" : s;
        }

        private static String fit(String s, int width) {
            return s.length() > width ? s.substring(0, width) : s;
        }
    }

    /** Appends in its own transaction (logins, denials: things that change nothing else). */
    public void record(Event event) {
        store.tx(c -> append(c, event));
    }

    /** Appends inside the caller's transaction, so the entry and the change commit together. */
    public AuditEntry append(Connection c, Event e) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement("UPDATE platform_audit_head SET seq = seq + 1 WHERE id = 1")) {
            bump.executeUpdate();
        }
        long seq;
        String prev;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM platform_audit_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            seq = rs.getLong(1);
            prev = rs.getString(2);
        }
        Instant at = Instant.ofEpochMilli(clock.millis());
        AuditEntry draft = new AuditEntry(seq, at, e.actor(), e.address(), e.action(), e.recordType(), e.recordId(),
                e.outcome(), e.detail(), prev, null);
        String hash = Secrets.sha256Hex(draft.canonical());
        try (PreparedStatement ins = c.prepareStatement("""
                INSERT INTO platform_audit (seq, logged_at, actor, address, action, record_type, record_id, outcome, detail,
                                            prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            ins.setLong(1, seq);
            ins.setTimestamp(2, Timestamp.from(at));
            ins.setString(3, e.actor());
            ins.setString(4, e.address());
            ins.setString(5, e.action());
            ins.setString(6, e.recordType());
            ins.setString(7, e.recordId());
            ins.setString(8, e.outcome());
            ins.setString(9, e.detail());
            ins.setString(10, prev);
            ins.setString(11, hash);
            ins.executeUpdate();
        }
        try (PreparedStatement head = c.prepareStatement("UPDATE platform_audit_head SET hash = ? WHERE id = 1")) {
            head.setString(1, hash);
            head.executeUpdate();
        }
        return new AuditEntry(seq, at, e.actor(), e.address(), e.action(), e.recordType(), e.recordId(), e.outcome(),
                e.detail(), prev, hash);
    }

    /** A page of entries, newest first, optionally only those whose action starts with {@code actionPrefix}. */
    public List<AuditEntry> page(int offset, int limit, String actionPrefix) {
        return store.read(c -> {
            String where = actionPrefix == null || actionPrefix.isBlank() ? "" : " WHERE action LIKE ?";
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM platform_audit" + where
                    + " ORDER BY seq DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                int i = 1;
                if (!where.isEmpty()) {
                    ps.setString(i++, actionPrefix.replace("%", "") + "%");
                }
                ps.setInt(i++, offset);
                ps.setInt(i, limit);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(row(rs));
                    }
                }
                return out;
            }
        });
    }

    /** Streams every entry in order (export). */
    public void forEach(Consumer<AuditEntry> sink) {
        store.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM platform_audit ORDER BY seq");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(row(rs));
                }
            }
            return null;
        });
    }

    /** The result of walking the chain: intact, or the first entry whose hash or link does not hold. */
    public record Verification(boolean intact, long entries, long firstBrokenSeq) {
    }

    public Verification verify() {
        long[] count = {0};
        long[] broken = {-1};
        String[] prev = {GENESIS};
        long[] expectedSeq = {1};
        forEach(e -> {
            count[0]++;
            if (broken[0] >= 0) {
                return;
            }
            boolean linkOk = e.prevHash().equals(prev[0]) && e.seq() == expectedSeq[0];
            boolean hashOk = Secrets.sha256Hex(e.canonical()).equals(e.hash());
            if (!linkOk || !hashOk) {
                broken[0] = e.seq();
            }
            prev[0] = e.hash();
            expectedSeq[0] = e.seq() + 1;
        });
        if (broken[0] < 0) {
            String head = store.read(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT hash FROM platform_audit_head WHERE id = 1");
                        ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            if (!head.equals(prev[0])) {
                broken[0] = expectedSeq[0]; // the newest entries were removed
            }
        }
        return new Verification(broken[0] < 0, count[0], broken[0]);
    }

    private static AuditEntry row(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("logged_at").toInstant(), rs.getString("actor"),
                rs.getString("address"), rs.getString("action"), rs.getString("record_type"), rs.getString("record_id"),
                rs.getString("outcome"), rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
    }
}
