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

    /** A field's whole number, or -1 when it is empty or not a number (ids, versions, years, counts). */
    public long number(String name) {
        return wholeNumber(get(name));
    }

    /** Any text's whole number, or -1 when it is not one. */
    public static long wholeNumber(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public List<String> all(String name) {
        return fields.getOrDefault(name, List.of());
    }

    public boolean has(String name) {
        return fields.containsKey(name);
    }
}
