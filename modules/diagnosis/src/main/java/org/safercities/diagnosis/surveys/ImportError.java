package org.safercities.diagnosis.surveys;

import java.util.List;

/** A row the import refused: file row number, column, the value, and the reason as a message key with arguments. */
public record ImportError(long row, String column, String value, String reasonKey, List<Object> args) {
}
