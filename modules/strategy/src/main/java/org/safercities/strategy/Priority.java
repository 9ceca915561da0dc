package org.safercities.strategy;

/** A priority of a strategy version, for an area and/or a target group, with the finding that justifies it. */
public record Priority(long id, long versionId, Long areaId, String targetGroup, String title, String justification,
        int rank, int version) {
}
