package org.safercities.diagnosis.surveys;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

import org.safercities.diagnosis.sheets.CellValues;

/**
 * Turns one row of a KoboToolbox / ODK export into a {@link Respondent} (key already pseudonymised) or the
 * reasons it is refused. Values are matched to choice codes by code or by any label (the office's wording or
 * the XLSForm's); the question's missing codes ({@code NA}, {@code 8} …) count as no answer.
 */
final class RowReader {

    private static final Set<String> YES = Set.of("yes", "y", "1", "true", "agree", "agreed", "consent", "si", "sí",
            "oui", "да", "是", "نعم");
    private static final Set<String> NO = Set.of("no", "n", "0", "false", "non", "нет", "否", "لا");
    private static final Set<String> UNKNOWN = Set.of("", "na", "n/a", "unknown", "dont_know", "don't know", "refused",
            "-99", "99", "8");

    private final Map<String, Integer> index = new HashMap<>();
    private final ImportMapping mapping;
    private final List<Question> questions;
    private final Map<String, Map<String, String>> choiceByText;
    private final Function<String, OptionalLong> area;
    private final Function<String, String> pseudonym;
    private final List<String> header;

    /** @param labels question code → (normalised label or code → choice code) */
    RowReader(List<String> header, ImportMapping mapping, List<Question> questions,
            Map<String, Map<String, String>> labels, Function<String, OptionalLong> area, Function<String, String> pseudonym) {
        this.header = header;
        for (int i = 0; i < header.size(); i++) {
            index.putIfAbsent(header.get(i), i);
        }
        this.mapping = mapping;
        this.questions = questions;
        this.choiceByText = labels;
        this.area = area;
        this.pseudonym = pseudonym;
    }

    /** The result of one row: a respondent, or errors; areaUnknown when an area was written but not found. */
    record Result(Respondent respondent, List<ImportError> errors, boolean areaUnknown) {
    }

    Result read(long row, String[] cells) {
        List<ImportError> errors = new ArrayList<>();
        for (String column : mappedColumns()) {
            String v = cell(cells, column);
            if (isFormula(v)) {
                errors.add(new ImportError(row, column, v, "diagnosis.survey.error.formula", List.of()));
            }
        }
        if (!errors.isEmpty()) {
            return new Result(null, errors, false);
        }
        if (!consented(cells)) {
            // no consent: nothing of this row is stored, not even its key
            return new Result(null, List.of(new ImportError(row, mapping.consent(), cell(cells, mapping.consent()),
                    "diagnosis.survey.error.noConsent", List.of())), false);
        }
        String key = cell(cells, mapping.key());
        if (key.isEmpty()) {
            errors.add(new ImportError(row, mapping.key(), "", "diagnosis.survey.error.noKey", List.of()));
        }
        String sex = sex(cell(cells, mapping.sex()));
        if (sex == null) {
            errors.add(error(row, mapping.sex(), cells, "diagnosis.survey.error.sex"));
        }
        String age = ageBand(cell(cells, mapping.age()));
        if (age == null) {
            errors.add(error(row, mapping.age(), cells, "diagnosis.survey.error.age"));
        }
        String disability = disability(cell(cells, mapping.disability()));
        if (disability == null) {
            errors.add(error(row, mapping.disability(), cells, "diagnosis.survey.error.disability"));
        }
        double weight = weight(cell(cells, mapping.weight()));
        if (!(weight > 0) || Double.isInfinite(weight)) {
            errors.add(error(row, mapping.weight(), cells, "diagnosis.survey.error.weight"));
        }
        Map<String, Set<String>> answers = answers(row, cells, errors);
        String areaText = cell(cells, mapping.area());
        OptionalLong areaId = areaText.isEmpty() ? OptionalLong.empty() : area.apply(areaText);
        if (!errors.isEmpty()) {
            return new Result(null, errors, false);
        }
        Respondent r = new Respondent(pseudonym.apply(key), areaId.isPresent() ? areaId.getAsLong() : null, sex, age,
                disability, weight, answers);
        return new Result(r, List.of(), !areaText.isEmpty() && areaId.isEmpty());
    }

    private ImportError error(long row, String column, String[] cells, String key) {
        return new ImportError(row, column, cell(cells, column), key, List.of());
    }

