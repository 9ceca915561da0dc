package org.safercities.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.platform.i18n.BundleChecks;

/** The monitoring bundles against English, and every key the module's templates and code name. */
class MonitoringBundlesTest {

    @Test
    void everyLanguageHasEveryKeyWithItsPlaceholdersAndPluralForms() throws Exception {
        assertEquals(List.of(), BundleChecks.bundleProblems(BundleChecks.LOCALES, "monitoring"));
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws Exception {
        // audit action names look like keys but are not messages
        assertEquals(List.of(), BundleChecks.missingKeys(BundleChecks.LOCALES, List.of("monitoring", "platform"),
                List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java")),
                k -> k.matches("monitoring\\.(indicator|value|target|note|setting)\\.(create|delete|set|surveyYear)")
                        || k.equals("monitoring.css") || k.equals("monitoring.js")));
    }
}
