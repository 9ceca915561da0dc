package org.safercities.platform.links;

import java.util.List;

/**
 * Published by strategy: who does what in the current strategy (the adopted version, else the newest draft),
 * for the partnerships module's roles, coverage matrix and "priority without a lead" gap.
 */
public interface ActionDirectory {

    /** The partner's role in an action: {@code lead}, {@code support} or {@code funder} (a funding partner). */
    record ActionRole(long actionId, String actionTitle, long priorityId, String priorityTitle, long actorId,
            String role) {
    }

    /** A priority of the current strategy, whether or not any action has a partner yet. */
    record PriorityRef(long id, String title) {
    }

    List<PriorityRef> priorities();

    List<ActionRole> roles();
}
