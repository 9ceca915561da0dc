package org.safercities.partnerships;

import java.time.LocalDate;

/** What an actor has committed to (a memorandum, a pledge), until when, and whether it was kept. */
public record Commitment(long id, long actorId, String description, LocalDate endDate, boolean fulfilled) {

    /** Past its end date and not kept, on {@code today}. */
    public boolean overdue(LocalDate today) {
        return !fulfilled && endDate.isBefore(today);
    }
}
