package org.safercities.platform.audit;

import java.time.Instant;

/**
 * One line of the audit log: who ({@code actor}, a user name or {@code -}), when, what ({@code action}, e.g.
 * {@code area.create}), which record, the outcome ({@code ok}, {@code denied}, {@code failed}) and a short
 * detail. {@code hash} chains it to the previous entry.
 */
public record AuditEntry(long seq, Instant at, String actor, String address, String action, String recordType,
        String recordId, String outcome, String detail, String prevHash, String hash) {

    /** The text that is hashed: every field but the hash itself, separated so that no two entries collide. */
    String canonical() {
        return String.join("\u001f", Long.toString(seq), Long.toString(at.toEpochMilli()), actor, address, action,
                recordType, recordId, outcome, detail, prevHash);
    }
}
