package org.safercities.diagnosis.sheets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens an uploaded file as a {@link Sheet}: XLSX by its zip signature, else text (encoding and separator detected). */
public final class Sheets {

    private Sheets() {
    }

    /** @throws SheetProblem for an empty file, a binary file that is no workbook, a legacy .xls, a broken zip */
    public static Sheet open(Path file) {
        byte[] magic = head(file, 8);
        if (magic.length == 0) {
            throw new SheetProblem("diagnosis.sheet.empty");
        }
        if (isZip(magic)) {
            return XlsxSheet.open(file);
        }
        if (isOle2(magic)) {
            throw new SheetProblem("diagnosis.sheet.legacyXls");
        }
        return CsvSheet.open(file);
    }

    static byte[] head(Path file, int n) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new SheetProblem("diagnosis.sheet.unreadable");
        }
    }

    static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** The compound-document signature of Excel 97-2003 (.xls) and other old Office files. */
    static boolean isOle2(byte[] b) {
        return b.length >= 4 && (b[0] & 0xff) == 0xD0 && (b[1] & 0xff) == 0xCF && (b[2] & 0xff) == 0x11
                && (b[3] & 0xff) == 0xE0;
    }

    /** The spreadsheet column letters of a 0-based index: A … Z, AA … */
    static String columnLetter(int index) {
        StringBuilder sb = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            sb.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return sb.toString();
    }

    /** Trimmed header cells, blanks named by their column letter. */
    static java.util.List<String> header(String[] cells) {
        java.util.List<String> out = new java.util.ArrayList<>(cells.length);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i] == null ? "" : cells[i].strip();
            out.add(c.isEmpty() ? columnLetter(i) : c);
        }
        return java.util.List.copyOf(out);
    }

    /** A row padded with empty cells up to the header's width (a longer one keeps its extra cells). */
    static String[] padded(String[] cells, int width) {
        if (cells.length >= width) {
            return cells;
        }
        String[] out = java.util.Arrays.copyOf(cells, width);
        java.util.Arrays.fill(out, cells.length, width, "");
        return out;
    }
}
