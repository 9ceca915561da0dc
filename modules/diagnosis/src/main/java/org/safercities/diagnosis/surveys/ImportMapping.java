package org.safercities.diagnosis.surveys;

import java.util.Map;

/**
 * Which column of an export feeds what: the respondent fields (key, area, sex, age, disability, weight, consent;
 * "" = not in the file) and the questions (code → column; for a multiple-choice question either one column of
 * space-separated codes, as ODK writes it, or the prefix of split columns such as {@code HHITEMS} for
 * {@code HHITEMS/Computer}). {@code consentAll}: the form recorded consent before its first question, so every
 * row of the export consented (used when there is no consent column).
 */
public record ImportMapping(String key, String area, String sex, String age, String disability, String weight,
        String consent, boolean consentAll, Map<String, String> questions) {
}
