package org.safercities.partnerships;

import java.util.regex.Pattern;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** The contact person of an actor as typed in the form. */
public record ContactForm(String personName, String phone, String email) {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern PHONE = Pattern.compile("[0-9+()./\\- ]{3,60}");

    public static ContactForm of(Form f) {
        return new ContactForm(f.get("personName"), f.get("phone"), f.get("email"));
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (personName.isBlank() && phone.isBlank() && email.isBlank()) {
            e.add("personName", "partnerships.contact.empty");
        }
        if (personName.length() > 200) {
            e.add("personName", "partnerships.actor.tooLong", 200);
        }
        if (!phone.isBlank() && !PHONE.matcher(phone).matches()) {
            e.add("phone", "partnerships.contact.badPhone");
        }
        if (!email.isBlank() && (email.length() > 200 || !EMAIL.matcher(email).matches())) {
            e.add("email", "partnerships.contact.badEmail");
        }
        return e;
    }
}
