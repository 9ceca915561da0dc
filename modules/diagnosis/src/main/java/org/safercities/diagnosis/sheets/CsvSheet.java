package org.safercities.diagnosis.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.safercities.platform.Problem;
import org.safercities.platform.files.TextFiles;

/** A CSV (or tab-separated) file streamed through commons-csv, with the platform's encoding detection. */
final class CsvSheet implements Sheet {

    /** Longest cell accepted: a cell longer than this is no incident field but a broken file. */
    static final int MAX_CELL = 100_000;
    /** Longest row (all its cells) accepted before the parser's buffer is allowed to grow further. */
    static final int MAX_ROW = 1_000_000;
    private static final int SAMPLE_BYTES = 64 * 1024;
    private static final int SAMPLE_ROWS = 500;

    private final CountingInputStream bytes;
    private final RecordLimitReader limited;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final long size;
    private final List<String> header;
    private final Dialect dialect;
    private long row;

    private CsvSheet(Path file, TextFiles.Detected detected) throws IOException {
        this.size = Math.max(1, Files.size(file));
        InputStream in = Files.newInputStream(file);
        this.bytes = new CountingInputStream(in);
        try {
            bytes.skipNBytes(detected.bomBytes());
            this.limited = new RecordLimitReader(new InputStreamReader(bytes, detected.charset()), MAX_ROW);
            this.parser = format(detected.separator()).parse(limited);
            this.records = parser.iterator();
            String[] first = nextRecord();
            if (first == null) {
                throw new SheetProblem("diagnosis.sheet.empty");
            }
            this.header = Sheets.header(first);
        } catch (RuntimeException | IOException e) {
            in.close();
            throw e;
        }
        this.dialect = new Dialect(detected.charset().name(), detected.separator(),
                sampleHasDecimalComma(file, detected));
    }

    static Sheet open(Path file) {
        TextFiles.Detected detected;
        try {
            detected = TextFiles.detect(file);
        } catch (Problem p) {
            throw new SheetProblem(p.messageKey().endsWith(".empty") ? "diagnosis.sheet.empty"
                    : p.messageKey().endsWith(".notText") ? "diagnosis.sheet.notText" : "diagnosis.sheet.unreadable");
        }
        if (looksBinary(file, detected.charset(), detected.bomBytes())) {
            throw new SheetProblem("diagnosis.sheet.notText");
        }
        try {
            return new CsvSheet(file, detected);
        } catch (IOException e) {
            throw new SheetProblem("diagnosis.sheet.unreadable");
        }
    }

    private static CSVFormat format(char separator) {
        return CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(false)
                .setTrailingData(true).get();
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public String[] next() {
        String[] cells;
        do {
            cells = nextRecord();
            if (cells == null) {
                return null;
            }
        } while (cells.length == 1 && cells[0].isEmpty()); // a blank line: counted as a row, as a spreadsheet shows it
        return Sheets.padded(cells, header.size());
    }

    /** The next record's cells (row counted), or null at the end; broken files become a {@link SheetProblem}. */
    private String[] nextRecord() {
        CSVRecord r;
        try {
            if (!records.hasNext()) {
                return null;
            }
            r = records.next();
        } catch (UncheckedIOException e) {
            throw new SheetProblem("diagnosis.sheet.unclosedQuote", row + 1);
        }
        row++;
        limited.recordDone(row);
        String[] cells = r.values();
        for (int i = 0; i < cells.length; i++) {
            if (cells[i].length() > MAX_CELL) {
                throw new SheetProblem("diagnosis.sheet.cellTooLong", row, Sheets.columnLetter(i), MAX_CELL);
            }
        }
        return cells;
    }

    @Override
    public long rowNumber() {
        return row;
    }

    @Override
    public double progress() {
        return Math.min(1.0, (double) bytes.count() / size);
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // reading is over: nothing to keep
        }
    }

    /**
     * Control characters other than tab, CR, LF, FF in the first 64 KB: a picture, a PDF or an archive renamed
     * to .csv (the platform's detection catches only those with zero bytes).
     */
    private static boolean looksBinary(Path file, Charset cs, int bom) {
        byte[] head = Sheets.head(file, SAMPLE_BYTES);
        String text = new String(head, bom, head.length - bom, cs);
        int control = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != '\f') || c == '\uFFFD') {
                control++;
            }
        }
        return control > 0 && control * 100 >= text.length();
    }

    /**
     * Whether numbers in the first rows are written with a decimal comma ({@code -75,569854}): more cells read as
     * decimal-comma numbers than as decimal-point ones. "1,234" (three digits after) proves nothing either way.
     */
    private static boolean sampleHasDecimalComma(Path file, TextFiles.Detected d) {
        byte[] head = Sheets.head(file, SAMPLE_BYTES);
        String text = new String(head, d.bomBytes(), head.length - d.bomBytes(), d.charset());
        int comma = 0;
        int point = 0;
        try (Reader r = new StringReader(text); CSVParser p = format(d.separator()).parse(r)) {
            int rows = 0;
            for (CSVRecord rec : p) {
                if (rows++ > SAMPLE_ROWS) {
                    break;
                }
                for (String cell : rec.values()) {
                    switch (decimalMark(cell.strip())) {
                        case ',' -> comma++;
                        case '.' -> point++;
                        default -> { }
                    }
                }
            }
        } catch (IOException | UncheckedIOException | SheetProblem e) {
            // the sample ends mid-record (it was cut at 64 KB): what was read is enough
        }
        return comma > point;
    }

    /** ',' or '.' when the cell is a signed number with exactly one such mark not followed by exactly 3 digits. */
    static char decimalMark(String s) {
        int i = s.startsWith("-") || s.startsWith("+") ? 1 : 0;
        int mark = -1;
        int digitsBefore = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                if (mark < 0) {
                    digitsBefore++;
                }
            } else if ((c == ',' || c == '.') && mark < 0) {
                mark = i;
            } else {
                return 0;
            }
        }
        if (mark < 0 || digitsBefore == 0) {
            return 0;
        }
        int after = s.length() - mark - 1;
        return after == 0 || after == 3 ? 0 : s.charAt(mark);
    }
}
