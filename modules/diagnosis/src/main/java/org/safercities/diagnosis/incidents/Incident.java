package org.safercities.diagnosis.incidents;

/** A stored incident with its id, source, import (null when typed in) and version for optimistic edits. */
public record Incident(long id, long sourceId, Long importId, IncidentRow row, int version) {
}
