package org.safercities.partnerships;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.safercities.platform.DemoCity;
import org.safercities.platform.areas.Area;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;

/**
 * A clearly synthetic coalition for the demo city: {@value #ACTORS} actors over its wards and
 * {@value #RELATIONSHIPS} relationships, the same for the same seed, then the technical group and coordination
 * centre with their members and meetings, memoranda and commitments ({@link DemoCoalition}). "Member of" only ever points from a later
 * actor to an earlier one, so it has no cycle. So that the gaps page has something to show, the city-wide
 * actors (national government, international agency) are only invited, no actor covers the last ward, and no
 * actor serves indigenous peoples.
 */
final class PartnershipDemo {

    static final int ACTORS = 60;
    static final int RELATIONSHIPS = 150;

    private static final Map<String, String> NAMES = Map.ofEntries(Map.entry("local_government", "Ward Office"),
            Map.entry("national_government", "Ministry Liaison Desk"), Map.entry("police_justice", "Police Division"),
            Map.entry("health", "Health Clinic"), Map.entry("education", "School Council"),
            Map.entry("social_services", "Social Services Unit"), Map.entry("ngo", "Safety NGO"),
            Map.entry("women_led", "Women's Collective"), Map.entry("youth_led", "Youth Forum"),
            Map.entry("disability_org", "Disability Alliance"), Map.entry("community_group", "Neighbourhood Association"),
            Map.entry("faith_group", "Interfaith Council"), Map.entry("private_sector", "Traders' Association"),
            Map.entry("media", "Community Radio"), Map.entry("academia", "University Research Lab"),
            Map.entry("international", "International Agency Office"));

    /** The types drawn after one of each: none city-wide, so the demo keeps an uncovered ward. */
    private static final List<String> LOCAL_TYPES = Codes.TYPES.stream()
            .filter(t -> !t.equals("national_government") && !t.equals("international")).toList();
    static final String NOBODY_SERVES = "indigenous_peoples";

    private final Store store;
    private final AuditLog audit;
    private final PartnershipStore sql;

    PartnershipDemo(Store store, AuditLog audit, PartnershipStore sql) {
        this.store = store;
        this.audit = audit;
        this.sql = sql;
    }

    /**
     * Loads the coalition; the memoranda, commitments and meetings of {@link DemoCoalition} are dated from
     * {@code today} so that the "last 12 months" counts and the overdue commitments always have content.
     */
    void load(DemoCity city, LocalDate today) {
        Random random = new Random(city.seed() * 31 + 4);
        store.tx(c -> {
            List<Long> ids = new ArrayList<>();
            List<ActorForm> forms = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                String type = i < Codes.TYPES.size() ? Codes.TYPES.get(i) : LOCAL_TYPES.get(random.nextInt(LOCAL_TYPES.size()));
                forms.add(actor(i, type, city, random));
                ids.add(sql.insertActor(c, forms.get(i)));
            }
            Set<String> pairs = new HashSet<>();
            int made = 0;
            while (made < RELATIONSHIPS) {
                int a = random.nextInt(ACTORS);
                int b = random.nextInt(ACTORS);
                String type = Codes.RELATIONS.get(random.nextInt(Codes.RELATIONS.size()));
                if (a == b || !pairs.add(Math.min(a, b) + "-" + Math.max(a, b))) {
                    continue;
                }
                if (type.equals(Codes.MEMBER_OF) && a < b) { // members point to earlier actors only: no cycle
                    int x = a;
                    a = b;
                    b = x;
                }
                LocalDate from = LocalDate.of(city.firstYear(), 1, 1).plusDays(random.nextInt(365 * 5));
                LocalDate until = random.nextInt(4) == 0 ? from.plusMonths(6 + random.nextInt(30)) : null;
                sql.insertRelationship(c, ids.get(a), ids.get(b), type, from, until, 1 + random.nextInt(3));
                made++;
            }
            new DemoCoalition(sql, new CoalitionStore(), ids, forms, new Random(city.seed() * 31 + 5), today).add(c);
            audit.append(c, new AuditLog.Event("demo", "-", "partnerships.demo.load", "actor", "-", "ok",
                    (ACTORS + DemoCoalition.BODIES) + " actors, " + (RELATIONSHIPS + DemoCoalition.MEMBERSHIPS)
                            + " relationships, " + DemoCoalition.MEMORANDA + " memoranda, "
                            + DemoCoalition.COMMITMENTS.size() + " commitments, two bodies with their meetings"));
            return null;
        });
    }

    private static ActorForm actor(int i, String type, DemoCity city, Random random) {
        List<String> areas = new ArrayList<>();
        String level = "";
        switch (type) {
            case "national_government" -> level = "national";
            case "international" -> level = "international";
            case "local_government", "police_justice" -> level = "local";
            default -> { }
        }
        Area uncovered = city.wards().get(city.wards().size() - 1);
        List<Area> districts = city.districts().stream().filter(d -> d.id() != uncovered.parentId()).toList();
        List<Area> wards = city.wards().subList(0, city.wards().size() - 1);
        if (level.equals("national") || level.equals("international")) {
            areas.add(Long.toString(city.root().id()));
        } else if (random.nextInt(5) == 0 && !districts.isEmpty()) {
            areas.add(Long.toString(districts.get(random.nextInt(districts.size())).id()));
        } else {
            int n = 1 + random.nextInt(3);
            for (int k = 0; k < n && !wards.isEmpty(); k++) {
                Area w = wards.get(random.nextInt(wards.size()));
                if (!areas.contains(Long.toString(w.id()))) {
                    areas.add(Long.toString(w.id()));
                }
            }
        }
        List<String> groups = new ArrayList<>();
        switch (type) {
            case "women_led" -> groups.add("women_girls");
            case "youth_led" -> groups.add("children_youth");
            case "disability_org" -> groups.add("persons_disabilities");
            default -> {
                int n = random.nextInt(3);
                for (int k = 0; k < n; k++) {
                    String g = Codes.GROUPS.get(random.nextInt(Codes.GROUPS.size()));
                    if (!groups.contains(g) && !g.equals(NOBODY_SERVES)) {
                        groups.add(g);
                    }
                }
            }
        }
        int s = random.nextInt(10);
        String status = s < 5 ? "engaged" : s < 7 ? "invited" : s < 9 ? "not_contacted" : "withdrawn";
        if (level.equals("national") || level.equals("international")) {
            status = "invited"; // city-wide: engaged, they would close every area gap
        }
        return new ActorForm("Demo " + NAMES.get(type) + " " + (i + 1), type, level, "", Integer.toString(1 + random.nextInt(5)),
                Integer.toString(1 + random.nextInt(5)), status, "Synthetic demo actor.", areas, groups);
    }
}
