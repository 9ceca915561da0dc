package org.safercities.diagnosis.walks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.ActorDirectory;

/** Safety walks over real HTTP on a real demo kit (Derby in a temporary folder), with and without partners. */
class WalkHttpTest {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;
    final AtomicReference<PlatformServices> platform = new AtomicReference<>();

    /** Stands in for the partnerships module: publishes two partners, as that module publishes its actors. */
    static final class Partners implements KitModule {
        Partners(PlatformServices p) {
            p.links().publish(ActorDirectory.class, new ActorDirectory() {
                final List<ActorRef> all = List.of(new ActorRef(7, "Municipal lighting department", "local_government"),
                        new ActorRef(8, "Women's market association", "women_led"));

                @Override
                public List<ActorRef> actors() {
                    return all;
                }

                @Override
                public Optional<ActorRef> actor(long id) {
                    return all.stream().filter(a -> a.id() == id).findFirst();
                }
            });
        }

        @Override
        public String name() {
            return "partners";
        }

        @Override
        public List<String> migrationFiles() {
            return List.of();
        }

        @Override
        public void routing(io.helidon.webserver.http.HttpRouting.Builder routing) {
        }

        @Override
        public List<MenuEntry> menu() {
            return List.of();
        }
    }

    void start(boolean withPartners) throws Exception {
        List<Kit.ModuleSpec> specs = new java.util.ArrayList<>();
        if (withPartners) {
            specs.add(new Kit.ModuleSpec("partners", Partners::new));
        }
        specs.add(new Kit.ModuleSpec("diagnosis", p -> {
            platform.set(p);
            return new DiagnosisModule(p);
        }));
        kit = TestKit.start(Files.createTempDirectory("walks-test"), Map.of("demo", "true"), specs);
    }

