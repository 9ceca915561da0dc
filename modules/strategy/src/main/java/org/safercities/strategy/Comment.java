package org.safercities.strategy;

import java.time.Instant;

/**
 * A technical-group comment on a part of a draft: {@code part} is "vision", "priority:12", "objective:3" or
 * "action:40"; {@code partLabel} is that part's title when the comment was written (the part may change later);
 * {@code editedBy}/{@code editedAt}: its last edit, if any; {@code version}: the optimistic version of the row.
 */
public record Comment(long id, long versionId, String part, String partLabel, String author, String body,
        Instant createdAt, String resolvedBy, Instant resolvedAt, int version, String editedBy, Instant editedAt) {

    public boolean resolved() {
        return resolvedAt != null;
    }

    /** Its author may change or delete it, and so may a coordinator. */
    public boolean changeableBy(String actor, boolean coordinator) {
        return coordinator || author.equals(actor);
    }
}
