package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;

/**
 * The pages' views are cached per version and content stamp: every change made through the pages shows at once on
 * every view of the draft (plan, document, cost, CSV, XLSX, timeline, history), and renaming an area shows too.
 */
class VersionCacheTest {

    TestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("strategy-cache-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("strategy", StrategyModule::new)));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    long one(String sql) {
        return kit.scalar(sql);
    }

    String text(String sql) {
        return kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void everyViewOfADraftShowsAnEditAtOnceAndAnAreaRenamed() throws Exception {
        Browser c = kit.signedIn("demo-coordinator", StrategyHttpTest.PASSWORD);
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        c.get("/strategy/versions/" + v1);
        assertEquals(303, c.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        long v2 = one("SELECT id FROM strategy_version WHERE seq_no = 2");
        long a = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v2);
        String base = "/strategy/versions/" + v2;
        List<String> views = List.of(base + "/plan", base, base + "/document", base + "/cost", base + "/actions.csv",
                base + "/timeline", base + "/timeline.json", base + "/timeline?by=partner", base + "/comments");
        for (String view : views) {
            assertFalse(c.get(view).body().contains("Renamed by the cache test"), view);   // each view is now cached
        }
        String xlsxBefore = c.get(base + "/actions.xlsx").body();
        long stampBefore = one("SELECT content_stamp FROM strategy_version WHERE id = " + v2);

        c.get("/strategy/actions/" + a + "/edit");
        long ward = one("SELECT MIN(area_id) FROM strategy_action_area WHERE action_id = " + a);
        HttpResponse<String> saved = c.post("/strategy/actions/" + a, StrategyHttpTest.action("Renamed by the cache test", "planned",
                false, ward, "2027-01-01", "2027-06-30", Long.toString(one(
                        "SELECT version FROM strategy_action WHERE id = " + a))));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(one("SELECT content_stamp FROM strategy_version WHERE id = " + v2) > stampBefore,
                "an edit raises the version's content stamp");
        for (String view : views) {
            assertTrue(c.get(view).body().contains("Renamed by the cache test"), view + " shows the edit");
        }
        assertFalse(xlsxBefore.equals(c.get(base + "/actions.xlsx").body()), "the XLSX is made again");
        assertTrue(c.get("/strategy/history?from=" + v1 + "&to=" + v2).body().contains("Renamed by the cache test"));

        c.get("/strategy/actions/" + a);
        assertEquals(303, c.post("/strategy/actions/" + a + "/budget", Map.of("source", "Cache test fund", "govLevel",
                "local", "amount", "12345.67", "currency", "")).statusCode());
        assertTrue(c.get(base + "/plan").body().contains("Cache test fund"), "the totals by source are made again");
        long total = one("SELECT SUM(amount) FROM strategy_budget WHERE action_id = " + a);
        assertTrue(c.get(base + "/actions.csv").body().contains("," + total + ",KES"), "the CSV has the new total");

        String code = text("SELECT code FROM platform_area WHERE id = " + ward);
        c.get("/areas/" + ward + "/edit");
        HttpResponse<String> renamed = c.post("/areas/" + ward, Map.of("code", code, "name", "Ward renamed for the test",
                "altName", "", "altNameLang", "", "version", Long.toString(one(
                        "SELECT version FROM platform_area WHERE id = " + ward))));
        assertEquals(303, renamed.statusCode(), renamed.body());
        assertTrue(c.get(base + "/plan").body().contains("Ward renamed for the test"), "area names are not kept stale");
        assertTrue(c.get("/strategy/versions/" + v1 + "/plan").body().contains("Ward renamed for the test"),
                "not even on an adopted version");
    }

    /** A version kept all day gathers view names that change without it (a diff's other version, the date): they
     *  are bounded, and a view is made again after the clear. */
    @Test
    void theViewsOfOneVersionAreBounded() {
        VersionCache.Entry e = new VersionCache.Entry(1, null, "EUR", null);
        for (int day = 0; day < 1_000; day++) {
            String made = "timeline|en|" + day;
            assertEquals(made, e.view(made, () -> made));
            assertTrue(e.viewsKept() <= VersionCache.MAX_VIEWS, "views kept: " + e.viewsKept());
        }
        int[] makes = {0};
        e.view("once", () -> ++makes[0]);
        e.view("once", () -> ++makes[0]);
        assertEquals(1, makes[0], "still a cache");
    }
}
