package org.safercities.exchange;

import java.util.List;

/**
 * A good practice (G§34–35): the problem, the intervention, its prevention type (strategy's codes), the target
 * groups, the evidence, the cost, and a contact as a role ("Head of the safety office"), never a person. {@code city}
 * is null for the office's own practices and names the city of one read from a received export (read-only).
 */
public record Practice(long id, String title, String problem, String intervention, String preventionType,
        List<String> targetGroups, String evidence, String cost, String contactRole, String city, Long receivedId,
        int version) {

    public static final List<String> TYPES = List.of("social", "situational", "community_based", "criminal_justice");
    public static final List<String> GROUPS = List.of("women_girls", "children_youth", "older_persons", "disability",
            "indigenous", "migrants_refugees_displaced");

    public boolean own() {
        return receivedId == null;
    }
}
