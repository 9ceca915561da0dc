package org.safercities.strategy;

import java.time.LocalDate;

import java.util.List;

/** An objective with a measurable target: what, how much, by when; and the SDG targets it contributes to (G§71). */
public record Objective(long id, long versionId, Long priorityId, String title, String targetWhat, String targetAmount,
        LocalDate targetBy, int version, List<String> sdgTargets) {
}
