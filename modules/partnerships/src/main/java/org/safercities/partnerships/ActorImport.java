package org.safercities.partnerships;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.safercities.platform.areas.Area;
import org.safercities.platform.i18n.Translator;

/**
 * What importing a CSV of actors would do, line by line: a new actor, a possible duplicate of an actor of the
 * map (same type, same name once normalised or one letter apart) that the user merges into it or skips, or an
 * error that stops the whole import. Nothing is written here: {@link PartnershipService#importActors} does it.
 */
final class ActorImport {

    enum Choice { MERGE, SKIP }

    /** One line: the actor as read (blank fields stay blank, for merging), the duplicate found, its errors. */
    record Row(int line, ActorForm form, Actor duplicate, List<String> errors) {
        boolean isDuplicate() {
            return duplicate != null;
        }
    }

    record Plan(List<Row> rows) {
        long errors() {
            return rows.stream().filter(r -> !r.errors().isEmpty()).count();
        }

        long duplicates() {
            return rows.stream().filter(r -> r.errors().isEmpty() && r.isDuplicate()).count();
        }

        boolean importable() {
            return errors() == 0;
        }
    }

    private ActorImport() {
    }

    /** The plan of {@code file} against the map's {@code actors} and the area tree; errors in {@code t}'s language. */
    static Plan plan(ActorCsv.Parsed file, List<Actor> actors, List<Area> areas, Translator t) {
        Map<String, Long> areaByCode = areas.stream().collect(Collectors.toMap(a -> a.code().toLowerCase(Locale.ROOT),
                Area::id, (x, y) -> x));
        Map<String, List<Actor>> byType = actors.stream().collect(Collectors.groupingBy(Actor::type));
        Map<String, Integer> seen = new HashMap<>();
        List<Row> rows = new ArrayList<>();
        for (ActorCsv.Line line : file.lines()) {
            List<String> errors = new ArrayList<>();
            String type = line.get("type").toLowerCase(Locale.ROOT);
            if (!Codes.TYPES.contains(type)) {
                errors.add(t.t("partnerships.import.unknownType", line.get("type")));
            }
            List<String> areaIds = new ArrayList<>();
            for (String code : list(line.get("areas"))) {
                Long id = areaByCode.get(code.toLowerCase(Locale.ROOT));
                if (id == null) {
                    errors.add(t.t("partnerships.import.unknownArea", code));
                } else {
                    areaIds.add(Long.toString(id));
                }
            }
            List<String> groups = list(line.get("target_groups").toLowerCase(Locale.ROOT));
            groups.stream().filter(g -> !Codes.GROUPS.contains(g))
                    .forEach(g -> errors.add(t.t("partnerships.import.unknownGroup", g)));
            Map<String, String> names = new java.util.LinkedHashMap<>();
            for (String lang : org.safercities.platform.i18n.Messages.UN_LANGUAGES) {
                if (!line.get("name_" + lang).isEmpty()) {
                    names.put(lang, line.get("name_" + lang));
                }
            }
            ActorForm form = new ActorForm(line.get("name"), type, line.get("government_level"), line.get("sectors"),
                    line.get("interest"), line.get("influence"), line.get("status"), line.get("notes"), areaIds,
                    groups.stream().filter(Codes.GROUPS::contains).toList(), line.get("kind").toLowerCase(Locale.ROOT),
                    names);
            if (Codes.TYPES.contains(type)) {
                withDefaults(form).validate().in(t).forEach((field, message) -> errors.add(label(t, field) + ": " + message));
            }
            String key = type + "|" + normalise(form.name());
            Integer earlier = seen.putIfAbsent(key, line.number());
            if (earlier != null && !form.name().isBlank()) {
                errors.add(t.t("partnerships.import.repeats", earlier));
            }
            rows.add(new Row(line.number(), form, duplicateOf(form, byType.getOrDefault(type, List.of())), errors));
        }
        return new Plan(rows);
    }

    /** A new actor from a line: blank interest and influence are 3, a blank status is "not contacted". */
    static ActorForm withDefaults(ActorForm f) {
        return new ActorForm(f.name(), f.type(), f.level(), f.sectors(), blank(f.interest()) ? "3" : f.interest(),
                blank(f.influence()) ? "3" : f.influence(), blank(f.status()) ? "not_contacted" : f.status(), f.notes(),
                f.areas(), f.groups(), blank(f.kind()) ? Codes.ORGANISATION : f.kind(), f.names());
    }

    /**
     * The existing actor with what the line adds: fields the line fills replace the actor's, notes are appended,
     * areas and target groups are joined. The name and type stay the actor's.
     */
    static ActorForm merged(Actor a, ActorForm f) {
        ActorForm old = ActorForm.of(a);
        List<String> areas = new ArrayList<>(old.areas());
        f.areas().stream().filter(x -> !areas.contains(x)).forEach(areas::add);
        List<String> groups = new ArrayList<>(old.groups());
        f.groups().stream().filter(x -> !groups.contains(x)).forEach(groups::add);
        String notes = blank(f.notes()) || old.notes().contains(f.notes().strip()) ? old.notes()
                : (old.notes().isBlank() ? "" : old.notes() + "\n") + f.notes().strip();
        Map<String, String> names = new java.util.LinkedHashMap<>(old.names());
        names.putAll(f.names());
        return new ActorForm(old.name(), old.type(), or(f.level(), old.level()), or(f.sectors(), old.sectors()),
                or(f.interest(), old.interest()), or(f.influence(), old.influence()), or(f.status(), old.status()), notes,
                areas, groups, or(f.kind(), old.kind()), names);
    }

    /** An actor of the same type whose name is the same once normalised, or one letter apart (a typo). */
    static Actor duplicateOf(ActorForm f, List<Actor> sameType) {
        String name = normalise(f.name());
        if (name.isEmpty()) {
            return null;
        }
        for (Actor a : sameType) {
            if (normalise(a.name()).equals(name)) {
                return a;
            }
        }
        for (Actor a : sameType) {
            String other = normalise(a.name());
            if (Math.min(name.length(), other.length()) >= 6 && oneEditApart(name, other)) {
                return a;
            }
        }
        return null;
    }

    /** Lower case, accents removed, punctuation and runs of spaces as one space: "Red-Cross  Soc." = "red cross soc". */
    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return s.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** At most one letter inserted, removed or replaced, or two neighbouring letters swapped ("Statoin"). */
    static boolean oneEditApart(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 1) {
            return false;
        }
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        if (a.length() == b.length()) {
            if (i >= a.length() - 1) {
                return true;
            }
            boolean swapped = a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
            return swapped || a.substring(i + 1).equals(b.substring(i + 1));
        }
        String longer = a.length() > b.length() ? a : b;
        String shorter = a.length() > b.length() ? b : a;
        return longer.substring(i + 1).equals(shorter.substring(Math.min(i, shorter.length())));
    }

    /** The column's label: a form field's, with the language for a name in another language. */
    private static String label(Translator t, String field) {
        return field.startsWith("name_") ? t.t("partnerships.actor.name") + " (" + field.substring(5) + ")"
                : t.t("partnerships.actor." + field);
    }

    private static List<String> list(String cell) {
        return Arrays.stream(cell.split("[;|]")).map(String::strip).filter(s -> !s.isEmpty()).distinct()
                .collect(Collectors.toCollection(ArrayList::new));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String or(String value, String otherwise) {
        return blank(value) ? otherwise : value;
    }
}
