package org.safercities.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;
import org.safercities.platform.areas.Area;
import org.safercities.platform.links.DiagnosisFigures;
import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.links.StrategyFigures;
import org.safercities.strategy.StrategyModule;

/**
 * Monitoring over real HTTP on the demo city, with the real diagnosis and strategy beside it (real Derby): computed
 * values checked against an independent computation from the published figures, entered values and their
 * validation, targets and the halve-by-2030 trajectory, roles, disclosure control, CSV and XLSX.
 */
class MonitoringHttpTest {

    static final String PASSWORD = "demo-city-2026";
    static TestKit kit;
    static PlatformServices platform;
    static MonitoringService service;

    @BeforeAll
    static void start() throws Exception {
        PlatformServices[] holder = new PlatformServices[1];
        MonitoringModule[] module = new MonitoringModule[1];
        kit = TestKit.start(Files.createTempDirectory("monitoring-test"), Map.of("demo", "true"), List.of(
                new Kit.ModuleSpec("diagnosis", DiagnosisModule::new),
                new Kit.ModuleSpec("strategy", StrategyModule::new),
                new Kit.ModuleSpec("monitoring", p -> {
                    holder[0] = p;
                    module[0] = new MonitoringModule(p);
                    return module[0];
                })));
        platform = holder[0];
        service = module[0].service();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static Browser as(String who) {
        Browser b = kit.browser();
        assertEquals(303, b.signIn("demo-" + who, PASSWORD).statusCode());
        return b;
    }

    static long root() {
        return platform.areas().root().orElseThrow().id();
    }

    static Value computed(String code, String period, long area, String sex, String band) {
        return service.snapshot().values().stream().filter(v -> v.indicator().equals(code) && v.period().equals(period)
                && v.area() == area && v.sex().equals(sex) && v.ageBand().equals(band) && !v.entered()).findFirst()
                .orElseThrow(() -> new AssertionError(code + " " + period + " " + area + " " + sex + " " + band));
    }

    @Test
    void homicideRatesAreTheFiguresOverThePopulationComputedIndependently() {
        DiagnosisFigures d = platform.links().find(DiagnosisFigures.class).orElseThrow();
        int year = d.incidentYears().get(d.incidentYears().size() - 1);
        Area ward = platform.areas().all().stream().filter(a -> a.level() == 2).findFirst().orElseThrow();
        long city = 0;
        long inWard = 0;
        long women = 0;
        for (DiagnosisFigures.IncidentCell c : d.incidents(year)) {
            if (c.iccs().equals("0101")) {
                city += c.count();
                inWard += ward.id() == (c.areaId() == null ? -1 : c.areaId()) ? c.count() : 0;
                women += c.sex().equals("F") ? c.count() : 0;
            }
        }
        assertTrue(city > 0, "the demo has homicides in " + year);
        long persons = platform.areas().populationTotal(root(), year).orElseThrow();
        Value v = computed("16.1.1", "" + year, 0, "", "");
        assertEquals(city * 100_000.0 / persons, v.value(), 1e-9);
        assertEquals(city, v.count());
        Value w = computed("16.1.1", "" + year, ward.id(), "", "");
        assertEquals(inWard * 100_000.0 / platform.areas().populationTotal(ward.id(), year).orElseThrow(), w.value(), 1e-9);
        long female = platform.areas().allPopulation().stream().filter(p -> p.year() == year && p.sex().equals("F")
                && platform.areas().byId(p.areaId()).map(a -> a.level() == 2).orElse(false) && !p.ageBand().equals("total"))
                .mapToLong(org.safercities.platform.areas.Population::persons).sum();
        assertEquals(women * 100_000.0 / female, computed("16.1.1", "" + year, 0, "F", "").value(), 1e-9);
    }

    @Test
    void surveyValuesAreTheEstimatesInPercentWithTheirInterval() {
        DiagnosisFigures d = platform.links().find(DiagnosisFigures.class).orElseThrow();
        DiagnosisFigures.SurveyEstimate e = d.surveyEstimates().stream()
                .filter(s -> s.indicator().equals("16.1.4") && s.areaId() == null && s.sex().isEmpty()).findFirst().orElseThrow();
        Value v = computed("16.1.4", "" + service.surveyYear(), 0, "", "");
        assertEquals(e.share() * 100, v.value(), 1e-9);
        assertEquals(e.low() * 100, v.low(), 1e-9);
        assertEquals(e.high() * 100, v.high(), 1e-9);
        assertEquals(e.respondents(), v.count());
    }

    @Test
    void investmentPerCapitaIsTheYearsBudgetOverThePopulation() {
        StrategyFigures s = platform.links().find(StrategyFigures.class).orElseThrow();
        Map<Integer, Long> byYear = new HashMap<>();
        s.budget().forEach(b -> byYear.merge(b.year(), b.amountMinor(), Long::sum));
        int year = byYear.keySet().stream().max(Integer::compare).orElseThrow();
        // the population of the year, else of the nearest year known (the demo's strategy runs past its census years)
        java.util.TreeSet<Integer> known = new java.util.TreeSet<>(platform.areas().populationByYear(root()).keySet());
        int census = known.contains(year) ? year : known.floor(year) != null ? known.floor(year) : known.ceiling(year);
        double expected = byYear.get(year) / 100.0 / platform.areas().populationTotal(root(), census).orElseThrow(); // KES: 2 digits
        assertEquals(expected, computed("G62", "" + year, 0, "", "").value(), 1e-9);
        double levels = service.snapshot().values().stream().filter(v -> v.indicator().startsWith("G62:")
                && v.period().equals("" + year)).mapToDouble(Value::value).sum();
        assertEquals(expected, levels, 1e-9, "the government levels add up to the total");
    }

    @Test
    void theDashboardShowsEveryBuiltInIndicatorInEnglishAndChinese() {
        Browser b = as("coordinator");
        String en = b.get("/monitoring?lang=en").body();
        for (Indicator i : Catalogue.BUILT_IN) {
            assertTrue(en.contains("data-code=\"" + i.code() + "\""), i.code());
        }
        assertTrue(en.contains("Number of victims of intentional homicide per 100,000 population"));
        String zh = b.get("/monitoring?lang=zh").body();
        assertTrue(zh.contains("每10万人中故意杀人案的受害者人数"), "the official Chinese SDG name");
        assertEquals(200, b.get("/monitoring/dashboard.json").statusCode());
        String ar = b.get("/monitoring/indicators/16.1.1?lang=ar").body();
        assertTrue(ar.contains("dir=\"rtl\""));
    }

    @Test
    void aValueIsEnteredAndABadOneIsRefusedWithTheInputKeptAndNothingStored() {
        Browser b = as("analyst");
        b.get("/monitoring/indicators/16.1.4");
        long before = kit.scalar("SELECT COUNT(*) FROM monitoring_value");
        Map<String, String> bad = new HashMap<>(Map.of("period", "2023", "areaId", "", "sex", "F", "ageBand", "",
                "value", "150", "low", "", "high", "", "count", "", "source", "Household survey <b>2023</b>",
                "quality", "good"));
        HttpResponse<String> r = b.post("/monitoring/indicators/16.1.4/values", bad);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("value=\"150\""), "the typed value is kept");
        assertTrue(r.body().contains("The value was not saved"), "the notice above the form");
        assertTrue(r.body().contains("between 0 and 100"), r.body().length() + "");
        assertTrue(r.body().contains("Household survey &lt;b&gt;2023&lt;/b&gt;"), "kept and escaped");
        assertEquals(before, kit.scalar("SELECT COUNT(*) FROM monitoring_value"));
        for (Map.Entry<String, String> wrong : List.of(Map.entry("period", "2023-13"), Map.entry("period", "2099"),
                Map.entry("value", "abc"), Map.entry("value", "NaN"), Map.entry("quality", "great"),
                Map.entry("ageBand", "20-24"), Map.entry("areaId", "999999"))) {
            Map<String, String> f = new HashMap<>(bad);
            f.put("value", "61,5");
            f.put(wrong.getKey(), wrong.getValue());
            assertEquals(422, b.post("/monitoring/indicators/16.1.4/values", f).statusCode(), wrong.toString());
        }
        bad.put("value", "61,5");
        bad.put("low", "58");
        bad.put("high", "65");
        bad.put("count", "412");
        HttpResponse<String> ok = b.post("/monitoring/indicators/16.1.4/values", bad);
        assertEquals(303, ok.statusCode(), ok.body());
        assertEquals(before + 1, kit.scalar("SELECT COUNT(*) FROM monitoring_value"));
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'monitoring.value.create'"));
        assertTrue(service.snapshot().values().stream().anyMatch(v -> v.entered() && v.value() == 61.5 && v.sex().equals("F")));
        HttpResponse<String> twice = b.post("/monitoring/indicators/16.1.4/values", bad);
        assertEquals(422, twice.statusCode());
        assertTrue(twice.body().contains("There is already a value for 2023"));
        assertEquals(before + 1, kit.scalar("SELECT COUNT(*) FROM monitoring_value"));
    }

