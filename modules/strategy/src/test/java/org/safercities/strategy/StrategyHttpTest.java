package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;

/** The strategy over real HTTP, on a real demo kit (Derby in a temporary folder). */
class StrategyHttpTest {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("strategy-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("strategy", StrategyModule::new)));
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
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /** Starts a revision of the demo's adopted version 1; returns the new draft's id. */
    long revise(Browser coordinator) {
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        coordinator.get("/strategy/versions/" + v1);
        HttpResponse<String> r = coordinator.post("/strategy/versions/" + v1 + "/revise", Map.of());
        assertEquals(303, r.statusCode(), r.body());
        return one("SELECT id FROM strategy_version WHERE seq_no = 2");
    }

    static Map<String, String> action(String title, String status, boolean review, long area, String start, String end,
            String version) {
        Map<String, String> f = new HashMap<>();
        f.put("title", title);
        f.put("description", "test");
        f.put("level", "primary");
        f.put("type", "situational");
        f.put("targetGroups", "women_girls");
        f.put("areas", Long.toString(area));
        f.put("leadPartner", "Test partner");
        f.put("start", start);
        f.put("end", end);
        f.put("status", status);
        f.put("harmDisplacement", review ? "Crime may move to the next street." : "");
        f.put("harmStigma", "");
        f.put("harmVulnerable", "");
        f.put("harmPrivacy", "");
        f.put("harmLikelihood", review ? "low" : "");
        f.put("harmMitigation", review ? "Watch the neighbouring streets." : "");
        f.put("version", version);
        return f;
    }

    long aWard() {
        return one("SELECT MIN(area_id) FROM strategy_action_area");
    }

    @Test
    void theDemoHasAnAdoptedStrategyWithAboutTwentyFiveReviewedActions() {
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_version"));
        assertEquals("adopted", text("SELECT status FROM strategy_version"));
        assertEquals(StrategyDemo.ACTIONS, one("SELECT COUNT(*) FROM strategy_action"));
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_action WHERE harm_mitigation = '' OR harm_likelihood = ''"));
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_budget WHERE currency <> 'KES'"));
        assertTrue(one("SELECT COUNT(*) FROM strategy_budget") >= StrategyDemo.ACTIONS);
        Browser b = as("demo-coordinator");
        long v1 = one("SELECT id FROM strategy_version");
        assertTrue(b.get("/").body().contains("href=\"/strategy\""), "menu entry");
        assertEquals(303, b.get("/strategy/plan").statusCode());
        HttpResponse<String> plan = b.follow(b.get("/strategy/plan"));
        assertEquals(200, plan.statusCode());
        assertTrue(plan.body().contains("[Demo]"));
        HttpResponse<String> csv = b.get("/strategy/versions/" + v1 + "/actions.csv");
        assertEquals(200, csv.statusCode());
        assertEquals(StrategyDemo.ACTIONS + 1, csv.body().strip().split("\r?\n").length);
        HttpResponse<String> doc = b.get("/strategy/versions/" + v1 + "/document");
        assertEquals(200, doc.statusCode());
        assertTrue(doc.body().contains("Synthetic demo") && doc.body().contains("Budget by funding source"));
        assertEquals(200, b.get("/strategy").statusCode());
    }

    @Test
    void anAdoptedVersionIsReadOnlyAndARevisionCopiesItAndTheHistoryShowsWhatChanged() {
        Browser c = as("demo-coordinator");
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        long a1 = one("SELECT MIN(id) FROM strategy_action");
        c.get("/strategy/versions/" + v1);
        HttpResponse<String> refused = c.post("/strategy/versions/" + v1, Map.of("vision", "new", "fromYear", "2026",
                "toYear", "2030", "areas", "1", "version", "1"));
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("cannot be changed"), refused.body());
        assertEquals(409, c.post("/strategy/actions/" + a1, action("x", "planned", true, aWard(), "", "", "0")).statusCode());
        assertEquals(409, c.post("/strategy/versions/" + v1 + "/priorities", Map.of("title", "x")).statusCode());

        long v2 = revise(c);
        assertEquals("draft", text("SELECT status FROM strategy_version WHERE id = " + v2));
        for (String table : List.of("strategy_action", "strategy_priority", "strategy_objective")) {
            assertEquals(one("SELECT COUNT(*) FROM " + table + " WHERE version_id = " + v1),
                    one("SELECT COUNT(*) FROM " + table + " WHERE version_id = " + v2), table);
        }
        assertEquals(one("SELECT SUM(amount) FROM strategy_budget b JOIN strategy_action a ON a.id = b.action_id WHERE a.version_id = " + v1),
                one("SELECT SUM(amount) FROM strategy_budget b JOIN strategy_action a ON a.id = b.action_id WHERE a.version_id = " + v2));
        assertEquals(409, c.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode(), "one draft at a time");

        // change the draft: vision, one action's title, one new action
        c.get("/strategy/versions/" + v2 + "/edit");
        String root = Long.toString(one("SELECT area_id FROM strategy_version_area WHERE version_id = " + v2));
        assertEquals(303, c.post("/strategy/versions/" + v2, Map.of("vision", "A revised vision.", "fromYear", "2026",
                "toYear", "2031", "areas", root, "version", "0")).statusCode());
        long copied = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v2);
        c.get("/strategy/actions/" + copied + "/edit");
        assertEquals(303, c.post("/strategy/actions/" + copied, action("Renamed action", "planned", true, aWard(), "", "",
                "0")).statusCode());
        c.get("/strategy/versions/" + v2 + "/actions/new");
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/actions", action("Brand new action", "planned", false,
                aWard(), "2026-01-01", "2026-12-31", "0")).statusCode());

        // adopt: the analyst may not, the coordinator may; the earlier version becomes "revised"
        Browser analyst = as("demo-analyst");
        analyst.get("/strategy/versions/" + v2);
        assertEquals(403, analyst.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "2026-03-01",
                "decisionRef", "R-1", "version", "1")).statusCode());
        c.get("/strategy/versions/" + v2);
        assertEquals(422, c.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "", "decisionRef", "",
                "version", "1")).statusCode());
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "2026-03-01",
                "decisionRef", "Council resolution 2026/4", "version", "1")).statusCode());
        assertEquals("adopted", text("SELECT status FROM strategy_version WHERE id = " + v2));
        assertEquals("revised", text("SELECT status FROM strategy_version WHERE id = " + v1));
        assertEquals("demo-coordinator", text("SELECT adopted_by FROM strategy_version WHERE id = " + v2));
        assertEquals(409, c.post("/strategy/actions/" + copied, action("Again", "planned", true, aWard(), "", "", "1"))
                .statusCode(), "the new adopted version is read-only too");

        String diff = c.get("/strategy/history?from=" + v1 + "&to=" + v2).body();
        assertTrue(diff.contains("The vision changed") && diff.contains("A revised vision."), diff);
        assertTrue(section(diff, "added").contains("Brand new action"));
        assertTrue(section(diff, "changed").contains("Renamed action"));
        assertFalse(section(diff, "removed").contains("<li"));
    }

    static String section(String html, String cls) {
        int i = html.indexOf("<ul class=\"" + cls + "\">");
        return html.substring(i, html.indexOf("</ul>", i));
    }

    @Test
    void anActionIsNotReadyWithoutItsDoNoHarmReview() {
        Browser c = as("demo-coordinator");
        long v2 = revise(c);
        c.get("/strategy/versions/" + v2 + "/actions/new");
        HttpResponse<String> r = c.post("/strategy/versions/" + v2 + "/actions", action("Unreviewed", "ready", false,
                aWard(), "", "", "0"));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("without its do-no-harm review"), r.body());
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_action WHERE title = 'Unreviewed'"));
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/actions", action("Unreviewed", "planned", false, aWard(),
                "", "", "0")).statusCode(), "a planned action may wait for its review");
        long id = one("SELECT id FROM strategy_action WHERE title = 'Unreviewed'");
        c.get("/strategy/actions/" + id + "/edit");
        assertEquals(422, c.post("/strategy/actions/" + id, action("Unreviewed", "ready", false, aWard(), "", "", "0"))
                .statusCode());
        assertEquals(303, c.post("/strategy/actions/" + id, action("Unreviewed", "ready", true, aWard(), "", "", "0"))
                .statusCode());
        assertEquals("ready", text("SELECT status FROM strategy_action WHERE id = " + id));
    }

    @Test
    void budgetsAreExactMinorUnitsOfTheCityCurrency() {
        Browser c = as("demo-coordinator");
        long v2 = revise(c);
        c.get("/strategy/versions/" + v2 + "/actions/new");
        c.post("/strategy/versions/" + v2 + "/actions", action("Budgeted", "planned", false, aWard(), "", "", "0"));
        long id = one("SELECT id FROM strategy_action WHERE title = 'Budgeted'");
        c.get("/strategy/actions/" + id);
        for (String[] line : new String[][] {{"City", "local", "1500.10"}, {"City", "local", "0.20"},
                {"Fund", "national", "2,000"}, {"Fund", "national", "0.01"}}) {
            assertEquals(303, c.post("/strategy/actions/" + id + "/budget", Map.of("source", line[0], "govLevel", line[1],
                    "amount", line[2], "currency", "KES")).statusCode());
        }
        assertEquals(350031, one("SELECT SUM(amount) FROM strategy_budget WHERE action_id = " + id));
        String page = c.get("/strategy/actions/" + id).body();
        assertTrue(page.contains("3,500.31"), "the total, formatted from minor units");
        HttpResponse<String> negative = c.post("/strategy/actions/" + id + "/budget", Map.of("source", "City",
                "govLevel", "local", "amount", "-5", "currency", "KES"));
        assertEquals(422, negative.statusCode());
        assertTrue(negative.body().contains("cannot be negative"));
        HttpResponse<String> foreign = c.post("/strategy/actions/" + id + "/budget", Map.of("source", "Donor",
                "govLevel", "international", "amount", "10", "currency", "USD"));
        assertEquals(422, foreign.statusCode());
        assertTrue(foreign.body().contains("city&#39;s currency (KES)") || foreign.body().contains("city's currency (KES)"),
                foreign.body());
        assertEquals(422, c.post("/strategy/actions/" + id + "/budget", Map.of("source", "City", "govLevel", "local",
                "amount", "1.001", "currency", "KES")).statusCode(), "more decimals than the currency has");
        assertEquals(4, one("SELECT COUNT(*) FROM strategy_budget WHERE action_id = " + id));
        String plan = c.get("/strategy/versions/" + v2 + "/plan").body();
        long total = one("SELECT SUM(b.amount) FROM strategy_budget b JOIN strategy_action a ON a.id = b.action_id WHERE a.version_id = " + v2);
        assertTrue(plan.contains(Money.format(total, "KES", java.util.Locale.ENGLISH).replace("\u00a0", " "))
                || plan.contains(Money.format(total, "KES", java.util.Locale.ENGLISH)), "the plan's grand total");
    }

    @Test
    void datesAndAreasAreChecked() {
        Browser c = as("demo-coordinator");
        long v2 = revise(c);
        c.get("/strategy/versions/" + v2 + "/actions/new");
        HttpResponse<String> r = c.post("/strategy/versions/" + v2 + "/actions", action("Backwards", "planned", false,
                aWard(), "2027-05-01", "2027-04-30", "0"));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("end date comes before the start date"));
        // narrow the draft to one district: a ward of another district is then outside
        List<long[]> wards = new ArrayList<>();
        kit.kit.store().read(conn -> {
            try (var rs = conn.createStatement().executeQuery(
                    "SELECT w.id, w.parent_id FROM platform_area w WHERE w.level = 2 ORDER BY w.id")) {
                while (rs.next()) {
                    wards.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return null;
        });
        long district = wards.get(0)[1];
        long inside = wards.get(0)[0];
        long outside = wards.stream().filter(w -> w[1] != district).findFirst().orElseThrow()[0];
        c.get("/strategy/versions/" + v2 + "/edit");
        assertEquals(303, c.post("/strategy/versions/" + v2, Map.of("vision", "v", "fromYear", "2026", "toYear", "2030",
                "areas", Long.toString(district), "version", "0")).statusCode());
        c.get("/strategy/versions/" + v2 + "/actions/new");
        HttpResponse<String> out = c.post("/strategy/versions/" + v2 + "/actions", action("Outside", "planned", false,
                outside, "", "", "0"));
        assertEquals(422, out.statusCode());
        assertTrue(out.body().contains("outside the areas the strategy covers"));
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/actions", action("Inside", "planned", false, inside, "",
                "", "0")).statusCode());
        assertEquals(422, c.post("/strategy/versions/" + v2, Map.of("vision", "v", "fromYear", "2030", "toYear", "2026",
                "areas", Long.toString(district), "version", "1")).statusCode(), "a period that ends before it starts");
    }

    @Test
    void theSecondOfTwoConcurrentEditsGetsAConflictAndOverwritesNothing() {
        Browser c = as("demo-coordinator");
        long v2 = revise(c);
        Browser analyst = as("demo-analyst");
        long id = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v2);
        String v = Long.toString(one("SELECT version FROM strategy_action WHERE id = " + id));
        c.get("/strategy/actions/" + id + "/edit");
        analyst.get("/strategy/actions/" + id + "/edit");
        assertEquals(303, c.post("/strategy/actions/" + id, action("First save", "planned", true, aWard(), "", "", v))
                .statusCode());
        HttpResponse<String> second = analyst.post("/strategy/actions/" + id, action("Second save", "planned", true,
                aWard(), "", "", v));
        assertEquals(409, second.statusCode());
        assertTrue(second.body().contains("Someone else changed this record"));
        assertEquals("First save", text("SELECT title FROM strategy_action WHERE id = " + id));
    }

    @Test
    void rolesDecideWhoReadsWritesAndAdopts() {
        long v1 = one("SELECT id FROM strategy_version");
        Browser partner = as("demo-partner");
        assertEquals(200, partner.get("/strategy/versions/" + v1).statusCode(), "partners read the strategy");
        assertFalse(partner.get("/strategy/versions/" + v1).body().contains("/revise"));
        assertEquals(403, partner.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        Browser member = as("demo-member");
        member.get("/strategy");
        assertEquals(403, member.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        Browser analyst = as("demo-analyst");
        analyst.get("/strategy");
        assertEquals(403, analyst.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode(),
                "only coordination revises");
        long v2 = revise(as("demo-coordinator"));
        long id = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v2);
        partner.get("/strategy/actions/" + id);
        assertEquals(403, partner.get("/strategy/actions/" + id + "/edit").statusCode());
        assertEquals(403, partner.post("/strategy/actions/" + id, action("Partner edit", "planned", true, aWard(), "", "",
                "0")).statusCode());
        assertEquals(403, member.post("/strategy/actions/" + id, action("Member edit", "planned", true, aWard(), "", "",
                "0")).statusCode());
        analyst.get("/strategy/actions/" + id + "/edit");
        assertEquals(303, analyst.post("/strategy/actions/" + id, action("Analyst edit", "planned", true, aWard(), "", "",
                "0")).statusCode(), "the analyst drafts");
        assertFalse(kit.browser().get("/strategy").statusCode() == 200, "not without signing in");
    }

    @Test
    void prioritiesAndObjectivesAreCheckedAndBelongToTheDraft() {
        Browser c = as("demo-coordinator");
        long v2 = revise(c);
        c.get("/strategy/versions/" + v2);
        HttpResponse<String> none = c.post("/strategy/versions/" + v2 + "/priorities", Map.of("areaId", "",
                "targetGroup", "", "title", "No target", "justification", "Finding D-1", "rank", "1"));
        assertEquals(422, none.statusCode());
        assertTrue(none.body().contains("Choose an area, a target group or both"));
        assertTrue(none.body().contains("value=\"No target\""), "the user's input is kept");
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/priorities", Map.of("areaId", "",
                "targetGroup", "older_persons", "title", "Older persons first", "justification", "Finding D-2", "rank",
                "5")).statusCode());
        long p = one("SELECT id FROM strategy_priority WHERE title = 'Older persons first'");
        assertEquals(422, c.post("/strategy/versions/" + v2 + "/objectives", Map.of("priorityId", Long.toString(p),
                "title", "Fewer falls", "targetWhat", "w", "targetAmount", "-10%", "targetBy", "")).statusCode());
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/objectives", Map.of("priorityId", Long.toString(p),
                "title", "Fewer falls", "targetWhat", "w", "targetAmount", "-10%", "targetBy", "2030-12-31")).statusCode());
        assertTrue(c.get("/strategy/versions/" + v2).body().contains("Older persons first"));
        assertEquals(303, c.post("/strategy/priorities/" + p + "/delete", Map.of()).statusCode());
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_priority WHERE id = " + p));
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_objective WHERE title = 'Fewer falls' AND priority_id IS NULL"));
    }

    @Test
    void switchedOffTheModuleLeavesNoRoute() throws Exception {
        kit.restart(Map.of("modules.disabled", "strategy"));
        Browser b = as("demo-coordinator");
        assertEquals(404, b.get("/strategy").statusCode());
        assertEquals(404, b.get("/strategy/plan").statusCode());
        assertFalse(b.get("/").body().contains("href=\"/strategy\""));
    }
}
