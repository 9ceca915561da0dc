package org.safercities.monitoring;

import java.time.Instant;

/** An evaluation note (G§40b): for an indicator and period, what worked, where, and why. */
public record Note(long id, String indicator, String period, String worked, String where, String why, String writtenBy,
        Instant writtenAt) {
}
