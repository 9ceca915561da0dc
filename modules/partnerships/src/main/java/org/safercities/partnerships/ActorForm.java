package org.safercities.partnerships;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.safercities.platform.i18n.Messages;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * An actor as typed in the form; {@link #validate()} checks what needs no store. {@code names} are the
 * optional names in the kit's languages (fields {@code name_<lang>}); blank ones are left out.
 */
public record ActorForm(String name, String type, String level, String sectors, String interest, String influence,
        String status, String notes, List<String> areas, List<String> groups, String kind, Map<String, String> names) {

    /** An organisation with its local name only. */
    public ActorForm(String name, String type, String level, String sectors, String interest, String influence,
            String status, String notes, List<String> areas, List<String> groups) {
        this(name, type, level, sectors, interest, influence, status, notes, areas, groups, Codes.ORGANISATION, Map.of());
    }

    public static ActorForm of(Form f) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String lang : Messages.UN_LANGUAGES) {
            String n = f.get("name_" + lang);
            if (n != null && !n.isBlank()) {
                names.put(lang, n.strip());
            }
        }
        return new ActorForm(f.get("name"), f.get("type"), f.get("level"), f.get("sectors"), f.get("interest"),
                f.get("influence"), f.get("status"), f.get("notes"), f.all("areas"), f.all("groups"),
                f.get("kind") == null || f.get("kind").isBlank() ? Codes.ORGANISATION : f.get("kind"), names);
    }

    public static ActorForm blank() {
        return new ActorForm("", "", "", "", "3", "3", "not_contacted", "", List.of(), List.of());
    }

    public static ActorForm of(Actor a) {
        return new ActorForm(a.name(), a.type(), a.level() == null ? "" : a.level(), nz(a.sectors()),
                Integer.toString(a.interest()), Integer.toString(a.influence()), a.status(), nz(a.notes()),
                a.areaIds().stream().map(String::valueOf).toList(), a.groups(), a.kind(), a.names());
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (!Codes.KINDS.contains(kind)) {
            e.add("kind", "partnerships.actor.badKind");
        }
        for (Map.Entry<String, String> n : names == null ? Map.<String, String>of().entrySet() : names.entrySet()) {
            if (!Messages.UN_LANGUAGES.contains(n.getKey()) || n.getValue().strip().length() > 200) {
                e.add("name_" + n.getKey(), "partnerships.actor.badName");
            }
        }
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            e.add("name", "partnerships.actor.badName");
        }
        if (!Codes.TYPES.contains(type)) {
            e.add("type", "partnerships.actor.badType");
        }
        if (level != null && !level.isBlank() && !Codes.LEVELS.contains(level)) {
            e.add("level", "partnerships.actor.badLevel");
        }
        if (score(interest) == 0) {
            e.add("interest", "partnerships.actor.badScore");
        }
        if (score(influence) == 0) {
            e.add("influence", "partnerships.actor.badScore");
        }
        if (!Codes.STATUSES.contains(status)) {
            e.add("status", "partnerships.actor.badStatus");
        }
        if (sectors != null && sectors.length() > 500) {
            e.add("sectors", "partnerships.actor.tooLong", 500);
        }
        if (notes != null && notes.length() > 4000) {
            e.add("notes", "partnerships.actor.tooLong", 4000);
        }
        for (String g : groups == null ? List.<String>of() : groups) {
            if (!Codes.GROUPS.contains(g)) {
                e.add("groups", "partnerships.actor.badGroup");
            }
        }
        for (String a : areas == null ? List.<String>of() : areas) {
            if (Form.wholeNumber(a) < 0) {
                e.add("areas", "partnerships.actor.badArea");
            }
        }
        return e;
    }

    /** 1-5, or 0 when not a score. */
    static int score(String s) {
        long n = Form.wholeNumber(s);
        return n >= 1 && n <= 5 ? (int) n : 0;
    }

    List<Long> areaIds() {
        return areas == null ? List.of() : areas.stream().map(Form::wholeNumber).filter(x -> x >= 0).distinct().toList();
    }

    List<String> groupCodes() {
        return groups == null ? List.of() : groups.stream().distinct().toList();
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
