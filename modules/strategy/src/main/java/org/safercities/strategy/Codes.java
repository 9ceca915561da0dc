package org.safercities.strategy;

import java.util.List;

/** The fixed code lists of the strategy; their labels are messages {@code strategy.<list>.<code>}. */
public final class Codes {

    public static final List<String> TARGET_GROUPS = List.of("women_girls", "children_youth", "older_persons",
            "disability", "indigenous", "migrants_refugees_displaced");
    public static final List<String> LEVELS = List.of("primary", "secondary", "tertiary");
    public static final List<String> TYPES = List.of("social", "situational", "community_based", "criminal_justice");
    public static final List<String> STATUSES = List.of("planned", "ready", "under_way", "done", "dropped");
    public static final List<String> GOV_LEVELS = List.of("local", "regional", "national", "international", "private");
    public static final List<String> LIKELIHOODS = List.of("low", "medium", "high");

    private Codes() {
    }
}
