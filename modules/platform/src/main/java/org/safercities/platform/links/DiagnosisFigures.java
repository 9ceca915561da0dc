package org.safercities.platform.links;

import java.util.List;

/**
 * Published by diagnosis: its figures as raw aggregates, for monitoring (computed indicator values) and the
 * periodic export. Counts are not suppressed here: every caller that shows or exports them outside the office
 * applies disclosure control itself (the threshold is {@code KitConfig.disclosureThreshold()}). Never a single
 * incident, respondent or free text.
 */
public interface DiagnosisFigures {

    /**
     * Incidents of one cell: the area they are placed in ({@code null} when unknown), the ICCS code (level 1 or 2,
     * e.g. "0101"), the victim's sex (F, M, O, U) and age band (the platform's bands, or "unknown"), counted over
     * one calendar year.
     */
    record IncidentCell(Long areaId, String iccs, String sex, String ageBand, long count) {
    }

    /** The calendar years that hold at least one incident, oldest first. */
    List<Integer> incidentYears();

    /** The non-zero incident cells of one calendar year. */
    List<IncidentCell> incidents(int year);

    /**
     * A weighted survey estimate of one SDG survey indicator ("16.1.4", "16.1.3", "16.3.1", "11.7.2:<place>",
     * …): the share 0–1 with its 95% interval, the respondents counted and the Kish effective size. {@code areaId}
     * is null for the whole city; {@code sex} is "" for everybody, else F, M, O or U.
     */
    record SurveyEstimate(String indicator, Long areaId, String sex, double share, double low, double high,
            long respondents, double effectiveSize) {
    }

    /** Every indicator's estimates: city-wide, by sex, and by area; indicators nobody answered are left out. */
    List<SurveyEstimate> surveyEstimates();

    /**
     * A number that changes whenever any figure above changes (an import, an undo, a corrected incident, a survey
     * entry), so that a caller may keep what it computed from them until then. {@code -1} (the default) means the
     * publisher does not say: the caller must not cache.
     */
    default long figuresVersion() {
        return -1;
    }
}
