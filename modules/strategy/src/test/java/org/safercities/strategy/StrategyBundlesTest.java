package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.safercities.platform.i18n.PluralRules;

/** The strategy's six bundles: the same keys as English, the same placeholders, the plural forms each language needs. */
class StrategyBundlesTest {

    static final Path LOCALES = Path.of("../../locales");
    static final List<String> LANGS = List.of("ar", "zh", "en", "fr", "ru", "es");
    static final Set<String> PLURAL = Set.of("zero", "one", "two", "few", "many", "other");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    static final Pattern USED = Pattern.compile("strategy\\.[a-zA-Z]+\\.[a-zA-Z_.]*[a-zA-Z_]|strategy\\.[a-zA-Z]+(?=[\"{])");

    static Map<String, String> bundle(String lang) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(LOCALES.resolve("strategy_" + lang + ".properties"))) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Map<String, String> out = new TreeMap<>();
        p.forEach((k, v) -> out.put((String) k, (String) v));
        return out;
    }

    static boolean plural(String key) {
        return PLURAL.contains(key.substring(key.lastIndexOf('.') + 1));
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
    void everyLanguageHasEveryKeyWithItsPlaceholdersAndPluralForms() throws IOException {
        Map<String, String> en = bundle("en");
        List<String> problems = new ArrayList<>();
        for (String lang : LANGS) {
            Map<String, String> b = bundle(lang);
            for (String k : en.keySet()) {
                if (plural(k)) {
                    continue;
                }
                if (!b.containsKey(k)) {
                    problems.add(lang + ": missing " + k);
                } else if (!placeholders(b.get(k)).equals(placeholders(en.get(k)))) {
                    problems.add(lang + ": placeholders differ in " + k);
                }
            }
            Set<String> bases = new TreeSet<>();
            en.keySet().stream().filter(StrategyBundlesTest::plural).forEach(k -> bases.add(k.substring(0, k.lastIndexOf('.'))));
            for (String base : bases) {
                Set<String> present = new TreeSet<>();
                PLURAL.stream().filter(c -> b.containsKey(base + "." + c)).forEach(present::add);
                if (!present.equals(PluralRules.categories(lang))) {
                    problems.add(lang + ": " + base + " has " + present + ", needs " + PluralRules.categories(lang));
                }
            }
            for (Map.Entry<String, String> e : b.entrySet()) {
                String k = e.getKey();
                boolean known = plural(k) ? bases.contains(k.substring(0, k.lastIndexOf('.'))) : en.containsKey(k);
                if (!known) {
                    problems.add(lang + ": extra key " + k);
                }
                if (e.getValue().isBlank()) {
                    problems.add(lang + ": empty " + k);
                }
                try {
                    new MessageFormat(e.getValue().replace("'", "''"));
                } catch (IllegalArgumentException ex) {
                    problems.add(lang + ": broken pattern in " + k);
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws IOException {
        Map<String, String> en = bundle("en");
        Set<String> audit = Set.of("strategy.version.create", "strategy.version.update", "strategy.version.adopt",
                "strategy.version.revise", "strategy.priority.create", "strategy.priority.delete", "strategy.objective.create",
                "strategy.objective.delete", "strategy.action.create", "strategy.action.update", "strategy.budget.create",
                "strategy.budget.delete", "strategy.demo.load");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".java") || f.toString().endsWith(".mustache")).toList()) {
                Matcher m = USED.matcher(Files.readString(p));
                while (m.find()) {
                    String k = m.group();
                    if (!k.endsWith(".") && !k.equals("strategy.sql") && !audit.contains(k) && !en.containsKey(k)) {
                        missing.add(p.getFileName() + ": " + k);
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        for (String prefix : List.of("strategy.group.", "strategy.level.", "strategy.type.", "strategy.actionStatus.",
                "strategy.govLevel.", "strategy.likelihood.")) {
            List<String> codes = switch (prefix) {
                case "strategy.group." -> Codes.TARGET_GROUPS;
                case "strategy.level." -> Codes.LEVELS;
                case "strategy.type." -> Codes.TYPES;
                case "strategy.actionStatus." -> Codes.STATUSES;
                case "strategy.govLevel." -> Codes.GOV_LEVELS;
                default -> Codes.LIKELIHOODS;
            };
            codes.forEach(c -> assertTrue(en.containsKey(prefix + c), prefix + c));
        }
    }
}
