package org.safercities.platform.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** The XLSX writer, read back with fastexcel-reader (a test dependency only). */
public class XlsxTest {

    static byte[] workbook(String name, List<? extends List<?>> rows) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Xlsx.write(out, name, rows);
        return out.toByteArray();
    }

    public static List<Row> read(byte[] xlsx) throws Exception {
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet sheet = wb.getFirstSheet();
            return sheet.read();
        }
    }

    @Test
    void numbersStayNumbersAndFormulaLookingTextStaysText() throws Exception {
        byte[] xlsx = workbook("Plan d'action", List.of(List.of("Titre", "Budget", "Note"),
                List.of("=HYPERLINK(\"http://x\",\"clic\")", new BigDecimal("2622000.50"), "+1-2"),
                java.util.Arrays.asList("@SUM(A1:A2)", 42L, null),
                List.of("市场夜间照明 <b>&amp;</b> \"q\"", -7, "tab\there\u0001bell")));
        List<Row> rows = read(xlsx);
        assertEquals(4, rows.size());
        Cell formula = rows.get(1).getCell(0);
        assertEquals(CellType.STRING, formula.getType(), "never evaluated as a formula");
        assertEquals("=HYPERLINK(\"http://x\",\"clic\")", formula.asString());
        assertEquals(CellType.NUMBER, rows.get(1).getCell(1).getType());
        assertEquals(new BigDecimal("2622000.50"), rows.get(1).getCell(1).asNumber());
        assertEquals(CellType.STRING, rows.get(1).getCell(2).getType());
        assertEquals("@SUM(A1:A2)", rows.get(2).getCell(0).asString());
        assertEquals(new BigDecimal("42"), rows.get(2).getCell(1).asNumber());
        assertEquals("市场夜间照明 <b>&amp;</b> \"q\"", rows.get(3).getCell(0).asString(), "escaped, then read back as typed");
        assertEquals(new BigDecimal("-7"), rows.get(3).getCell(1).asNumber());
        assertEquals("tab\therebell", rows.get(3).getCell(2).asString(), "a control character XML cannot hold is left out");
    }

    @Test
    void theZipHoldsTheFewPartsExcelNeedsAndColumnsGoPastZ() throws Exception {
        List<Object> wide = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            wide.add((long) i);
        }
        byte[] xlsx = workbook("a/b:c*d?e[f]g that is far longer than thirty-one", List.of(wide));
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName());
            }
        }
        assertEquals(List.of("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                "xl/worksheets/sheet1.xml"), names);
        Row row = read(xlsx).get(0);
        assertEquals(new BigDecimal("29"), row.getCell(29).asNumber(), "column AD");
        assertEquals("A", Xlsx.column(0));
        assertEquals("Z", Xlsx.column(25));
        assertEquals("AA", Xlsx.column(26));
        assertEquals("AD", Xlsx.column(29));
        assertEquals("ZZ", Xlsx.column(701));
        assertEquals("AAA", Xlsx.column(702));
        String name = Xlsx.sheetName("a/b:c*d?e[f]g that is far longer than thirty-one");
        assertTrue(name.length() <= 31 && !name.matches(".*[:\\\\/?*\\[\\]].*"), name);
    }
}
