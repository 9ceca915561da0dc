package org.safercities.partnerships;

import java.util.List;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** A memorandum as typed: parties are actor ids (check boxes); {@link #validate()} checks what needs no store. */
public record MemorandumForm(String title, String signedOn, String expiresOn, String documentRef, List<String> parties) {

    public static MemorandumForm of(Form f) {
        return new MemorandumForm(f.get("title"), f.get("signedOn"), f.get("expiresOn"), f.get("documentRef"),
                f.all("parties"));
    }

    public static MemorandumForm blank() {
        return new MemorandumForm("", "", "", "", List.of());
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (title == null || title.isBlank() || title.strip().length() > 200) {
            e.add("title", "partnerships.memo.badTitle");
        }
        if (RelationshipForm.date(signedOn) == null) {
            e.add("signedOn", "partnerships.rel.badDate");
        }
        if (expiresOn != null && !expiresOn.isBlank()) {
            if (RelationshipForm.date(expiresOn) == null) {
                e.add("expiresOn", "partnerships.rel.badDate");
            } else if (RelationshipForm.date(signedOn) != null
                    && RelationshipForm.date(expiresOn).isBefore(RelationshipForm.date(signedOn))) {
                e.add("expiresOn", "partnerships.memo.expiresBeforeSigned");
            }
        }
        if (documentRef != null && documentRef.length() > 300) {
            e.add("documentRef", "partnerships.actor.tooLong", 300);
        }
        if (partyIds().size() < 2) {
            e.add("parties", "partnerships.memo.twoParties");
        }
        return e;
    }

    List<Long> partyIds() {
        return parties == null ? List.of() : parties.stream().map(Form::wholeNumber).filter(x -> x >= 0).distinct().toList();
    }
}
