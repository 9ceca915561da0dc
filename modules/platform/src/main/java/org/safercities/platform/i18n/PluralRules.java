package org.safercities.platform.i18n;

/**
 * CLDR cardinal plural categories for whole numbers. The JDK has CLDR data but no public plural API, and
 * ICU4J is 14 MB: the rules of the six UN languages fit here. A dropped-in language without rules here uses
 * "one" for 1 and "other" otherwise (correct for most languages of the national forums, e.g. sw, pt).
 * Source: https://www.unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html
 */
public final class PluralRules {

    private PluralRules() {
    }

    public static String category(String lang, long n) {
        long abs = Math.abs(n);
        return switch (lang) {
            case "zh", "ja", "ko", "id", "ms", "th", "vi" -> "other";
            case "fr" -> abs == 0 || abs == 1 ? "one" : (abs != 0 && abs % 1_000_000 == 0 ? "many" : "other");
            case "es", "it", "pt" -> abs == 1 ? "one" : (abs != 0 && abs % 1_000_000 == 0 ? "many" : "other");
            case "ru", "uk" -> russian(abs);
            case "ar" -> arabic(abs);
            default -> abs == 1 ? "one" : "other";
        };
    }

    /** The categories a language uses for whole numbers: a bundle must give each of them. */
    public static java.util.Set<String> categories(String lang) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (long n = 0; n <= 2_000_000; n = n < 300 ? n + 1 : n + 1000) {
            out.add(category(lang, n));
        }
        out.add(category(lang, 1_000_000));
        return out;
    }

    private static String russian(long n) {
        long mod10 = n % 10;
        long mod100 = n % 100;
        if (mod10 == 1 && mod100 != 11) {
            return "one";
        }
        if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) {
            return "few";
        }
        return "many";
    }

    private static String arabic(long n) {
        long mod100 = n % 100;
        if (n == 0) {
            return "zero";
        }
        if (n == 1) {
            return "one";
        }
        if (n == 2) {
            return "two";
        }
        if (mod100 >= 3 && mod100 <= 10) {
            return "few";
        }
        if (mod100 >= 11 && mod100 <= 99) {
            return "many";
        }
        return "other";
    }
}
