package org.safercities.platform.i18n;

import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Messages, numbers, dates and plurals for one language. Templates use {@link #lambda()} as
 * {@code {{#t}}key{{/t}}}; code uses {@link #t} and {@link #plural}.
 */
public final class Translator {

    private final String lang;
    private final Locale locale;
    private final Map<String, String> messages;
    private final Map<String, String> source;
    private final Map<String, MessageFormat> formats = new ConcurrentHashMap<>();
    private final DateTimeFormatter dateFormat;
    private final DateTimeFormatter dateTimeFormat;
    private final Function<String, String> lambda;
    private final NumberFormat integerFormat;
    private static final Map<String, String> NATIVE_NAMES = new ConcurrentHashMap<>();

    Translator(String lang, Map<String, String> messages, Map<String, String> source) {
        this.lang = lang;
        this.locale = Locale.forLanguageTag(lang);
        this.messages = messages;
        this.source = source;
        this.dateFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.dateTimeFormat = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale).withZone(ZoneId.systemDefault());
        this.lambda = key -> Html.escape(t(key.strip()));
        this.integerFormat = NumberFormat.getIntegerInstance(locale);
    }

    public String lang() {
        return lang;
    }

    public Locale locale() {
        return locale;
    }

    public boolean rightToLeft() {
        return Messages.rightToLeft(lang);
    }

    public String dir() {
        return rightToLeft() ? "rtl" : "ltr";
    }

    /** The message for {@code key}, formatted with {@code args}; an unknown key shows itself, never fails. */
    public String t(String key, Object... args) {
        String pattern = messages.get(key);
        if (pattern == null) {
            pattern = source.get(key);
        }
        if (pattern == null) {
            return key;
        }
        if (args == null || args.length == 0) {
            return pattern;
        }
        MessageFormat format = formats.computeIfAbsent(key, k -> new MessageFormat(quoteApostrophes(messages.containsKey(k)
                ? messages.get(k) : source.get(k)), locale));
        synchronized (format) {
            return format.format(args);
        }
    }

    /**
     * Apostrophes are ordinary letters in our bundles (French "l'audit"); MessageFormat would treat them as
     * quotes and drop them, so they are doubled before parsing.
     */
    static String quoteApostrophes(String pattern) {
        return pattern.replace("'", "''");
    }

    /**
     * A count phrase: looks up {@code key.<category>} (CLDR category of {@code n} in this language), falling
     * back to {@code key.other}; {@code {0}} is the number formatted for the locale.
     */
    public String plural(String key, long n, Object... more) {
        String category = PluralRules.category(lang, n);
        String k = key + "." + category;
        if (!messages.containsKey(k) && !source.containsKey(k)) {
            k = key + ".other";
        }
        Object[] args = new Object[more.length + 1];
        args[0] = number(n);
        System.arraycopy(more, 0, args, 1, more.length);
        return t(k, args);
    }

    public String number(long n) {
        // DecimalFormat is not thread-safe and costly to build: one clone per call of a prototype
        return ((NumberFormat) integerFormat.clone()).format(n);
    }

    public String number(double d, int decimals) {
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMinimumFractionDigits(decimals);
        f.setMaximumFractionDigits(decimals);
        return f.format(d);
    }

    public String date(LocalDate d) {
        return d == null ? "" : dateFormat.format(d);
    }

    public String dateTime(Instant i) {
        return i == null ? "" : dateTimeFormat.format(i);
    }

    /** For Mustache: {@code {{#t}}platform.home.title{{/t}}}, HTML-escaped (bundles may be dropped in by others). */
    public Function<String, String> lambda() {
        return lambda;
    }

    /** The language's own name for itself ("العربية", "中文", "English"…). */
    public static String nativeName(String lang) {
        return NATIVE_NAMES.computeIfAbsent(lang, k -> {
            Locale l = Locale.forLanguageTag(k);
            String name = l.getDisplayLanguage(l);
            return name.isEmpty() ? k : name.substring(0, 1).toUpperCase(l) + name.substring(1);
        });
    }
}
