package org.safercities.platform.areas;

import java.util.regex.Pattern;

/** An area code as typed or imported: 1-64 letters, digits, '.', '-' or '_' (P-codes, GB/T 2260, IBGE…). */
public final class AreaCode {

    private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._-]{1,64}");

    private AreaCode() {
    }

    /**
     * The normalised code, or null when it cannot be one. Whole numbers written as decimals by spreadsheets
     * and GIS tools ("3502754.0") become "3502754".
     */
    public static String normalize(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.strip();
        if (s.matches("-?\\d+\\.0+")) {
            s = s.substring(0, s.indexOf('.'));
        }
        return VALID.matcher(s).matches() ? s : null;
    }
}
