package org.safercities.diagnosis.incidents;

/** Why a row of a file cannot be imported: file row number, column, the value as written and a message key. */
public record RowError(long row, String column, String value, String reasonKey) {
}
