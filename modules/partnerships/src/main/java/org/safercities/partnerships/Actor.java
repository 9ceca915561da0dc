package org.safercities.partnerships;

import java.util.List;

/** An organisation or person of the partnership map, without its contact details (see {@link Contact}). */
public record Actor(long id, String name, String type, String level, String sectors, int interest, int influence,
        String status, String notes, int version, List<Long> areaIds, List<String> groups) {

    public boolean engaged() {
        return Codes.ENGAGED.equals(status);
    }
}
