package org.safercities.diagnosis.walks;

import java.time.LocalDate;
import java.util.Map;

/**
 * One safety walk as stored. {@code startMinute}: minutes after local midnight. {@code lon}/{@code lat}: both null
 * when no point was given. {@code scores}: parameter code → 0-3, in {@link WalkCodes#PARAMETERS} order.
 * {@code participants}: "sex|band" → count, non-zero cells only. {@code actorId}/{@code actorName}: the partner
 * chosen to act (null when none; the name as it was when chosen).
 */
public record Walk(long id, LocalDate date, int startMinute, long areaId, String place, Double lon, Double lat,
        Map<String, Integer> scores, Map<String, Integer> participants, String findings, String fixes,
        String actionBy, Long actorId, String actorName, int version) {

    public boolean hasPoint() {
        return lon != null && lat != null;
    }

    /** The mean of the nine scores (0-3). */
    public double meanScore() {
        return scores.values().stream().mapToInt(Integer::intValue).average().orElse(0);
    }

    public int participantsTotal() {
        return participants.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int participants(String sex) {
        return participants.entrySet().stream().filter(e -> e.getKey().startsWith(sex + "|"))
                .mapToInt(Map.Entry::getValue).sum();
    }

    public int participants(String sex, String band) {
        return participants.getOrDefault(sex + "|" + band, 0);
    }

    public String time() {
        return String.format(java.util.Locale.ROOT, "%02d:%02d", startMinute / 60, startMinute % 60);
    }
}
