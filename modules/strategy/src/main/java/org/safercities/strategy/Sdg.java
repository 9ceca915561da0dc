package org.safercities.strategy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SDG targets an action can contribute to (G§71): all of goal 11 and the related targets of goals 1, 3, 4, 5,
 * 8, 10 and 16. Names come from {@code sdg/targets_<lang>.properties}, copied from open-sdg/sdg-translations (MIT);
 * a language without a file falls back to English.
 */
public final class Sdg {

    /** "1.3" before "1.4" before "3.4" before "10.2" before "11.a": goal by number, then target by number or letter. */
    public static final Comparator<String> ORDER = Comparator.comparingInt((String t) -> goal(t))
            .thenComparing(t -> t.substring(t.indexOf('.') + 1), Comparator.comparingInt(String::length)
                    .thenComparing(Comparator.naturalOrder()));

    public static final List<String> GOALS = List.of("1", "3", "4", "5", "8", "10", "11", "16");

    private static final Map<String, Properties> NAMES = new ConcurrentHashMap<>();

    /** A target as shown: its code and its name in one language. */
    public record Target(String code, String goal, String name) {
    }

    private Sdg() {
    }

    /** Every target offered, in order, with names in {@code language}. */
    public static List<Target> targets(String language) {
        Properties p = names(language);
        List<Target> out = new ArrayList<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("target.")) {
                String code = key.substring("target.".length());
                out.add(new Target(code, code.substring(0, code.indexOf('.')), p.getProperty(key)));
            }
        }
        out.sort(Comparator.comparing(Target::code, ORDER));
        return out;
    }

    public static boolean known(String code) {
        return names("en").containsKey("target." + code);
    }

    public static String name(String code, String language) {
        return names(language).getProperty("target." + code, code);
    }

    public static String goalName(String goal, String language) {
        return names(language).getProperty("goal." + goal, goal);
    }

    private static int goal(String code) {
        int dot = code.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? code : code.substring(0, dot));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static Properties names(String language) {
        Properties known = NAMES.get(language);
        if (known != null) {
            return known;
        }
        Properties p = load("sdg/targets_" + language + ".properties");
        Properties names = p.isEmpty() && !language.equals("en") ? names("en") : p;
        NAMES.put(language, names);
        return names;
    }

    private static Properties load(String resource) {
        Properties p = new Properties();
        try (InputStream in = Sdg.class.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
