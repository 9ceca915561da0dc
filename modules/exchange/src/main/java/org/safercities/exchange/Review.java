package org.safercities.exchange;

import java.time.Instant;

/**
 * The review report of one cycle (a calendar year, R§7, R§14): the office's own words about the measures taken,
 * the difficulties met, the technical assistance needed and the good practices, and the success indicators of
 * R§25. {@code saved} is false for a report pre-filled from the other modules and not yet saved.
 */
public record Review(int cycle, String measures, String difficulties, String assistance, String practicesNote,
        int toolsShared, int toolsPiloted, int focalPoints, long fundsMinor, int partnersEngaged, Instant updatedAt,
        String updatedBy, int version, boolean saved) {
}
