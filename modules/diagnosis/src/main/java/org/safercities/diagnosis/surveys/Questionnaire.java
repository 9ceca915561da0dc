package org.safercities.diagnosis.surveys;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The standard victimisation and perception questionnaire (UNODC/UN-Habitat manuals, SDG metadata) and the
 * indicators computed from it. The codes here are the contract with the SDG definitions: the office may change
 * the wording per language and add local questions, never these codes.
 */
public final class Questionnaire {

    static final List<String> YES_NO = List.of("yes", "no", "dont_know");
    static final List<String> SAFE = List.of("very_safe", "fairly_safe", "a_bit_unsafe", "very_unsafe", "never_alone",
            "dont_know");
    static final List<String> PLACES = List.of("street", "public_transport", "market", "park", "workplace", "school",
            "home", "online", "other");

    public static final String SAFE_AFTER_DARK = "safe_after_dark";
    public static final String VIOLENCE_PHYSICAL = "violence_physical";
    public static final String VIOLENCE_PSYCHOLOGICAL = "violence_psychological";
    public static final String VIOLENCE_SEXUAL = "violence_sexual";
    public static final String HARASSMENT = "harassment";
    public static final String HARASSMENT_PLACE = "harassment_place";
    public static final String SEXUAL_VIOLENCE_NON_PARTNER = "sexual_violence_non_partner";
    public static final String REPORTED = "reported";

    /** The built-in questions in the order of the form. */
    public static final List<Question> BUILT_IN = List.of(
            single(SAFE_AFTER_DARK, SAFE),
            single(VIOLENCE_PHYSICAL, YES_NO),
            single(VIOLENCE_PSYCHOLOGICAL, YES_NO),
            single(VIOLENCE_SEXUAL, YES_NO),
            single(HARASSMENT, YES_NO),
            new Question(HARASSMENT_PLACE, true, true, PLACES, List.of()),
            single(SEXUAL_VIOLENCE_NON_PARTNER, YES_NO),
            single(REPORTED, YES_NO));

    /** The SDG indicators in the order they are shown; "11.7.2:<place>" breakdowns follow 11.7.2. */
    public static final List<String> INDICATORS = indicatorCodes();

    public static final List<String> SEXES = List.of("F", "M", "O", "U");
    public static final List<String> AGE_BANDS = List.of("0-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65+",
            "unknown");
    public static final List<String> DISABILITY = List.of("Y", "N", "U");

    private Questionnaire() {
    }

    private static Question single(String code, List<String> choices) {
        return new Question(code, true, false, choices, List.of("dont_know"));
    }

    private static List<String> indicatorCodes() {
        List<String> out = new ArrayList<>(List.of("16.1.4", "16.1.3a", "16.1.3b", "16.1.3c", "11.7.2"));
        PLACES.forEach(p -> out.add("11.7.2:" + p));
        out.addAll(List.of("5.2.2", "16.3.1"));
        return List.copyOf(out);
    }

    public static boolean isBuiltIn(String code) {
        return BUILT_IN.stream().anyMatch(q -> q.code().equals(code));
    }

    /** The age band of an age in whole years. */
    public static String ageBand(int age) {
        if (age < 15) {
            return "0-14";
        }
        if (age >= 65) {
            return "65+";
        }
        int low = 15 + (age - 15) / 10 * 10;
        return low + "-" + (low + 9);
    }

    /** One respondent's contribution to one indicator: y is true when the respondent counts in the numerator. */
    public record Contribution(String indicator, boolean yes) {
    }

    /**
     * What a respondent adds to the indicators. Definitions (denominators leave out "don't know / refused"):
     * 16.1.4 feels very or fairly safe walking alone after dark, over everyone who answered (those who never walk
     * alone after dark stay in the denominator, as in the SDG metadata); 16.1.3a/b/c physical / psychological /
     * sexual violence in the last 12 months; 11.7.2 physical or sexual harassment in the last 12 months, and
     * "11.7.2:place" harassed in that place, over everyone who answered the harassment question; 5.2.2 sexual
     * violence by a non-partner, women only (sex F); 16.3.1 reported to the police or other authorities, over
     * victims of any violence of 16.1.3 who answered; local questions "L:code:choice", share choosing it.
     */
    public static List<Contribution> contributions(String sex, Map<String, Set<String>> answers, List<Question> local) {
        List<Contribution> out = new ArrayList<>();
        String safe = one(answers, SAFE_AFTER_DARK);
        if (safe != null) {
            out.add(new Contribution("16.1.4", safe.equals("very_safe") || safe.equals("fairly_safe")));
        }
        yesNo(out, "16.1.3a", one(answers, VIOLENCE_PHYSICAL));
        yesNo(out, "16.1.3b", one(answers, VIOLENCE_PSYCHOLOGICAL));
        yesNo(out, "16.1.3c", one(answers, VIOLENCE_SEXUAL));
        String harassed = one(answers, HARASSMENT);
        yesNo(out, "11.7.2", harassed);
        if (harassed != null) {
            Set<String> places = answers.getOrDefault(HARASSMENT_PLACE, Set.of());
            for (String p : PLACES) {
                out.add(new Contribution("11.7.2:" + p, harassed.equals("yes") && places.contains(p)));
            }
        }
        if ("F".equals(sex)) {
            yesNo(out, "5.2.2", one(answers, SEXUAL_VIOLENCE_NON_PARTNER));
        }
        boolean victim = "yes".equals(one(answers, VIOLENCE_PHYSICAL)) || "yes".equals(one(answers, VIOLENCE_PSYCHOLOGICAL))
                || "yes".equals(one(answers, VIOLENCE_SEXUAL));
        if (victim) {
            yesNo(out, "16.3.1", one(answers, REPORTED));
        }
        for (Question q : local) {
            Set<String> chosen = answers.getOrDefault(q.code(), Set.of());
            if (chosen.stream().allMatch(q::isMissing)) {
                continue;
            }
            for (String c : q.choices()) {
                if (!q.isMissing(c)) {
                    out.add(new Contribution("L:" + q.code() + ":" + c, chosen.contains(c)));
                }
            }
        }
        return out;
    }

    /** The answer to a single-choice question, null when not answered or "don't know / refused". */
    private static String one(Map<String, Set<String>> answers, String code) {
        Set<String> a = answers.get(code);
        if (a == null || a.isEmpty()) {
            return null;
        }
        String v = a.iterator().next();
        return v.equals("dont_know") ? null : v;
    }

    private static void yesNo(List<Contribution> out, String indicator, String answer) {
        if (answer != null) {
            out.add(new Contribution(indicator, answer.equals("yes")));
        }
    }
}
