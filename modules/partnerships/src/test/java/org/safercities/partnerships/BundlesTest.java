package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.platform.i18n.BundleChecks;

/** The partnerships bundles against English, and every key the module's templates and code name (rules in BundleChecks). */
class BundlesTest {

    @Test
    void everyLanguageHasEveryKeyWithItsPlaceholdersAndPluralForms() throws Exception {
        assertEquals(List.of(), BundleChecks.bundleProblems(BundleChecks.LOCALES, "partnerships"));
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws Exception {
        // audit action names look like keys but are not messages
        assertEquals(List.of(), BundleChecks.missingKeys(BundleChecks.LOCALES, List.of("partnerships", "platform"),
                List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java")),
                k -> k.matches("partnerships\\.(actor|contact|relationship|commitment|demo|memorandum|meeting|body)\\.(create|update|delete|read|erase|load|merge|designate)")));
    }
}
