package org.safercities.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.platform.i18n.BundleChecks;

/** The diagnosis bundles against English, and every key the module's templates and code name (rules in BundleChecks). */
class DiagnosisBundlesTest {

    @Test
    void everyLanguageHasEveryKeyWithItsPlaceholdersAndPluralForms() throws Exception {
        assertEquals(List.of(), BundleChecks.bundleProblems(BundleChecks.LOCALES, "diagnosis"));
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws Exception {
        // audit action names look like keys but are not messages
        assertEquals(List.of(), BundleChecks.missingKeys(BundleChecks.LOCALES, List.of("diagnosis", "platform"),
                List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java")),
                k -> k.matches("diagnosis\\.(walk|factor|incident|source|import)\\.(create|update|delete|demo|values|load|undo)")
                        || k.equals("diagnosis.js") || k.equals("diagnosis.css")
                        || k.matches("diagnosis\\.survey\\.(enter|missing|question\\.add|choice_)")));
    }
}
