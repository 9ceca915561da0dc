package org.safercities.platform.web;

import java.util.List;
import java.util.Map;

/** The fields of a submitted form (already checked against CSRF by {@link WebGate}). */
public record Form(Map<String, List<String>> fields) {

    public static final Form EMPTY = new Form(Map.of());

    /** The first value, stripped of surrounding white space; "" when absent. */
    public String get(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0).strip();
    }

    /** The raw first value (passwords are not stripped). */
    public String raw(String name) {
        List<String> v = fields.get(name);
        return v == null || v.isEmpty() || v.get(0) == null ? "" : v.get(0);
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