    @Test
    void rolesAreCheckedOnTheServer() {
        Browser partner = as("partner");
        assertEquals(200, partner.get("/monitoring").statusCode());
        Map<String, String> f = Map.of("period", "2022", "value", "1", "source", "x", "quality", "good");
        assertEquals(403, partner.post("/monitoring/indicators/16.1.1/values", f).statusCode());
        Browser analyst = as("analyst");
        analyst.get("/monitoring");
        assertEquals(403, analyst.post("/monitoring/indicators/16.1.1/target",
                Map.of("baselinePeriod", "2020", "target", "1", "targetPeriod", "2030")).statusCode());
        assertEquals(403, analyst.post("/monitoring/settings", Map.of("surveyYear", "2024")).statusCode());
        Browser member = as("member");
        member.get("/monitoring/indicators/16.1.1");
        assertEquals(403, member.post("/monitoring/indicators/16.1.1/values", f).statusCode());
        HttpResponse<String> note = member.post("/monitoring/indicators/16.1.1/notes",
                Map.of("period", "2024", "worked", "Street lighting in ward 3", "where", "Ward 3", "why", "More people out at night"));
        assertEquals(303, note.statusCode());
        assertTrue(member.get("/monitoring/indicators/16.1.1").body().contains("Street lighting in ward 3"));
        // a forged request without the token changes nothing
        assertEquals(403, member.postRaw("/monitoring/indicators/16.1.1/notes", Map.of("period", "2024", "worked", "x"),
                Map.of()).statusCode());
    }

