package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;

/**
 * The national forum's roll-up over real HTTP: exports of four offices, made in the module's format by their own
 * keys and imported through the real route; cities side by side in alphabetical order whatever their values (R§8),
 * a value the city hid shown as suppressed, one period at a time, the later export of a city replacing an earlier
 * one, and the CSV of the table.
 */
class RollupHttpTest {

    static TestKit kit;
    static Browser forum;

    @BeforeAll
    static void start() throws Exception {
        PlatformServices[] holder = new PlatformServices[1];
        kit = TestKit.start(Files.createTempDirectory("exchange-rollup"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("exchange", p -> {
                    holder[0] = p;
                    p.links().publish(org.safercities.platform.links.IndicatorValues.class, new ThisKitsCatalogue());
                    return new ExchangeModule(p);
                })));
        PlatformServices p = holder[0];
        String us = new OfficeKeys(p.store(), new ExchangeStore(), p.audit()).key(p.city().profile().orElseThrow().name()).publicKey();
        forum = kit.signedIn("demo-coordinator", "demo-city-2026");
        // values chosen so that no ordering by value would give the alphabetical order
        Senders.Office zanzibar = Senders.office("Zanzibar", "TZ");
        Senders.Office arusha = Senders.office("Arusha", "TZ");
        Senders.Office mwanza = Senders.office("Mwanza", "TZ");
        Senders.Office dodoma = Senders.office("Dodoma", "TZ");
        for (Senders.Office o : List.of(zanzibar, arusha, mwanza, dodoma)) {
            Senders.trust(p.store(), o, o.city() + " office");
        }
        importExport(zanzibar, us, 2025, List.of(Senders.value("16.1.1", "2025", 1.5, 30L), Senders.value("16.1.4", "2025", 80.0, 400L)));
        importExport(arusha, us, 2025, List.of(Senders.value("16.1.1", "2025", 9.0, 99L), Senders.value("16.1.4", "2025", 20.0, 350L)));
        importExport(mwanza, us, 2025, List.of(Senders.value("16.1.1", "2025", 0.4, 2L), Senders.value("16.1.4", "2025", 50.0, 300L)));
        importExport(arusha, us, 2024, List.of(Senders.value("16.1.1", "2024", 7.75, 80L)));
        importExport(dodoma, us, 2024, List.of(Senders.value("16.1.1", "2024", 3.0, 40L)));
        // a later export of Arusha's 2025 corrects its homicide rate
        importExport(arusha, us, 2025, List.of(Senders.value("16.1.1", "2025", 8.5, 95L), Senders.value("16.1.4", "2025", 20.0, 350L)));
    }

