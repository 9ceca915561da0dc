package org.safercities.diagnosis.factors;

import java.time.LocalDate;

/**
 * A risk or protective factor of an area (the root area: the whole city). {@code code} is one of
 * {@link FactorCodes#FACTORS}, or null with {@code customName} for the city's own wording. {@code strength}: 1
 * (weak) to 5 (strong). Evidence: {@code source} and {@code evidenceOn} (null when unknown).
 */
public record RiskFactor(long id, long areaId, String kind, String code, String customName, int strength,
        String description, String source, LocalDate evidenceOn, int version) {

    public boolean risk() {
        return FactorCodes.RISK.equals(kind);
    }

    /** A key that groups the same factor across areas: the code, or the custom name in lower case. */
    public String groupKey() {
        return code != null ? code : "custom:" + customName.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
