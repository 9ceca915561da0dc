package org.safercities.partnerships;

import java.time.LocalDate;

/** A typed, dated relationship from one actor to another, strength 1-3. */
public record Relationship(long id, long fromId, long toId, String type, LocalDate from, LocalDate until, int strength) {
}
