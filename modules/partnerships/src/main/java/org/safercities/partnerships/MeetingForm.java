package org.safercities.partnerships;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** A meeting as typed on the technical group and coordination centre page. */
public record MeetingForm(String heldOn, String attendees, String decisions) {

    public static MeetingForm of(Form f) {
        return new MeetingForm(f.get("heldOn"), f.get("attendees"), f.get("decisions"));
    }

    public static MeetingForm blank() {
        return new MeetingForm("", "", "");
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        if (RelationshipForm.date(heldOn) == null) {
            e.add("heldOn", "partnerships.rel.badDate");
        }
        long n = Form.wholeNumber(attendees);
        if (n < 0 || n > 10_000) {
            e.add("attendees", "partnerships.meeting.badAttendees");
        }
        if (decisions != null && decisions.length() > 2000) {
            e.add("decisions", "partnerships.actor.tooLong", 2000);
        }
        return e;
    }
}
