package org.safercities.monitoring;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Periods as the office writes them: a year "2024", a quarter "2024-Q1" or a month "2024-03". */
final class Periods {

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");
    static final int FIRST_YEAR = 1990;
    static final int LAST_YEAR = 2100;

    private Periods() {
    }

    /** The period in its canonical form ("2024-q1" → "2024-Q1"), or null when it is not one. */
    static String normalize(String text) {
        String s = text == null ? "" : text.strip().toUpperCase(java.util.Locale.ROOT);
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        return year < FIRST_YEAR || year > LAST_YEAR ? null : s;
    }

    /** The first day of the period. */
    static LocalDate start(String period) {
        Matcher m = FORM.matcher(period);
        if (!m.matches()) {
            throw new IllegalArgumentException(period);
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return LocalDate.of(year, (Integer.parseInt(m.group(2)) - 1) * 3 + 1, 1);
        }
        return LocalDate.of(year, m.group(3) == null ? 1 : Integer.parseInt(m.group(3)), 1);
    }

    /** The period as a point in time, in years (the start of the period): 2024-Q3 → 2024.5. */
    static double time(String period) {
        LocalDate d = start(period);
        return d.getYear() + (d.getMonthValue() - 1) / 12.0;
    }

    static int year(String period) {
        return Integer.parseInt(period.substring(0, 4));
    }
}
