package org.safercities.platform;

import java.util.Set;

import org.safercities.platform.accounts.Role;

/**
 * One entry of the main navigation: a message key, a path, the process step it belongs to (0-6, DESIGN.md
 * section 2) and the roles that see it.
 */
public record MenuEntry(String labelKey, String path, int step, Set<Role> roles) {

    /** Steps 0 (set-up) to 6 (review and exchange). */
    public static final int STEPS = 7;

    public MenuEntry {
        if (step < 0 || step >= STEPS) {
            throw new IllegalArgumentException("a menu entry's step is 0-6: " + labelKey + " has " + step);
        }
    }
}
