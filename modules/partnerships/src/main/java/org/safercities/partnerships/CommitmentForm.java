package org.safercities.partnerships;

import java.time.LocalDate;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** A commitment as typed in the form on the actor page or its edit page; the start date may be left empty. */
public record CommitmentForm(String kind, String description, String startDate, String endDate, boolean fulfilled) {

    public static CommitmentForm of(Form f) {
        return new CommitmentForm(f.get("kind"), f.get("description"), f.get("startDate"), f.get("endDate"),
                f.has("fulfilled"));
    }

    public static CommitmentForm blank() {
        return new CommitmentForm(Codes.COMMITMENT_KINDS.get(0), "", "", "", false);
    }

    /** The form of a stored commitment (for its edit page). */
    public static CommitmentForm of(Commitment m) {
        return new CommitmentForm(m.kind(), m.description(), m.startDate() == null ? "" : m.startDate().toString(),
                m.endDate().toString(), m.fulfilled());
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (!Codes.COMMITMENT_KINDS.contains(kind)) {
            e.add("kind", "partnerships.commitment.badKind");
        }
        if (description == null || description.isBlank() || description.length() > 1000) {
            e.add("description", "partnerships.commitment.badDescription");
        }
        LocalDate start = start();
        LocalDate end = RelationshipForm.date(endDate);
        if (end == null) {
            e.add("endDate", "partnerships.rel.badDate");
        }
        if (startDate != null && !startDate.isBlank() && start == null) {
            e.add("startDate", "partnerships.rel.badDate");
        } else if (start != null && end != null && start.isAfter(end)) {
            e.add("startDate", "partnerships.commitment.startAfterEnd");
        }
        return e;
    }

    /** The start date, or null when left empty (or unreadable: {@link #validate()} says so). */
    LocalDate start() {
        return RelationshipForm.date(startDate);
    }

    LocalDate end() {
        return RelationshipForm.date(endDate);
    }
}
