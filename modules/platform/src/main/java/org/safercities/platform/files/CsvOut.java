package org.safercities.platform.files;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/**
 * CSV the kit writes: RFC 4180, UTF-8 with a byte-order mark so that Excel opens it in any language, and
 * cells that a spreadsheet would run as a formula ({@code = + - @}, tab, CR) prefixed with an apostrophe.
 */
public final class CsvOut implements AutoCloseable {

    private final Writer out;

    private CsvOut(OutputStream stream) throws IOException {
        this.out = new OutputStreamWriter(stream, StandardCharsets.UTF_8);
        out.write('\ufeff');
    }

    /** Starts a CSV download on {@code res}. */
    public static CsvOut download(ServerResponse res, String fileName) throws IOException {
        res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"");
        return new CsvOut(res.outputStream());
    }

    public static CsvOut to(OutputStream stream) throws IOException {
        return new CsvOut(stream);
    }

    public CsvOut row(List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(cell(cells.get(i)));
        }
        out.write("\r\n");
        return this;
    }

    static String cell(Object value) {
        String s = value == null ? "" : value.toString();
        if (!s.isEmpty() && !(value instanceof Number) && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.equals("-")) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
