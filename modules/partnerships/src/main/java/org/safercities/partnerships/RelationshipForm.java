package org.safercities.partnerships;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** A relationship from the actor whose page it is to another actor, as typed in the form. */
public record RelationshipForm(String toId, String type, String from, String until, String strength) {

    public static RelationshipForm of(Form f) {
        return new RelationshipForm(f.get("toId"), f.get("type"), f.get("from"), f.get("until"), f.get("strength"));
    }

    public static RelationshipForm blank(LocalDate today) {
        return new RelationshipForm("", "coordinates_with", today.toString(), "", "2");
    }

    /** The checks that need no store; the service adds self, missing actor and member-of cycle. */
    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (Form.wholeNumber(toId) < 0) {
            e.add("toId", "partnerships.rel.badActor");
        }
        if (!Codes.RELATIONS.contains(type)) {
            e.add("type", "partnerships.rel.badType");
        }
        LocalDate f = date(from);
        if (f == null) {
            e.add("from", "partnerships.rel.badDate");
        }
        LocalDate u = date(until);
        if (!until.isBlank() && u == null) {
            e.add("until", "partnerships.rel.badDate");
        } else if (f != null && u != null && u.isBefore(f)) {
            e.add("until", "partnerships.rel.untilBeforeFrom");
        }
        int s = ActorForm.score(strength);
        if (s < 1 || s > 3) {
            e.add("strength", "partnerships.rel.badStrength");
        }
        return e;
    }

    static LocalDate date(String s) {
        try {
            return s == null || s.isBlank() ? null : LocalDate.parse(s.strip());
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
