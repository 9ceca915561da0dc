package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The partnerships bundles against English, the source: the six UN languages, the same keys, the same
 * placeholders, patterns that parse, no empty value; and every key a template names, every code's label, exists.
 */
class BundlesTest {

    static final Path LOCALES = Path.of("../../locales");
    static final List<String> LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

    static Map<String, String> bundle(String lang) throws Exception {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(LOCALES.resolve("partnerships_" + lang + ".properties"), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    static Set<Integer> placeholders(String s) {
        Set<Integer> out = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(s);
        while (m.find()) {
            out.add(Integer.parseInt(m.group(1)));
        }
        return out;
    }

    @Test
    void everyLanguageHasTheSameMessagesAsEnglish() throws Exception {
        Map<String, String> en = bundle("en");
        List<String> problems = new ArrayList<>();
        for (String lang : LANGUAGES) {
            Map<String, String> b = bundle(lang);
            for (String k : en.keySet()) {
                if (!b.containsKey(k)) {
                    problems.add(lang + ": missing " + k);
                } else if (!placeholders(b.get(k)).equals(placeholders(en.get(k)))) {
                    problems.add(lang + ": placeholders differ in " + k);
                }
            }
            for (String k : b.keySet()) {
                if (!en.containsKey(k)) {
                    problems.add(lang + ": extra " + k);
                }
                if (b.get(k).isBlank()) {
                    problems.add(lang + ": empty " + k);
                }
                if (!k.startsWith("partnerships.")) {
                    problems.add(lang + ": outside the module's prefix " + k);
                }
                try {
                    new MessageFormat(b.get(k).replace("'", "''"));
                } catch (IllegalArgumentException e) {
                    problems.add(lang + ": pattern does not parse " + k);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws Exception {
        Map<String, String> en = bundle("en");
        List<String> missing = new ArrayList<>();
        Pattern t = Pattern.compile("\\{\\{#t}}(partnerships\\.[A-Za-z0-9_.]+)\\{\\{/t}}");
        try (var files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Matcher m = t.matcher(Files.readString(p));
                while (m.find()) {
                    if (!en.containsKey(m.group(1))) {
                        missing.add(p.getFileName() + ": " + m.group(1));
                    }
                }
            }
        }
        Map<String, List<String>> lists = Map.of("type", Codes.TYPES, "level", Codes.LEVELS, "group", Codes.GROUPS,
                "status", Codes.STATUSES, "relType", Codes.RELATIONS);
        lists.forEach((list, codes) -> codes.forEach(c -> {
            if (!en.containsKey("partnerships." + list + "." + c)) {
                missing.add("partnerships." + list + "." + c);
            }
        }));
        // keys named in the code as string literals (audit actions are not messages)
        Pattern literal = Pattern.compile("\"(partnerships\\.[a-zA-Z]+\\.[A-Za-z_]+)\"");
        try (var files = Files.walk(Path.of("src/main/java"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Matcher m = literal.matcher(Files.readString(p));
                while (m.find()) {
                    String k = m.group(1);
                    boolean audit = k.matches("partnerships\\.(actor|contact|relationship|commitment|demo)\\.(create|update|delete|read|erase|load)");
                    if (!audit && !en.containsKey(k)) {
                        missing.add(p.getFileName() + ": " + k);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }
}
