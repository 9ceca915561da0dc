package org.safercities.strategy;

import java.time.LocalDate;
import java.util.List;

/**
 * One version of the city's strategy: a draft, the adopted one, or an earlier adopted one (revised). {@code stamp}
 * rises with every change to the version's content (see {@link VersionCache}).
 */
public record StrategyVersion(long id, int number, String status, String vision, int fromYear, int toYear,
        LocalDate adoptedOn, String adoptedBy, String decisionRef, Long basedOn, int version, List<Long> areaIds,
        long stamp) {

    public static final String DRAFT = "draft";
    public static final String ADOPTED = "adopted";
    public static final String REVISED = "revised";

    public boolean isDraft() {
        return DRAFT.equals(status);
    }
}
