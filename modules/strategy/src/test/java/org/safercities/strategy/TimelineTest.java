package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;

/** The action plan's timeline over real HTTP, on a real demo kit: its data, its table, the undated actions, roles. */
class TimelineTest {

    static final String HOSTILE = "Lamps <script>alert(\"x\")</script> & 'quotes'";
    TestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("timeline-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("strategy", StrategyModule::new)));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    /** A revision of the demo's strategy with three more actions: hostile name and dated, start only, no dates. */
    long draftWithUndatedActions(Browser c) {
        long v1 = kit.scalar("SELECT id FROM strategy_version WHERE seq_no = 1");
        c.get("/strategy/versions/" + v1);
        assertEquals(303, c.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        long v2 = kit.scalar("SELECT id FROM strategy_version WHERE seq_no = 2");
        long ward = kit.scalar("SELECT MIN(area_id) FROM strategy_action_area");
        c.get("/strategy/versions/" + v2 + "/actions/new");
        for (Map<String, String> a : List.of(
                StrategyHttpTest.action(HOSTILE, "planned", false, ward, "2027-03-01", "2027-09-30", "0"),
                StrategyHttpTest.action("Start only", "planned", false, ward, "2027-01-01", "", "0"),
                StrategyHttpTest.action("Not yet scheduled", "planned", false, ward, "", "", "0"))) {
            HttpResponse<String> r = c.post("/strategy/versions/" + v2 + "/actions", a);
            assertEquals(303, r.statusCode(), r.body());
        }
        return v2;
    }

    @Test
    void theDataHasEveryDatedActionWithItsDatesAndTheUndatedApart() {
        Browser c = kit.signedIn("demo-coordinator", StrategyHttpTest.PASSWORD);
        long v2 = draftWithUndatedActions(c);
        HttpResponse<String> r = c.get("/strategy/versions/" + v2 + "/timeline.json");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        String json = r.body();
        int undatedAt = json.indexOf("\"undated\":[");
        assertTrue(undatedAt > 0, json);
        String groups = json.substring(0, undatedAt);
        String undated = json.substring(undatedAt);

        List<Map<String, Object>> rows = kit.kit.store().read(c2 -> {
            List<Map<String, Object>> out = new java.util.ArrayList<>();
            try (var rs = c2.createStatement().executeQuery(
                    "SELECT id, start_date, end_date FROM strategy_action WHERE version_id = " + v2)) {
                while (rs.next()) {
                    out.add(Map.of("id", rs.getLong(1), "start", String.valueOf(rs.getDate(2)), "end", String.valueOf(rs.getDate(3))));
                }
            }
            return out;
        });
        assertEquals(StrategyDemo.ACTIONS + 3, rows.size());
        int dated = 0;
        for (Map<String, Object> a : rows) {
            String id = "{\"id\":" + a.get("id") + ",";
            if (a.get("start").equals("null") || a.get("end").equals("null")) {
                assertTrue(undated.contains(id), "undated action " + a + " listed apart");
                assertFalse(groups.contains(id), "no bar for " + a);
            } else {
                dated++;
                Matcher m = Pattern.compile(Pattern.quote(id) + "[^{}]*\"start\":\"" + a.get("start") + "\",\"end\":\""
                        + a.get("end") + "\"").matcher(groups);
                assertTrue(m.find(), "a bar from start to end for " + a);
                assertFalse(undated.contains(id));
            }
        }
        assertEquals(StrategyDemo.ACTIONS + 1, dated, "the demo's actions and the new dated one");
        assertEquals(dated, count(groups, "\"start\":"), "one bar per dated action, no more");
        assertEquals(2, count(undated, "\"id\":"));
        assertTrue(undated.contains("\"missing\":\"no end date\"") && undated.contains("\"missing\":\"no dates\""), undated);
        // the name is JSON-escaped (the script escapes it again for its tooltip; axis labels are not HTML)
        assertTrue(json.contains("\"title\":\"Lamps \\u003cscript>alert(\\\"x\\\")\\u003c/script> & 'quotes'\""), json);
        assertTrue(json.contains("\"today\":\"" + java.time.LocalDate.now() + "\""));
        assertTrue(json.contains("\"rtl\":false"));
    }

    @Test
    void thePageHasTheSameDatesAsATableEscapedAndTheUndatedWithTheirNote() {
        Browser c = kit.signedIn("demo-coordinator", StrategyHttpTest.PASSWORD);
        long v2 = draftWithUndatedActions(c);
        String page = attributes(c.get("/strategy/versions/" + v2 + "/timeline").body());
        assertTrue(page.contains("id=\"timeline\"") && page.contains("data-src=\"/strategy/versions/" + v2
                + "/timeline.json?by=objective\""), "the chart's data address");
        assertTrue(page.contains("src=\"/assets/echarts.min.js") && page.contains("src=\"/assets/strategy-timeline.js"));
        assertFalse(page.contains(HOSTILE), "the hostile name is escaped");
        assertTrue(page.contains("Lamps &lt;script&gt;"), "and shown");
        String table = page.substring(page.indexOf("id=\"timeline-table\""), page.indexOf("</table>"));
        assertEquals(StrategyDemo.ACTIONS + 1, count(table, "<tr><td"), "one row per dated action");
        assertTrue(table.contains("Mar 1, 2027") && table.contains("Sep 30, 2027"), "dates in the user's language");
        String undated = page.substring(page.indexOf("id=\"undated\""));
        assertTrue(undated.contains("Start only") && undated.contains("no end date") && undated.contains("Not yet scheduled"));
        assertTrue(undated.contains("lack a start or an end date"), "with the note");
        assertTrue(c.get("/strategy/versions/" + v2 + "/plan").body().contains("href=\"/strategy/versions/" + v2 + "/timeline\""));
        assertTrue(c.get("/strategy/versions/" + v2 + "/document").body().contains("href=\"/strategy/versions/" + v2 + "/timeline\""));
        String byPartner = attributes(c.get("/strategy/versions/" + v2 + "/timeline?by=partner").body());
        assertTrue(byPartner.contains("timeline.json?by=partner") && byPartner.contains("Test partner"), "grouped by lead partner");
        // the assets are served from the jar
        assertEquals(200, c.get("/assets/strategy-timeline.js").statusCode());
        assertTrue(c.get("/assets/strategy-timeline.css").body().contains("A4 landscape"));
    }

    @Test
    void groupedByAreaAnActionOverTwoAreasHasABarInEach() {
        Browser c = kit.signedIn("demo-coordinator", StrategyHttpTest.PASSWORD);
        long v2 = draftWithUndatedActions(c);
        List<Long> wards = kit.kit.store().read(c2 -> {
            List<Long> out = new java.util.ArrayList<>();
            try (var rs = c2.createStatement().executeQuery(
                    "SELECT DISTINCT area_id FROM strategy_action_area ORDER BY area_id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
        assertTrue(wards.size() >= 2, "the demo's actions are over several wards");
        Map<String, String> twoAreas = new java.util.HashMap<>(StrategyHttpTest.action("Over two wards", "planned", false,
                wards.get(0), "2027-02-01", "2027-04-30", "0"));
        c.get("/strategy/versions/" + v2 + "/actions/new");
        HttpResponse<String> saved = TimelineTest.postTwoAreas(c, kit.base(), "/strategy/versions/" + v2 + "/actions",
                twoAreas, wards.get(1));
        assertEquals(303, saved.statusCode(), saved.body());
        String name0 = name(wards.get(0));
        String name1 = name(wards.get(1));

        String page = attributes(c.get("/strategy/versions/" + v2 + "/timeline?by=area").body());
        assertTrue(page.contains("<strong aria-current=\"page\">By area</strong>") && page.contains("href=\"?by=partner\""),
                "the three groupings, this one current");
        assertTrue(page.contains("timeline.json?by=area"));
        String json = c.get("/strategy/versions/" + v2 + "/timeline.json?by=area").body();
        assertEquals(2, count(json, "\"title\":\"Over two wards\""), "a bar in each of its two areas");
        assertTrue(json.indexOf("\"name\":" + org.safercities.platform.web.Json.string(name0)) >= 0
                && json.indexOf("\"name\":" + org.safercities.platform.web.Json.string(name1)) >= 0, json);
        String table = page.substring(page.indexOf("id=\"timeline-table\""), page.indexOf("</table>"));
        assertEquals(kit.scalar("SELECT COUNT(*) FROM strategy_action_area x JOIN strategy_action a ON a.id = x.action_id"
                + " WHERE a.version_id = " + v2 + " AND a.start_date IS NOT NULL AND a.end_date IS NOT NULL"),
                count(table, "<tr><td"),
                "one row per dated action and area it names");
        assertFalse(json.contains("No area"), "every action here names an area");
    }

    /** An action form with two areas ticked (the map holds the first). */
    static HttpResponse<String> postTwoAreas(Browser b, String base, String path, Map<String, String> fields, long second) {
        List<String[]> all = new java.util.ArrayList<>();
        fields.forEach((k, v) -> all.add(new String[] {k, v}));
        all.add(new String[] {"areas", Long.toString(second)});
        return StrategyLinksTest.post(b, base, path, all);
    }

    String name(long area) {
        return kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT name FROM platform_area WHERE id = " + area)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void everySignedInRoleReadsItAsThePlanAndNobodyElse() {
        long v1 = kit.scalar("SELECT id FROM strategy_version WHERE seq_no = 1");
        for (String user : List.of("demo-coordinator", "demo-analyst", "demo-member", "demo-partner")) {
            Browser b = kit.signedIn(user, StrategyHttpTest.PASSWORD);
            assertEquals(200, b.get("/strategy/versions/" + v1 + "/timeline").statusCode(), user);
            assertEquals(200, b.get("/strategy/versions/" + v1 + "/timeline.json").statusCode(), user);
            HttpResponse<String> current = b.get("/strategy/plan/timeline");
            assertEquals(303, current.statusCode(), user);
            assertEquals("/strategy/versions/" + v1 + "/timeline", current.headers().firstValue("Location").orElse(""));
        }
        Browser stranger = kit.browser();
        assertFalse(stranger.get("/strategy/versions/" + v1 + "/timeline").statusCode() == 200);
        assertFalse(stranger.get("/strategy/versions/" + v1 + "/timeline.json").body().contains("\"groups\""));
        assertEquals(404, kit.signedIn("demo-partner", StrategyHttpTest.PASSWORD).get("/strategy/versions/999999/timeline.json")
                .statusCode());
    }

    @Test
    void inArabicTimeRunsRightToLeftAndTheLabelsAreArabic() {
        Browser c = kit.signedIn("demo-coordinator", StrategyHttpTest.PASSWORD);
        c.get("/");
        c.post("/language", Map.of("lang", "ar"));
        long v1 = kit.scalar("SELECT id FROM strategy_version WHERE seq_no = 1");
        String json = c.get("/strategy/versions/" + v1 + "/timeline.json").body();
        assertTrue(json.contains("\"rtl\":true") && json.contains("\"lang\":\"ar\"") && json.contains("\"todayLabel\":\"اليوم\""), json);
        String page = c.get("/strategy/versions/" + v1 + "/timeline").body();
        assertTrue(page.contains("يسير الزمن من اليمين إلى اليسار"), "the page says which way time runs");
    }

    /** The page with the escaper's entities for "=" and "/" in attributes read back. */
    private static String attributes(String html) {
        return html.replace("&#61;", "=").replace("&#x3D;", "=").replace("&#x2F;", "/");
    }

    private static int count(String s, String what) {
        return (s.length() - s.replace(what, "").length()) / what.length();
    }
}
