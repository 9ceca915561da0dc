package org.safercities.partnerships;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;

/**
 * The demo's technical group and coordination centre (members and meetings), memoranda and commitments, added
 * to the {@link PartnershipDemo} coalition so that every screen of the module has content. All clearly synthetic
 * ("Demo …", "(synthetic)" document references). Members, parties and those who commit are the first engaged
 * demo actor of a type (the first of the type when none is engaged: only the city-wide ones, invited); the
 * dates count back (and on) from the day the demo is loaded, so the "last 12 months" counts, the expired
 * memorandum and the overdue commitments are there whenever it is loaded.
 */
final class DemoCoalition {

    static final int BODIES = 2;

    /** Focal points of the technical group (G§39: the sectors), by actor type. */
    static final List<String> GROUP_MEMBERS = List.of("local_government", "police_justice", "health", "education",
            "social_services", "women_led", "youth_led", "disability_org", "community_group", "academia", "ngo");
    /** Members of the coordination centre (G§24a: the partners of the programme), by actor type. */
    static final List<String> CENTRE_MEMBERS = List.of("local_government", "police_justice", "ngo", "private_sector",
            "faith_group", "community_group", "media", "international");
    /** A former member of the group (membership ended): listed nowhere, counted only in periods it overlaps. */
    static final String FORMER_MEMBER = "media";
    static final int MEMBERSHIPS = GROUP_MEMBERS.size() + CENTRE_MEMBERS.size() + 1;
    static final int GROUP_MEETINGS = 18;
    static final int CENTRE_MEETINGS = 8;
    static final int MEMORANDA = 4;

    /** A commitment of the demo: actor type, kind, what, start and end in months from today, kept. */
    record Pledge(String type, String kind, String what, Integer startMonths, int endMonths, boolean kept) {
    }

    static final List<Pledge> COMMITMENTS = List.of(
            new Pledge("local_government", "resources", "Demo: budget line for lighting audits in three wards", -10, 2, false),
            new Pledge("local_government", "venues", "Demo: ward office meeting room for the technical group", -24, 12, false),
            new Pledge("police_justice", "data", "Demo: monthly anonymised incident counts by ward", -18, -1, false),
            new Pledge("police_justice", "staff", "Demo: one community liaison officer per district", -12, -6, true),
            new Pledge("women_led", "staff", "Demo: facilitators for women's safety audits", -6, 6, false),
            new Pledge("academia", "data", "Demo: victimisation survey analysis", null, -3, false),
            new Pledge("youth_led", "staff", "Demo: youth volunteers for night-time walks", 1, 10, false),
            new Pledge("faith_group", "venues", "Demo: halls for neighbourhood safety forums", -12, 12, false),
            new Pledge("private_sector", "resources", "Demo: solar lamps for the market street", -4, -2, true),
            new Pledge("health", "data", "Demo: injury surveillance data from the clinics", 2, 14, false));

    private static final List<String> DECISIONS = List.of("Demo: adopt the diagnosis work plan",
            "Demo: share the ward incident map with all focal points", "Demo: schedule safety walks in two wards",
            "Demo: invite the youth forum to the next meeting", "Demo: review the lighting audit results",
            "Demo: draft the priorities for the strategy", "Demo: agree the data-sharing protocol",
            "Demo: nominate a focal point for gender");

    private final PartnershipStore sql;
    private final CoalitionStore coalition;
    private final List<Long> ids;
    private final List<ActorForm> actors;
    private final Random random;
    private final LocalDate today;

    DemoCoalition(PartnershipStore sql, CoalitionStore coalition, List<Long> ids, List<ActorForm> actors, Random random,
            LocalDate today) {
        this.sql = sql;
        this.coalition = coalition;
        this.ids = ids;
        this.actors = actors;
        this.random = random;
        this.today = today;
    }

    /** The first engaged demo actor of {@code type}, else the first of the type (there is one of each). */
    private long first(String type) {
        int any = -1;
        for (int i = 0; i < actors.size(); i++) {
            if (actors.get(i).type().equals(type)) {
                if (Codes.ENGAGED.equals(actors.get(i).status())) {
                    return ids.get(i);
                }
                any = any < 0 ? i : any;
            }
        }
        return ids.get(any);
    }

