package org.safercities.platform.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.safercities.platform.i18n.Translator;

/** A form's errors per field, as message keys: a user's mistake is not an exception. */
public final class FieldErrors {

    private record Message(String key, Object[] args) {
    }

    private final Map<String, Message> errors = new LinkedHashMap<>();

    public FieldErrors add(String field, String key, Object... args) {
        errors.putIfAbsent(field, new Message(key, args));
        return this;
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    public boolean has(String field) {
        return errors.containsKey(field);
    }

    public String keyOf(String field) {
        Message m = errors.get(field);
        return m == null ? null : m.key();
    }

    /** The errors in the user's language, by field name, for the template. */
    public Map<String, String> in(Translator t) {
        Map<String, String> out = new LinkedHashMap<>();
        errors.forEach((field, m) -> out.put(field, t.t(m.key(), m.args())));
        return out;
    }

    @Override
    public String toString() {
        return errors.keySet().toString();
    }
}