    static void importExport(Senders.Office o, String us, int year, List<org.safercities.platform.links.IndicatorValues.Value> values)
            throws Exception {
        // the exports differ by their generation time too, so even two alike are two files
        byte[] sealed = Senders.seal(o, Senders.zip(Senders.content(o, year, values, null)), us);
        Path f = Files.createTempFile("export", ".zip.gpg");
        Files.write(f, sealed);
        forum.get("/exchange/import");
        HttpResponse<String> r = forum.upload("/exchange/import", f);
        Files.delete(f);
        assertEquals(200, r.statusCode(), o.city() + " " + year + ": " + r.body());
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    private static int at(String page, String text) {
        int i = page.indexOf(text);
        assertTrue(i >= 0, text + " is on the page");
        return i;
    }

    @Test
    void citiesAreSideBySideInAlphabeticalOrderNeverByValue() {
        String page = forum.get("/exchange/rollup?lang=en").body();
        assertTrue(page.contains("id=\"no-ranking\""), "the page says it does not rank");
        assertTrue(page.contains("never ranks cities"));
        String head = page.substring(at(page, "<thead>"), at(page, "</thead>"));
        assertTrue(at(head, "Arusha") < at(head, "Dodoma") && at(head, "Dodoma") < at(head, "Mwanza")
                && at(head, "Mwanza") < at(head, "Zanzibar"), head);
        String homicide = page.substring(at(page, "data-code=\"16.1.1\""));
        homicide = homicide.substring(0, homicide.indexOf("</tr>"));
        // Arusha (the later export: 8.5), Dodoma (no 2025 value), Mwanza (2 cases: hidden), Zanzibar 1.5
        assertTrue(homicide.matches("(?s).*>8\\.5<.*>—<.*class=\"num suppressed\">suppressed<.*>1\\.5<.*"), homicide);
        assertFalse(homicide.contains(">9<"), "the earlier export of the same city and period is replaced");
        assertFalse(homicide.contains("0.4"), "a hidden value does not leak");
        assertTrue(page.contains("<option value=\"2025\" selected>"), "the latest period by default");
    }

    @Test
    void anotherPeriodShowsItsOwnValues() {
        String page = forum.get("/exchange/rollup?period=2024").body();
        String homicide = page.substring(at(page, "data-code=\"16.1.1\""));
        homicide = homicide.substring(0, homicide.indexOf("</tr>"));
        assertTrue(homicide.matches("(?s).*>7\\.75<.*>3<.*>—<.*>—<.*"), homicide);
        assertFalse(page.contains("data-code=\"16.1.4\""), "no city has 16.1.4 in 2024: no empty row");
        assertTrue(forum.get("/exchange/rollup?period=1999").body().contains("<option value=\"2025\" selected>"),
                "an unknown period falls back to the latest");
    }

    @Test
    void theCsvIsTheTableInTheSameOrder() {
        HttpResponse<String> r = forum.get("/exchange/rollup.csv?period=2025&lang=en");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("rollup-2025.csv"));
        List<String> lines = r.body().lines().toList();
        assertEquals("\ufeffPeriod,Code,Indicator,Unit,Arusha (TZ),Dodoma (TZ),Mwanza (TZ),Zanzibar (TZ)", lines.get(0));
        assertEquals("2025,16.1.1,\"Homicide victims per 100,000\",per100k,8.5,,suppressed,1.5", lines.get(1));
        assertEquals("2025,16.1.4,Feeling safe walking alone,percent,20,,50,80", lines.get(2));
        assertEquals(3, lines.size());
    }

    /**
     * What this kit's monitoring publishes (a stand-in for the module): 16.1.1 built in, with its French name;
     * "16.1.4" here a local indicator of this kit, which must not rename the cities' 16.1.4.
     */
    static final class ThisKitsCatalogue implements org.safercities.platform.links.IndicatorValues {
        @Override
        public List<Indicator> indicators(String language) {
            return language.equals("fr")
                    ? List.of(new Indicator("16.1.1", "Victimes d'homicide volontaire (fr)", "pour 100 000", "down", "builtin", "yearly"),
                            new Indicator("16.1.4", "Indicateur local du forum", "%", "up", "local", "yearly"))
                    : List.of();
        }

        @Override
        public List<Value> values(int fromYear, int toYear) {
            return List.of();
        }

        @Override
        public List<Progress> progress() {
            return List.of();
        }
    }

    @Test
    void builtInIndicatorsAreNamedInTheReadersLanguageOthersKeepTheCitysName() {
        // a session of its own: the language chosen sticks to the session, the other tests read English
        Browser fr = kit.signedIn("demo-coordinator", "demo-city-2026");
        String page = fr.get("/exchange/rollup?period=2025&lang=fr").body();
        String homicide = page.substring(at(page, "data-code=\"16.1.1\""));
        homicide = homicide.substring(0, homicide.indexOf("</tr>"));
        assertTrue(homicide.contains("Victimes d&#39;homicide volontaire (fr)"), homicide);
        String safe = page.substring(at(page, "data-code=\"16.1.4\""));
        safe = safe.substring(0, safe.indexOf("</tr>"));
        assertTrue(safe.contains("Feeling safe walking alone") && !safe.contains("Indicateur local"), safe);
        assertTrue(homicide.contains("per100k"), "the unit stays the city's");
        // one received export's own page names it the same way
        var link = java.util.regex.Pattern.compile("href=\"(/exchange/received/\\d+)\"").matcher(fr.get("/exchange/received").body());
        assertTrue(link.find());
        String received = fr.get(link.group(1)).body();
        assertTrue(received.contains("Victimes d&#39;homicide volontaire (fr)") && !received.contains("Indicateur local"));
    }

    @Test
    void everyoneSignedInReadsTheRollup() {
        Browser partner = kit.signedIn("demo-partner", "demo-city-2026");
        assertEquals(200, partner.get("/exchange/rollup").statusCode());
        assertEquals(200, partner.get("/exchange/rollup.csv").statusCode());
        assertEquals(303, kit.browser().get("/exchange/rollup").statusCode(), "not signed in: to the sign-in page");
    }
}
