package org.safercities.diagnosis.surveys;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.safercities.diagnosis.sheets.XlsForm;

/**
 * Local questions made from an XLSForm's select_one / select_multiple rows: the row's name becomes the code (so
 * the export's column, with or without its group prefix, is recognised), the list's values the choices, the
 * labels the wording in each of the form's languages that the kit speaks. Choices that say "don't know /
 * refused" (value NA, or such a label, e.g. Rio's "8 = Não me sinto confortável em responder") become the
 * question's missing codes; the office can change them afterwards.
 */
final class FormQuestions {

    private static final Map<String, String> LANGUAGES = Map.of("english", "en", "french", "fr", "francais", "fr",
            "français", "fr", "spanish", "es", "espanol", "es", "español", "es", "russian", "ru", "arabic", "ar",
            "chinese", "zh");
    private static final List<String> MISSING_WORDS = List.of("don't know", "dont know", "do not know", "refuse",
            "prefer not", "no answer", "não me sinto confortável em responder", "não sei", "no sabe", "ne sait pas",
            "не знаю", "不知道", "لا أعرف");

    /** A candidate: the XLSForm row and the question it would become. */
    record Candidate(XlsForm.Question row, Question question, Map<String, String> wording,
            Map<String, Map<String, String>> choiceWording) {
    }

    private FormQuestions() {
    }

    static List<Candidate> candidates(XlsForm form, String userLang) {
        List<Candidate> out = new ArrayList<>();
        for (XlsForm.Question row : form.questions()) {
            boolean multiple = row.type().equals("select_multiple");
            if (!multiple && !row.type().equals("select_one")) {
                continue;
            }
            List<XlsForm.Choice> list = form.choices().getOrDefault(row.listName(), List.of());
            List<String> values = list.stream().map(XlsForm.Choice::value).filter(v -> v.matches("[A-Za-z0-9_.-]{1,60}"))
                    .distinct().toList();
            if (values.size() < 2 || !row.name().matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
                continue;
            }
            List<String> missing = list.stream().filter(FormQuestions::meansMissing).map(XlsForm.Choice::value)
                    .filter(values::contains).toList();
            Map<String, Map<String, String>> choiceWording = new LinkedHashMap<>();
            list.forEach(c -> choiceWording.put(c.value(), byKitLanguage(c.labels(), userLang)));
            out.add(new Candidate(row, new Question(row.name(), false, multiple, values, missing),
                    byKitLanguage(row.labels(), userLang), choiceWording));
        }
        return out;
    }

    static boolean meansMissing(XlsForm.Choice c) {
        if (c.value().equalsIgnoreCase("NA")) {
            return true;
        }
        return c.labels().values().stream().map(l -> l.toLowerCase(Locale.ROOT))
                .anyMatch(l -> MISSING_WORDS.stream().anyMatch(l::contains));
    }

    /** Labels keyed by the kit's language codes; a label column without a language is taken as the user's. */
    static Map<String, String> byKitLanguage(Map<String, String> labels, String userLang) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((lang, text) -> {
            String code = kitLanguage(lang, userLang);
            if (code != null && text != null && !text.isBlank()) {
                out.putIfAbsent(code, text.strip().length() > 1000 ? text.strip().substring(0, 1000) : text.strip());
            }
        });
        return out;
    }

    static String kitLanguage(String formLanguage, String userLang) {
        String l = formLanguage.strip().toLowerCase(Locale.ROOT);
        if (l.isEmpty()) {
            return userLang;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\w\\w)\\)").matcher(l);
        if (m.find() && List.of("ar", "zh", "en", "fr", "ru", "es").contains(m.group(1))) {
            return m.group(1);
        }
        if (List.of("ar", "zh", "en", "fr", "ru", "es").contains(l)) {
            return l;
        }
        return LANGUAGES.get(l.split("[\\s(]")[0]);
    }
}
