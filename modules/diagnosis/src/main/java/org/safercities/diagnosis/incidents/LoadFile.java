package org.safercities.diagnosis.incidents;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The clean rows of an import, written as the row number then the columns of {@link IncidentStore#ROW_COLUMNS}
 * for Derby's bulk import: that is what makes a million rows load in seconds rather than minutes of JDBC
 * inserts. The import's id is not in the file (an import's table holds only its own rows), so the check pass can
 * write it before the import exists. An empty field is NULL; text is quoted with doubled quotes.
 */
final class LoadFile implements Closeable {

    private final BufferedWriter out;
    private final StringBuilder line = new StringBuilder(160);
    private int rows;

    LoadFile(Path file) throws IOException {
        out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 16);
    }

    void write(IncidentRow r) throws IOException {
        StringBuilder b = line;
        b.setLength(0);
        b.append(rows + 1).append(',').append(r.fingerprint()).append(',').append(r.date()).append(',').append(r.precision())
                .append(',');
        if (r.minute() != null) {
            b.append(r.minute().intValue());
        }
        b.append(',').append(r.iccs()).append(',');
        if (r.localCategory() != null) {
            quoted(b, r.localCategory());
        }
        b.append(',').append(r.sex()).append(',');
        if (r.age() != null) {
            b.append(r.age().intValue());
        }
        b.append(',').append(r.ageBand()).append(',').append(r.place()).append(',');
        if (r.areaId() != null) {
            b.append(r.areaId().longValue());
        }
        b.append(',');
        if (r.longitude() != null) {
            b.append(r.longitude().doubleValue());
        }
        b.append(',');
        if (r.latitude() != null) {
            b.append(r.latitude().doubleValue());
        }
        b.append('\n');
        out.append(b);
        rows++;
    }

    private static void quoted(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                b.append('"');
            }
            // a line break inside a category would still import, but keeps the file one row per line
            b.append(c == '\n' || c == '\r' ? ' ' : c);
        }
        b.append('"');
    }

    int rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
