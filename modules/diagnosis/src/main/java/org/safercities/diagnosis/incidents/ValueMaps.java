package org.safercities.diagnosis.incidents;

import java.util.HashMap;
import java.util.Map;

/**
 * A source's value mapping: for each field (category, sex, place, area) its local values and the kit codes they
 * stand for (for areas: the area id, or "" for "no area"). Read by a million rows: plain hash maps.
 */
final class ValueMaps {

    private final Map<String, Map<String, String>> byField = new HashMap<>();

    void put(String field, String local, String code) {
        byField.computeIfAbsent(field, f -> new HashMap<>()).put(local, code);
    }

    /** The code a local value maps to, or null when the source has not mapped it. */
    String code(String field, String local) {
        Map<String, String> m = byField.get(field);
        return m == null ? null : m.get(local);
    }

    Map<String, Map<String, String>> all() {
        return byField;
    }
}
