package org.safercities.partnerships;

import java.util.List;

/**
 * The stable codes stored in the tables. Each is shown through a message key
 * {@code partnerships.<list>.<code>}, so renaming a label never touches the data.
 */
public final class Codes {

    /** Actor types (issue 4). */
    public static final List<String> TYPES = List.of("local_government", "national_government", "police_justice",
            "health", "education", "social_services", "ngo", "women_led", "youth_led", "disability_org",
            "community_group", "faith_group", "private_sector", "media", "academia", "international");

    /** Government levels, optional. */
    public static final List<String> LEVELS = List.of("local", "regional", "national", "international");

    /** Target groups of G§72a. */
    public static final List<String> GROUPS = List.of("women_girls", "children_youth", "older_persons",
            "persons_disabilities", "indigenous_peoples", "migrants_displaced");

    /** Engagement status. */
    public static final List<String> STATUSES = List.of("engaged", "invited", "not_contacted", "withdrawn");

    /** Relationship types. */
    public static final List<String> RELATIONS = List.of("funds", "coordinates_with", "reports_to", "member_of",
            "shares_data_with", "conflicts_with");

    /** Roles of a partner in a strategy action, as the strategy module's ActionDirectory names them. */
    public static final List<String> ROLES = List.of("lead", "support", "funder");

    /** What a commitment gives (issue 4: resources, staff, data, venues). */
    public static final List<String> COMMITMENT_KINDS = List.of("resources", "staff", "data", "venues");

    /** What an actor is. */
    public static final List<String> KINDS = List.of("organisation", "person");
    public static final String ORGANISATION = "organisation";
    public static final String PERSON = "person";

    public static final String ENGAGED = "engaged";
    public static final String MEMBER_OF = "member_of";

    private Codes() {
    }
}
