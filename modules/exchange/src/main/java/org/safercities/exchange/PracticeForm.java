package org.safercities.exchange;

import java.util.List;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** A good practice as typed. */
public record PracticeForm(String title, String problem, String intervention, String preventionType,
        List<String> targetGroups, String evidence, String cost, String contactRole, String version) {

    public static PracticeForm blank() {
        return new PracticeForm("", "", "", "social", List.of(), "", "", "", "0");
    }

    public static PracticeForm of(Form f) {
        return new PracticeForm(f.get("title"), f.get("problem"), f.get("intervention"), f.get("preventionType"),
                f.all("targetGroups").stream().map(String::strip).filter(Practice.GROUPS::contains).distinct().toList(),
                f.get("evidence"), f.get("cost"), f.get("contactRole"), f.get("version"));
    }

    public static PracticeForm of(Practice p) {
        return new PracticeForm(p.title(), p.problem(), p.intervention(), p.preventionType(), p.targetGroups(),
                p.evidence(), p.cost(), p.contactRole(), Integer.toString(p.version()));
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (title.isEmpty()) {
            e.add("title", "exchange.practice.titleRequired");
        } else if (title.length() > 300) {
            e.add("title", "exchange.review.tooLong", 300);
        }
        if (problem.isEmpty()) {
            e.add("problem", "exchange.practice.problemRequired");
        }
        if (intervention.isEmpty()) {
            e.add("intervention", "exchange.practice.interventionRequired");
        }
        max(e, "problem", problem, 4000);
        max(e, "intervention", intervention, 4000);
        max(e, "evidence", evidence, 4000);
        max(e, "cost", cost, 400);
        max(e, "contactRole", contactRole, 200);
        if (!Practice.TYPES.contains(preventionType)) {
            e.add("preventionType", "exchange.practice.typeUnknown");
        }
        for (String[] f : new String[][] {{"title", title}, {"problem", problem}, {"intervention", intervention},
                {"evidence", evidence}, {"cost", cost}, {"contactRole", contactRole}}) {
            if (Contacts.looksPersonal(f[1])) {
                e.add(f[0], "exchange.personalData");
            }
        }
        return e;
    }

    private static void max(FieldErrors e, String field, String value, int max) {
        if (value.length() > max) {
            e.add(field, "exchange.review.tooLong", max);
        }
    }
}
