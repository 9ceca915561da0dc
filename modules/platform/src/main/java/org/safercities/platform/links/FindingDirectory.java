package org.safercities.platform.links;

import java.util.List;

/**
 * Published by diagnosis: the findings a strategy priority can cite as its evidence (G§26, G§31): a stable
 * reference, a label in the user's language and the area it concerns (null for the whole city).
 */
public interface FindingDirectory {

    record Finding(String ref, String label, Long areaId) {
    }

    List<Finding> findings(String language);
}
