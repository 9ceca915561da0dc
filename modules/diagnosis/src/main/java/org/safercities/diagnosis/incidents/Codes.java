package org.safercities.diagnosis.incidents;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kit's codes for incidents: UNODC's International Classification of Crime for Statistical Purposes (ICCS
 * 1.0, 2015) at levels 1 and 2, victim sex, age bands (the population's five-year bands) and place types. Labels
 * are message keys ({@code diagnosis.iccs.0101}, {@code diagnosis.place.street} …). Also the first guess of a
 * code for a source's own words, which the user then corrects in the value mapping.
 */
public final class Codes {

    /** ICCS sections (level 1) and the level-2 divisions the kit offers; a level-1 code is allowed on its own. */
    public static final List<String> ICCS = List.of(
            "01", "0101", "0102", "0103", "0104",
            "02", "0201", "0202", "0203", "0204", "0205", "0206", "0207", "0208",
            "03", "0301", "0302",
            "04", "0401", "0402",
            "05", "0501", "0502", "0503", "0504",
            "06", "0601",
            "07", "0701", "0702", "0703",
            "08", "0801", "0802", "0806",
            "09", "0901", "0902", "0903", "0907",
            "10", "11", "unknown");

    public static final List<String> SEXES = List.of("F", "M", "O", "U");

    public static final List<String> PLACES = List.of("street", "transport", "market", "commercial", "entertainment",
            "home", "school", "workplace", "public_space", "health", "other", "unknown");

    public static final List<String> AGE_BANDS = List.of("00-04", "05-09", "10-14", "15-19", "20-24", "25-29",
            "30-34", "35-39", "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84",
            "85-89", "90-94", "95-99", "100+", "unknown");

    /** The source kinds of the Guidelines' data sources (G§29a). */
    public static final List<String> SOURCE_KINDS = List.of("police", "hospital", "other");

    private Codes() {
    }

    /** The message key of a place type ("other" gets its own word: a key ending in .other reads as a plural form). */
    public static String placeKey(String place) {
        return "diagnosis.place." + (place.equals("other") ? "otherPlace" : place);
    }

    public static String kindKey(String kind) {
        return "diagnosis.source.kind." + (kind.equals("other") ? "otherRecords" : kind);
    }

    public static boolean isIccs(String code) {
        return ICCS.contains(code);
    }

    /** The level-1 section of a code: "0101" → "01"; "unknown" stays. */
    public static String section(String iccs) {
        return iccs.length() == 4 ? iccs.substring(0, 2) : iccs;
    }

    /** The five-year band of an age in years; "unknown" for negative ages (sources write -1 for unknown). */
    public static String ageBand(int age) {
        return age < 0 || age > 130 ? "unknown" : age >= 100 ? "100+" : AGE_BANDS.get(age / 5);
    }

    // Words seen in police and hospital files in the six languages and Portuguese, to the first guess. Order
    // matters: the first keyword found wins, so specific words come before general ones ("attempted homicide"
    // before "homicide", "robbery" before "theft").
    private static final Map<String, String> CATEGORY_WORDS = words(
            "attempt", "0102", "tentativa", "0102", "tentative", "0102",
            "homicid", "0101", "murder", "0101", "asesinato", "0101", "meurtre", "0101", "femicid", "0101",
            "feminicid", "0101", "killing", "0101", "убийств", "0101", "凶杀", "0101", "杀人", "0101", "قتل", "0101",
            "manslaughter", "0103", "culposo", "0103",
            "rape", "0301", "violacion", "0301", "viol ", "0301", "estupro", "0301", "sexual", "0301",
            "изнасилован", "0301", "强奸", "0301", "اغتصاب", "0301",
            "kidnap", "0202", "secuestro", "0202", "sequestro", "0202", "enlevement", "0202",
            "trafficking", "0204", "trata", "0204",
            "harass", "0208", "stalking", "0208", "acoso", "0208", "assedio", "0208", "harcelement", "0208",
            "robbery", "0401", "robo", "0401", "roubo", "0401", "vol avec violence", "0401", "грабеж", "0401",
            "разбой", "0401", "抢劫", "0401", "سطو", "0401",
            "extortion", "0402", "extorsion", "0402", "extorsao", "0402",
            "burglary", "0501", "cambriolage", "0501", "allanamiento", "0501",
            "shoplifting", "0502", "theft", "0502", "hurto", "0502", "furto", "0502", "vol", "0502", "кража", "0502",
            "盗窃", "0502", "سرقة", "0502",
            "damage", "0504", "arson", "0504", "vandal", "0504", "danos", "0504", "degradation", "0504",
            "drug", "0601", "droga", "0601", "stupefiant", "0601", "наркот", "0601", "毒品", "0601", "مخدرات", "0601",
            "fraud", "0701", "estafa", "0701", "escroquerie", "0701", "мошеннич", "0701", "诈骗", "0701",
            "corruption", "0703", "corrupcion", "0703", "soborno", "0703",
            "anti-social", "0801", "antisocial", "0801", "public order", "0801", "disorder", "0801",
            "weapon", "0901", "firearm", "0901", "arma", "0901", "armes", "0901", "оружи", "0901",
            "traffic", "0907", "transito", "0907", "drunk driving", "0907",
            "assault", "0201", "lesion", "0201", "agresion", "0201", "coups", "0201", "violence", "02",
            "violencia", "02", "violenc", "02", "насили", "02", "暴力", "02", "عنف", "02",
            "other", "11", "otro", "11", "autre", "11");

    private static final Map<String, String> SEX_WORDS = words(
            "f", "F", "female", "F", "woman", "F", "women", "F", "girl", "F", "mujer", "F", "femenino", "F",
            "feminino", "F", "femme", "F", "feminin", "F", "женщин", "F", "жен", "F", "女", "F", "أنثى", "F", "انثى", "F",
            "m", "M", "male", "M", "man", "M", "men", "M", "boy", "M", "hombre", "M", "masculino", "M", "homme", "M",
            "masculin", "M", "мужчин", "M", "муж", "M", "男", "M", "ذكر", "M",
            "other", "O", "otro", "O", "autre", "O", "outro", "O", "другое", "O", "其他", "O", "آخر", "O",
            "x", "O", "non-binary", "O", "nonbinary", "O");

    private static final Map<String, String> PLACE_WORDS = words(
            "street", "street", "road", "street", "via publica", "street", "calle", "street", "rue", "street",
            "voie publique", "street", "улиц", "street", "街", "street", "شارع", "street",
            "station", "transport", "bus", "transport", "train", "transport", "metro", "transport",
            "transporte", "transport", "taxi", "transport", "транспорт", "transport",
            "market", "market", "mercado", "market", "marche", "market", "feira", "market",
            "shop", "commercial", "store", "commercial", "supermarket", "commercial", "comercio", "commercial",
            "commerce", "commercial", "bank", "commercial", "banco", "commercial",
            "bar", "entertainment", "restaurant", "entertainment", "nightclub", "entertainment", "lazer", "entertainment",
            "home", "home", "house", "home", "dwelling", "home", "residencia", "home", "vivienda", "home",
            "domicil", "home", "casa", "home", "жилищ", "home", "住宅", "home", "منزل", "home",
            "school", "school", "escola", "school", "escuela", "school", "ecole", "school", "colegio", "school",
            "university", "school", "universidad", "school", "学校", "school", "مدرسة", "school",
            "work", "workplace", "office", "workplace", "trabalho", "workplace", "trabajo", "workplace",
            "park", "public_space", "parque", "public_space", "square", "public_space", "plaza", "public_space",
            "area nao ocupada", "public_space", "wasteland", "public_space",
            "hospital", "health", "saude", "health", "salud", "health", "clinic", "health", "sante", "health",
            "other", "other", "outros", "other", "otro", "other", "autre", "other");

    private static Map<String, String> words(String... pairs) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /** The first guess of an ICCS code for a source's category word, "unknown" when nothing fits. */
    public static String guessCategory(String local) {
        return guess(CATEGORY_WORDS, local, false, "unknown");
    }

    /** The first guess of a sex code; blank and unrecognised values (Indefinido, NA …) are unknown. */
    public static String guessSex(String local) {
        return guess(SEX_WORDS, local, true, "U");
    }

    public static String guessPlace(String local) {
        return guess(PLACE_WORDS, local, false, "unknown");
    }

    private static String guess(Map<String, String> words, String local, boolean wholeShortWords, String fallback) {
        String key = plain(local);
        if (key.isEmpty()) {
            return fallback;
        }
        for (Map.Entry<String, String> e : words.entrySet()) {
            String w = e.getKey();
            boolean hit = w.length() <= 3 && wholeShortWords ? key.equals(w) : key.contains(w);
            if (hit) {
                return e.getValue();
            }
        }
        return fallback;
    }

    /** Lower case without accents, so that "Vía Pública" finds "via publica". */
    static String plain(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s.trim().toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return n.replaceAll("\\p{M}+", "");
    }
}
