package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.files.CsvOut;
import org.safercities.platform.files.TextFiles;

class FilesTest {

    @TempDir
    Path tmp;

    @Test
    void csvTheKitWritesNeutralisesFormulasAndOpensInExcel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CsvOut csv = CsvOut.to(out)) {
            csv.row(List.of("=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain, with comma", 42, -7));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\ufeff"), "UTF-8 byte-order mark");
        assertEquals("\ufeff\"'=HYPERLINK(\"\"http://x\"\")\",'+1,'-2,'@SUM(A1),\"plain, with comma\",42,-7\r\n", text);
    }

    @Test
    void encodingsAndSeparatorsAreDetected() throws Exception {
        String text = "código;nombre;población\n05001;Medellín;2500000\n";
        Path latin = Files.write(tmp.resolve("a.csv"), text.getBytes(Charset.forName("windows-1252")));
        TextFiles.Detected d = TextFiles.detect(latin);
        assertEquals("windows-1252", d.charset().name());
        assertEquals(';', d.separator());
        Path bom = Files.write(tmp.resolve("b.csv"), ("\ufeff" + text.replace(';', '\t')).getBytes(StandardCharsets.UTF_8));
        assertEquals(3, TextFiles.detect(bom).bomBytes());
        assertEquals('\t', TextFiles.detect(bom).separator());
        Path gb = Files.write(tmp.resolve("c.csv"), "区,人口\n东城区,700000\n西城区,1100000\n".getBytes(Charset.forName("GB18030")));
        assertEquals("GB18030", TextFiles.detect(gb).charset().name());
        Path utf16 = Files.write(tmp.resolve("d.csv"), ("\ufeff" + text).getBytes(StandardCharsets.UTF_16LE));
        assertEquals(StandardCharsets.UTF_16LE, TextFiles.detect(utf16).charset());
    }
}