    @Test
    void theHalveBy2030TargetIsHalfTheBaselineAndProgressFollowsTheLine() {
        Browser b = as("coordinator");
        b.get("/monitoring/indicators/16.1.1");
        DiagnosisFigures d = platform.links().find(DiagnosisFigures.class).orElseThrow();
        String first = "" + d.incidentYears().get(0);
        double baseline = computed("16.1.1", first, 0, "", "").value();
        assertEquals(303, b.post("/monitoring/indicators/16.1.1/halve", Map.of("version", "0")).statusCode());
        Progress p = service.snapshot().progress().get("16.1.1");
        assertEquals(baseline, p.baseline(), 1e-9);
        assertEquals(first, p.baselinePeriod());
        assertEquals(baseline / 2, p.target(), 1e-9);
        assertEquals("2030", p.targetPeriod());
        Double expected = Progress.expected(baseline, first, baseline / 2, "2030", p.latestPeriod());
        assertEquals(p.latest() <= expected ? "on_track" : "off_track", p.status());
        // an up indicator cannot be halved; a stale version is refused
        assertEquals(422, b.post("/monitoring/indicators/16.1.4/halve", Map.of("version", "0")).statusCode());
        HttpResponse<String> stale = b.post("/monitoring/indicators/16.1.1/target", Map.of("baseline", "", "baselinePeriod",
                first, "target", "1", "targetPeriod", "2028", "version", "0"));
        assertEquals(409, stale.statusCode());
        HttpResponse<String> backwards = b.post("/monitoring/indicators/16.1.1/target", Map.of("baseline", "3",
                "baselinePeriod", "2024", "target", "1", "targetPeriod", "2020", "version", "1"));
        assertEquals(422, backwards.statusCode());
        assertTrue(backwards.body().contains("value=\"2020\""));
        assertEquals(303, b.post("/monitoring/indicators/16.1.1/target", Map.of("baseline", "", "baselinePeriod", first,
                "target", "0.0001", "targetPeriod", "2028", "version", "1")).statusCode());
        assertEquals("off_track", service.snapshot().progress().get("16.1.1").status());
    }

