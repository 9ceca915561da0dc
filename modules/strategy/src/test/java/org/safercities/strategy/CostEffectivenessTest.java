package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CostEffectivenessTest {

    static Action action(long id, String title, Long people, Long target, Long... areas) {
        return make(id, title, new Action.Reach(people, target), Action.Outcome.NONE, areas);
    }

    static Action withOutcome(long id, String title, Long people, Action.Outcome outcome) {
        return make(id, title, new Action.Reach(people, null), outcome);
    }

    static Action make(long id, String title, Action.Reach reach, Action.Outcome outcome, Long... areas) {
        return new Action(id, 1, "o" + id, null, title, "", "primary", "social", List.of(), "", null, null, "planned",
                Action.HarmReview.NONE, 0, List.of(areas), null, List.of(), List.of(), reach, List.of(), outcome);
    }

    @Test
    void costPerUnitOfExpectedOutcomeIsRoundedHalfEvenAndMissingWhenNoOutcomeIsStated() {
        List<Action> actions = List.of(withOutcome(1, "Lights", null, new Action.Outcome(120L, "street lights working")),
                withOutcome(2, "Mediation", 50L, new Action.Outcome(8L, "fewer street robberies a year")),
                withOutcome(3, "Patrols", 10L, Action.Outcome.NONE));
        Map<Long, Long> budget = Map.of(1L, 1_000_000L, 2L, 100L, 3L, 500L);
        Map<String, CostEffectiveness.Row> rows = new java.util.HashMap<>();
        CostEffectiveness.rows(actions, budget).forEach(r -> rows.put(r.action().title(), r));
        assertEquals(8_333L, rows.get("Lights").perOutcome(), "1,000,000 / 120 = 8,333.33");
        assertNull(rows.get("Lights").perPerson(), "no reach: the cost per outcome stands alone");
        assertEquals(12L, rows.get("Mediation").perOutcome(), "100 / 8 = 12.5 rounds half-even to 12");
        assertNull(rows.get("Patrols").perOutcome());
        assertEquals(50L, rows.get("Patrols").perPerson());
    }

    @Test
    void costPerPersonIsRoundedHalfEvenToTheMinorUnitAndActionsWithoutReachComeLast() {
        List<Action> actions = List.of(action(1, "Lights", 3L, 1L), action(2, "Mentoring", 400L, 400L),
                action(3, "Mediation", null, null), action(4, "Patrols", 0L, null));
        Map<Long, Long> budget = Map.of(1L, 1_000L, 2L, 100_000L, 3L, 5_000L, 4L, 7L);
        List<CostEffectiveness.Row> rows = CostEffectiveness.rows(actions, budget);
        assertEquals(List.of("Mentoring", "Lights", "Mediation", "Patrols"), rows.stream().map(r -> r.action().title()).toList());
        assertEquals(250L, rows.get(0).perPerson(), "100000 / 400");
        assertEquals(333L, rows.get(1).perPerson(), "1000 / 3 = 333.33");
        assertEquals(1_000L, rows.get(1).perTargetMember());
        assertNull(rows.get(2).perPerson());
        assertNull(rows.get(3).perPerson(), "no division by a reach of zero");
        assertEquals(2L, CostEffectiveness.per(5, 2L), "2.5 rounds half-even to 2");
        assertEquals(4L, CostEffectiveness.per(7, 2L), "3.5 rounds half-even to 4");
    }

    @Test
    void theBudgetOfAnActionOverSeveralAreasIsSplitExactly() {
        List<Action> actions = List.of(action(1, "a", null, null, 10L, 11L, 12L), action(2, "b", null, null, 11L),
                action(3, "c", null, null));
        Map<Long, Long> byArea = CostEffectiveness.budgetByArea(actions, Map.of(1L, 100L, 2L, 50L, 3L, 999L));
        assertEquals(Map.of(10L, 34L, 11L, 83L, 12L, 33L), byArea, "100 = 34 + 33 + 33; area 11 also has 50");
        assertEquals(150L, byArea.values().stream().mapToLong(Long::longValue).sum(), "nothing lost or made up");
        CostEffectiveness.AreaShare s = CostEffectiveness.share(11, 830_000_000L, 412_000L, 2019);
        assertEquals(2_015L, s.perCapita(), "KES 8,300,000.00 / 412,000 people = KES 20.1456, so 20.15 each");
        assertNull(CostEffectiveness.share(12, 33, null, null).perCapita());
    }
}
