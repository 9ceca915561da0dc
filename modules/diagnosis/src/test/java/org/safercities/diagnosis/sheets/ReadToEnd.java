package org.safercities.diagnosis.sheets;

import java.nio.file.Path;

/** Reads a file to its end in a JVM of its own (started by {@link SheetsTest} with a small heap). */
public final class ReadToEnd {

    private ReadToEnd() {
    }

    public static void main(String[] args) {
        try (Sheet s = Sheets.open(Path.of(args[0]))) {
            long rows = 0;
            while (s.next() != null) {
                rows++;
            }
            System.out.println("rows " + rows);
        } catch (SheetProblem p) {
            System.out.println(p.key() + " " + p.args());
        }
    }
}
