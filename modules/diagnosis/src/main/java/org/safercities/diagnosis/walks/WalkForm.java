package org.safercities.diagnosis.walks;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * A walk as typed: every field kept as text so that a refused form comes back exactly as it was sent.
 * {@code scores}: parameter → text; {@code participants}: form cell ({@link WalkCodes#cell}) → text.
 * {@link #validate(LocalDate)} checks what needs no store.
 */
public record WalkForm(String date, String time, String areaId, String place, String lon, String lat,
        Map<String, String> scores, Map<String, String> participants, String findings, String fixes, String actionBy,
        String actorId) {

    static final int MAX_TEXT = 4000;
    static final int MAX_PARTICIPANTS = 10_000;
    private static final Pattern TIME = Pattern.compile("([01]?\\d|2[0-3]):([0-5]\\d)");

    public static WalkForm of(Form f) {
        Map<String, String> scores = new LinkedHashMap<>();
        WalkCodes.PARAMETERS.forEach(p -> scores.put(p, f.get(p)));
        Map<String, String> people = new LinkedHashMap<>();
        for (String sex : WalkCodes.SEXES) {
            for (String band : WalkCodes.AGE_BANDS) {
                people.put(WalkCodes.cell(sex, band), f.get(WalkCodes.cell(sex, band)));
            }
        }
        return new WalkForm(f.get("date"), f.get("time"), f.get("areaId"), f.get("place"), f.get("lon"), f.get("lat"),
                scores, people, f.get("findings"), f.get("fixes"), f.get("actionBy"), f.get("actorId"));
    }

    public static WalkForm blank(LocalDate today) {
        Map<String, String> scores = new LinkedHashMap<>();
        WalkCodes.PARAMETERS.forEach(p -> scores.put(p, ""));
        Map<String, String> people = new LinkedHashMap<>();
        WalkCodes.SEXES.forEach(s -> WalkCodes.AGE_BANDS.forEach(b -> people.put(WalkCodes.cell(s, b), "")));
        return new WalkForm(today.toString(), "19:00", "", "", "", "", scores, people, "", "", "", "");
    }

    public static WalkForm of(Walk w) {
        Map<String, String> scores = new LinkedHashMap<>();
        w.scores().forEach((p, n) -> scores.put(p, Integer.toString(n)));
        Map<String, String> people = new LinkedHashMap<>();
        WalkCodes.SEXES.forEach(s -> WalkCodes.AGE_BANDS.forEach(b -> {
            int n = w.participants(s, b);
            people.put(WalkCodes.cell(s, b), n == 0 ? "" : Integer.toString(n));
        }));
        return new WalkForm(w.date().toString(), w.time(), Long.toString(w.areaId()), w.place(),
                w.lon() == null ? "" : w.lon().toString(), w.lat() == null ? "" : w.lat().toString(), scores, people,
                w.findings(), w.fixes(), w.actionBy(), w.actorId() == null ? "" : w.actorId().toString());
    }

    /** The form's own checks; {@code today} bounds the date (a walk that has taken place). */
    public FieldErrors validate(LocalDate today) {
        FieldErrors e = new FieldErrors();
        LocalDate d = parsedDate();
        if (d == null || d.isAfter(today) || d.getYear() < 1990) {
            e.add("date", "diagnosis.walk.badDate");
        }
        if (startMinute() < 0) {
            e.add("time", "diagnosis.walk.badTime");
        }
        if (Form.wholeNumber(areaId) < 0) {
            e.add("areaId", "diagnosis.walk.badArea");
        }
        if (place == null || place.isBlank() || place.length() > 300) {
            e.add("place", "diagnosis.walk.badPlace");
        }
        checkPoint(e);
        for (String p : WalkCodes.PARAMETERS) {
            if (score(p) < 0) {
                e.add(p, "diagnosis.walk.badScore");
            }
        }
        checkParticipants(e);
        for (String[] field : new String[][] {{"findings", findings}, {"fixes", fixes}}) {
            if (field[1] != null && field[1].length() > MAX_TEXT) {
                e.add(field[0], "diagnosis.walk.tooLong", MAX_TEXT);
            }
        }
        if (actionBy != null && actionBy.length() > 500) {
            e.add("actionBy", "diagnosis.walk.tooLong", 500);
        }
        return e;
    }

    private void checkPoint(FieldErrors e) {
        boolean noLon = lon == null || lon.isBlank();
        boolean noLat = lat == null || lat.isBlank();
        if (noLon && noLat) {
            return;
        }
        if (noLon || noLat) {
            e.add(noLon ? "lon" : "lat", "diagnosis.walk.bothCoordinates");
            return;
        }
        Double x = coordinate(lon);
        Double y = coordinate(lat);
        if (x == null || x < -180 || x > 180) {
            e.add("lon", "diagnosis.walk.badLongitude");
        }
        if (y == null || y < -90 || y > 90) {
            e.add("lat", "diagnosis.walk.badLatitude");
        }
    }

    private void checkParticipants(FieldErrors e) {
        long total = 0;
        for (Map.Entry<String, String> c : participants.entrySet()) {
            long n = count(c.getValue());
            if (n < 0) {
                e.add("participants", "diagnosis.walk.badCount", MAX_PARTICIPANTS);
                return;
            }
            total += n;
        }
        if (total == 0) {
            e.add("participants", "diagnosis.walk.noParticipants");
        }
    }

    LocalDate parsedDate() {
        try {
            return date == null ? null : LocalDate.parse(date.strip());
        } catch (DateTimeParseException ex) {
            return null;
        }
    }

    /** Minutes after midnight, or -1 when the time is not HH:MM. */
    int startMinute() {
        Matcher m = TIME.matcher(time == null ? "" : time.strip());
        return m.matches() ? Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2)) : -1;
    }

    /** 0-3, or -1 when missing or not a score. */
    int score(String parameter) {
        String s = scores.get(parameter);
        long n = Form.wholeNumber(s);
        return n >= 0 && n <= WalkCodes.MAX_SCORE ? (int) n : -1;
    }

    /** A participant count: blank is 0; -1 when not a whole number in 0..MAX_PARTICIPANTS. */
    static long count(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        long n = Form.wholeNumber(s);
        return n > MAX_PARTICIPANTS ? -1 : n;
    }

    /** Participants as stored: "sex|band" → non-zero count. */
    Map<String, Integer> participantCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String sex : WalkCodes.SEXES) {
            for (String band : WalkCodes.AGE_BANDS) {
                long n = count(participants.get(WalkCodes.cell(sex, band)));
                if (n > 0) {
                    out.put(sex + "|" + band, (int) n);
                }
            }
        }
        return out;
    }

    /** A decimal degree, with a point or a comma as decimal separator; null when not a finite number. */
    static Double coordinate(String s) {
        if (s == null || s.isBlank() || s.length() > 40) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.strip().replace(',', '.'));
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException ex) {
            return null;
        }
    }

    Double lonValue() {
        return coordinate(lon);
    }

    Double latValue() {
        return coordinate(lat);
    }
}
