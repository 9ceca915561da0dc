package org.safercities.diagnosis.incidents;

import java.time.LocalDate;

/**
 * One incident as the kit stores it, read from a file row or typed in. {@code minute} is minutes after local
 * midnight (null: time unknown); {@code precision} 'D' (day) or 'M' (only the month is known).
 */
public record IncidentRow(long fingerprint, LocalDate date, char precision, Integer minute, String iccs,
        String localCategory, char sex, Integer age, String ageBand, String place, Long areaId, Double longitude,
        Double latitude) {

    /** The month as the counts key it: yyyymm. */
    public int month() {
        return date.getYear() * 100 + date.getMonthValue();
    }
}
