package org.safercities.strategy;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;

/**
 * Amounts are kept as whole numbers of the currency's minor unit (cents for KES): never floating point.
 * Typed amounts are read with {@link BigDecimal}, and shown with the locale's currency format.
 */
public final class Money {

    private static final java.util.regex.Pattern LETTERS_THEN_DIGIT = java.util.regex.Pattern.compile("(?<=\\p{IsLatin}{2})(?=\\d)");
    private static final java.util.regex.Pattern DIGIT_THEN_LETTERS = java.util.regex.Pattern.compile("(?<=\\d)(?=\\p{IsLatin}{2})");

    private Money() {
    }

    /** The minor units of a typed amount ("1500", "1 500.50", "1,500.50"), or empty when it is not a valid amount. */
    public static Optional<Long> parse(String typed, String currency) {
        String s = typed == null ? "" : typed.strip().replace(" ", "").replace("\u00a0", "").replace(",", "");
        if (!s.matches("-?\\d{1,15}(\\.\\d+)?")) {
            return Optional.empty();
        }
        try {
            BigDecimal minor = new BigDecimal(s).movePointRight(digits(currency));
            return Optional.of(minor.longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
    }

    public static int digits(String currency) {
        try {
            int d = Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 0 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    /** Minor units as they are typed back into a form: "1500.50". */
    public static String plain(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency)).toPlainString();
    }

    /**
     * Minor units in the locale's currency format, exactly (the BigDecimal is formatted, not a double). Where the
     * locale has no symbol for the currency and shows its ISO code, the code is kept apart from the digits by a
     * no-break space, as CLDR asks for letters next to numbers: "KES 2,622,000.00", "2 622 000,00 KES".
     */
    public static String format(long minor, String currency, Locale locale) {
        NumberFormat f = (NumberFormat) FORMATS.computeIfAbsent(locale.toLanguageTag() + "|" + currency,
                k -> currencyFormat(currency, locale)).clone();
        return LETTERS_THEN_DIGIT.matcher(DIGIT_THEN_LETTERS.matcher(f.format(BigDecimal.valueOf(minor, digits(currency))))
                .replaceAll("\u00a0")).replaceAll("\u00a0");
    }

    /**
     * Building a currency format costs ~30 µs (locale data lookups); a plan of 500 actions formats 1,500 amounts.
     * One prototype per locale and currency is kept and cloned for each use (DecimalFormat is not thread-safe).
     */
    private static final java.util.Map<String, NumberFormat> FORMATS = new java.util.concurrent.ConcurrentHashMap<>();

    private static NumberFormat currencyFormat(String currency, Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        try {
            f.setCurrency(Currency.getInstance(currency));
        } catch (IllegalArgumentException e) {
            // an unknown code keeps the locale's symbol; the amount stays exact
        }
        f.setMinimumFractionDigits(digits(currency));
        f.setMaximumFractionDigits(digits(currency));
        return f;
    }
}
