package org.safercities.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.links.NationalProfile;

/**
 * Monitoring with diagnosis and strategy switched off (nothing computed, values entered still work), and with a
 * kit profile's national indicator set (a small NationalProfile published by a test module, as the platform does).
 */
class MonitoringAloneTest {

    TestKit kit;
    ModuleLinks links;

    /** Stands in for the kit profile: one national indicator with names in English and Chinese. */
    static final class Profile implements KitModule {
        Profile(ModuleLinks links) {
            links.publish(NationalProfile.class, new NationalProfile() {
                public String name() {
                    return "Test national kit 2026";
                }

                public String country() {
                    return "KE";
                }

                public List<NationalIndicator> indicators() {
                    return List.of(new NationalIndicator("KE-7", Map.of("en", "Schools with a safety plan", "zh", "有安全计划的学校"),
                            Map.of("en", "Share of schools with an adopted safety plan"), "percent", "up", "yearly",
                            List.of("area", "colour")),
                            new NationalIndicator("16.1.1", Map.of("en", "Homicide (national copy)"), Map.of(), "per100k",
                                    "down", "yearly", List.of()));
                }

                public List<Recipient> recipients() {
                    return List.of();
                }
            });
        }

        public String name() {
            return "profile";
        }

        public List<String> migrationFiles() {
            return List.of();
        }

        public void routing(HttpRouting.Builder routing) {
        }

        public List<MenuEntry> menu() {
            return List.of();
        }
    }

    void start(boolean withProfile) throws Exception {
        kit = TestKit.start(Files.createTempDirectory("monitoring-alone"), Map.of("demo", "true"),
                withProfile ? List.of(new Kit.ModuleSpec("profile", p -> new Profile(p.links())),
                        new Kit.ModuleSpec("monitoring", p -> {
                            links = p.links();
                            return new MonitoringModule(p);
                        }))
                        : List.of(new Kit.ModuleSpec("monitoring", p -> {
                            links = p.links();
                            return new MonitoringModule(p);
                        })));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    Browser as(String who) {
        Browser b = kit.browser();
        assertEquals(303, b.signIn("demo-" + who, "demo-city-2026").statusCode());
        return b;
    }

    @Test
    void withoutDiagnosisAndStrategyNothingIsComputedAndEnteredValuesStillCount() throws Exception {
        start(false);
        Browser b = as("coordinator");
        String page = b.get("/monitoring?lang=en").body();
        assertTrue(page.contains("data-code=\"16.1.1\""));
        IndicatorValues published = links.find(IndicatorValues.class).orElseThrow();
        assertTrue(published.values(1990, 2100).isEmpty());
        assertTrue(published.progress().stream().allMatch(p -> p.status().equals("no_data")));
        assertTrue(b.get("/monitoring/indicators/16.1.1").body().contains("id=\"no-values\""));
        assertEquals(303, b.post("/monitoring/indicators/16.1.1/values", Map.of("period", "2023", "value", "4,2",
                "count", "38", "source", "National police annual report", "quality", "good")).statusCode());
        assertEquals(303, b.post("/monitoring/indicators/16.1.1/values", Map.of("period", "2025", "value", "3.1",
                "count", "29", "source", "National police annual report", "quality", "provisional")).statusCode());
        assertEquals(303, b.post("/monitoring/indicators/16.1.1/target", Map.of("baseline", "", "baselinePeriod", "2023",
                "target", "2.1", "targetPeriod", "2030", "version", "0")).statusCode());
        IndicatorValues.Progress p = published.progress().stream().filter(x -> x.indicator().equals("16.1.1")).findFirst()
                .orElseThrow();
        assertEquals(4.2, p.baseline(), 1e-12, "the baseline is read from the 2023 value");
        assertEquals(3.1, p.latest(), 1e-12);
        assertEquals("on_track", p.status(), "3.1 is below the line from 4.2 (2023) to 2.1 (2030) at 2025 (3.6)");
        assertTrue(b.get("/monitoring/report").body().contains("3.1"));
    }

    @Test
    void theProfilesIndicatorsJoinTheCatalogueAsNational() throws Exception {
        start(true);
        IndicatorValues published = links.find(IndicatorValues.class).orElseThrow();
        IndicatorValues.Indicator ke = published.indicators("zh").stream().filter(i -> i.code().equals("KE-7")).findFirst()
                .orElseThrow();
        assertEquals("national", ke.origin());
        assertEquals("有安全计划的学校", ke.name());
        assertEquals("Schools with a safety plan", published.indicators("fr").stream()
                .filter(i -> i.code().equals("KE-7")).findFirst().orElseThrow().name(), "English when the language is missing");
        assertEquals("builtin", published.indicators("en").stream().filter(i -> i.code().equals("16.1.1")).findFirst()
                .orElseThrow().origin(), "a national copy of a built-in code does not replace it");
        Browser b = as("analyst");
        assertTrue(b.get("/monitoring/catalogue?lang=zh").body().contains("有安全计划的学校"));
        b.get("/monitoring/indicators/KE-7");
        HttpResponse<String> over = b.post("/monitoring/indicators/KE-7/values", Map.of("period", "2025", "value", "120",
                "source", "Ministry", "quality", "good"));
        assertEquals(422, over.statusCode(), "a percent is at most 100");
        assertEquals(422, b.post("/monitoring/indicators/KE-7/values", Map.of("period", "2025", "value", "60", "sex", "F",
                "source", "Ministry", "quality", "good")).statusCode(), "the profile did not break it down by sex");
        assertEquals(303, b.post("/monitoring/indicators/KE-7/values", Map.of("period", "2025", "value", "60",
                "source", "Ministry", "quality", "good")).statusCode());
        assertEquals(1, published.values(2025, 2025).size());
    }
}
