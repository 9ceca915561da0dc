package org.safercities.diagnosis.sheets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safercities.platform.SharedData;

class SheetsTest {

    @TempDir
    Path dir;

    @Test
    void medellinIsSemicolonSeparatedWithDecimalCommas() {
        try (Sheet s = Sheets.open(SharedData.file("incidents/medellin_homicides_2010-2019.csv"))) {
            assertEquals(List.of("fecha_hecho", "longitud", "latitud", "sexo", "edad", "modalidad"), s.header());
            assertEquals(new Sheet.Dialect("UTF-8", ';', true), s.dialect());
            String[] first = s.next();
            assertArrayEquals(new String[] {"2019-04-23T12:30:00Z", "-75,56985400000", "6,25722555000", "Mujer", "50",
                "Ahorcamiento o estrangulamiento"}, first);
            assertEquals(2, s.rowNumber());
            assertTrue(s.progress() > 0 && s.progress() < 1, "progress " + s.progress());
            int rows = 1;
            int na = 0;
            Set<String> modes = new TreeSet<>();
            for (String[] r = s.next(); r != null; r = s.next()) {
                rows++;
                na += r[1].equals("NA") ? 1 : 0;
                modes.add(r[5]);
            }
            assertEquals(9360, rows);
            assertEquals(9361, s.rowNumber());
            assertEquals(81, na);
            assertTrue(modes.contains("Asfixia mecánica"), modes.toString());
            assertEquals(1.0, s.progress());
        }
    }

    @Test
    void policeUkIsCommaSeparatedWithDecimalPoints() {
        try (Sheet s = Sheets.open(SharedData.file("incidents/uk_2019-01-city-of-london-street.csv"))) {
            assertEquals(new Sheet.Dialect("UTF-8", ',', false), s.dialect());
            assertEquals(12, s.header().size());
            assertEquals("Context", s.header().get(11));
            int rows = 0;
            for (String[] r = s.next(); r != null; r = s.next()) {
                assertTrue(r.length >= 12);
                rows++;
            }
            assertEquals(617, rows);
        }
    }

    @Test
    void anUnnamedHeaderCellIsNamedByItsColumnLetter() {
        try (Sheet s = Sheets.open(SharedData.file("surveys/nairobi_abidjan_household_responses.csv"))) {
            assertEquals("A", s.header().get(0));
            assertEquals("uuid", s.header().get(1));
            assertEquals(42, s.header().size());
        }
    }

    @Test
    void encodingsAndSeparatorsAreDetected() throws IOException {
        assertRead(write("w.csv", "nom;ville\nFrançois;Bogotá\n", Charset.forName("windows-1252"), false),
                new Sheet.Dialect("windows-1252", ';', false), "François", "Bogotá");
        assertRead(write("u16.csv", "name\tcity\nZoë\tSão Paulo\n", StandardCharsets.UTF_16LE, true),
                new Sheet.Dialect("UTF-16LE", '\t', false), "Zoë", "São Paulo");
        assertRead(write("gb.csv", "地区,案件数\n朝阳区,12\n海淀区,7\n东城区,3\n西城区,4\n", Charset.forName("GB18030"), false),
                new Sheet.Dialect("GB18030", ',', false), "朝阳区", "12");
        assertRead(write("bom.csv", "a,b\n1.5,2\n", StandardCharsets.UTF_8, true),
                new Sheet.Dialect("UTF-8", ',', false), "1.5", "2");
    }

    @Test
    void rowsArePaddedBlankLinesCountAndQuotedCellsSpanLines() throws IOException {
        Path f = write("p.csv", "a,b,c\n1\n\n\"two\nlines\",x,y,extra\n", StandardCharsets.UTF_8, false);
        try (Sheet s = Sheets.open(f)) {
            assertArrayEquals(new String[] {"1", "", ""}, s.next());
            assertEquals(2, s.rowNumber());
            assertArrayEquals(new String[] {"two\nlines", "x", "y", "extra"}, s.next());
            assertEquals(4, s.rowNumber());
            assertNull(s.next());
        }
    }

