package org.safercities.diagnosis.incidents;

import java.time.Instant;
import java.time.LocalDate;

/** What the report says of a source: its kind, how many incidents, their first and last date, the last import. */
public record SourceSummary(String name, String kind, long incidents, LocalDate first, LocalDate last,
        Instant lastImport) {
}
