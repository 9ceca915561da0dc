package org.safercities.diagnosis.sheets;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Reads the text of one cell as a number or a date, the way a person who wrote the file meant it. Pure and
 * thread-safe; the import calls these a million times, so they must not allocate more than they need.
 * Hand-written scanners, no regular expressions and no exceptions for ordinary bad cells.
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

    /** Excel's day 0 for serials above 60: its 1900 system counts a 29 February 1900 that never was. */
    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);
    private static final int EXCEL_MAX = 100_000;
    /** Two-digit years are read as the latest year not after this one (incidents are never in the future). */
    private static final int THIS_YEAR = LocalDate.now().getYear();

    private CellValues() {
    }

    // ---------------------------------------------------------------- numbers

    /** A decimal number, with a decimal comma when {@code decimalComma}; empty for blank, NA, N/A, "-", or junk. */
    public static Optional<Double> decimal(String cell, boolean decimalComma) {
        double d = parseDecimal(cell, decimalComma);
        return Double.isNaN(d) ? Optional.empty() : Optional.of(d);
    }

    /**
     * The number, or NaN. The decimal mark is the one the file uses; the other mark, a space or a no-break space
     * are thousands separators only in groups of exactly three digits ("1.234.567,5"; "1 234,5"); a single
     * other mark not followed by three digits is read as a decimal mark after all ("0.5" in a decimal-comma
     * file), since it cannot be a thousands separator.
     */
    static double parseDecimal(String cell, boolean decimalComma) {
        if (cell == null) {
            return Double.NaN;
        }
        int from = 0;
        int to = cell.length();
        while (from < to && isSpace(cell.charAt(from))) {
            from++;
        }
        while (to > from && isSpace(cell.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            return Double.NaN;
        }
        char decimalMark = decimalComma ? ',' : '.';
        char[] out = new char[to - from];
        int n = 0;
        int i = from;
        char first = cell.charAt(i);
        if (first == '-' || first == '+') {
            if (first == '-') {
                out[n++] = '-';
            }
            i++;
        }
        int intDigits = 0;
        int groupDigits = 0;
        char groupMark = 0;
        boolean grouped = false;
        boolean badGroup = false;
        int otherMarks = 0;
        int otherAt = -1;
        for (; i < to; i++) {
            char c = cell.charAt(i);
            if (c >= '0' && c <= '9') {
                out[n++] = c;
                intDigits++;
                groupDigits++;
            } else if (c == decimalMark || c == 'e' || c == 'E') {
                break;
            } else if ((c == ',' || c == '.' || c == ' ' || c == '\u00A0' || c == '\u202F' || c == '\'')
                    && intDigits > 0) {
                if (groupMark != 0 && c != groupMark) {
                    return Double.NaN; // "1.234 567": two kinds of separators in the whole part
                }
                if ((grouped ? groupDigits != 3 : groupDigits > 3)) {
                    badGroup = true;
                }
                groupMark = c;
                grouped = true;
                groupDigits = 0;
                otherMarks++;
                otherAt = n;
            } else {
                return Double.NaN;
            }
        }
        if (intDigits == 0 && (i >= to || cell.charAt(i) != decimalMark)) {
            return Double.NaN;
        }
        if (grouped && (groupDigits != 3 || badGroup)) {
            // not thousands: one '.'/',' of the other kind alone is a decimal mark after all ("0.5", "-75.5698")
            if (otherMarks == 1 && i == to && (groupMark == ',' || groupMark == '.')) {
                return finish(out, n, otherAt);
            }
            return Double.NaN;
        }
        if (i < to && cell.charAt(i) == decimalMark) {
            int at = n;
            i++;
            int fraction = 0;
            for (; i < to; i++) {
                char c = cell.charAt(i);
                if (c >= '0' && c <= '9') {
                    out[n++] = c;
                    fraction++;
                } else if (c == 'e' || c == 'E') {
                    break;
                } else {
                    return Double.NaN;
                }
            }
            if (fraction == 0 && intDigits == 0) {
                return Double.NaN;
            }
            return exponent(cell, i, to, out, n, at);
        }
        return exponent(cell, i, to, out, n, -1);
    }

    /** The digits with a '.' put back at {@code point} (-1: none), then an exponent from the cell if any. */
    private static double exponent(String cell, int i, int to, char[] digits, int n, int point) {
        if (i == to) {
            return finish(digits, n, point);
        }
        // an exponent ("1.5E3", as some exports write): short, rare, and Double.parseDouble checks it
        StringBuilder sb = new StringBuilder(n + 8);
        appendNumber(sb, digits, n, point);
        sb.append('E');
        for (int k = i + 1; k < to; k++) {
            char c = cell.charAt(k);
            if (!((c >= '0' && c <= '9') || ((c == '-' || c == '+') && k == i + 1))) {
                return Double.NaN;
            }
            sb.append(c);
        }
        if (sb.charAt(sb.length() - 1) == 'E' || sb.charAt(sb.length() - 1) == '-' || sb.charAt(sb.length() - 1) == '+') {
            return Double.NaN;
        }
        return Double.parseDouble(sb.toString());
    }

    private static double finish(char[] digits, int n, int point) {
        // small whole numbers (ages, counts) without building a string
        if (point < 0 && n <= 15) {
            long v = 0;
            int k = digits[0] == '-' ? 1 : 0;
            if (k == n) {
                return Double.NaN;
            }
            for (int j = k; j < n; j++) {
                v = v * 10 + (digits[j] - '0');
            }
            return k == 1 ? (v == 0 ? -0.0 : -v) : v;
        }
        StringBuilder sb = new StringBuilder(n + 1);
        appendNumber(sb, digits, n, point);
        return Double.parseDouble(sb.toString());
    }

    private static void appendNumber(StringBuilder sb, char[] digits, int n, int point) {
        if (point < 0) {
            sb.append(digits, 0, n);
        } else {
            sb.append(digits, 0, point).append('.').append(digits, point, n - point);
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u202F';
    }

    // ---------------------------------------------------------------- dates

    /**
     * A date (and time) in forms people and systems write: ISO 8601 with or without time and offset or Z
     * (converted to {@code zone}), day-first or month-first with / - or . (by {@code order}), year-month, and
     * Excel serial numbers (1900 system; 42736 = 2017-01-01). Empty when the cell is blank or not a date.
     */
    public static Optional<ReadDate> date(String cell, DateOrder order, ZoneId zone, boolean midnightUnknown) {
        if (cell == null) {
            return Optional.empty();
        }
        Scan s = new Scan(cell);
        if (s.pos == s.end) {
            return Optional.empty();
        }
        return Optional.ofNullable(s.read(order, zone, midnightUnknown));
    }

    /** The order that reads every sample without contradiction (a day above 12 decides), else AUTO. */
    public static DateOrder guessOrder(List<String> samples) {
        boolean dayFirst = false;
        boolean monthFirst = false;
        boolean yearFirst = false;
        boolean other = false;
        for (String sample : samples) {
            if (sample == null) {
                continue;
            }
            Scan s = new Scan(sample);
            if (s.pos == s.end) {
                continue;
            }
            int a = s.number(4);
            int aDigits = s.digits;
            if (a < 0 || s.pos >= s.end || !isDateSeparator(s.peek())) {
                continue; // not a d/m/y date: serial numbers and junk decide nothing
            }
            if (aDigits == 4) {
                yearFirst = true;
                continue;
            }
            char sep = s.peek();
            s.pos++;
            int b = s.number(2);
            if (b < 0 || s.pos >= s.end || s.peek() != sep) {
                continue;
            }
            if (a > 12 && b <= 12) {
                dayFirst = true;
            } else if (b > 12 && a <= 12) {
                monthFirst = true;
            } else if (a > 12) {
                other = true; // both above 12: no order reads it
            }
        }
        if (other || (dayFirst && monthFirst) || (yearFirst && (dayFirst || monthFirst))) {
            return DateOrder.AUTO;
        }
        return dayFirst ? DateOrder.DAY_FIRST : monthFirst ? DateOrder.MONTH_FIRST
                : yearFirst ? DateOrder.YEAR_FIRST : DateOrder.AUTO;
    }

    private static boolean isDateSeparator(char c) {
        return c == '-' || c == '/' || c == '.';
    }

    /** A cursor over one cell's text, trimmed; every read returns -1 or null instead of throwing. */
    private static final class Scan {
        final String text;
        int pos;
        final int end;
        int digits;

        Scan(String text) {
            this.text = text;
            int from = 0;
            int to = text.length();
            while (from < to && text.charAt(from) <= ' ') {
                from++;
            }
            while (to > from && text.charAt(to - 1) <= ' ') {
                to--;
            }
            this.pos = from;
            this.end = to;
        }

        char peek() {
            return text.charAt(pos);
        }

        /** Up to {@code max} digits as a number (their count in {@link #digits}), -1 when there is none. */
        int number(int max) {
            int v = 0;
            digits = 0;
            while (pos < end && digits < max) {
                char c = text.charAt(pos);
                if (c < '0' || c > '9') {
                    break;
                }
                v = v * 10 + (c - '0');
                digits++;
                pos++;
            }
            return digits == 0 ? -1 : v;
        }

        ReadDate read(DateOrder order, ZoneId zone, boolean midnightUnknown) {
            int start = pos;
            int a = number(9);
            int aDigits = digits;
            if (a < 0) {
                return null;
            }
            if (pos == end || text.charAt(pos) == '.' && aDigits <= 6 && allDigitsAfter(pos + 1)) {
                return aDigits == 8 && pos == end ? basicIso(a) : excelSerial(start, midnightUnknown);
            }
            char sep = text.charAt(pos);
            if (!isDateSeparator(sep) || aDigits == 3 || aDigits > 4) {
                return null;
            }
            pos++;
            int b = number(2);
            if (b < 0) {
                return null;
            }
            if (aDigits == 4) {
                return yearFirst(a, b, sep, zone, midnightUnknown);
            }
            if (pos >= end || text.charAt(pos) != sep) {
                return null;
            }
            pos++;
            int c = number(4);
            int cDigits = digits;
            if (c < 0 || cDigits == 3 || cDigits == 1) {
                return null;
            }
            int year;
            int month;
            int day;
            if (order == DateOrder.YEAR_FIRST && cDigits == 4) {
                order = DateOrder.AUTO; // the year is plainly last: the sample's order does not apply to this cell
            }
            if (order == DateOrder.YEAR_FIRST) {
                if (cDigits != 2) {
                    return null;
                }
                year = fullYear(a, aDigits);
                month = b;
                day = c;
            } else {
                year = fullYear(c, cDigits);
                DateOrder o = order;
                if (o == DateOrder.AUTO) {
                    o = a > 12 ? DateOrder.DAY_FIRST : b > 12 ? DateOrder.MONTH_FIRST : a == b ? DateOrder.DAY_FIRST : null;
                    if (o == null) {
                        return null; // 03/04/2019 with no order known: refuse rather than guess
                    }
                }
                day = o == DateOrder.DAY_FIRST ? a : b;
                month = o == DateOrder.DAY_FIRST ? b : a;
            }
            if (year < 0 || !valid(year, month, day)) {
                return null;
            }
            return withTime(LocalDate.of(year, month, day), zone, midnightUnknown);
        }

        /** yyyy-MM, yyyy-MM-dd, then an optional time: ISO 8601 and its everyday variants (yyyy/MM/dd HH:mm). */
        private ReadDate yearFirst(int year, int month, char sep, ZoneId zone, boolean midnightUnknown) {
            if (pos == end) {
                return month >= 1 && month <= 12 && sep != '.'
                        ? new ReadDate(LocalDate.of(year, month, 1), null, Precision.MONTH) : null;
            }
            if (text.charAt(pos) != sep) {
                return null;
            }
            pos++;
            int day = number(2);
            if (day < 0 || !valid(year, month, day)) {
                return null;
            }
            return withTime(LocalDate.of(year, month, day), zone, midnightUnknown);
        }

        /** After the date: nothing, or 'T'/space, HH:mm[:ss[.fff]] [AM|PM], and an optional Z or ±hh[:mm]. */
        private ReadDate withTime(LocalDate date, ZoneId zone, boolean midnightUnknown) {
            if (pos == end) {
                return new ReadDate(date, null, Precision.DAY);
            }
            char t = text.charAt(pos);
            if (t != 'T' && t != ' ') {
                return null;
            }
            pos++;
            while (pos < end && text.charAt(pos) == ' ') {
                pos++;
            }
            int hour = number(2);
            if (hour < 0 || pos >= end || text.charAt(pos) != ':') {
                return null;
            }
            pos++;
            int minute = number(2);
            if (minute < 0 || digits != 2) {
                return null;
            }
            int second = 0;
            int nano = 0;
            if (pos < end && text.charAt(pos) == ':') {
                pos++;
                second = number(2);
                if (second < 0 || digits != 2) {
                    return null;
                }
                if (pos < end && (text.charAt(pos) == '.' || text.charAt(pos) == ',')) {
                    pos++;
                    int scale = 100_000_000;
                    int any = 0;
                    while (pos < end && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                        nano += (text.charAt(pos) - '0') * scale;
                        scale /= 10;
                        pos++;
                        any++;
                    }
                    if (any == 0) {
                        return null;
                    }
                }
            }
            while (pos < end && text.charAt(pos) == ' ') {
                pos++;
            }
            if (pos + 1 < end && (text.charAt(pos + 1) == 'M' || text.charAt(pos + 1) == 'm')) {
                char ap = Character.toUpperCase(text.charAt(pos));
                if ((ap != 'A' && ap != 'P') || hour < 1 || hour > 12) {
                    return null;
                }
                hour = hour % 12 + (ap == 'P' ? 12 : 0);
                pos += 2;
            }
            if (hour > 23 || minute > 59 || second > 59) {
                return null;
            }
            LocalDateTime local = LocalDateTime.of(date.getYear(), date.getMonthValue(), date.getDayOfMonth(), hour,
                    minute, second, nano);
            if (pos < end) {
                int offset = offsetSeconds();
                if (offset == Integer.MIN_VALUE) {
                    return null;
                }
                Instant instant = local.toInstant(ZoneOffset.ofTotalSeconds(offset));
                local = LocalDateTime.ofInstant(instant, zone);
            }
            LocalTime time = local.toLocalTime();
            if (midnightUnknown && time.equals(LocalTime.MIDNIGHT)) {
                time = null;
            }
            return new ReadDate(local.toLocalDate(), time, Precision.DAY);
        }

        /** Z, +hh, +hhmm or +hh:mm to the end of the cell, in seconds; MIN_VALUE when it is something else. */
        private int offsetSeconds() {
            char c = text.charAt(pos);
            if ((c == 'Z' || c == 'z') && pos + 1 == end) {
                return 0;
            }
            if (c != '+' && c != '-' && c != '\u2212') {
                return Integer.MIN_VALUE;
            }
            pos++;
            int h = number(2);
            if (h < 0 || digits != 2) {
                return Integer.MIN_VALUE;
            }
            int m = 0;
            if (pos < end && text.charAt(pos) == ':') {
                pos++;
            }
            if (pos < end) {
                m = number(2);
                if (m < 0 || digits != 2) {
                    return Integer.MIN_VALUE;
                }
            }
            if (pos != end || h > 18 || m > 59) {
                return Integer.MIN_VALUE;
            }
            int s = h * 3600 + m * 60;
            return c == '+' ? s : -s;
        }

        private boolean allDigitsAfter(int from) {
            if (from >= end) {
                return false;
            }
            for (int k = from; k < end; k++) {
                char c = text.charAt(k);
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }

        /** 20190101 (ISO 8601 basic). */
        private static ReadDate basicIso(int v) {
            int y = v / 10_000;
            int m = v / 100 % 100;
            int d = v % 100;
            return y >= 1000 && valid(y, m, d) ? new ReadDate(LocalDate.of(y, m, d), null, Precision.DAY) : null;
        }

        /**
         * An Excel serial day (1900 system), a fraction of a day as the time. Excel counts 1900 as a leap year
         * (Lotus 1-2-3's bug): serials from 61 on are one day ahead of a plain count from 1899-12-31, and 60, the
         * 29 February 1900 that never was, is no date.
         */
        private ReadDate excelSerial(int start, boolean midnightUnknown) {
            double v = parseDecimal(text.substring(start, end), false);
            if (Double.isNaN(v) || v < 1 || v >= EXCEL_MAX + 1) {
                return null;
            }
            long day = (long) Math.floor(v);
            if (day == 60) {
                return null;
            }
            LocalDate date = day < 60 ? EXCEL_EPOCH.plusDays(day + 1) : EXCEL_EPOCH.plusDays(day);
            long seconds = Math.round((v - day) * 86_400);
            if (seconds == 0 && (midnightUnknown || v == day)) {
                return new ReadDate(date, null, Precision.DAY);
            }
            if (seconds >= 86_400) {
                return new ReadDate(date.plusDays(1), midnightUnknown ? null : LocalTime.MIDNIGHT, Precision.DAY);
            }
            return new ReadDate(date, LocalTime.ofSecondOfDay(seconds), Precision.DAY);
        }

        /** A two-digit year is the latest such year not in the future (19 → 2019, 98 → 1998). */
        private static int fullYear(int y, int digits) {
            if (digits == 4) {
                return y;
            }
            if (digits != 2) {
                return -1;
            }
            int century = THIS_YEAR / 100 * 100;
            return century + y <= THIS_YEAR ? century + y : century - 100 + y;
        }

        private static boolean valid(int year, int month, int day) {
            if (month < 1 || month > 12 || day < 1 || year < 1000 || year > 9999) {
                return false;
            }
            return day <= java.time.YearMonth.of(year, month).lengthOfMonth();
        }
    }
}
