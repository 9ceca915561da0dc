package org.safercities.partnerships;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** A commitment as typed in the form on the actor page. */
public record CommitmentForm(String description, String endDate, boolean fulfilled) {

    public static CommitmentForm of(Form f) {
        return new CommitmentForm(f.get("description"), f.get("endDate"), f.has("fulfilled"));
    }

    public static CommitmentForm blank() {
        return new CommitmentForm("", "", false);
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (description.isBlank() || description.length() > 1000) {
            e.add("description", "partnerships.commitment.badDescription");
        }
        if (RelationshipForm.date(endDate) == null) {
            e.add("endDate", "partnerships.rel.badDate");
        }
        return e;
    }
}
