package org.safercities.platform.i18n;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The checks every module's bundles must pass, shared through the platform's test-jar: each language has the
 * same messages as English (no missing or extra key, the same placeholders, patterns that parse, exactly the
 * plural categories its language uses), and every key a module's templates and code name exists in English.
 */
public final class BundleChecks {

    /** The repository's locales/ folder, from a module's folder (modules/<m>). */
    public static final Path LOCALES = Path.of("../../locales");
    static final Pattern FILE = Pattern.compile("([a-z]+)_([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\\.properties");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");
    static final Set<String> PLURAL = Set.of("zero", "one", "two", "few", "many", "other");

    public record Bundle(String module, String lang, Map<String, String> messages) {
    }

    private BundleChecks() {
    }

    public static List<Bundle> bundles(Path locales) throws Exception {
        List<Bundle> out = new ArrayList<>();
        try (var files = Files.list(locales)) {
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

    /** Every difference between a module's bundles and its English source; empty when all is well. */
    public static List<String> bundleProblems(Path locales, String module) throws Exception {
        List<Bundle> all = bundles(locales).stream().filter(b -> b.module().equals(module)).toList();
        Bundle source = all.stream().filter(b -> b.lang().equals(Messages.SOURCE)).findFirst()
                .orElseThrow(() -> new AssertionError("no English bundle for " + module));
        List<String> problems = new ArrayList<>();
        Set<String> simple = source.messages().keySet().stream().filter(k -> !isPlural(k)).collect(Collectors.toSet());
        Set<String> pluralBases = source.messages().keySet().stream().filter(BundleChecks::isPlural)
                .map(BundleChecks::base).collect(Collectors.toSet());
        for (Bundle b : all) {
            String where = b.module() + "_" + b.lang() + ": ";
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
                    String k = base + "." + cat;
                    if (b.messages().containsKey(k)) {
                        present.add(cat);
                        if (!placeholders(b.messages().get(k)).equals(placeholders(source.messages().get(base + ".other")))) {
                            problems.add(where + "placeholders differ in " + k);
                        }
                    }
                }
                if (!present.equals(PluralRules.categories(b.lang()))) {
                    problems.add(where + base + " has plural forms " + present + ", the language needs "
                            + PluralRules.categories(b.lang()));
                }
            }
            for (var e : b.messages().entrySet()) {
                String k = e.getKey();
                if (!(isPlural(k) ? pluralBases.contains(base(k)) : simple.contains(k))) {
                    problems.add(where + "extra key " + k);
                }
                try {
                    new MessageFormat(Translator.quoteApostrophes(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    problems.add(where + "broken pattern in " + k + ": " + ex.getMessage());
                }
                if (e.getValue().isBlank()) {
                    problems.add(where + "empty " + k);
                }
            }
            problems.addAll(duplicateKeys(locales.resolve(b.module() + "_" + b.lang() + ".properties"), where));
        }
        return problems;
    }

    /** Keys written twice in one file: reading keeps the last one silently, so one of two messages is lost. */
    static List<String> duplicateKeys(Path file, String where) throws Exception {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        boolean continued = false;
        for (String line : Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8)) {
            String t = line.strip();
            boolean wasContinued = continued;
            continued = t.endsWith("\\") && (t.length() - t.replaceAll("\\\\+$", "").length()) % 2 == 1;
            if (wasContinued || t.isEmpty() || t.startsWith("#") || t.startsWith("!")) {
                continue;
            }
            String key = t.split("(?<!\\\\)[=:\\s]", 2)[0];
            if (!seen.add(key)) {
                problems.add(where + "key written twice " + key);
            }
        }
        return problems;
    }

    /**
     * Keys named in {@code {{#t}}key{{/t}}} of the templates and in {@code "<prefix>.…"} strings of the code under
     * {@code roots} that no English bundle has. A key ending in '.' is a prefix completed at run time; a key that
     * is the start of existing keys is accepted.
     */
    public static List<String> missingKeys(Path locales, List<String> prefixes, List<Path> roots) throws Exception {
        return missingKeys(locales, prefixes, roots, literal -> false);
    }

    /** The same, passing over code literals that are not messages (audit action names, say). */
    public static List<String> missingKeys(Path locales, List<String> prefixes, List<Path> roots,
            java.util.function.Predicate<String> notAMessage) throws Exception {
        Map<String, String> en = new HashMap<>();
        bundles(locales).stream().filter(b -> b.lang().equals(Messages.SOURCE)).forEach(b -> en.putAll(b.messages()));
        String alternatives = String.join("|", prefixes);
        Pattern inTemplate = Pattern.compile("\\{\\{#t}}([a-zA-Z0-9_.]+)\\{\\{/t}}");
        Pattern inCode = Pattern.compile("\"((?:" + alternatives + ")\\.[a-zA-Z0-9_.]+)\"");
        Set<String> used = new TreeSet<>();
        for (Path root : roots) {
            try (var files = Files.walk(root)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    Matcher m = (p.toString().endsWith(".mustache") ? inTemplate : inCode).matcher(Files.readString(p));
                    while (m.find()) {
                        used.add(m.group(1));
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        for (String k : used) {
            boolean exists = notAMessage.test(k) || k.endsWith(".") || en.containsKey(k) || en.containsKey(k + ".other")
                    || en.keySet().stream().anyMatch(x -> x.startsWith(k + "."));
            if (!exists) {
                missing.add(k);
            }
        }
        return missing;
    }
}
