package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.platform.i18n.BundleChecks;

/** The strategy bundles against English, and every key the module's templates and code name (rules in BundleChecks). */
class StrategyBundlesTest {

    @Test
    void everyLanguageHasEveryKeyWithItsPlaceholdersAndPluralForms() throws Exception {
        assertEquals(List.of(), BundleChecks.bundleProblems(BundleChecks.LOCALES, "strategy"));
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws Exception {
        // audit action names look like keys but are not messages
        assertEquals(List.of(), BundleChecks.missingKeys(BundleChecks.LOCALES, List.of("strategy", "platform"),
                List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java")),
                k -> k.matches("strategy\\.(action|assessment|budget|comment|consultation|demo|objective|priority|version)\\.(create|update|delete|load|adopt|revise|resolve)")));
    }
}
