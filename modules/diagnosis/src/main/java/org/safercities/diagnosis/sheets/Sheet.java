package org.safercities.diagnosis.sheets;

import java.io.Closeable;
import java.util.List;

/**
 * The rows of one table in a file a user uploads (CSV or the first sheet of an XLSX workbook), streamed: a
 * file of a million rows is never held in memory. Cells are never null (empty string when blank); a row
 * shorter than the header is padded, a longer one keeps its extra cells.
 */
public interface Sheet extends Closeable {

    /** The header row's cells, trimmed; a blank header cell is named by its column letter ({@code A}, {@code B} …). */
    List<String> header();

    /**
     * The next data row, or {@code null} at the end. Throws {@link SheetProblem} when the file turns out to be
     * broken part way through (truncated workbook, a line over the length limit, an unclosed quote).
     */
    String[] next();

    /** The file row number (header = 1) of the row {@link #next} returned last, as a spreadsheet app shows it. */
    long rowNumber();

    /** How much of the file was read, 0 to 1, for the progress bar. */
    double progress();

    /** How cells were written: lets the column mapping preselect decimal commas and date order. */
    Dialect dialect();

    /**
     * What a file looked like: its encoding ("UTF-8", "windows-1252", "GB18030", "UTF-16LE", or "xlsx"), the
     * separator (0 for xlsx) and whether numbers were seen written with a decimal comma.
     */
    record Dialect(String encoding, char separator, boolean decimalComma) {
    }

    @Override
    void close();
}
