package org.safercities.partnerships;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.safercities.platform.areas.Area;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.ActionDirectory.ActionRole;
import org.safercities.platform.links.ActionDirectory.PriorityRef;

/**
 * The coverage matrices, as codes and counts (the page and the CSV files both read them): areas × actor types,
 * target groups × actors and, with the strategy module, priorities × partners.
 */
final class Coverage {

    /** One area and, per actor type in {@link Codes#TYPES} order, how many actors cover it directly. */
    record AreaCounts(Area area, List<Integer> byType, int total) {
    }

    /** One actor serving at least one target group, and which of {@link Codes#GROUPS} (same order) it serves. */
    record GroupMarks(Actor actor, List<Boolean> serves) {
    }

    /** One priority of the current strategy and the roles partners hold in its actions. */
    record PriorityRoles(PriorityRef priority, List<ActionRole> roles) {
    }

    private Coverage() {
    }

    /**
     * Direct coverage, any engagement status: the same actors the list shows when filtered by the area and the
     * type, so that a count and the list behind its link agree.
     */
    static List<AreaCounts> areasByType(List<Area> areas, List<Actor> actors) {
        Map<Long, int[]> counts = new HashMap<>();
        for (Actor a : actors) {
            int column = Codes.TYPES.indexOf(a.type());
            for (long areaId : a.areaIds()) {
                counts.computeIfAbsent(areaId, k -> new int[Codes.TYPES.size()])[column]++;
            }
        }
        List<AreaCounts> out = new ArrayList<>();
        for (Area area : areas) {
            int[] row = counts.getOrDefault(area.id(), new int[Codes.TYPES.size()]);
            List<Integer> byType = new ArrayList<>();
            int total = 0;
            for (int n : row) {
                byType.add(n);
                total += n;
            }
            out.add(new AreaCounts(area, byType, total));
        }
        return out;
    }

    /** How many actors there are of each type (the totals row: an actor covering several areas counts once). */
    static List<Integer> typeTotals(List<Actor> actors) {
        return Codes.TYPES.stream().map(t -> (int) actors.stream().filter(a -> a.type().equals(t)).count()).toList();
    }

    static List<GroupMarks> groupsByActor(List<Actor> actors) {
        List<GroupMarks> out = new ArrayList<>();
        for (Actor a : actors) {
            if (!a.groups().isEmpty()) {
                out.add(new GroupMarks(a, Codes.GROUPS.stream().map(g -> a.groups().contains(g)).toList()));
            }
        }
        return out;
    }

    static List<Integer> groupTotals(List<Actor> actors) {
        return Codes.GROUPS.stream().map(g -> (int) actors.stream().filter(a -> a.groups().contains(g)).count()).toList();
    }

    /** Every priority of the current strategy, in its order, with the roles in its actions; empty without strategy. */
    static List<PriorityRoles> prioritiesByPartner(Optional<ActionDirectory> strategy) {
        if (strategy.isEmpty()) {
            return List.of();
        }
        List<ActionRole> roles = strategy.get().roles();
        Map<Long, PriorityRoles> byId = new LinkedHashMap<>();
        for (PriorityRef p : strategy.get().priorities()) {
            byId.put(p.id(), new PriorityRoles(p, roles.stream().filter(r -> r.priorityId() == p.id()).toList()));
        }
        return List.copyOf(byId.values());
    }
}
