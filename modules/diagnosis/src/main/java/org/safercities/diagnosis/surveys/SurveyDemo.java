package org.safercities.diagnosis.surveys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.safercities.platform.DemoCity;
import org.safercities.platform.areas.Area;

/**
 * Synthetic survey for the demo city (clearly synthetic: respondent keys "demo:n", entered by "[Demo]"):
 * {@value #RESPONDENTS} respondents over the demo wards with weights 0.5–2, so the estimates and their intervals
 * are meaningful. Rates are invented but plausible: women feel less safe after dark and are more often harassed,
 * each ward has its own level of fear, about a third of victims report to the police.
 */
public final class SurveyDemo {

    public static final int RESPONDENTS = 2000;
    private final SurveyService surveys;

    public SurveyDemo(SurveyService surveys) {
        this.surveys = surveys;
    }

    public void load(DemoCity city) {
        if (city.wards().isEmpty() || surveys.hasData()) {
            return;
        }
        Random random = new Random(city.seed() ^ 0x5E7E7L);
        List<Respondent> out = new ArrayList<>();
        for (int i = 0; i < RESPONDENTS; i++) {
            int w = random.nextInt(city.wards().size());
            Area ward = city.wards().get(w);
            double fear = 0.15 + 0.45 * ((w * 7919L) % 13) / 12.0; // a fixed level per ward, 15–60% feel unsafe
            out.add(respondent(random, i, ward.id(), fear));
        }
        surveys.storeMany(out, "[Demo]");
    }

    Respondent respondent(Random r, int i, long ward, double fear) {
        String sex = r.nextDouble() < 0.52 ? "F" : (r.nextDouble() < 0.98 ? "M" : "O");
        boolean woman = sex.equals("F");
        String age = Questionnaire.AGE_BANDS.get(1 + r.nextInt(6));
        String disability = r.nextDouble() < 0.08 ? "Y" : "N";
        Map<String, Set<String>> a = new LinkedHashMap<>();
        double unsafe = Math.min(0.9, fear + (woman ? 0.15 : 0) + (disability.equals("Y") ? 0.1 : 0));
        String safe = r.nextDouble() < 0.04 ? "dont_know" : r.nextDouble() < 0.06 ? "never_alone"
                : r.nextDouble() < unsafe ? (r.nextBoolean() ? "a_bit_unsafe" : "very_unsafe")
                : (r.nextBoolean() ? "very_safe" : "fairly_safe");
        a.put(Questionnaire.SAFE_AFTER_DARK, Set.of(safe));
        boolean physical = r.nextDouble() < 0.06;
        boolean psychological = r.nextDouble() < (woman ? 0.14 : 0.09);
        boolean sexual = r.nextDouble() < (woman ? 0.05 : 0.01);
        a.put(Questionnaire.VIOLENCE_PHYSICAL, Set.of(yesNo(physical)));
        a.put(Questionnaire.VIOLENCE_PSYCHOLOGICAL, Set.of(yesNo(psychological)));
        a.put(Questionnaire.VIOLENCE_SEXUAL, Set.of(yesNo(sexual)));
        boolean harassed = r.nextDouble() < (woman ? 0.22 : 0.07);
        a.put(Questionnaire.HARASSMENT, Set.of(yesNo(harassed)));
        if (harassed) {
            Set<String> places = new LinkedHashSet<>();
            places.add(r.nextDouble() < 0.6 ? "street" : "public_transport");
            if (r.nextDouble() < 0.3) {
                places.add(Questionnaire.PLACES.get(r.nextInt(Questionnaire.PLACES.size())));
            }
            a.put(Questionnaire.HARASSMENT_PLACE, places);
        }
        if (woman) {
            a.put(Questionnaire.SEXUAL_VIOLENCE_NON_PARTNER, Set.of(yesNo(r.nextDouble() < 0.03)));
        }
        if (physical || psychological || sexual) {
            a.put(Questionnaire.REPORTED, Set.of(yesNo(r.nextDouble() < 0.33)));
        }
        double weight = 0.5 + 1.5 * r.nextDouble();
        return new Respondent(surveys.pseudonym("demo:" + i), ward, sex, age, disability, weight, a);
    }

    private static String yesNo(boolean yes) {
        return yes ? "yes" : "no";
    }
}
