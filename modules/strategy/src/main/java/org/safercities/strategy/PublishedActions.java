package org.safercities.strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.safercities.platform.links.ActionDirectory;

/**
 * What the strategy tells the other modules (partnerships' roles and gaps): the priorities of the strategy in force
 * (the adopted version, else the newest draft) and who leads, supports or funds its actions. Only actors chosen from the
 * coalition appear; partners typed by hand have no actor id. An action without an objective, or whose objective
 * has no priority, has priority id 0 and an empty priority title.
 */
final class PublishedActions implements ActionDirectory {

    private final StrategyService strategy;

    PublishedActions(StrategyService strategy) {
        this.strategy = strategy;
    }

    @Override
    public List<PriorityRef> priorities() {
        return strategy.inForce().map(v -> strategy.cached(v).content.priorities().stream()
                .map(p -> new PriorityRef(p.id(), p.title())).toList()).orElse(List.of());
    }

    @Override
    public List<ActionRole> roles() {
        return strategy.inForce().map(v -> {
            VersionCache.Entry e = strategy.cached(v);
            return e.<List<ActionRole>>view("roles", () -> roles(e.content));
        }).orElse(List.of());
    }

    private static List<ActionRole> roles(VersionCache.Content content) {
        Map<Long, Priority> priorities = new HashMap<>();
        content.priorities().forEach(p -> priorities.put(p.id(), p));
        Map<Long, Long> priorityOfObjective = new HashMap<>();
        content.objectives().forEach(o -> priorityOfObjective.put(o.id(), o.priorityId()));
        List<ActionRole> out = new ArrayList<>();
        for (Action a : content.actions()) {
            Long pid = a.objectiveId() == null ? null : priorityOfObjective.get(a.objectiveId());
            Priority p = pid == null ? null : priorities.get(pid);
            long priorityId = p == null ? 0 : p.id();
            String priorityTitle = p == null ? "" : p.title();
            if (a.leadActorId() != null) {
                out.add(new ActionRole(a.id(), a.title(), priorityId, priorityTitle, a.leadActorId(), "lead"));
            }
            for (Action.Partner s : a.support()) {
                if (s.actorId() != null) {
                    out.add(new ActionRole(a.id(), a.title(), priorityId, priorityTitle, s.actorId(), "support"));
                }
            }
            for (Action.Partner f : a.funders()) {
                if (f.actorId() != null) {
                    out.add(new ActionRole(a.id(), a.title(), priorityId, priorityTitle, f.actorId(), "funder"));
                }
            }
        }
        return out;
    }
}