    @BeforeEach
    void startWithoutPartners() throws Exception {
        start(false);
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

    String text(String sql) {
        return kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    long ward() {
        return one("SELECT MIN(id) FROM platform_area WHERE level = 2");
    }

    static Map<String, String> walk(long area, String place, String findings, String version) {
        Map<String, String> f = new HashMap<>();
        f.put("date", "2025-03-14");
        f.put("time", "19:30");
        f.put("areaId", Long.toString(area));
        f.put("place", place);
        f.put("lon", "0.0100");
        f.put("lat", "0,05");
        WalkCodes.PARAMETERS.forEach(p -> f.put(p, "1"));
        f.put("feeling", "0");
        f.put("lighting", "3");
        f.put("p_F_18-29", "6");
        f.put("p_F_30-59", "4");
        f.put("p_M_60+", "1");
        f.put("findings", findings);
        f.put("fixes", "Repair the lights.");
        f.put("actionBy", "Works department");
        f.put("version", version);
        return f;
    }

    @Test
    void theDemoHasTwelveWalksEachWithAPointInsideItsWardAndFactors() {
        assertEquals(WalkDemo.WALKS, one("SELECT COUNT(*) FROM diagnosis_walk"));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_walk WHERE place NOT LIKE '[Demo]%' OR longitude IS NULL"));
        assertTrue(one("SELECT COUNT(*) FROM diagnosis_factor") >= 10);
        assertTrue(one("SELECT COUNT(DISTINCT kind) FROM diagnosis_factor") == 2);
        WalkService service = new WalkService(platform.get());
        List<WalkService.WalkPoint> points = service.points();
        assertEquals(WalkDemo.WALKS, points.size());
        Pattern pair = Pattern.compile("\\[\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)");
        for (WalkService.WalkPoint p : points) {
            Matcher m = pair.matcher(platform.get().areas().geometry(p.areaId()).orElseThrow());
            double minX = 999, minY = 999, maxX = -999, maxY = -999;
            while (m.find()) {
                double x = Double.parseDouble(m.group(1));
                double y = Double.parseDouble(m.group(2));
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
            assertTrue(p.lon() > minX && p.lon() < maxX && p.lat() > minY && p.lat() < maxY, p.toString());
            assertTrue(p.meanScore() >= 0 && p.meanScore() <= 3);
        }
        Browser b = as("demo-coordinator");
        assertTrue(b.get("/").body().contains("href=\"/diagnosis/walks\""), "menu entry");
        HttpResponse<String> list = b.get("/diagnosis/walks");
        assertEquals(200, list.statusCode());
        assertEquals(WalkDemo.WALKS, count(list.body(), "href=\"/diagnosis/walks/\\d+\""));
    }

    @Test
    void createShowEditWithAStaleVersionAndDeleteAreAudited() {
        Browser c = as("demo-coordinator");
        c.get("/diagnosis/walks/new");
        HttpResponse<String> created = c.post("/diagnosis/walks", walk(ward(), "Footbridge by the <b>school</b>",
                "Dark corner <script>alert(1)</script>\nSecond line", "0"));
        assertEquals(303, created.statusCode(), created.body());
        long id = one("SELECT MAX(id) FROM diagnosis_walk");
        assertEquals("/diagnosis/walks/" + id, created.headers().firstValue("Location").orElseThrow());
        assertEquals(3, one("SELECT COUNT(*) FROM diagnosis_walk_participant WHERE walk_id = " + id));
        assertEquals(11, one("SELECT SUM(n) FROM diagnosis_walk_participant WHERE walk_id = " + id));
        assertEquals(19 * 60 + 30, one("SELECT start_min FROM diagnosis_walk WHERE id = " + id));
        assertEquals(500, one("SELECT CAST(FLOOR(latitude * 10000 + 0.5) AS INT) FROM diagnosis_walk WHERE id = " + id),
                "a decimal comma is read as a point");

        HttpResponse<String> page = c.get("/diagnosis/walks/" + id);
        assertEquals(200, page.statusCode());
        assertFalse(page.body().contains("<script>alert(1)"), "script must be escaped");
        assertTrue(page.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertTrue(page.body().contains("&lt;b&gt;school&lt;/b&gt;"));
        assertTrue(page.body().contains("Bright: well lit everywhere"), "meaning of the lighting score 3");
        assertTrue(page.body().contains("Frightening"), "meaning of the feeling score 0");

        c.get("/diagnosis/walks/" + id + "/edit");
        assertEquals(303, c.post("/diagnosis/walks/" + id, walk(ward(), "Footbridge", "Better now", "0")).statusCode());
        HttpResponse<String> stale = c.post("/diagnosis/walks/" + id, walk(ward(), "Footbridge", "Mine instead", "0"));
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("Mine instead"), "input kept");
        assertTrue(stale.body().contains("Someone else changed this record"), stale.body());
        assertEquals("Better now", text("SELECT findings FROM diagnosis_walk WHERE id = " + id));

        assertEquals(303, c.post("/diagnosis/walks/" + id + "/delete", Map.of()).statusCode());
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_walk WHERE id = " + id));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_walk_participant WHERE walk_id = " + id));
        for (String action : List.of("create", "update", "delete")) {
            assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'diagnosis.walk." + action
                    + "' AND record_id = '" + id + "' AND actor = 'demo-coordinator'"), action);
        }
        assertEquals(0, one("SELECT COUNT(*) FROM platform_audit WHERE action LIKE 'diagnosis.walk.%' AND detail LIKE '%Better%'"),
                "findings never reach the audit log");
        assertEquals(404, c.get("/diagnosis/walks/" + id).statusCode());
    }

    @Test
    void badInputIsRefusedWith422InTheUsersLanguageKeepingTheInputAndChangingNothing() {
        Browser c = as("demo-coordinator");
        long before = one("SELECT COUNT(*) FROM diagnosis_walk");
        c.get("/diagnosis/walks/new");
        Map<String, String> f = walk(ward(), "Market lane", "Kept text", "0");
        f.put("lon", "200");
        f.put("lighting", "4");
        f.put("date", "2999-01-01");
        f.put("time", "25:00");
        HttpResponse<String> r = c.post("/diagnosis/walks", f);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("between -180 and 180"), r.body());
        assertTrue(r.body().contains("Choose a score from 0 to 3."));
        assertTrue(r.body().contains("not in the future"));
        assertTrue(r.body().contains("Kept text") && r.body().contains("Market lane"), "input kept");

        Map<String, String> noLat = walk(ward(), "Market lane", "", "0");
        noLat.put("lat", "");
        assertTrue(c.post("/diagnosis/walks", noLat).body().contains("Give both longitude and latitude"));
        Map<String, String> nobody = walk(ward(), "Market lane", "", "0");
        List.of("p_F_18-29", "p_F_30-59", "p_M_60+").forEach(k -> nobody.put(k, ""));
        nobody.put("p_O_u18", "-3");
        assertEquals(422, c.post("/diagnosis/walks", nobody).statusCode());
        Map<String, String> badArea = walk(999_999, "Market lane", "", "0");
        assertEquals(422, c.post("/diagnosis/walks", badArea).statusCode());

        assertEquals(303, c.post("/language", Map.of("lang", "fr", "next", "/diagnosis/walks/new")).statusCode());
        c.get("/diagnosis/walks/new");
        HttpResponse<String> fr = c.post("/diagnosis/walks", f);
        assertEquals(422, fr.statusCode());
        assertTrue(fr.body().contains("Choisissez une note de 0 à 3."), fr.body());
        assertTrue(fr.body().contains("La longitude doit être un nombre entre -180 et 180."));
        assertEquals(before, one("SELECT COUNT(*) FROM diagnosis_walk"));
    }

    @Test
    void partnerViewersSeeScoresButNotTheFreeTextAndCannotChangeOrExport() {
        Browser c = as("demo-coordinator");
        c.get("/diagnosis/walks/new");
        assertEquals(303, c.post("/diagnosis/walks", walk(ward(), "Bus stop", "Ms Example was harassed here", "0")).statusCode());
        long id = one("SELECT MAX(id) FROM diagnosis_walk");
        Browser p = as("demo-partner");
        HttpResponse<String> page = p.get("/diagnosis/walks/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Bus stop"));
        assertTrue(page.body().contains("Bright: well lit everywhere"));
        assertFalse(page.body().contains("Ms Example"), "findings hidden from partner viewers");
        assertFalse(page.body().contains("Repair the lights"), "fixes hidden from partner viewers");
        assertEquals(200, p.get("/diagnosis/walks").statusCode());
        assertEquals(403, p.get("/diagnosis/walks.csv").statusCode());
        assertEquals(403, p.get("/diagnosis/walks/new").statusCode());
        assertEquals(403, p.post("/diagnosis/walks/" + id + "/delete", Map.of()).statusCode());
        assertEquals(403, p.post("/diagnosis/walks", walk(ward(), "x", "", "0")).statusCode());
        Browser member = as("demo-member");
        assertTrue(member.get("/diagnosis/walks/" + id).body().contains("Ms Example"), "technical group is staff");
        int anonymous = kit.browser().get("/diagnosis/walks").statusCode();
        assertTrue(anonymous == 401 || anonymous == 303, "not signed in: " + anonymous);
    }

    @Test
    void csvExportFiltersByAreaAndYearAndNeutralisesFormulas() {
        Browser c = as("demo-coordinator");
        c.get("/diagnosis/walks/new");
        Map<String, String> f = walk(ward(), "=HYPERLINK(\"http://x\")", "+1 danger", "0");
        f.put("date", "2019-05-01");
        assertEquals(303, c.post("/diagnosis/walks", f).statusCode());
        HttpResponse<String> csv = c.get("/diagnosis/walks.csv?year=2019");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = csv.body().strip().split("\r\n");
        assertEquals(2, lines.length, csv.body());
        assertTrue(lines[0].startsWith("\ufeffid,date,time,area_code"));
        assertTrue(lines[1].contains("'=HYPERLINK"), lines[1]);
        assertTrue(lines[1].contains("'+1 danger"), lines[1]);
        assertTrue(lines[1].contains(",2019-05-01,19:30,"), lines[1]);
        long all = c.get("/diagnosis/walks.csv").body().strip().split("\r\n").length - 1;
        assertEquals(WalkDemo.WALKS + 1, all);
        long root = one("SELECT id FROM platform_area WHERE parent_id IS NULL");
        assertEquals(all, c.get("/diagnosis/walks.csv?area=" + root).body().strip().split("\r\n").length - 1,
                "the city contains every ward");
        long inWard = one("SELECT COUNT(*) FROM diagnosis_walk WHERE area_id = " + ward());
        assertEquals(inWard, c.get("/diagnosis/walks.csv?area=" + ward()).body().strip().split("\r\n").length - 1);
        HttpResponse<String> list = c.get("/diagnosis/walks?year=2019");
        assertEquals(1, count(list.body(), "href=\"/diagnosis/walks/\\d+\""));
    }

    @Test
    void theSummaryForTheReportCountsParticipantsAndAveragesEachParameter() {
        Browser c = as("demo-coordinator");
        c.get("/diagnosis/walks/new");
        Map<String, String> f = walk(ward(), "A", "first", "0");
        f.put("date", "2018-02-02");
        assertEquals(303, c.post("/diagnosis/walks", f).statusCode());
        Map<String, String> g = walk(ward(), "B", "second", "0");
        g.put("date", "2018-03-03");
        g.put("lighting", "0");
        g.put("p_O_u18", "2");
        g.put("lon", "");
        g.put("lat", "");
        assertEquals(303, c.post("/diagnosis/walks", g).statusCode());
        WalkService.WalkSummary s = new WalkService(platform.get()).summary(null, 2018);
        assertEquals(2, s.walks());
        assertEquals(24, s.participants());
        assertEquals(Map.of("F", 20, "M", 2, "O", 2), s.participantsBySex());
        assertEquals(1.5, s.meanByParameter().get("lighting"), 1e-9);
        assertEquals(0.0, s.meanByParameter().get("feeling"), 1e-9);
        assertEquals(1.0, s.meanByParameter().get("people"), 1e-9);
        // walk A: (3 + 0 + 7*1)/9, walk B: (0 + 0 + 7)/9
        assertEquals((10.0 / 9 + 7.0 / 9) / 2, s.meanScore(), 1e-9);
        assertEquals(List.of("second", "first"), s.notes().stream().map(WalkService.WalkNote::findings).toList());
        assertEquals(WalkDemo.WALKS + 1, new WalkService(platform.get()).points().size(), "B has no point");
        assertEquals(0, new WalkService(platform.get()).summary(null, 1999).walks());
    }

    @Test
    void everyPageWorksInTheSixLanguagesWithoutARawKey() {
        Browser c = as("demo-coordinator");
        long id = one("SELECT MIN(id) FROM diagnosis_walk");
        c.get("/diagnosis/walks");
        for (String lang : List.of("ar", "zh", "fr", "ru", "es", "en")) {
            assertEquals(303, c.post("/language", Map.of("lang", lang)).statusCode());
            for (String path : List.of("/diagnosis/walks", "/diagnosis/walks/new", "/diagnosis/walks/" + id,
                    "/diagnosis/walks/" + id + "/edit")) {
                HttpResponse<String> r = c.get(path);
                assertEquals(200, r.statusCode(), lang + " " + path);
                assertFalse(r.body().matches("(?s).*[^/]diagnosis\\.(walk|menu)\\.[a-z].*"), lang + " " + path + " shows a raw key");
            }
        }
        c.post("/language", Map.of("lang", "zh"));
        assertTrue(c.get("/diagnosis/walks").body().contains("妇女安全步行评估"));
    }

    @Test
    void aPartnerIsChosenFromThePartnershipsDirectoryWhenThatModuleIsThere() throws Exception {
        HttpResponse<String> without = as("demo-coordinator").get("/diagnosis/walks/new");
        assertFalse(without.body().contains("name=\"actorId\""), "no directory, no choice");
        kit.close();
        start(true);
        Browser c = as("demo-coordinator");
        HttpResponse<String> form = c.get("/diagnosis/walks/new");
        assertTrue(form.body().contains("name=\"actorId\"") && form.body().contains("Municipal lighting department"));
        Map<String, String> f = walk(ward(), "Lane", "", "0");
        f.put("actorId", "99");
        assertEquals(422, c.post("/diagnosis/walks", f).statusCode());
        f.put("actorId", "7");
        assertEquals(303, c.post("/diagnosis/walks", f).statusCode());
        long id = one("SELECT MAX(id) FROM diagnosis_walk");
        assertEquals("Municipal lighting department", text("SELECT actor_name FROM diagnosis_walk WHERE id = " + id));
        assertEquals(7, one("SELECT actor_id FROM diagnosis_walk WHERE id = " + id));
        assertTrue(as("demo-partner").get("/diagnosis/walks/" + id).body().contains("Municipal lighting department"));
        assertNotNull(new WalkService(platform.get()).actors().orElse(null));
    }

    static int count(String body, String regex) {
        Matcher m = Pattern.compile(regex).matcher(body);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
