package org.safercities.diagnosis.surveys;

import java.util.List;

/** A row the import refused: file row number, column, the value, and the reason as a message key with arguments. */
public record ImportError(long row, String column, String value, String reasonKey, List<Object> args) {

    /** Longer values are cut: an import keeps up to 10,000 of these, and a cell may hold 100,000 characters. */
    static final int VALUE_KEPT = 200;

    public ImportError {
        if (value != null && value.length() > VALUE_KEPT) {
            int end = Character.isHighSurrogate(value.charAt(VALUE_KEPT - 1)) ? VALUE_KEPT - 1 : VALUE_KEPT;
            value = value.substring(0, end) + "…";
        }
    }
}