    @Test
    void aTenMillionCharacterLineIsAProblemNotAnOutOfMemoryError() throws IOException {
        Path f = dir.resolve("long.csv");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("a,b\n1,2\n");
            char[] block = new char[10_000];
            Arrays.fill(block, 'x');
            for (int i = 0; i < 1_000; i++) {
                w.write(block);
            }
            w.write(",3\n");
        }
        long t0 = System.nanoTime();
        SheetProblem p = readAll(f);
        assertEquals("diagnosis.sheet.rowTooLong", p.key());
        assertEquals(3L, p.args().get(0));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }

    /** The same file read in a JVM of 128 MB, as the kit runs on a small office PC: a problem, not a crash. */
    @Test
    void aTenMillionCharacterLineFitsIn128Megabytes() throws Exception {
        Path f = dir.resolve("long.csv");
        try (Writer w = Files.newBufferedWriter(f)) {
            w.write("a,b\n1,\"");
            char[] block = new char[10_000];
            Arrays.fill(block, 'x');
            for (int i = 0; i < 1_000; i++) {
                w.write(block);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                ReadToEnd.class.getName(), f.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("diagnosis.sheet.rowTooLong [2, 1000000]"), out);
    }

    @Test
    void aCellOverTheLimitIsAProblem() throws IOException {
        Path f = write("cell.csv", "a,b\n1," + "y".repeat(CsvSheet.MAX_CELL + 1) + "\n", StandardCharsets.UTF_8, false);
        SheetProblem p = readAll(f);
        assertEquals("diagnosis.sheet.cellTooLong", p.key());
        assertEquals(List.of(2L, "B", CsvSheet.MAX_CELL), p.args());
    }

    @Test
    void anUnclosedQuoteIsAProblem() throws IOException {
        Path f = write("q.csv", "a,b\n1,2\n3,\"open\n4,5\n", StandardCharsets.UTF_8, false);
        SheetProblem p = readAll(f);
        assertEquals("diagnosis.sheet.unclosedQuote", p.key());
        assertEquals(3L, p.args().get(0));
    }

    @Test
    void emptyBinaryAndLegacyFilesAreRefused() throws IOException {
        assertEquals("diagnosis.sheet.empty", openProblem(Files.write(dir.resolve("e.csv"), new byte[0])).key());
        byte[] png = new byte[2000];
        new java.util.Random(7).nextBytes(png);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10}, 0, png, 0, 8);
        assertEquals("diagnosis.sheet.notText", openProblem(Files.write(dir.resolve("p.csv"), png)).key());
        byte[] noZeros = new byte[2000];
        for (int i = 0; i < noZeros.length; i++) {
            noZeros[i] = (byte) (1 + i % 31); // control characters only, no zero byte
        }
        assertEquals("diagnosis.sheet.notText", openProblem(Files.write(dir.resolve("c.csv"), noZeros)).key());
        assertEquals("diagnosis.sheet.legacyXls",
                openProblem(SharedData.file("surveys/nairobi_2021_household_wash.xlsform.xls")).key());
        assertEquals("diagnosis.sheet.empty",
                openProblem(Files.writeString(dir.resolve("blank.csv"), "")).key());
    }

    /** commons-lang3 is excluded from the kit (pom.xml): .xlsx workbooks read without it. */
    @Test
    void saoPauloWorkbookWithInlineStringsAndSerialDates() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.apache.commons.lang3.ArrayFill"));
        try (Sheet s = Sheets.open(SharedData.file("incidents/sao_paulo_homicides_2017-2022.xlsx"))) {
            assertEquals(List.of("year", "date", "municipality", "location_type", "victim_sex", "longitude", "latitude"),
                    s.header());
            assertEquals(new Sheet.Dialect("xlsx", (char) 0, false), s.dialect());
            Set<String> sexes = new TreeSet<>();
            List<String> dates = new ArrayList<>();
            int rows = 0;
            for (String[] r = s.next(); r != null; r = s.next()) {
                rows++;
                for (int i : new int[] {0, 1, 5, 6}) {
                    assertFalse(r[i].endsWith(".0") || r[i].contains("E"), r[i] + " in row " + s.rowNumber());
                }
                sexes.add(r[4]);
                dates.add(r[1]);
                if (rows == 3000) {
                    assertTrue(s.progress() > 0.4 && s.progress() < 0.6, "progress " + s.progress());
                }
            }
            assertEquals(6214, rows);
            assertEquals(6215, s.rowNumber());
            assertEquals(Set.of("Masculino", "Feminino", "Indefinido"), sexes);
            assertTrue(dates.contains("42736") && dates.contains("44924"), dates.subList(0, 5).toString());
            assertTrue(Double.parseDouble(dates.get(0)) >= 42736);
            assertEquals(1.0, s.progress());
        }
    }

    @Test
    void aTruncatedWorkbookIsAProblem() throws IOException {
        byte[] all = Files.readAllBytes(SharedData.file("incidents/sao_paulo_homicides_2017-2022.xlsx"));
        Path cut = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(all, all.length / 2));
        assertEquals("diagnosis.sheet.brokenWorkbook", readAll(cut).key());
        Path zip = dir.resolve("notexcel.xlsx");
        try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("hello.txt"));
            z.write("hi".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals("diagnosis.sheet.brokenWorkbook", readAll(zip).key());
    }

    @Test
    void numbersComeOutAsTypedNotAsDoubles() {
        assertEquals("42736", XlsxSheet.plainNumber("42736"));
        assertEquals("42736", XlsxSheet.plainNumber("42736.0"));
        assertEquals("42736", XlsxSheet.plainNumber("4.2736E4"));
        assertEquals("6.25722555", XlsxSheet.plainNumber("6.2572255500000001"));
        assertEquals("-46.6", XlsxSheet.plainNumber("-46.600000000000001"));
        assertEquals("0.00001", XlsxSheet.plainNumber("1E-5"));
        assertEquals("0", XlsxSheet.plainNumber("-0.0"));
    }

    @Test
    void columnLetters() {
        assertEquals("A", Sheets.columnLetter(0));
        assertEquals("Z", Sheets.columnLetter(25));
        assertEquals("AA", Sheets.columnLetter(26));
        assertEquals("AZ", Sheets.columnLetter(51));
    }

    private SheetProblem readAll(Path f) {
        return assertThrows(SheetProblem.class, () -> {
            try (Sheet s = Sheets.open(f)) {
                while (s.next() != null) {
                    // read to the end
                }
            }
        });
    }

    private SheetProblem openProblem(Path f) {
        return assertThrows(SheetProblem.class, () -> Sheets.open(f).close());
    }

    private Path write(String name, String text, Charset cs, boolean bom) throws IOException {
        byte[] body = text.getBytes(cs);
        byte[] mark = !bom ? new byte[0] : cs.equals(StandardCharsets.UTF_8) ? new byte[] {(byte) 0xEF, (byte) 0xBB,
            (byte) 0xBF} : new byte[] {(byte) 0xFF, (byte) 0xFE};
        byte[] all = Arrays.copyOf(mark, mark.length + body.length);
        System.arraycopy(body, 0, all, mark.length, body.length);
        return Files.write(dir.resolve(name), all);
    }

    private static void assertRead(Path f, Sheet.Dialect dialect, String... firstCells) {
        try (Sheet s = Sheets.open(f)) {
            assertEquals(dialect, s.dialect());
            String[] r = s.next();
            assertArrayEquals(firstCells, Arrays.copyOf(r, firstCells.length));
        }
    }
}
