package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;

/** Deleting an action of a draft over real HTTP and Derby: its child rows go with it, in one transaction. */
class ActionDeleteTest {

    final StrategyHttpTest base = new StrategyHttpTest();

    @BeforeEach
    void start() throws Exception {
        base.start();
    }

    @AfterEach
    void stop() throws Exception {
        base.stop();
    }

    long one(String sql) {
        return base.one(sql);
    }

    /** Rows that hang on the action, in every table that does. */
    long children(long action) {
        return one("SELECT COUNT(*) FROM strategy_budget WHERE action_id = " + action)
                + one("SELECT COUNT(*) FROM strategy_action_area WHERE action_id = " + action)
                + one("SELECT COUNT(*) FROM strategy_action_support WHERE action_id = " + action)
                + one("SELECT COUNT(*) FROM strategy_action_sdg WHERE action_id = " + action);
    }

    HttpResponse<String> delete(Browser b, long action, String version) {
        return b.post("/strategy/actions/" + action + "/delete", Map.of("version", version));
    }

    @Test
    void anEditorDeletesAnActionOfADraftWithItsBudgetPartnersTargetsAndAreas() {
        Browser c = base.as("demo-coordinator");
        long draft = base.revise(c);
        // a demo action with budget lines, a supporting partner, SDG targets and an area, and a comment on it
        long a = one("SELECT MIN(a.id) FROM strategy_action a WHERE a.version_id = " + draft
                + " AND EXISTS (SELECT 1 FROM strategy_action_sdg s WHERE s.action_id = a.id)");
        String title = base.text("SELECT title FROM strategy_action WHERE id = " + a);
        assertTrue(one("SELECT COUNT(*) FROM strategy_budget WHERE action_id = " + a) > 0);
        assertTrue(one("SELECT COUNT(*) FROM strategy_action_support WHERE action_id = " + a) > 0);
        assertTrue(one("SELECT COUNT(*) FROM strategy_action_area WHERE action_id = " + a) > 0);
        c.get("/strategy/versions/" + draft + "/comments");
        assertEquals(303, c.post("/strategy/versions/" + draft + "/comments", Map.of("part", "action:" + a, "body",
                "Is the budget right?")).statusCode());
        long actionsBefore = one("SELECT COUNT(*) FROM strategy_action");
        long stamp = one("SELECT content_stamp FROM strategy_version WHERE id = " + draft);
        assertTrue(c.get("/strategy/versions/" + draft + "/cost").body().contains(">" + esc(title) + "</a>"), "cached");

        Browser analyst = base.as("demo-analyst");
        HttpResponse<String> page = analyst.get("/strategy/actions/" + a);
        assertTrue(page.body().contains("action=\"/strategy/actions/" + a + "/delete\""), "the confirmation is offered");
        assertTrue(page.body().contains("name=\"version\" value=\"0\""));
        HttpResponse<String> done = delete(analyst, a, "0");
        assertEquals(303, done.statusCode(), done.body());
        assertEquals("/strategy/versions/" + draft + "#actions", done.headers().firstValue("Location").orElse(""));
        assertTrue(analyst.follow(done).body().contains("Action \u201c" + esc(title) + "\u201d deleted."), "flash");

        assertEquals(0, one("SELECT COUNT(*) FROM strategy_action WHERE id = " + a));
        assertEquals(0, children(a));
        assertEquals(actionsBefore - 1, one("SELECT COUNT(*) FROM strategy_action"));
        assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.action.delete' AND record_id = '"
                + a + "'"));
        assertTrue(one("SELECT content_stamp FROM strategy_version WHERE id = " + draft) > stamp);
        assertFalse(c.get("/strategy/versions/" + draft + "/cost").body().contains(">" + esc(title) + "</a>"),
                "the cached views of the draft drop it at once");
        assertFalse(c.get("/strategy/versions/" + draft + "/plan").body().contains(esc(title)));
        assertEquals(404, c.get("/strategy/actions/" + a).statusCode());
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        assertTrue(c.get("/strategy/actions/" + one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v1))
                .statusCode() == 200, "the adopted version keeps its own copy");
        String history = c.get("/strategy/history?from=" + v1 + "&to=" + draft).body();
        assertTrue(history.contains(esc(title)), "the history shows it removed");
        HttpResponse<String> comments = c.get("/strategy/versions/" + draft + "/comments");
        assertEquals(200, comments.statusCode());
        assertTrue(comments.body().contains("Is the budget right?"), "comments on it stay with the version");
        assertEquals(404, delete(analyst, a, "1").statusCode(), "already gone");
    }

    @Test
    void deletingIsRefusedToReadersWithoutOrWithAForgedTokenFromAStaleReadingAndOnAnAdoptedVersion() {
        Browser c = base.as("demo-coordinator");
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        long adopted = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v1);
        c.get("/strategy/actions/" + adopted);
        assertFalse(c.get("/strategy/actions/" + adopted).body().contains("/delete\""), "no delete on an adopted version");
        HttpResponse<String> readOnly = delete(c, adopted, "0");
        assertEquals(409, readOnly.statusCode());
        assertTrue(readOnly.body().contains("is adopted or replaced"), readOnly.body());
        long draft = base.revise(c);
        long a = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + draft);
        long kids = children(a);

        for (String user : new String[] {"demo-member", "demo-partner"}) {
            Browser reader = base.as(user);
            assertFalse(reader.get("/strategy/actions/" + a).body().contains("/delete\""), user + " sees no delete");
            assertEquals(403, delete(reader, a, "0").statusCode(), user);
        }
        Browser analyst = base.as("demo-analyst");
        analyst.get("/strategy/actions/" + a);
        String token = analyst.csrf;
        analyst.csrf = "forged-token";
        assertEquals(403, delete(analyst, a, "0").statusCode(), "forged token");
        analyst.csrf = null;
        assertEquals(403, delete(analyst, a, "0").statusCode(), "no token");
        analyst.csrf = token;

        c.get("/strategy/actions/" + a + "/edit");
        Map<String, String> edit = StrategyHttpTest.action("Renamed meanwhile", "planned", false, base.aWard(), "", "", "0");
        assertEquals(303, c.post("/strategy/actions/" + a, edit).statusCode());
        HttpResponse<String> stale = delete(analyst, a, "0");
        assertEquals(409, stale.statusCode(), "the analyst read version 0; the coordinator saved version 1");
        assertTrue(stale.body().contains("Someone else changed this record"), stale.body());
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_action WHERE id = " + a), "nothing deleted");
        assertTrue(children(a) > 0 && children(a) <= kids, "its rows are still there");
        assertEquals(0, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.action.delete'"));
        assertEquals(303, delete(analyst, a, "1").statusCode(), "from a fresh reading");
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("'", "&#39;").replace("\"", "&quot;").replace("<", "&lt;");
    }
}
