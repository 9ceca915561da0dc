package org.safercities.diagnosis.factors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;

/** Risk and protective factors over real HTTP on a real demo kit. */
class FactorHttpTest {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;
    final AtomicReference<PlatformServices> platform = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("factors-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("diagnosis", p -> {
                    platform.set(p);
                    return new DiagnosisModule(p);
                })));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    Browser as(String user) {
        return kit.signedIn(user, PASSWORD);
    }

    long one(String sql) {
        return kit.scalar(sql);
    }

    /** A ward with no demo factor, so that counts there are the test's own. */
    long quietWard() {
        return one("SELECT MIN(a.id) FROM platform_area a WHERE a.level = 2 AND NOT EXISTS "
                + "(SELECT 1 FROM diagnosis_factor f WHERE f.area_id = a.id)");
    }

    static Map<String, String> factor(long area, String code, String kind, String name, String strength, String version) {
        Map<String, String> f = new HashMap<>();
        f.put("areaId", Long.toString(area));
        f.put("factor", code);
        f.put("kind", kind);
        f.put("customName", name);
        f.put("strength", strength);
        f.put("description", "Bars open all night <script>x()</script>");
        f.put("source", "=Police survey 2024");
        f.put("date", "2024-06-30");
        f.put("version", version);
        return f;
    }

    @Test
    void builtInAndOwnFactorsAreSavedListedPerAreaEditedAndDeletedWithTheirAudit() {
        Browser c = as("demo-coordinator");
        long ward = quietWard();
        c.get("/diagnosis/factors/new?area=" + ward);
        HttpResponse<String> r = c.post("/diagnosis/factors", factor(ward, "alcohol_drugs", "protective", "ignored", "4", "0"));
        assertEquals(303, r.statusCode(), r.body());
        long id = one("SELECT MAX(id) FROM diagnosis_factor");
        assertEquals(1, one("SELECT COUNT(*) FROM diagnosis_factor WHERE id = " + id
                + " AND kind = 'risk' AND factor_code = 'alcohol_drugs' AND custom_name IS NULL AND strength = 4"),
                "a built-in factor carries its own kind");
        assertEquals(303, c.post("/diagnosis/factors", factor(ward, "", "protective", "Mothers' night patrol", "5", "0")).statusCode());
        long own = one("SELECT MAX(id) FROM diagnosis_factor");
        assertEquals(1, one("SELECT COUNT(*) FROM diagnosis_factor WHERE id = " + own
                + " AND kind = 'protective' AND factor_code IS NULL"));

        HttpResponse<String> list = c.get("/diagnosis/factors?area=" + ward);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("Availability of alcohol and drugs"));
        assertTrue(list.body().contains("Mothers&#39; night patrol"));
        assertTrue(list.body().contains("&lt;script&gt;x()&lt;/script&gt;"));
        assertFalse(list.body().contains("<script>x()"));
        assertTrue(list.body().contains("Police survey 2024 ("), "evidence: source and date");

        c.get("/diagnosis/factors/" + id + "/edit");
        assertEquals(303, c.post("/diagnosis/factors/" + id, factor(ward, "alcohol_drugs", "", "", "2", "0")).statusCode());
        HttpResponse<String> stale = c.post("/diagnosis/factors/" + id, factor(ward, "alcohol_drugs", "", "", "5", "0"));
        assertEquals(409, stale.statusCode());
        assertEquals(2, one("SELECT strength FROM diagnosis_factor WHERE id = " + id));
        assertEquals(303, c.post("/diagnosis/factors/" + id + "/delete", Map.of()).statusCode());
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_factor WHERE id = " + id));
        for (String action : List.of("create", "update", "delete")) {
            assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'diagnosis.factor." + action
                    + "' AND record_id = '" + id + "'"), action);
        }
        Map<Long, List<RiskFactor>> byArea = new RiskFactorService(platform.get()).byArea();
        assertEquals(List.of(own), byArea.get(ward).stream().map(RiskFactor::id).toList());
    }

    @Test
    void badInputIsRefusedWith422KeepingTheInputAndChangingNothing() {
        Browser c = as("demo-coordinator");
        long before = one("SELECT COUNT(*) FROM diagnosis_factor");
        long ward = quietWard();
        c.get("/diagnosis/factors/new");
        HttpResponse<String> r = c.post("/diagnosis/factors", factor(ward, "", "", "", "9", "0"));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Name the factor"));
        assertTrue(r.body().contains("Say whether it is a risk or a protective factor."));
        assertTrue(r.body().contains("Choose a strength from 1 to 5."));
        assertTrue(r.body().contains("Bars open all night"), "input kept");
        assertEquals(422, c.post("/diagnosis/factors", factor(ward, "no_such_code", "", "", "3", "0")).statusCode());
        assertEquals(422, c.post("/diagnosis/factors", factor(999_999, "overcrowding", "", "", "3", "0")).statusCode());
        Map<String, String> future = factor(ward, "overcrowding", "", "", "3", "0");
        future.put("date", "2999-01-01");
        assertEquals(422, c.post("/diagnosis/factors", future).statusCode());
        c.post("/language", Map.of("lang", "es"));
        c.get("/diagnosis/factors/new");
        HttpResponse<String> es = c.post("/diagnosis/factors", factor(ward, "", "", "", "9", "0"));
        assertTrue(es.body().contains("Elija una intensidad de 1 a 5."), es.body());
        assertEquals(before, one("SELECT COUNT(*) FROM diagnosis_factor"));
    }

    @Test
    void theCityViewCountsAreasPerFactorAndTheCsvHasEveryFactorWithFormulasNeutralised() {
        Browser c = as("demo-coordinator");
        long ward = quietWard();
        c.get("/diagnosis/factors/new");
        assertEquals(303, c.post("/diagnosis/factors", factor(ward, "overcrowding", "", "", "4", "0")).statusCode());
        List<RiskFactorService.CityFactor> city = new RiskFactorService(platform.get()).city();
        RiskFactorService.CityFactor overcrowding = city.stream().filter(f -> "overcrowding".equals(f.code())).findFirst().orElseThrow();
        assertEquals(one("SELECT COUNT(DISTINCT area_id) FROM diagnosis_factor WHERE factor_code = 'overcrowding'"),
                overcrowding.areas());
        assertEquals("risk", city.get(0).kind(), "risks first");
        HttpResponse<String> page = c.get("/diagnosis/factors");
        assertTrue(page.body().contains("Across the city"));
        assertTrue(page.body().contains("Conditions or variables in individuals"), "the glossary definition");

        Browser p = as("demo-partner");
        HttpResponse<String> csv = p.get("/diagnosis/factors.csv");
        assertEquals(200, csv.statusCode(), "factors describe places: partners read them");
        String[] lines = csv.body().strip().split("\r\n");
        assertEquals(one("SELECT COUNT(*) FROM diagnosis_factor") + 1, lines.length);
        assertTrue(csv.body().contains(",'=Police survey 2024,2024-06-30"), csv.body());
        assertEquals(2, p.get("/diagnosis/factors.csv?area=" + ward).body().strip().split("\r\n").length);
        assertEquals(403, p.get("/diagnosis/factors/new").statusCode());
        long any = one("SELECT MIN(id) FROM diagnosis_factor");
        assertEquals(403, p.post("/diagnosis/factors/" + any + "/delete", Map.of()).statusCode());
        assertFalse(p.get("/diagnosis/factors").body().contains("/edit\""), "no edit links for partners");
    }

    @Test
    void everyPageWorksInTheSixLanguagesWithoutARawKey() {
        Browser c = as("demo-coordinator");
        long id = one("SELECT MIN(id) FROM diagnosis_factor");
        c.get("/diagnosis/factors");
        for (String lang : List.of("ar", "zh", "fr", "ru", "es", "en")) {
            assertEquals(303, c.post("/language", Map.of("lang", lang)).statusCode());
            for (String path : List.of("/diagnosis/factors", "/diagnosis/factors/new", "/diagnosis/factors/" + id + "/edit")) {
                HttpResponse<String> r = c.get(path);
                assertEquals(200, r.statusCode(), lang + " " + path);
                assertFalse(r.body().matches("(?s).*[^/]diagnosis\\.(factor|menu)\\.[a-z].*"), lang + " " + path + " shows a raw key");
            }
        }
        c.post("/language", Map.of("lang", "zh"));
        String zh = c.get("/diagnosis/factors").body();
        assertTrue(zh.contains("风险因素") && zh.contains("保护因素"));
    }
}
