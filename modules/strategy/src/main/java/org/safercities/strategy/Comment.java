package org.safercities.strategy;

import java.time.Instant;

/**
 * A technical-group comment on a part of a draft: {@code part} is "vision", "priority:12", "objective:3" or
 * "action:40"; {@code partLabel} is that part's title when the comment was written (the part may change later).
 */
public record Comment(long id, long versionId, String part, String partLabel, String author, String body,
        Instant createdAt, String resolvedBy, Instant resolvedAt) {

    public boolean resolved() {
        return resolvedAt != null;
    }
}