    void add(Connection c) throws SQLException {
        long group = body(c, "Demo Multi-sector Technical Group", "Synthetic demo body: the sectors' focal points (G§39).");
        long centre = body(c, "Demo Coordination Centre for Urban Safety", "Synthetic demo body: the programme's partners (G§24a).");
        coalition.designate(c, CoalitionService.BODIES.get(0), group);
        coalition.designate(c, CoalitionService.BODIES.get(1), centre);
        LocalDate formed = today.minusYears(2);
        for (String type : GROUP_MEMBERS) {
            sql.insertRelationship(c, first(type), group, Codes.MEMBER_OF, formed, null, 3);
        }
        sql.insertRelationship(c, first(FORMER_MEMBER), group, Codes.MEMBER_OF, formed, today.minusMonths(14), 2);
        for (String type : CENTRE_MEMBERS) {
            sql.insertRelationship(c, first(type), centre, Codes.MEMBER_OF, formed.plusMonths(3), null, 2);
        }
        for (int k = GROUP_MEETINGS; k >= 1; k--) { // monthly, the latest last month
            meeting(c, group, today.minusMonths(k).withDayOfMonth(10), 6 + random.nextInt(GROUP_MEMBERS.size() - 5));
        }
        for (int k = CENTRE_MEETINGS; k >= 1; k--) { // quarterly
            meeting(c, centre, today.minusMonths(3L * k).withDayOfMonth(20), 10 + random.nextInt(12));
        }
        memoranda(c);
        for (Pledge p : COMMITMENTS) {
            sql.insertCommitment(c, first(p.type()), new CommitmentForm(p.kind(), p.what(),
                    p.startMonths() == null ? "" : today.plusMonths(p.startMonths()).toString(),
                    today.plusMonths(p.endMonths()).toString(), p.kept()));
        }
    }

    private long body(Connection c, String name, String notes) throws SQLException {
        // engaged local government, but no area nor target group of its own: its members cover those, and the
        // demo's gaps (last ward, indigenous peoples) stay visible
        return sql.insertActor(c, new ActorForm(name, "local_government", "local", "Safety, coordination", "5", "4",
                Codes.ENGAGED, notes, List.of(), List.of()));
    }

    private void meeting(Connection c, long body, LocalDate on, int attendees) throws SQLException {
        int n = 1 + random.nextInt(3);
        StringBuilder decisions = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String d = DECISIONS.get(random.nextInt(DECISIONS.size()));
            if (decisions.indexOf(d) < 0) {
                decisions.append(decisions.isEmpty() ? "" : "\n").append(d);
            }
        }
        coalition.insertMeeting(c, body, new MeetingForm(on.toString(), Integer.toString(attendees), decisions.toString()));
    }

    private void memoranda(Connection c) throws SQLException {
        memorandum(c, "Demo MoU: women's safety audits in the wards", -14, 10, "DEMO-MOU-001 (synthetic)",
                "local_government", "women_led");
        memorandum(c, "Demo MoU: sharing incident data for the diagnosis", -26, -2, "DEMO-MOU-002 (synthetic)",
                "police_justice", "academia", "local_government");
        memorandum(c, "Demo MoU: youth night-time programme", -8, null, "DEMO-MOU-003 (synthetic)",
                "youth_led", "education", "social_services");
        memorandum(c, "Demo MoU: venues for neighbourhood safety forums", -12, 12, "DEMO-MOU-004 (synthetic)",
                "faith_group", "community_group");
    }

    private void memorandum(Connection c, String title, int signedMonths, Integer expiresMonths, String ref,
            String... types) throws SQLException {
        List<String> parties = java.util.Arrays.stream(types).map(t -> Long.toString(first(t))).toList();
        coalition.insertMemorandum(c, new MemorandumForm(title, today.plusMonths(signedMonths).toString(),
                expiresMonths == null ? "" : today.plusMonths(expiresMonths).toString(), ref, parties));
    }
}