    private List<String> mappedColumns() {
        List<String> out = new ArrayList<>(List.of(mapping.key(), mapping.area(), mapping.sex(), mapping.age(),
                mapping.disability(), mapping.weight(), mapping.consent()));
        out.addAll(mapping.questions().values());
        out.removeIf(c -> c == null || c.isEmpty() || !index.containsKey(c));
        return out;
    }

    /** A cell that a spreadsheet would run as a formula (CSV injection): refused, never stored. */
    static boolean isFormula(String v) {
        if (v.isEmpty()) {
            return false;
        }
        char c = v.charAt(0);
        return c == '=' || c == '@' || ((c == '+' || c == '-') && CellValues.decimal(v, false).isEmpty());
    }

    private boolean consented(String[] cells) {
        if (mapping.consent() == null || mapping.consent().isEmpty()) {
            return mapping.consentAll();
        }
        return YES.contains(norm(cell(cells, mapping.consent())));
    }

    private Map<String, Set<String>> answers(long row, String[] cells, List<ImportError> errors) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Question q : questions) {
            String column = mapping.questions().get(q.code());
            if (column == null || column.isEmpty()) {
                continue;
            }
            Set<String> chosen = q.multiple() && !index.containsKey(column) ? splitColumns(q, column, cells)
                    : choices(row, q, column, cell(cells, column), errors);
            if (!chosen.isEmpty()) {
                out.put(q.code(), chosen);
            }
        }
        return out;
    }

    /** A select-multiple exported as one 0/1 column per choice: {@code prefix/choice}. */
    private Set<String> splitColumns(Question q, String prefix, String[] cells) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.startsWith(prefix + "/") && i < cells.length && YES.contains(norm(cells[i]))) {
                String code = choiceByText.getOrDefault(q.code(), Map.of()).get(norm(h.substring(prefix.length() + 1)));
                if (code != null && !q.isMissing(code)) {
                    out.add(code);
                }
            }
        }
        return out;
    }

    private Set<String> choices(long row, Question q, String column, String value, List<ImportError> errors) {
        Set<String> out = new LinkedHashSet<>();
        if (value.isEmpty() || q.missingCodes().stream().anyMatch(m -> m.equalsIgnoreCase(value))) {
            return out;
        }
        List<String> parts = q.multiple() ? List.of(value.split("\\s+")) : List.of(value);
        for (String part : parts) {
            String code = choiceByText.getOrDefault(q.code(), Map.of()).get(norm(part));
            if (code == null) {
                errors.add(new ImportError(row, column, value, "diagnosis.survey.error.notAChoice", List.of()));
                return Set.of();
            }
            if (!q.isMissing(code)) {
                out.add(code);
            }
        }
        return out;
    }

    private String cell(String[] cells, String column) {
        if (column == null || column.isEmpty()) {
            return "";
        }
        Integer i = index.get(column);
        return i == null || i >= cells.length || cells[i] == null ? "" : cells[i].strip();
    }

    static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    static String sex(String v) {
        String n = norm(v);
        return switch (n) {
            case "f", "female", "woman", "women", "girl", "w", "femme", "mujer", "femenino", "feminino", "女", "женщина", "أنثى" -> "F";
            case "m", "male", "man", "men", "boy", "h", "homme", "hombre", "masculino", "男", "мужчина", "ذكر" -> "M";
            case "o", "other", "x", "non-binary", "nonbinary", "autre", "otro", "其他", "другое", "آخر" -> "O";
            default -> UNKNOWN.contains(n) ? "U" : null;
        };
    }

    static String ageBand(String v) {
        String n = norm(v);
        if (Questionnaire.AGE_BANDS.contains(n)) {
            return n;
        }
        if (n.matches("\\d{1,3}") && Integer.parseInt(n) <= 120) {
            return Questionnaire.ageBand(Integer.parseInt(n));
        }
        return UNKNOWN.contains(n) ? "unknown" : null;
    }

    static String disability(String v) {
        String n = norm(v);
        if (YES.contains(n)) {
            return "Y";
        }
        if (NO.contains(n)) {
            return "N";
        }
        return UNKNOWN.contains(n) ? "U" : null;
    }

    static double weight(String v) {
        if (v.isEmpty()) {
            return 1;
        }
        return CellValues.decimal(v, v.contains(",") && !v.contains(".")).orElse(Double.NaN);
    }
}
