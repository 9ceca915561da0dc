package org.safercities.exchange;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/** The review report as typed: texts and the five success indicators (numbers as typed, checked by validate). */
public record ReviewForm(String measures, String difficulties, String assistance, String practicesNote,
        String toolsShared, String toolsPiloted, String focalPoints, String funds, String partnersEngaged,
        String version) {

    static final int TEXT_MAX = 8000;

    public static ReviewForm of(Form f) {
        return new ReviewForm(f.get("measures"), f.get("difficulties"), f.get("assistance"), f.get("practicesNote"),
                f.get("toolsShared"), f.get("toolsPiloted"), f.get("focalPoints"), f.get("funds"),
                f.get("partnersEngaged"), f.get("version"));
    }

    /** A form showing a report (pre-filled or saved); funds in major units of the currency. */
    public static ReviewForm of(Review r) {
        return new ReviewForm(r.measures(), r.difficulties(), r.assistance(), r.practicesNote(),
                Integer.toString(r.toolsShared()), Integer.toString(r.toolsPiloted()),
                Integer.toString(r.focalPoints()), Long.toString(Math.round(r.fundsMinor() / 100.0)),
                Integer.toString(r.partnersEngaged()), Integer.toString(r.version()));
    }

    public FieldErrors validate() {
        FieldErrors e = new FieldErrors();
        text(e, "measures", measures);
        text(e, "difficulties", difficulties);
        text(e, "assistance", assistance);
        text(e, "practicesNote", practicesNote);
        count(e, "toolsShared", toolsShared);
        count(e, "toolsPiloted", toolsPiloted);
        count(e, "focalPoints", focalPoints);
        count(e, "funds", funds);
        count(e, "partnersEngaged", partnersEngaged);
        return e;
    }

    private static void text(FieldErrors e, String field, String value) {
        if (value.length() > TEXT_MAX) {
            e.add(field, "exchange.review.tooLong", TEXT_MAX);
        } else if (Contacts.looksPersonal(value)) {
            e.add(field, "exchange.personalData");
        }
    }

    private static void count(FieldErrors e, String field, String value) {
        long n = Form.wholeNumber(value);
        if (n < 0 || n > (field.equals("funds") ? 90_000_000_000_000L : 1_000_000)) {
            e.add(field, "exchange.review.notCount");
        }
    }

    long number(String value) {
        return Form.wholeNumber(value);
    }
}
