package org.safercities.platform.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * All message bundles: {@code locales/<module>_<lang>.properties} (UTF-8) from the jar, plus any bundle
 * dropped into the data folder's {@code locales/} (a national forum adding e.g. {@code platform_sw.properties}
 * adds Swahili without a code change). English is the source: a key missing in a language falls back to it.
 */
public final class Messages {

    private static final Logger LOG = Logger.getLogger(Messages.class.getName());
    public static final String SOURCE = "en";
    /** The six UN languages, in the order the language menu shows them. */
    public static final List<String> UN_LANGUAGES = List.of("ar", "zh", "en", "fr", "ru", "es");
    private static final Set<String> RTL = Set.of("ar", "fa", "he", "ur", "ps", "dv", "ug", "yi", "ckb");

    private final Map<String, Map<String, String>> byLanguage;
    private final List<String> languages;
    private final Map<String, Translator> translators = new ConcurrentHashMap<>();

    private Messages(Map<String, Map<String, String>> byLanguage) {
        this.byLanguage = byLanguage;
        List<String> langs = new java.util.ArrayList<>();
        for (String l : UN_LANGUAGES) {
            if (byLanguage.containsKey(l)) {
                langs.add(l);
            }
        }
        byLanguage.keySet().stream().filter(l -> !UN_LANGUAGES.contains(l)).sorted().forEach(langs::add);
        this.languages = List.copyOf(langs);
    }

    /**
     * Loads the bundles of {@code modules} for every ISO 639 language found in the jar, then the extra folder.
     * Probing each ISO code is a few hundred resource look-ups at start-up (milliseconds), and needs no index.
     */
    public static Messages load(List<String> modules, ClassLoader loader, Path extraFolder) {
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String module : modules) {
            for (String lang : bundledLanguages(module, loader)) {
                String resource = "locales/" + module + "_" + lang + ".properties";
                try (InputStream in = loader.getResourceAsStream(resource)) {
                    if (in != null) {
                        all.computeIfAbsent(lang, k -> new HashMap<>()).putAll(read(in));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("cannot read " + resource, e);
                }
            }
        }
        if (extraFolder != null && Files.isDirectory(extraFolder)) {
            try (var files = Files.list(extraFolder)) {
                for (Path p : files.sorted().toList()) {
                    String name = p.getFileName().toString();
                    var m = java.util.regex.Pattern.compile("([a-z]+)_([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\\.properties").matcher(name);
                    if (m.matches() && modules.contains(m.group(1))) {
                        try (InputStream in = Files.newInputStream(p)) {
                            all.computeIfAbsent(m.group(2), k -> new HashMap<>()).putAll(read(in));
                            LOG.info(() -> "added messages from " + p);
                        }
                    }
                }
            } catch (IOException e) {
                LOG.warning("cannot read extra locales in " + extraFolder + ": " + e.getMessage());
            }
        }
        if (!all.containsKey(SOURCE)) {
            throw new IllegalStateException("no English bundle found: the jar is incomplete");
        }
        return new Messages(all);
    }

    /**
     * The languages a module ships: the {@code locales/<module>_*.properties} next to its English bundle, listed
     * from the jar (or folder, in tests) that holds it. No index to maintain: a bundle added to locales/ is found.
     */
    static Set<String> bundledLanguages(String module, ClassLoader loader) {
        Set<String> out = new TreeSet<>();
        java.net.URL english = loader.getResource("locales/" + module + "_" + SOURCE + ".properties");
        if (english == null) {
            return out;
        }
        java.util.regex.Pattern name = java.util.regex.Pattern.compile("locales/" + module + "_([a-z]{2,3}(?:-[A-Za-z0-9]+)?)\\.properties");
        try {
            if (english.getProtocol().equals("jar")) {
                String path = english.getPath();
                String jar = path.substring("file:".length(), path.indexOf("!/"));
                try (java.util.jar.JarFile file = new java.util.jar.JarFile(java.net.URLDecoder.decode(jar, java.nio.charset.StandardCharsets.UTF_8))) {
                    file.stream().forEach(e -> {
                        var m = name.matcher(e.getName());
                        if (m.matches()) {
                            out.add(m.group(1));
                        }
                    });
                }
            } else {
                try (var files = Files.list(Path.of(english.toURI()).getParent())) {
                    files.forEach(p -> {
                        var m = name.matcher("locales/" + p.getFileName());
                        if (m.matches()) {
                            out.add(m.group(1));
                        }
                    });
                }
            }
        } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot list the message bundles of " + module, e);
        }
        return out;
    }

    static Map<String, String> read(InputStream in) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    /** The available languages: the six UN languages first, then any added ones. */
    public List<String> languages() {
        return languages;
    }

    public boolean has(String lang) {
        return byLanguage.containsKey(lang);
    }

    public Map<String, String> bundle(String lang) {
        return Collections.unmodifiableMap(byLanguage.getOrDefault(lang, Map.of()));
    }

    public static boolean rightToLeft(String lang) {
        return RTL.contains(lang);
    }

    /** A translator for {@code lang} (cached: one per language). */
    public Translator translator(String lang) {
        String l = has(lang) ? lang : SOURCE;
        return translators.computeIfAbsent(l, k -> new Translator(k, byLanguage.get(k), byLanguage.get(SOURCE)));
    }

    /** The best available language for an Accept-Language header, or null. */
    public String fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String tag = range.getRange();
                if (tag.equals("*")) {
                    continue;
                }
                String lang = Locale.forLanguageTag(tag).getLanguage();
                if (has(lang)) {
                    return lang;
                }
            }
        } catch (IllegalArgumentException e) {
            return null; // a malformed header is ignored, not an error
        }
        return null;
    }
}
