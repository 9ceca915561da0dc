package org.safercities.strategy;

import java.time.LocalDate;

/** An objective with a measurable target: what, how much, by when. */
public record Objective(long id, long versionId, Long priorityId, String title, String targetWhat, String targetAmount,
        LocalDate targetBy, int version) {
}
