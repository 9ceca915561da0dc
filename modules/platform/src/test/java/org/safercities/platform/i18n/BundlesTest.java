package org.safercities.platform.i18n;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Every bundle in locales/ against English, the source: no missing key, no extra key, the same placeholders,
 * patterns that parse, exactly the plural categories its language uses. And every key a template or the code
 * names exists in English.
 */
class BundlesTest {

    static final Path LOCALES = Path.of("../../locales");
    static final Pattern FILE = Pattern.compile("([a-z]+)_([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\\.properties");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    static final Set<String> PLURAL = Set.of("zero", "one", "two", "few", "many", "other");

    record Bundle(String module, String lang, Map<String, String> messages) {
    }

    static List<Bundle> bundles() throws Exception {
        List<Bundle> out = new ArrayList<>();
        try (var files = Files.list(LOCALES)) {
            for (Path p : files.sorted().toList()) {
                Matcher m = FILE.matcher(p.getFileName().toString());
                if (m.matches()) {
                    try (InputStream in = Files.newInputStream(p)) {
                        out.add(new Bundle(m.group(1), m.group(2), Messages.read(in)));
                    }
                }
            }
        }
        return out;
    }

    static boolean isPlural(String key) {
        int dot = key.lastIndexOf('.');
        return dot > 0 && PLURAL.contains(key.substring(dot + 1));
    }

    static String base(String key) {
        return key.substring(0, key.lastIndexOf('.'));
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
        List<Bundle> all = bundles();
        List<String> problems = new ArrayList<>();
        for (Bundle source : all.stream().filter(b -> b.lang().equals("en")).toList()) {
            Set<String> simple = source.messages().keySet().stream().filter(k -> !isPlural(k)).collect(Collectors.toSet());
            Set<String> pluralBases = source.messages().keySet().stream().filter(BundlesTest::isPlural)
                    .map(BundlesTest::base).collect(Collectors.toSet());
            for (Bundle b : all.stream().filter(x -> x.module().equals(source.module())).toList()) {
                String where = b.module() + "_" + b.lang() + ": ";
                Set<String> expectedCategories = PluralRules.categories(b.lang());
                for (String k : simple) {
                    if (!b.messages().containsKey(k)) {
                        problems.add(where + "missing " + k);
                    } else if (!placeholders(b.messages().get(k)).equals(placeholders(source.messages().get(k)))) {
                        problems.add(where + "placeholders differ in " + k);
                    }
                }
                for (String base : pluralBases) {
                    Set<String> present = new TreeSet<>();
                    for (String cat : PLURAL) {
                        if (b.messages().containsKey(base + "." + cat)) {
                            present.add(cat);
                            if (!placeholders(b.messages().get(base + "." + cat)).equals(placeholders(source.messages().get(base + ".other")))) {
                                problems.add(where + "placeholders differ in " + base + "." + cat);
                            }
                        }
                    }
                    if (!present.equals(expectedCategories)) {
                        problems.add(where + base + " has plural forms " + present + ", the language needs " + expectedCategories);
                    }
                }
                for (String k : b.messages().keySet()) {
                    boolean known = isPlural(k) ? pluralBases.contains(base(k)) : simple.contains(k);
                    if (!known) {
                        problems.add(where + "extra key " + k);
                    }
                    String v = b.messages().get(k);
                    try {
                        new MessageFormat(Translator.quoteApostrophes(v));
                    } catch (IllegalArgumentException e) {
                        problems.add(where + "broken pattern in " + k + ": " + e.getMessage());
                    }
                    if (v.isBlank()) {
                        problems.add(where + "empty " + k);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void theSixUnLanguagesAreThere() throws Exception {
        Set<String> langs = bundles().stream().filter(b -> b.module().equals("platform")).map(Bundle::lang)
                .collect(Collectors.toSet());
        assertTrue(langs.containsAll(Set.of("ar", "zh", "en", "fr", "ru", "es")), langs.toString());
    }

    @Test
    void everyKeyUsedInTemplatesAndCodeExistsInEnglish() throws Exception {
        Map<String, String> en = bundles().stream().filter(b -> b.lang().equals("en") && b.module().equals("platform"))
                .findFirst().orElseThrow().messages();
        Set<String> used = new TreeSet<>();
        Pattern inTemplate = Pattern.compile("\\{\\{#t}}([a-zA-Z0-9_.]+)\\{\\{/t}}");
        Pattern inCode = Pattern.compile("\"(platform\\.[a-zA-Z0-9_.]+)\"");
        for (Path root : List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java"))) {
            try (var files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    String text = Files.readString(p);
                    Matcher m = (p.toString().endsWith(".mustache") ? inTemplate : inCode).matcher(text);
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String k : used) {
            boolean dynamicPrefix = k.endsWith(".");
            boolean exists = en.containsKey(k) || en.containsKey(k + ".other") || dynamicPrefix
                    || en.keySet().stream().anyMatch(x -> x.startsWith(k + "."));
            if (!exists) {
                missing.add(k);
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void aDroppedInLanguageIsAvailableWithoutCodeChanges() throws Exception {
        Path extra = Files.createTempDirectory("locales");
        Files.writeString(extra.resolve("platform_sw.properties"), "platform.login.title=Ingia\n");
        Messages m = Messages.load(List.of("platform"), getClass().getClassLoader(), extra);
        assertTrue(m.languages().contains("sw"));
        assertEquals("Ingia", m.translator("sw").t("platform.login.title"));
        assertEquals("Password", m.translator("sw").t("platform.login.password"), "missing keys fall back to English");
        assertEquals("sw", m.fromAcceptLanguage("sw-KE,sw;q=0.9,en;q=0.5"));
    }
}
