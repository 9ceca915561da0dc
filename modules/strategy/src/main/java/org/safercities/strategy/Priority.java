package org.safercities.strategy;

import java.util.List;

/**
 * A priority of a strategy version, for an area and/or a target group, with the justification typed by hand and
 * the diagnosis findings it cites (each with the label it had when cited, so it reads the same without diagnosis).
 */
public record Priority(long id, long versionId, Long areaId, String targetGroup, String title, String justification,
        int rank, int version, List<Cited> findings) {

    public record Cited(String ref, String label) {
    }
}
