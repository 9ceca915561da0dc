package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.platform.i18n.BundleChecks;

/** The exchange bundles against English, and every key the module's templates and code name. */
class ExchangeBundlesTest {

    @Test
    void everyLanguageHasEveryKeyWithItsPlaceholdersAndPluralForms() throws Exception {
        assertEquals(List.of(), BundleChecks.bundleProblems(BundleChecks.LOCALES, "exchange"));
    }

    @Test
    void everyKeyTheModuleNamesExistsInEnglish() throws Exception {
        // audit action names (exchange.<record>.<verb>) and the module's asset names look like keys but are not messages
        assertEquals(List.of(), BundleChecks.missingKeys(BundleChecks.LOCALES, List.of("exchange", "platform"),
                List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java")),
                k -> k.matches("exchange\\.[a-z]+\\.(create|update|delete|refused)") || k.matches("exchange\\.(css|js)")));
    }
}
