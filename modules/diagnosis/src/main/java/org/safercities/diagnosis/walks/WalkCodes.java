package org.safercities.diagnosis.walks;

import java.util.List;

/**
 * The stable codes of a safety walk. The nine parameters are those of the women's safety audit (Women in Cities
 * International, UN-Habitat; as in the Safetipin app), each scored 0-3 where 3 is the safest; their labels and the
 * meaning of each score are the messages {@code diagnosis.walk.param.<code>} and
 * {@code diagnosis.walk.score.<code>.<0-3>}.
 */
public final class WalkCodes {

    /** In the order of the audit form; also the column names of {@code diagnosis_walk}. */
    public static final List<String> PARAMETERS = List.of("lighting", "openness", "visibility", "people", "security",
            "walk_path", "transport", "gender_diversity", "feeling");
    /** Participants' sex: women, men, other. */
    public static final List<String> SEXES = List.of("F", "M", "O");
    /** Participants' age bands: coarse on purpose (a walk has a dozen people, not a census). */
    public static final List<String> AGE_BANDS = List.of("u18", "18-29", "30-59", "60+");
    public static final int MAX_SCORE = 3;

    private WalkCodes() {
    }

    /** The form field of one participant cell, e.g. {@code p_F_18-29}. */
    static String cell(String sex, String band) {
        return "p_" + sex + "_" + band;
    }
}
