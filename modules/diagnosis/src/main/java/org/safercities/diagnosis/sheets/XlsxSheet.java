package org.safercities.diagnosis.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;

/** The first sheet of an .xlsx workbook, streamed by fastexcel (shared or inline strings alike). */
final class XlsxSheet implements Sheet {

    private static final Dialect XLSX = new Dialect("xlsx", (char) 0, false);

    private final ReadableWorkbook workbook;
    private final Stream<Row> stream;
    private final Iterator<Row> rows;
    private final List<String> header;
    private final long lastRow;
    private long row;
    private boolean done;

    private XlsxSheet(Path file) throws IOException {
        this.lastRow = lastRow(file);
        this.workbook = new ReadableWorkbook(file.toFile());
        try {
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
            String[] first = next();
            if (first == null) {
                throw new SheetProblem("diagnosis.sheet.empty");
            }
            this.header = Sheets.header(first);
        } catch (RuntimeException e) {
            workbook.close();
            throw e;
        }
    }

    static Sheet open(Path file) {
        try {
            return new XlsxSheet(file);
        } catch (SheetProblem p) {
            throw p;
        } catch (IOException | RuntimeException e) {
            throw new SheetProblem("diagnosis.sheet.brokenWorkbook");
        }
    }

    @Override
    public List<String> header() {
        return header;
    }

    @Override
    public String[] next() {
        if (done) {
            return null;
        }
        Row r;
        try {
            if (!rows.hasNext()) {
                done = true;
                return null;
            }
            r = rows.next();
        } catch (UncheckedIOException | org.dhatim.fastexcel.reader.ExcelReaderException e) {
            throw new SheetProblem("diagnosis.sheet.brokenWorkbook");
        } catch (RuntimeException e) {
            // fastexcel wraps XML and zip errors of a truncated part in various unchecked exceptions
            throw new SheetProblem("diagnosis.sheet.brokenWorkbook");
        }
        row = r.getRowNum();
        String[] cells = new String[r.getCellCount()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = text(r.getCell(i));
        }
        return header == null ? cells : Sheets.padded(cells, header.size());
    }

    /** A cell as the text a person would type: numbers plain (42736, not 42736.0 or 4.2736E4), booleans TRUE/FALSE. */
    static String text(Cell c) {
        if (c == null) {
            return "";
        }
        String raw = c.getRawValue();
        if (raw == null) {
            return "";
        }
        return switch (c.getType()) {
            case NUMBER -> plainNumber(raw);
            case BOOLEAN -> "1".equals(raw) ? "TRUE" : "FALSE";
            case FORMULA -> c.getValue() instanceof BigDecimal b ? plainNumber(b.toString()) : raw;
            case STRING -> c.asString() == null ? "" : c.asString();
            default -> raw;
        };
    }

    /**
     * Excel stores numbers as 17 significant digits ("6.2572255500000001"): the shortest text that reads back as
     * the same double is what the user typed and sees. Whole numbers without ".0", never in exponent form.
     */
    static String plainNumber(String raw) {
        boolean plainInteger = !raw.isEmpty();
        for (int i = 0; i < raw.length() && plainInteger; i++) {
            char ch = raw.charAt(i);
            plainInteger = (ch >= '0' && ch <= '9') || (i == 0 && ch == '-' && raw.length() > 1);
        }
        if (plainInteger) {
            return raw;
        }
        try {
            double d = Double.parseDouble(raw);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return raw;
            }
            BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
            return b.signum() == 0 ? "0" : b.toPlainString();
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    @Override
    public long rowNumber() {
        return row;
    }

    @Override
    public double progress() {
        if (done) {
            return 1.0;
        }
        return lastRow <= 0 ? 0.0 : Math.min(1.0, (double) row / lastRow);
    }

    @Override
    public Dialect dialect() {
        return XLSX;
    }

    @Override
    public void close() {
        try {
            stream.close();
            workbook.close();
        } catch (IOException e) {
            // reading is over: nothing to keep
        }
    }

    /**
     * The last row of the first sheet from its {@code <dimension ref="A1:G6215"/>}, written at the top of the
     * sheet's XML by Excel and most writers: the progress bar goes by rows since the zip hides the bytes read.
     * 0 when unknown (progress then stays at 0 until the end).
     */
    static long lastRow(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String workbook = headOf(zip, "xl/workbook.xml", 64 * 1024);
            String rid = attribute(workbook, "<sheet ", "r:id=\"");
            String rels = headOf(zip, "xl/_rels/workbook.xml.rels", 64 * 1024);
            int at = rid == null ? -1 : rels.indexOf("Id=\"" + rid + "\"");
            if (at < 0) {
                return 0;
            }
            int start = rels.lastIndexOf('<', at);
            String target = attribute(rels.substring(start), "<Relationship", "Target=\"");
            if (target == null) {
                return 0;
            }
            String entry = target.startsWith("/") ? target.substring(1) : "xl/" + target;
            String sheet = headOf(zip, entry, 4096);
            String ref = attribute(sheet, "<dimension", "ref=\"");
            if (ref == null) {
                return 0;
            }
            int digits = ref.length();
            while (digits > 0 && Character.isDigit(ref.charAt(digits - 1))) {
                digits--;
            }
            return digits == ref.length() ? 0 : Long.parseLong(ref.substring(digits));
        } catch (IOException | RuntimeException e) {
            return 0; // the workbook itself is opened next and reports what is wrong with it
        }
    }

    private static String headOf(ZipFile zip, String name, int max) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            return "";
        }
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readNBytes(max), StandardCharsets.UTF_8);
        }
    }

    /** The value of {@code attr} (given with its opening quote) in the first element starting with {@code element}. */
    private static String attribute(String xml, String element, String attr) {
        int el = xml.indexOf(element);
        if (el < 0) {
            return null;
        }
        int end = xml.indexOf('>', el);
        int a = xml.indexOf(attr, el);
        if (a < 0 || (end >= 0 && a > end)) {
            return null;
        }
        int from = a + attr.length();
        int to = xml.indexOf('"', from);
        return to < 0 ? null : xml.substring(from, to);
    }
}
