package org.safercities.platform.i18n;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TranslatorTest {

    @Test
    void pluralCategoriesFollowCldr() {
        assertEquals("one", PluralRules.category("en", 1));
        assertEquals("other", PluralRules.category("en", 0));
        assertEquals("one", PluralRules.category("fr", 0));
        assertEquals("other", PluralRules.category("zh", 1));
        assertEquals("one", PluralRules.category("ru", 21));
        assertEquals("few", PluralRules.category("ru", 22));
        assertEquals("many", PluralRules.category("ru", 11));
        assertEquals("many", PluralRules.category("ru", 25));
        assertEquals("zero", PluralRules.category("ar", 0));
        assertEquals("two", PluralRules.category("ar", 2));
        assertEquals("few", PluralRules.category("ar", 103));
        assertEquals("many", PluralRules.category("ar", 11));
        assertEquals("other", PluralRules.category("ar", 100));
        assertEquals(java.util.Set.of("one", "few", "many"), PluralRules.categories("ru").stream()
                .filter(c -> !c.equals("other")).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void messagesFormatNumbersByLocaleAndKeepApostrophes() {
        Translator fr = new Translator("fr", Map.of("k.one", "{0} zone", "k.other", "{0} zones", "a", "l''audit de {0}",
                "b", "l'audit de {0}"), Map.of());
        assertEquals("1 zone", fr.plural("k", 1));
        assertEquals("1\u202f234 zones", fr.plural("k", 1234), "French groups thousands with a narrow no-break space");
        assertEquals("l'audit de x", fr.t("b", "x"), "an apostrophe is a letter, not a MessageFormat quote");
        Translator ar = new Translator("ar", Map.of(), Map.of("k", "{0}"));
        assertEquals("rtl", ar.dir());
        assertEquals("ltr", new Translator("zh", Map.of(), Map.of()).dir());
    }

    @Test
    void unknownKeysShowThemselvesAndTemplatesGetEscapedText() {
        Translator t = new Translator("en", Map.of("x", "<b>bold</b>"), Map.of());
        assertEquals("no.such.key", t.t("no.such.key"));
        assertEquals("&lt;b&gt;bold&lt;/b&gt;", t.lambda().apply("x"));
    }

    @Test
    void acceptLanguagePicksTheFirstAvailable() {
        Messages m = Messages.load(List.of("platform"), getClass().getClassLoader(), null);
        assertEquals("fr", m.fromAcceptLanguage("de-CH, fr;q=0.8, en;q=0.5"));
        assertEquals("zh", m.fromAcceptLanguage("zh-CN,zh;q=0.9"));
        assertNull(m.fromAcceptLanguage("de"));
        assertNull(m.fromAcceptLanguage(";;;garbage"));
    }
}
