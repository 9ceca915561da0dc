package org.safercities.strategy;

import java.time.LocalDate;
import java.util.List;

/**
 * An action of the plan. {@code origin} stays the same when a revision copies the action, so two versions can
 * be compared action by action. The do-no-harm review is part of the action.
 */
public record Action(long id, long versionId, String origin, Long objectiveId, String title, String description,
        String level, String type, List<String> targetGroups, String leadPartner, LocalDate start, LocalDate end,
        String status, HarmReview review, int version, List<Long> areaIds, Long leadActorId, List<Partner> support,
        List<String> sdgTargets, Reach reach, List<Partner> funders, Outcome outcome) {

    /** The people the action expects to reach, and how many of them are in its target groups (null: not stated). */
    public record Reach(Long people, Long targetMembers) {

        public static final Reach NONE = new Reach(null, null);
    }

    /**
     * The outcome the action is expected to bring: a quantity above zero and its unit in the user's words ("fewer
     * street robberies a year"); {@link #NONE} when not stated. Both or neither (the form refuses one alone).
     */
    public record Outcome(Long quantity, String unit) {

        public static final Outcome NONE = new Outcome(null, "");

        public boolean stated() {
            return quantity != null;
        }
    }

    /** A supporting or funding partner: an actor of the coalition ({@code actorId}) or a name typed by hand (no id). */
    public record Partner(Long actorId, String name) {
    }

    /** The same action with its areas, supporting and funding partners and SDG targets (loaded apart from the row). */
    Action with(List<Long> areas, List<Partner> partners, List<String> targets, List<Partner> funding) {
        return new Action(id, versionId, origin, objectiveId, title, description, level, type, targetGroups, leadPartner,
                start, end, status, review, version, areas, leadActorId, partners, targets, reach, funding, outcome);
    }

    /** A copy of this action into another version (a revision), under the objective it now belongs to. */
    Action copyTo(long otherVersion, Long otherObjective) {
        return new Action(0, otherVersion, origin, otherObjective, title, description, level, type, targetGroups,
                leadPartner, start, end, status, review, 0, areaIds, leadActorId, support, sdgTargets, reach, funders,
                outcome);
    }

    /** The do-no-harm review (G§12): foreseeable negative effects, their likelihood and the mitigation. */
    public record HarmReview(String displacement, String stigma, String vulnerable, String privacy, String likelihood,
            String mitigation) {

        public static final HarmReview NONE = new HarmReview("", "", "", "", "", "");

        /** Complete when the likelihood and the mitigation are given and at least one effect is considered. */
        public boolean complete() {
            boolean anyEffect = !displacement.isBlank() || !stigma.isBlank() || !vulnerable.isBlank() || !privacy.isBlank();
            return anyEffect && !likelihood.isBlank() && !mitigation.isBlank();
        }
    }
}
