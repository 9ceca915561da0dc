package org.safercities.strategy;

import java.time.LocalDate;
import java.util.List;

/**
 * An action of the plan. {@code origin} stays the same when a revision copies the action, so two versions can
 * be compared action by action. The do-no-harm review is part of the action.
 */
public record Action(long id, long versionId, String origin, Long objectiveId, String title, String description,
        String level, String type, List<String> targetGroups, String leadPartner, LocalDate start, LocalDate end,
        String status, HarmReview review, int version, List<Long> areaIds) {

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
