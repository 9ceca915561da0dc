package org.safercities.diagnosis.sheets;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Matches area names written in a file to the area tree when they are not spelt exactly alike: case,
 * accents, hyphens and spaces, particles ("Do"/"do"), and the user's own aliases (a renaming: "Embu das
 * Artes" = "Embu"). Never guesses between two candidates: ambiguous or unknown names are left for the user.
 */
public final class AreaNames {

    /** Marks a comparison key that two different areas share: matching it would be a guess. */
    private static final long AMBIGUOUS = Long.MIN_VALUE;
    /** Written names remembered (an import repeats a few dozen names a million times); bounded against junk. */
    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, Long> byKey = new HashMap<>();
    private final Map<String, Long> aliasByKey = new HashMap<>();
    private final Map<String, OptionalLong> cache = new ConcurrentHashMap<>();

    /** @param names area id → its names (name, alternative name, code) */
    public AreaNames(Map<Long, java.util.List<String>> names, Map<String, Long> aliases) {
        names.forEach((id, list) -> add(byKey, id, list));
        aliases.forEach((alias, id) -> add(aliasByKey, id, List.of(alias)));
    }

    private static void add(Map<String, Long> map, long id, List<String> names) {
        for (String n : names) {
            if (n == null) {
                continue;
            }
            String key = normalise(n);
            if (!key.isEmpty()) {
                map.merge(key, id, (old, now) -> old.equals(now) ? old : AMBIGUOUS);
            }
        }
    }

    /** The one area the written name means: a user's alias first, then the area names; empty when unknown or ambiguous. */
    public OptionalLong match(String written) {
        if (written == null) {
            return OptionalLong.empty();
        }
        OptionalLong known = cache.get(written);
        if (known != null) {
            return known;
        }
        String key = normalise(written);
        Long id = aliasByKey.get(key);
        if (id == null) {
            id = byKey.get(key);
        }
        OptionalLong result = id == null || id == AMBIGUOUS ? OptionalLong.empty() : OptionalLong.of(id);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(written, result);
        }
        return result;
    }

    /** The comparison key: lower case, no accents, hyphens/underscores/multiple spaces as one space, trimmed. */
    public static String normalise(String name) {
        String decomposed = Normalizer.normalize(name.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        StringBuilder sb = new StringBuilder(decomposed.length());
        boolean space = true; // drops leading spaces
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // the accent of "São", the harakat of Arabic
            }
            if (c == '-' || c == '_' || c == '.' || (c >= '\u2010' && c <= '\u2015') || Character.isWhitespace(c)
                    || Character.isSpaceChar(c)) {
                if (!space) {
                    sb.append(' ');
                    space = true;
                }
                continue;
            }
            sb.append(c);
            space = false;
        }
        int end = sb.length();
        if (end > 0 && sb.charAt(end - 1) == ' ') {
            sb.setLength(end - 1);
        }
        // composed again so that scripts whose letters NFD splits without accents (Hangul) compare as written
        return Normalizer.normalize(sb, Normalizer.Form.NFC);
    }
}
