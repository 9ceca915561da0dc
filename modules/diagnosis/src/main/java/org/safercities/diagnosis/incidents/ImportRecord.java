package org.safercities.diagnosis.incidents;

import java.time.Instant;

/** One import of a file into a source, as the import history shows it. */
public record ImportRecord(long id, long sourceId, String sourceName, String fileName, String status, int rowsRead,
        int rowsAdded, int rowsDuplicate, int rowsRejected, int areaUnknown, String startedBy, Instant startedAt,
        Instant finishedAt, String message) {

    public boolean undoable() {
        return "done".equals(status);
    }
}
