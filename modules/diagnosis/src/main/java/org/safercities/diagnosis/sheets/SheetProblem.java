package org.safercities.diagnosis.sheets;

import java.util.List;

/**
 * A file that cannot be read as a table, with a message key of the diagnosis bundle
 * ({@code diagnosis.sheet.*}) and its arguments, shown in the user's language. Nothing is imported.
 */
public final class SheetProblem extends RuntimeException {

    private final String key;
    private final List<Object> args;

    public SheetProblem(String key, Object... args) {
        super(key);
        this.key = key;
        this.args = List.of(args);
    }

    public String key() {
        return key;
    }

    public List<Object> args() {
        return args;
    }
}
