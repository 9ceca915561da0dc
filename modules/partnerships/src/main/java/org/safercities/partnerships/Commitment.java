package org.safercities.partnerships;

import java.time.LocalDate;

/**
 * What an actor has committed to (a memorandum, a pledge): its kind ({@link Codes#COMMITMENT_KINDS}), from when
 * ({@code startDate}, null when not recorded), until when, and whether it was kept.
 */
public record Commitment(long id, long actorId, String kind, String description, LocalDate startDate, LocalDate endDate,
        boolean fulfilled) {

    /** Past its end date and not kept, on {@code today}. */
    public boolean overdue(LocalDate today) {
        return !fulfilled && endDate.isBefore(today);
    }

    /** Not kept yet and its start date still to come on {@code today}. */
    public boolean upcoming(LocalDate today) {
        return !fulfilled && startDate != null && startDate.isAfter(today);
    }
}
