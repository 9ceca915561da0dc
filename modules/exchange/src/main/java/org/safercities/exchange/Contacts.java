package org.safercities.exchange;

import java.util.regex.Pattern;

/**
 * A first line of defence against contact details typed into free text that leaves the office: e-mail addresses
 * and phone numbers (nine digits or more, spaces, dots, dashes and a leading + allowed). It cannot recognise a
 * person's name; the forms say so and ask for a role instead.
 */
final class Contacts {

    private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .()\\-]{5,}[0-9]");

    private Contacts() {
    }

    static boolean looksPersonal(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (EMAIL.matcher(text).find()) {
            return true;
        }
        var m = PHONE.matcher(text);
        while (m.find()) {
            if (m.group().replaceAll("[^0-9]", "").length() >= 9) {
                return true;
            }
        }
        return false;
    }
}
