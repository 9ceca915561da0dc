package org.safercities.diagnosis.analysis;

import java.util.List;
import java.util.Locale;

/**
 * What the analysis is asked: within an area (its whole subtree), a period of months (yyyymm, inclusive), a
 * category (all, an ICCS section or a division), a victim sex and an age group, broken down by one dimension
 * (rows) and optionally by sex (columns). Filters compose. The same query string drives the page, its CSV, the
 * chart and the report, so each of them can be bookmarked.
 */
public record Query(long areaId, int from, int to, String iccs, String sex, String age, String by, String split) {

    public static final List<String> DIMENSIONS = List.of("area", "category", "sex", "age", "month", "quarter", "year");
    public static final List<String> SPLITS = List.of("", "sex");
    /** Age groups the filter offers, made of the population's five-year bands. */
    public static final List<String> AGE_GROUPS = List.of("", "00-14", "15-29", "30-44", "45-59", "60+", "unknown");

    public Query {
        iccs = iccs == null ? "" : iccs;
        sex = sex == null ? "" : sex;
        age = age == null ? "" : age;
        by = DIMENSIONS.contains(by) ? by : "area";
        split = SPLITS.contains(split) ? split : "";
        if (from > to) {
            int t = from;
            from = to;
            to = t;
        }
    }

    /** The query as URL parameters (same names as the filter form). */
    public String toParameters() {
        return String.format(Locale.ROOT, "area=%d&from=%s&to=%s&iccs=%s&sex=%s&age=%s&by=%s&split=%s", areaId,
                month(from), month(to), iccs, sex, age, by, split);
    }

    /** yyyymm → "yyyy-mm" as the month inputs write it. */
    public static String month(int yyyymm) {
        return String.format(Locale.ROOT, "%04d-%02d", yyyymm / 100, yyyymm % 100);
    }

    /** "yyyy-mm" → yyyymm, or {@code fallback} when it is not a month. */
    public static int month(String text, int fallback) {
        if (text == null || !text.matches("\\d{4}-\\d{2}")) {
            return fallback;
        }
        int y = Integer.parseInt(text.substring(0, 4));
        int m = Integer.parseInt(text.substring(5));
        return m >= 1 && m <= 12 && y >= 1900 && y <= 2200 ? y * 100 + m : fallback;
    }

    /** Which five-year bands (index into Codes.AGE_BANDS) the age filter keeps; null = all. */
    boolean[] bands() {
        if (age.isEmpty()) {
            return null;
        }
        List<String> all = org.safercities.diagnosis.incidents.Codes.AGE_BANDS;
        boolean[] keep = new boolean[all.size() + 1];
        if (age.equals("unknown")) {
            keep[all.size() - 1] = true;
            return keep;
        }
        int lo = age.equals("60+") ? 60 : Integer.parseInt(age.substring(0, 2));
        int hi = age.equals("60+") ? 200 : Integer.parseInt(age.substring(3));
        for (int b = 0; b < all.size() - 1; b++) {
            int low = all.get(b).equals("100+") ? 100 : Integer.parseInt(all.get(b).substring(0, 2));
            keep[b] = low >= lo && low <= hi;
        }
        return keep;
    }
}
