package org.safercities.diagnosis.sheets;

import java.nio.file.Path;

/** Opens an uploaded file as a {@link Sheet}: XLSX by its zip signature, else text (encoding and separator detected). */
public final class Sheets {

    private Sheets() {
    }

    /** @throws SheetProblem for an empty file, a binary file that is no workbook, a legacy .xls, a broken zip */
    public static Sheet open(Path file) {
        throw new UnsupportedOperationException("filled in by the sheets work");
    }
}
