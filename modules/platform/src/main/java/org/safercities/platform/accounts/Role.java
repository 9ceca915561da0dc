package org.safercities.platform.accounts;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The five roles of DESIGN.md section 1. What each may do is decided on the server for every route; the sets
 * below name the usual groups so that routes read {@code visit.require(Role.EDITORS)}.
 */
public enum Role {
    ADMINISTRATOR, COORDINATOR, ANALYST, TECHNICAL_GROUP, PARTNER_VIEWER;

    /** Every signed-in role. */
    public static final Set<Role> ALL = EnumSet.allOf(Role.class);
    /** Those who run the office's data: edit areas, population, city data. */
    public static final Set<Role> EDITORS = EnumSet.of(ADMINISTRATOR, COORDINATOR, ANALYST);
    /** Office staff and the technical group: everything but what is reserved to partners' eyes. */
    public static final Set<Role> STAFF = EnumSet.of(ADMINISTRATOR, COORDINATOR, ANALYST, TECHNICAL_GROUP);
    public static final Set<Role> ADMINS = EnumSet.of(ADMINISTRATOR);
    public static final Set<Role> COORDINATION = EnumSet.of(ADMINISTRATOR, COORDINATOR);

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String labelKey() {
        return "platform.role." + wire();
    }

    public static Role fromWire(String s) {
        for (Role r : values()) {
            if (r.wire().equals(s)) {
                return r;
            }
        }
        return null;
    }
}
