package org.safercities.diagnosis.surveys;

import java.util.Map;
import java.util.Set;

/**
 * One respondent as stored: the HMAC of the respondent key (never the key), area (null = unknown), sex, age band,
 * disability, survey weight, and answers by question code (a set: multiple choice gives several).
 */
public record Respondent(String keyHmac, Long areaId, String sex, String ageBand, String disability, double weight,
        Map<String, Set<String>> answers) {
}
