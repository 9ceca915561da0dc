package org.safercities.strategy;

import java.time.LocalDate;
import java.util.Map;

/**
 * A city consultation on the priorities (G§26, G§31): when and where, the participants counted by sex and by age
 * band (both add up to the number of participants), and the points each priority received (votes or scores).
 */
public record Consultation(long id, long versionId, LocalDate heldOn, String place, int women, int men, int sexOther,
        int under15, int age15to24, int age25to59, int age60plus, Map<Long, Integer> points, int version) {

    public int participants() {
        return women + men + sexOther;
    }
}
