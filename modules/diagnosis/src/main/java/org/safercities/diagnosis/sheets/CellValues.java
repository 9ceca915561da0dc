package org.safercities.diagnosis.sheets;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Reads the text of one cell as a number or a date, the way a person who wrote the file meant it. Pure and
 * thread-safe; the import calls these a million times, so they must not allocate more than they need.
 */
public final class CellValues {

    /** Day-first (31/12/2019), month-first (12/31/2019) or year-first; AUTO only when the sample decides it. */
    public enum DateOrder { AUTO, DAY_FIRST, MONTH_FIRST, YEAR_FIRST }

    /** How much of a date the cell said: a day, or only a month (data.police.uk's {@code 2019-01}). */
    public enum Precision { DAY, MONTH }

    /**
     * A date read from a cell, in the city's local time: {@code time} is null when the cell gave none, or when it
     * was exactly local midnight and the mapping says midnight means "time unknown".
     */
    public record ReadDate(LocalDate date, LocalTime time, Precision precision) {
    }

    private CellValues() {
    }

    /** A decimal number, with a decimal comma when {@code decimalComma}; empty for blank, NA, N/A, "-", or junk. */
    public static Optional<Double> decimal(String cell, boolean decimalComma) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }

    /**
     * A date (and time) in forms people and systems write: ISO 8601 with or without time and offset or Z
     * (converted to {@code zone}), day-first or month-first with / - or . (by {@code order}), year-month, and
     * Excel serial numbers (1900 system; 42736 = 2017-01-01). Empty when the cell is blank or not a date.
     */
    public static Optional<ReadDate> date(String cell, DateOrder order, ZoneId zone, boolean midnightUnknown) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }

    /** The order that reads every sample without contradiction (a day above 12 decides), else AUTO. */
    public static DateOrder guessOrder(List<String> samples) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }
}
