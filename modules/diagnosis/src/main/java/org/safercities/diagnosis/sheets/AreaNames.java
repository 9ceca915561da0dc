package org.safercities.diagnosis.sheets;

import java.util.Map;
import java.util.OptionalLong;

/**
 * Matches area names written in a file to the area tree when they are not spelt exactly alike: case,
 * accents, hyphens and spaces, particles ("Do"/"do"), and the user's own aliases (a renaming: "Embu das
 * Artes" = "Embu"). Never guesses between two candidates: ambiguous or unknown names are left for the user.
 */
public final class AreaNames {

    /** @param names area id → its names (name, alternative name, code) */
    public AreaNames(Map<Long, java.util.List<String>> names, Map<String, Long> aliases) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }

    public OptionalLong match(String written) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }

    /** The comparison key: lower case, no accents, hyphens/underscores/multiple spaces as one space, trimmed. */
    public static String normalise(String name) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }
}
