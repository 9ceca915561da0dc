package org.safercities.diagnosis.sheets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An XLSForm questionnaire (ODK, KoboToolbox, SurveyCTO dialects) read from .xlsx or legacy .xls: its questions
 * and choice lists with labels per language, so that an imported response export shows words, not codes.
 */
public record XlsForm(String formId, String title, String defaultLanguage, List<String> languages,
        List<Question> questions, Map<String, List<Choice>> choices) {

    /**
     * One row of the survey sheet that holds an answer: {@code type} without its list ("select_one"), the list
     * name for selects, labels by language ("" when the column has no language), and the enclosing group names
     * joined by "/" as exports prefix them; {@code relevant} is the condition under which it was asked
     * ({@code relevant} in ODK and Kobo, {@code relevance} in SurveyCTO; "" when always), which tells a blank
     * answer "not asked" from "not answered".
     */
    public record Question(String type, String name, String listName, Map<String, String> labels, String groupPath,
            String relevant) {

        public Question(String type, String name, String listName, Map<String, String> labels, String groupPath) {
            this(type, name, listName, labels, groupPath, "");
        }
    }

    public record Choice(String value, Map<String, String> labels) {
    }

    /** Row types that hold no answer of their own. */
    private static final Set<String> NO_ANSWER = Set.of("note", "end group", "end repeat", "begin group",
            "begin repeat");

    /** @throws SheetProblem when the file is no workbook or has no survey sheet */
    public static XlsForm read(Path file) {
        byte[] magic = Sheets.head(file, 8);
        Map<String, List<String[]>> sheets;
        try {
            if (Sheets.isZip(magic)) {
                sheets = FormWorkbooks.xlsx(file);
            } else if (Sheets.isOle2(magic)) {
                sheets = FormWorkbooks.xls(file);
            } else {
                throw new SheetProblem(magic.length == 0 ? "diagnosis.sheet.empty" : "diagnosis.sheet.notWorkbook");
            }
        } catch (SheetProblem p) {
            throw p;
        } catch (IOException | RuntimeException e) {
            throw new SheetProblem("diagnosis.sheet.brokenWorkbook");
        }
        List<String[]> survey = sheets.get("survey");
        if (survey == null || survey.isEmpty()) {
            throw new SheetProblem("diagnosis.sheet.noSurvey");
        }
        Set<String> languages = new LinkedHashSet<>();
        List<Question> questions = questions(survey, languages);
        Map<String, List<Choice>> choices = choices(sheets.getOrDefault("choices", List.of()), languages);
        Map<String, String> settings = settings(sheets.getOrDefault("settings", List.of()));
        String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "").replaceFirst("\\.xlsform$", "");
        String id = settings.getOrDefault("form_id", "");
        String title = settings.getOrDefault("form_title", "");
        return new XlsForm(id.isEmpty() ? base : id, title.isEmpty() ? (id.isEmpty() ? base : id) : title,
                settings.getOrDefault("default_language", ""), List.copyOf(languages), List.copyOf(questions),
                choices);
    }

    private static List<Question> questions(List<String[]> rows, Set<String> languages) {
        Columns c = new Columns(rows.get(0), languages);
        int type = c.index("type");
        int name = c.index("name");
        int relevant = c.index("relevant") >= 0 ? c.index("relevant") : c.index("relevance");
        List<Question> out = new ArrayList<>();
        Deque<String> groups = new ArrayDeque<>();
        for (String[] r : rows.subList(1, rows.size())) {
            String t = cell(r, type).toLowerCase(Locale.ROOT).replace('_', ' ').replaceAll("\\s+", " ");
            String n = cell(r, name);
            if (t.startsWith("begin group") || t.startsWith("begin repeat")) {
                groups.addLast(n);
            } else if ((t.startsWith("end group") || t.startsWith("end repeat")) && !groups.isEmpty()) {
                groups.removeLast();
            }
            if (t.isEmpty() || n.isEmpty() || NO_ANSWER.contains(t)) {
                continue;
            }
            String raw = cell(r, type).strip().replaceAll("\\s+", " ");
            int space = raw.indexOf(' ');
            String baseType = space < 0 ? raw : raw.substring(0, space);
            String list = space < 0 ? "" : raw.substring(space + 1).strip();
            out.add(new Question(baseType, n, list, c.labels(r), String.join("/", groups), cell(r, relevant)));
        }
        return out;
    }

    private static Map<String, List<Choice>> choices(List<String[]> rows, Set<String> languages) {
        Map<String, List<Choice>> out = new LinkedHashMap<>();
        if (rows.isEmpty()) {
            return out;
        }
        Columns c = new Columns(rows.get(0), languages);
        int list = c.index("list_name") >= 0 ? c.index("list_name") : c.index("list name");
        int name = c.index("name") >= 0 ? c.index("name") : c.index("value");
        for (String[] r : rows.subList(1, rows.size())) {
            String l = cell(r, list);
            String v = cell(r, name);
            if (!l.isEmpty() && !v.isEmpty()) {
                out.computeIfAbsent(l, k -> new ArrayList<>()).add(new Choice(v, c.labels(r)));
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return out;
    }

    /** The settings sheet: a header row of keys over one row of values. */
    private static Map<String, String> settings(List<String[]> rows) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rows.size() >= 2) {
            String[] keys = rows.get(0);
            for (int i = 0; i < keys.length; i++) {
                out.put(keys[i].strip().toLowerCase(Locale.ROOT), cell(rows.get(1), i));
            }
        }
        return out;
    }

    private static String cell(String[] row, int i) {
        return i < 0 || i >= row.length || row[i] == null ? "" : row[i].strip();
    }

    /** A sheet's header: where each column is, and which columns are labels in which language. */
    private static final class Columns {
        private final Map<String, Integer> index = new LinkedHashMap<>();
        private final Map<Integer, String> labelLanguage = new LinkedHashMap<>();

        Columns(String[] header, Set<String> languages) {
            for (int i = 0; i < header.length; i++) {
                String h = header[i] == null ? "" : header[i].strip();
                index.putIfAbsent(h.toLowerCase(Locale.ROOT), i);
                String lower = h.toLowerCase(Locale.ROOT);
                if (lower.equals("label") || lower.startsWith("label:")) {
                    // label, label::English (en) (ODK, Kobo) or label:portuguese (SurveyCTO)
                    String lang = h.substring(5).replaceFirst("^:+", "").strip();
                    labelLanguage.put(i, lang);
                    languages.add(lang);
                }
            }
        }

        int index(String name) {
            return index.getOrDefault(name, -1);
        }

        Map<String, String> labels(String[] row) {
            Map<String, String> out = new LinkedHashMap<>();
            labelLanguage.forEach((i, lang) -> {
                String v = cell(row, i);
                if (!v.isEmpty()) {
                    out.put(lang, v);
                }
            });
            return out;
        }
    }
}
