package org.safercities.diagnosis.sheets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An XLSForm questionnaire (ODK, KoboToolbox, SurveyCTO dialects) read from .xlsx or legacy .xls: its questions
 * and choice lists with labels per language, so that an imported response export shows words, not codes.
 */
public record XlsForm(String formId, String title, String defaultLanguage, List<String> languages,
        List<Question> questions, Map<String, List<Choice>> choices) {

    /**
     * One row of the survey sheet that holds an answer: {@code type} without its list ("select_one"), the list
     * name for selects, labels by language ("" when the column has no language), and the enclosing group names
     * joined by "/" as exports prefix them.
     */
    public record Question(String type, String name, String listName, Map<String, String> labels, String groupPath) {
    }

    public record Choice(String value, Map<String, String> labels) {
    }

    /** @throws SheetProblem when the file is no workbook or has no survey sheet */
    public static XlsForm read(Path file) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }
}
