package org.safercities.partnerships;

import java.util.List;
import java.util.Map;

/**
 * An organisation or person of the partnership map, without its contact details (see {@link Contact}).
 * {@code name} is the name as used locally; {@code names} holds the name in other languages (language code →
 * name), shown to users of that language.
 */
public record Actor(long id, String name, String type, String level, String sectors, int interest, int influence,
        String status, String notes, int version, List<Long> areaIds, List<String> groups, String kind,
        Map<String, String> names) {

    /** An organisation with its local name only. */
    public Actor(long id, String name, String type, String level, String sectors, int interest, int influence,
            String status, String notes, int version, List<Long> areaIds, List<String> groups) {
        this(id, name, type, level, sectors, interest, influence, status, notes, version, areaIds, groups,
                Codes.ORGANISATION, Map.of());
    }

    /** The name for a user of {@code lang}: the name given in that language, else the local name. */
    public String nameIn(String lang) {
        return names.getOrDefault(lang, name);
    }

    public boolean engaged() {
        return Codes.ENGAGED.equals(status);
    }
}