    @Test
    void partnerViewersAndExportsNeverSeeASmallCountWhileStaffDo() throws Exception {
        MonitoringService.Snapshot s = service.snapshot();
        Value small = s.values().stream().filter(v -> v.count() != null && v.count() >= 1 && v.count() < service.threshold()
                && v.indicator().equals("16.1.1") && v.area() != 0).findFirst().orElseThrow();
        assertTrue(s.hidden().contains(small.key()));
        Area area = platform.areas().byId(small.area()).orElseThrow();
        String page = "/monitoring/indicators/16.1.1?period=" + small.period() + "&lang=en";
        String staff = as("coordinator").get(page).body();
        String partner = as("partner").get(page).body();
        String row = "<td dir=\"auto\">" + area.name() + "</td><td>All</td><td><bdi>All</bdi></td><td class=\"num\">";
        assertTrue(staff.contains(row + new Views(platform.areas()).row(platform.pages().translator("en"),
                service.indicator("16.1.1"), "KES", small, false).value()), "staff see the exact rate");
        assertTrue(partner.contains(row + "hidden"), "partner viewers do not");
        // the CSV (for anyone) hides it, and no count below the threshold is in it
        String csv = as("coordinator").get("/monitoring/values.csv?lang=en").body();
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",", -1);
            if (cells.length > 11 && cells[11].matches("\\d+")) {
                long n = Long.parseLong(cells[11]);
                assertFalse(n >= 1 && n < service.threshold(), line);
            }
        }
        assertTrue(csv.contains(",yes"), "suppressed rows are marked");
        // every small value of a rate list has at least one other hidden value beside it (secondary suppression)
        long hiddenInYear = s.values().stream().filter(v -> v.indicator().equals("16.1.1") && v.period().equals(small.period())
                && s.hidden().contains(v.key())).count();
        assertTrue(hiddenInYear >= 2);
    }

    @Test
    void theXlsxHoldsTheSameRowsAsTheCsv() throws Exception {
        Browser b = as("analyst");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(kit.base() + "/monitoring/values.xlsx"))
                .header("Cookie", "sck_session=" + b.cookie("sck_session")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        List<Row> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.body()))) {
            wb.getFirstSheet().openStream().forEach(rows::add);
        }
        long csvRows = b.get("/monitoring/values.csv").body().split("\r\n").length;
        assertEquals(csvRows, rows.size());
        assertEquals("indicator", rows.get(0).getCellText(0));
    }

    @Test
    void indicatorValuesArePublishedForTheExchange() {
        IndicatorValues published = platform.links().find(IndicatorValues.class).orElseThrow();
        assertEquals(Catalogue.BUILT_IN.size(), published.indicators("fr").stream()
                .filter(i -> i.origin().equals("builtin") && !i.code().startsWith("G62:")).count());
        assertTrue(published.indicators("fr").stream().anyMatch(i -> i.name().startsWith("Nombre de victimes d’homicide")));
        List<IndicatorValues.Value> values = published.values(2000, 2100);
        assertTrue(values.stream().anyMatch(v -> v.indicator().equals("16.1.1") && v.method().equals("computed")
                && v.source().equals("diagnosis: incident records") && v.count() != null));
        assertEquals(service.indicators().size(), published.progress().size());
        // every value's indicator is named (the export and the roll-up show names, not bare codes), the investment
        // per capita by government level too
        Map<String, String> names = new java.util.HashMap<>();
        published.indicators("fr").forEach(i -> names.put(i.code(), i.name()));
        assertEquals(List.of(), values.stream().map(IndicatorValues.Value::indicator).filter(c -> !names.containsKey(c))
                .distinct().toList());
        String local = values.stream().map(IndicatorValues.Value::indicator).filter(c -> c.startsWith("G62:")).findFirst()
                .orElseThrow();
        assertTrue(names.get(local).startsWith(names.get("G62") + " ("), names.get(local));
    }

    @Test
    void computedValuesAreMadeOncePerVersionOfTheFigures() {
        MonitoringService.Snapshot a = service.snapshot();
        assertSame(a, service.snapshot());
        Browser b = as("coordinator");
        b.get("/monitoring");
        assertEquals(303, b.post("/monitoring/settings", Map.of("surveyYear", "2024")).statusCode());
        MonitoringService.Snapshot c = service.snapshot();
        assertNotSame(a, c);
        assertEquals(2024, c.surveyYear());
        assertNotNull(computed("16.1.4", "2024", 0, "", ""));
        assertEquals(422, b.post("/monitoring/settings", Map.of("surveyYear", "3000")).statusCode());
    }

    @Test
    void aLocalIndicatorIsAddedWithItsRangeAndCheckedLikeTheOthers() {
        Browser b = as("analyst");
        b.get("/monitoring/catalogue");
        Map<String, String> f = new HashMap<>(Map.of("code", "L-LIGHTS", "name", "Street lights working", "definition",
                "Share of street lights working at the night audit", "unit", "%", "direction", "up", "frequency",
                "quarterly", "min", "0", "max", "100"));
        assertEquals(303, b.post("/monitoring/catalogue", f).statusCode());
        HttpResponse<String> again = b.post("/monitoring/catalogue", f);
        assertEquals(422, again.statusCode());
        assertTrue(again.body().contains("already has an indicator"));
        b.get("/monitoring/indicators/L-LIGHTS");
        assertEquals(303, b.post("/monitoring/indicators/L-LIGHTS/values", Map.of("period", "2025-q2", "value", "87",
                "source", "Night audit", "quality", "provisional")).statusCode());
        assertEquals(422, b.post("/monitoring/indicators/L-LIGHTS/values", Map.of("period", "2025-Q3", "value", "101",
                "source", "Night audit", "quality", "good")).statusCode());
        assertEquals(422, b.post("/monitoring/indicators/L-LIGHTS/values", Map.of("period", "2025-Q3", "value", "50",
                "sex", "F", "source", "Night audit", "quality", "good")).statusCode(), "not broken down by sex");
        assertTrue(b.get("/monitoring/indicators/L-LIGHTS").body().contains("2025-Q2"));
    }

    /** The boundaries of the tree's levels are kept once each; levels asked for in the query string that the tree
     *  does not have are answered empty and not kept (a loop over made-up levels filled the heap). */
    @Test
    void boundariesAreKeptOnlyForTheTreesOwnLevels() {
        Browser b = as("partner"); // the least of the roles: any signed-in account may ask
        String ward = b.get("/monitoring/areas.json?level=2").body();
        assertTrue(ward.contains("\"Feature\""), ward);
        for (int level = 3; level < 2_000; level++) {
            assertEquals(MonitoringRoutes.Geometry.EMPTY, b.get("/monitoring/areas.json?level=" + level).body());
        }
        assertEquals(MonitoringRoutes.Geometry.EMPTY, b.get("/monitoring/areas.json?level=-7").body());
        MonitoringRoutes.Geometry geometry = new MonitoringRoutes.Geometry(platform.areas());
        for (int level = -5; level < 5_000; level++) {
            geometry.featureCollection(level);
        }
        long levels = platform.areas().all().stream().mapToInt(Area::level).distinct().count();
        assertEquals(levels, geometry.levelsKept());
    }
}
