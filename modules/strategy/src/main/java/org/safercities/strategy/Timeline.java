package org.safercities.strategy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.safercities.platform.areas.Area;

/**
 * The action plan laid out in time (the Gantt view): the actions that have both dates, in groups, and apart
 * those that lack one, since a bar without an end (or a start) would suggest a date nobody decided.
 */
public final class Timeline {

    /**
     * How the bars are grouped: under their priority and objective (the plan's own order), by lead partner, or by
     * area (an action over several areas has a bar in each of them).
     */
    public enum Grouping {
        OBJECTIVE, PARTNER, AREA;

        static Grouping of(String value) {
            return "partner".equals(value) ? PARTNER : "area".equals(value) ? AREA : OBJECTIVE;
        }

        /** The value of the {@code by} query parameter. */
        String param() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A group of dated actions; {@code name} is empty for the actions with no objective (lead partner, area). */
    public record Group(String name, List<Action> actions) {
    }

    /** The dated actions in groups, the undated ones, and the first and last day of the plan (null if nothing dated). */
    public record Layout(List<Group> groups, List<Action> undated, LocalDate first, LocalDate last) {
    }

    private Timeline() {
    }

    static boolean dated(Action a) {
        return a.start() != null && a.end() != null;
    }

    static Layout of(List<Priority> priorities, List<Objective> objectives, List<Action> actions, Grouping by) {
        return of(priorities, objectives, actions, by, List.of());
    }

    /** {@code areas}: the area tree in the order its groups are shown (needed for the grouping by area). */
    static Layout of(List<Priority> priorities, List<Objective> objectives, List<Action> actions, Grouping by,
            List<Area> areas) {
        List<Action> dated = actions.stream().filter(Timeline::dated)
                .sorted(Comparator.comparing(Action::start).thenComparing(Action::end).thenComparing(Action::id)).toList();
        List<Action> undated = actions.stream().filter(a -> !dated(a)).toList();
        List<Group> groups = switch (by) {
            case PARTNER -> byPartner(dated);
            case AREA -> byArea(areas, dated);
            case OBJECTIVE -> byObjective(priorities, objectives, dated);
        };
        LocalDate first = dated.stream().map(Action::start).min(Comparator.naturalOrder()).orElse(null);
        LocalDate last = dated.stream().map(Action::end).max(Comparator.naturalOrder()).orElse(null);
        return new Layout(groups, undated, first, last);
    }

    /** Objectives in the order of their priority's rank (objectives without a priority after them), then the rest. */
    private static List<Group> byObjective(List<Priority> priorities, List<Objective> objectives, List<Action> dated) {
        Map<Long, Priority> priority = new LinkedHashMap<>();
        priorities.forEach(p -> priority.put(p.id(), p));
        List<Long> rankOrder = new ArrayList<>(priority.keySet());
        List<Objective> ordered = objectives.stream().sorted(Comparator.comparingInt((Objective o) ->
                o.priorityId() == null || !priority.containsKey(o.priorityId()) ? Integer.MAX_VALUE
                        : rankOrder.indexOf(o.priorityId())).thenComparingLong(Objective::id)).toList();
        List<Group> groups = new ArrayList<>();
        for (Objective o : ordered) {
            Priority p = o.priorityId() == null ? null : priority.get(o.priorityId());
            String name = p == null ? o.title() : p.title() + " › " + o.title();
            add(groups, name, dated.stream().filter(a -> Objects.equals(a.objectiveId(), o.id())).toList());
        }
        List<Long> known = ordered.stream().map(Objective::id).toList();
        add(groups, "", dated.stream().filter(a -> a.objectiveId() == null || !known.contains(a.objectiveId())).toList());
        return groups;
    }

    /** One group per lead partner, in alphabetical order; actions without a lead partner last. */
    private static List<Group> byPartner(List<Action> dated) {
        Map<String, List<Action>> byLead = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        List<Action> none = new ArrayList<>();
        for (Action a : dated) {
            if (a.leadPartner() == null || a.leadPartner().isBlank()) {
                none.add(a);
            } else {
                byLead.computeIfAbsent(a.leadPartner().strip(), k -> new ArrayList<>()).add(a);
            }
        }
        List<Group> groups = new ArrayList<>();
        byLead.forEach((name, list) -> add(groups, name, list));
        add(groups, "", none);
        return groups;
    }

    /**
     * One group per area, in the tree's order, with every action that names it (so an action over two areas is in
     * both); actions without an area (or whose areas are no longer in the tree) last.
     */
    private static List<Group> byArea(List<Area> areas, List<Action> dated) {
        Map<Long, List<Action>> byArea = new java.util.HashMap<>();
        for (Action a : dated) {
            for (Long id : new java.util.LinkedHashSet<>(a.areaIds())) {
                byArea.computeIfAbsent(id, k -> new ArrayList<>()).add(a);
            }
        }
        List<Group> groups = new ArrayList<>();
        java.util.Set<Long> shown = new java.util.HashSet<>();
        for (Area area : areas) {
            add(groups, area.name(), byArea.getOrDefault(area.id(), List.of()));
            shown.add(area.id());
        }
        add(groups, "", dated.stream().filter(a -> a.areaIds().stream().noneMatch(shown::contains)).toList());
        return groups;
    }

    private static void add(List<Group> groups, String name, List<Action> actions) {
        if (!actions.isEmpty()) {
            groups.add(new Group(name, actions));
        }
    }
}
