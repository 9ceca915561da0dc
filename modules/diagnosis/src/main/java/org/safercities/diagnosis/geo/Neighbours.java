package org.safercities.diagnosis.geo;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which areas touch: queen contiguity (sharing at least one boundary point, within a small tolerance for
 * boundaries digitised separately) between the given boundaries, for the hotspot statistic.
 */
public final class Neighbours {

    private Neighbours() {
    }

    /** Area id → ids of the areas that touch it (never itself); areas touching none map to an empty set. */
    public static Map<Long, Set<Long>> queen(List<AreaLocator.Boundary> boundaries) {
        throw new UnsupportedOperationException("filled in by the geo work");
    }
}
