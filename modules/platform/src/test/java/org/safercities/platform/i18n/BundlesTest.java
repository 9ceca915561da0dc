package org.safercities.platform.i18n;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * Every bundle in locales/ against English, the source (the rules are in {@link BundleChecks}, which the
 * feature modules' tests use too), and every key a platform template or class names exists in English.
 */
class BundlesTest {

    static final Path LOCALES = BundleChecks.LOCALES;

    @Test
    void everyLanguageHasTheSameMessagesAsEnglish() throws Exception {
        for (String module : BundleChecks.bundles(LOCALES).stream().map(BundleChecks.Bundle::module).distinct().toList()) {
            assertEquals(List.of(), BundleChecks.bundleProblems(LOCALES, module), module);
        }
    }

    @Test
    void theSixUnLanguagesAreThere() throws Exception {
        Set<String> langs = BundleChecks.bundles(LOCALES).stream().filter(b -> b.module().equals("platform"))
                .map(BundleChecks.Bundle::lang).collect(Collectors.toSet());
        assertTrue(langs.containsAll(Set.of("ar", "zh", "en", "fr", "ru", "es")), langs.toString());
    }

    @Test
    void everyKeyUsedInTemplatesAndCodeExistsInEnglish() throws Exception {
        assertEquals(List.of(), BundleChecks.missingKeys(LOCALES, List.of("platform"),
                List.of(Path.of("src/main/resources/templates"), Path.of("src/main/java"))));
    }

    @Test
    void aDroppedInLanguageIsAvailableWithoutCodeChanges() throws Exception {
        Path extra = Files.createTempDirectory("locales");
        Files.writeString(extra.resolve("platform_sw.properties"), "platform.login.title=Ingia\n");
        Messages m = Messages.load(List.of("platform"), getClass().getClassLoader(), extra);
        assertTrue(m.languages().contains("sw"));
        assertEquals("Ingia", m.translator("sw").t("platform.login.title"));
        assertEquals("Password", m.translator("sw").t("platform.login.password"), "missing keys fall back to English");
        assertEquals("sw", m.fromAcceptLanguage("sw-KE,sw;q=0.9,en;q=0.5"));
    }
}
