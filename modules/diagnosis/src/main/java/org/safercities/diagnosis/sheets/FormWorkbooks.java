package org.safercities.diagnosis.sheets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.dhatim.fastexcel.reader.ReadableWorkbook;

/**
 * The survey, choices and settings sheets of an XLSForm workbook as rows of cell text, from .xlsx (fastexcel) or
 * legacy .xls (POI's HSSF, reading cells only: no formula evaluation, no number formatting, which keeps POI's
 * math and collections libraries out of the kit).
 */
final class FormWorkbooks {

    private static final Set<String> SHEETS = Set.of("survey", "choices", "settings");

    private FormWorkbooks() {
    }

    static Map<String, List<String[]>> xlsx(Path file) throws IOException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(file.toFile())) {
            for (org.dhatim.fastexcel.reader.Sheet s : wb.getSheets().toList()) {
                String name = s.getName().strip().toLowerCase(Locale.ROOT);
                if (!SHEETS.contains(name) || out.containsKey(name)) {
                    continue;
                }
                List<String[]> rows = new ArrayList<>();
                for (org.dhatim.fastexcel.reader.Row r : s.read()) {
                    String[] cells = new String[r.getCellCount()];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = XlsxSheet.text(r.getCell(i));
                    }
                    rows.add(cells);
                }
                out.put(name, rows);
            }
        }
        return out;
    }

    static Map<String, List<String[]>> xls(Path file) throws IOException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true);
                HSSFWorkbook wb = new HSSFWorkbook(fs.getRoot(), true)) {
            for (int s = 0; s < wb.getNumberOfSheets(); s++) {
                var sheet = wb.getSheetAt(s);
                String name = sheet.getSheetName().strip().toLowerCase(Locale.ROOT);
                if (!SHEETS.contains(name) || out.containsKey(name)) {
                    continue;
                }
                List<String[]> rows = new ArrayList<>();
                for (Row r : sheet) {
                    String[] cells = new String[Math.max(0, r.getLastCellNum())];
                    for (int i = 0; i < cells.length; i++) {
                        cells[i] = text(r.getCell(i));
                    }
                    rows.add(cells);
                }
                out.put(name, rows);
            }
        }
        return out;
    }

    /** A cell's text as typed; a formula gives its cached result (never evaluated here). */
    private static String text(Cell c) {
        if (c == null) {
            return "";
        }
        CellType t = c.getCellType() == CellType.FORMULA ? c.getCachedFormulaResultType() : c.getCellType();
        return switch (t) {
            case STRING -> c.getRichStringCellValue().getString();
            case NUMERIC -> XlsxSheet.plainNumber(Double.toString(c.getNumericCellValue()));
            case BOOLEAN -> c.getBooleanCellValue() ? "TRUE" : "FALSE";
            default -> "";
        };
    }
}
