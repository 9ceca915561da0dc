package org.safercities.diagnosis.factors;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * A factor as typed. {@code factor}: a built-in code, or empty for the city's own wording in {@code customName}
 * with its {@code kind}; a built-in code carries its own kind.
 */
public record FactorForm(String areaId, String factor, String kind, String customName, String strength,
        String description, String source, String date) {

    public static FactorForm of(Form f) {
        return new FactorForm(f.get("areaId"), f.get("factor"), f.get("kind"), f.get("customName"), f.get("strength"),
                f.get("description"), f.get("source"), f.get("date"));
    }

    public static FactorForm blank(String areaId) {
        return new FactorForm(areaId, "", "", "", "3", "", "", "");
    }

    public static FactorForm of(RiskFactor r) {
        return new FactorForm(Long.toString(r.areaId()), r.code() == null ? "" : r.code(), r.kind(),
                r.customName() == null ? "" : r.customName(), Integer.toString(r.strength()), r.description(),
                r.source(), r.evidenceOn() == null ? "" : r.evidenceOn().toString());
    }

    public FieldErrors validate(LocalDate today) {
        FieldErrors e = new FieldErrors();
        if (Form.wholeNumber(areaId) < 0) {
            e.add("areaId", "diagnosis.factor.badArea");
        }
        if (!factor.isEmpty() && !FactorCodes.FACTORS.containsKey(factor)) {
            e.add("factor", "diagnosis.factor.badFactor");
        }
        if (factor.isEmpty()) {
            if (customName.isBlank() || customName.length() > 200) {
                e.add("customName", "diagnosis.factor.badName");
            }
            if (!FactorCodes.KINDS.contains(kind)) {
                e.add("kind", "diagnosis.factor.badKind");
            }
        }
        if (strengthValue() == 0) {
            e.add("strength", "diagnosis.factor.badStrength");
        }
        if (description.length() > 4000) {
            e.add("description", "diagnosis.factor.tooLong", 4000);
        }
        if (source.length() > 300) {
            e.add("source", "diagnosis.factor.tooLong", 300);
        }
        if (!date.isEmpty() && (evidenceDate() == null || evidenceDate().isAfter(today))) {
            e.add("date", "diagnosis.factor.badDate");
        }
        return e;
    }

    /** The kind stored: the built-in factor's own, else the one chosen. */
    String effectiveKind() {
        return factor.isEmpty() ? kind : FactorCodes.FACTORS.get(factor);
    }

    /** 1-5, or 0 when not a strength. */
    int strengthValue() {
        long n = Form.wholeNumber(strength);
        return n >= 1 && n <= 5 ? (int) n : 0;
    }

    LocalDate evidenceDate() {
        try {
            return date.isEmpty() ? null : LocalDate.parse(date);
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
