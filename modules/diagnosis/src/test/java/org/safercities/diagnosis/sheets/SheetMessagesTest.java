package org.safercities.diagnosis.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.safercities.platform.i18n.BundleChecks;

/** The diagnosis.sheet.* messages: in all six languages with their placeholders, and every key the readers name. */
class SheetMessagesTest {

    @Test
    void sheetMessagesAreCompleteInEveryLanguage() throws Exception {
        assertEquals(List.of(), BundleChecks.bundleProblems(BundleChecks.LOCALES, "diagnosis").stream()
                .filter(p -> p.contains("diagnosis.sheet.")).toList());
    }

    @Test
    void everySheetKeyTheReadersNameExists() throws Exception {
        assertEquals(List.of(), BundleChecks.missingKeys(BundleChecks.LOCALES, List.of("diagnosis.sheet"),
                List.of(Path.of("src/main/java/org/safercities/diagnosis/sheets"),
                        Path.of("src/main/java/org/safercities/diagnosis/geo"))));
    }
}
