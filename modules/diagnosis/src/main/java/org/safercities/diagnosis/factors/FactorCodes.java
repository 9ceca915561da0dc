package org.safercities.diagnosis.factors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in risk and protective factors (Guidelines' glossary: a risk factor raises the likelihood that
 * someone commits or suffers crime and violence; a protective factor helps people cope and lowers that risk).
 * Labels are the messages {@code diagnosis.factor.code.<code>}; a city adds its own in free text.
 */
public final class FactorCodes {

    public static final String RISK = "risk";
    public static final String PROTECTIVE = "protective";
    public static final List<String> KINDS = List.of(RISK, PROTECTIVE);

    /** Code → kind, in the order the form lists them. */
    public static final Map<String, String> FACTORS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        for (String c : List.of("youth_unemployment", "school_dropout", "alcohol_drugs", "firearms", "poor_lighting_design",
                "overcrowding", "lack_of_services", "violence_norms", "weak_cohesion", "inequality")) {
            m.put(c, RISK);
        }
        for (String c : List.of("community_cohesion", "youth_programmes", "services_access", "safe_public_spaces",
                "family_support", "school_engagement", "community_policing")) {
            m.put(c, PROTECTIVE);
        }
        FACTORS = java.util.Collections.unmodifiableMap(m);
    }

    private FactorCodes() {
    }
}
