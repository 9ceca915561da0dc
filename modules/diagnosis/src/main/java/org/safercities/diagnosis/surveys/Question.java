package org.safercities.diagnosis.surveys;

import java.util.List;

/**
 * A question of the survey: a stable code (never changes, so the SDG indicators keep their meaning whatever the
 * wording), single or multiple choice, its choice codes, and the codes that mean "don't know / refused" (left
 * out of every estimate's denominator). Built-in questions come from {@link Questionnaire}; local ones from the
 * office.
 */
public record Question(String code, boolean builtin, boolean multiple, List<String> choices, List<String> missingCodes) {

    public boolean isMissing(String choice) {
        return missingCodes.contains(choice);
    }
}
