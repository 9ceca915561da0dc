package org.safercities.strategy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.safercities.platform.DemoCity;
import org.safercities.platform.areas.Area;

/**
 * The demo city's strategy: clearly synthetic, adopted, about 25 actions over the demo wards, each with a
 * do-no-harm review and a budget in KES minor units. The same seed gives the same strategy.
 */
final class StrategyDemo {

    static final int ACTIONS = 25;
    private static final String[][] IDEAS = {
        {"Street lighting audit and repair", "situational", "primary", "women_girls"},
        {"After-school sports league", "social", "primary", "children_youth"},
        {"Women's safety walks", "community_based", "primary", "women_girls"},
        {"Youth mentoring for young people at risk", "social", "secondary", "children_youth"},
        {"Market stall lighting and CCTV review", "situational", "primary", "older_persons"},
        {"Reintegration support for released offenders", "criminal_justice", "tertiary", "children_youth"},
        {"Neighbourhood mediation committees", "community_based", "secondary", "migrants_refugees_displaced"},
        {"Safe routes to school", "situational", "primary", "children_youth"},
        {"Accessible public toilets with lighting", "situational", "primary", "disability"},
        {"Victim support desk at the ward office", "criminal_justice", "tertiary", "women_girls"},
    };

    /** The expected outcome of each idea above, in its own unit, and a typical quantity (G§70: cost per unit). */
    private static final String[] OUTCOME_UNITS = {"fewer street robberies a year", "young people finishing the season",
        "unsafe spots fixed", "young people not re-arrested after a year", "fewer thefts at the market a year",
        "people not reoffending after a year", "disputes settled without violence", "children walking to school safely",
        "women using the toilets after dark", "victims supported to the end of their case"};
    private static final int[] OUTCOME_BASE = {40, 120, 25, 30, 60, 20, 80, 300, 400, 150};

    /** Most demo actions state an expected outcome (one in five does not, as in real plans). */
    private static Action.Outcome demoOutcome(int idea, Random random) {
        if (random.nextInt(5) == 0) {
            return Action.Outcome.NONE;
        }
        return new Action.Outcome((long) OUTCOME_BASE[idea] * (50 + random.nextInt(100)) / 100, OUTCOME_UNITS[idea]);
    }

    /** SDG targets the demo actions contribute to (G§71): safe public spaces, violence, women and girls, youth. */
    private static final List<List<String>> DEMO_TARGETS = List.of(List.of("11.7", "16.1"), List.of("5.2", "11.7"),
            List.of("16.2", "4.a"), List.of("8.6", "16.1"), List.of("11.2", "5.2"));

    /** Most demo actions state their reach (a few do not, as in real plans); about half reach target-group members. */
    private static Action.Reach demoReach(java.util.Random random) {
        if (random.nextInt(5) == 0) {
            return Action.Reach.NONE;
        }
        long people = 200L * (1 + random.nextInt(50));
        return new Action.Reach(people, people * (30 + random.nextInt(40)) / 100);
    }

    private final StrategyService service;

    StrategyDemo(StrategyService service) {
        this.service = service;
    }

    void load(DemoCity city) {
        Random random = new Random(city.seed() ^ 0x5742L);
        List<Area> wards = city.wards();
        int from = city.lastYear() + 1;
        StrategyStore db = service.db();
        service.store().tx(c -> {
            long v = db.insertVersion(c, 1, "[Synthetic demo] A city where everyone, women and girls first, can move "
                    + "and live safely by day and by night.", from, from + 4, null, java.time.Instant.now());
            List<Long> covered = new ArrayList<>();
            covered.add(city.root().id());
            db.setVersionAreas(c, v, covered);
            List<Long> priorities = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Area w = wards.get(i % wards.size());
                String group = Codes.TARGET_GROUPS.get(i % Codes.TARGET_GROUPS.size());
                priorities.add(db.insertPriority(c, v, w.id(), group, "[Demo] Priority " + (i + 1) + " in " + w.name(),
                        "Synthetic diagnosis finding D-" + (100 + i) + ": fear of crime after dark is high in " + w.name() + ".",
                        i + 1));
            }
            List<Long> objectives = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                objectives.add(db.insertObjective(c, v, priorities.get(i), "[Demo] Objective " + (i + 1),
                        "share of residents who feel safe walking after dark", "+" + (10 + 5 * i) + " points",
                        LocalDate.of(from + 4, 12, 31)));
            }
            for (int i = 0; i < ACTIONS; i++) {
                String[] idea = IDEAS[i % IDEAS.length];
                Area ward = wards.get(random.nextInt(wards.size()));
                LocalDate start = LocalDate.of(from + random.nextInt(3), 1 + random.nextInt(12), 1);
                LocalDate end = start.plusMonths(6 + random.nextInt(30));
                // actions starting in the first year are ready or under way; later ones planned or ready
                String status = start.getYear() == from ? (random.nextBoolean() ? "under_way" : "ready")
                        : (random.nextBoolean() ? "planned" : "ready");
                Action a = new Action(0, v, null, objectives.get(i % objectives.size()),
                        "[Demo] " + idea[0] + " (" + ward.name() + ")", "Synthetic demo action number " + (i + 1) + ".",
                        idea[2], idea[1], List.of(idea[3]), "Demo partner " + (char) ('A' + random.nextInt(6)), start, end,
                        status, new Action.HarmReview(
                                "Crime could move to the next streets; watch the neighbouring wards.",
                                "Do not label " + ward.name() + " as dangerous in public material.",
                                "Consult women's and youth groups before and during the work.",
                                "No personal data is collected; any camera footage is kept 7 days.",
                                Codes.LIKELIHOODS.get(random.nextInt(3)), "Review with residents every six months."),
                        0, List.of(ward.id()), null, List.of(new Action.Partner(null, "Demo residents' association")),
                        DEMO_TARGETS.get(i % DEMO_TARGETS.size()), demoReach(random), List.of(),
                        demoOutcome(i % IDEAS.length, random));
                long id = db.insertAction(c, v, UUID.nameUUIDFromBytes(("demo-" + city.seed() + "-" + i).getBytes(
                        java.nio.charset.StandardCharsets.UTF_8)).toString(), a);
                db.insertBudget(c, id, "City budget", "local", 100_000L * (5 + random.nextInt(200)), "KES");
                if (random.nextBoolean()) {
                    db.insertBudget(c, id, "National crime prevention fund", "national",
                            100_000L * (10 + random.nextInt(300)) + random.nextInt(100), "KES");
                }
            }
            db.adopt(c, v, 0, LocalDate.of(from - 1, 11, 15), "demo", "[Demo] Council resolution 2025/17");
            service.log(c, "demo", "-", "strategy.demo.load", "strategy_version", v, ACTIONS + " actions");
            return null;
        });
    }
}
