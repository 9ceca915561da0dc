package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;

/** Technical-group comments and city consultations on a draft, over real HTTP on the demo kit. */
class DeliberationsTest {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;
    long draft;
    Browser coordinator;

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("strategy-deliberations"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("strategy", StrategyModule::new)));
        coordinator = as("demo-coordinator");
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        coordinator.get("/strategy/versions/" + v1);
        assertEquals(303, coordinator.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        draft = one("SELECT id FROM strategy_version WHERE seq_no = 2");
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

    HttpResponse<String> adopt(Browser b, boolean overComments) {
        b.get("/strategy/versions/" + draft);
        Map<String, String> f = new HashMap<>(Map.of("adoptedOn", "2027-02-01", "decisionRef", "Council 2027/1",
                "version", Long.toString(one("SELECT version FROM strategy_version WHERE id = " + draft))));
        if (overComments) {
            f.put("overComments", "yes");
        }
        return b.post("/strategy/versions/" + draft + "/adopt", f);
    }

    @Test
    void theTechnicalGroupCommentsTheCoordinatorResolvesAndAdoptionWarnsWhileCommentsAreOpen() {
        Browser member = as("demo-member");
        long action = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + draft);
        String page = member.get("/strategy/versions/" + draft + "/comments").body();
        assertTrue(page.contains("value=\"action:" + action + "\""), "every part can be commented on");
        assertFalse(page.contains("/resolve"), "the technical group does not resolve");
        assertEquals(422, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "action:" + action,
                "body", " ")).statusCode());
        assertEquals(422, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "action:999999",
                "body", "x")).statusCode(), "a part of another version is refused");
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_comment"));
        assertEquals(303, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "action:" + action,
                "body", "Ask the youth club before the lights go in.")).statusCode());
        assertEquals(303, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "vision",
                "body", "Name the women's groups.")).statusCode());
        long comment = one("SELECT MIN(id) FROM strategy_comment");

        Browser partner = as("demo-partner");
        partner.get("/strategy/versions/" + draft + "/comments");
        assertEquals(403, partner.post("/strategy/versions/" + draft + "/comments", Map.of("part", "vision",
                "body", "x")).statusCode());
        assertEquals(403, member.post("/strategy/comments/" + comment + "/resolve", Map.of()).statusCode());

        HttpResponse<String> warned = adopt(coordinator, false);
        assertEquals(422, warned.statusCode());
        assertTrue(warned.body().contains("2 technical group comments are still unresolved"), warned.body());
        assertEquals("draft", text("SELECT status FROM strategy_version WHERE id = " + draft));

        coordinator.get("/strategy/versions/" + draft + "/comments");
        assertEquals(303, coordinator.post("/strategy/comments/" + comment + "/resolve", Map.of()).statusCode());
        assertEquals(409, coordinator.post("/strategy/comments/" + comment + "/resolve", Map.of()).statusCode());
        assertEquals("demo-coordinator", text("SELECT resolved_by FROM strategy_comment WHERE id = " + comment));
        assertTrue(coordinator.get("/strategy/versions/" + draft).body().contains("name=\"overComments\""));
        assertEquals(422, adopt(coordinator, false).statusCode(), "one comment is still open");
        assertEquals(303, adopt(coordinator, true).statusCode(), "the coordinator may adopt anyway, knowingly");
        assertEquals(409, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "vision",
                "body", "Too late")).statusCode(), "an adopted version takes no more comments");
        assertEquals(2, one("SELECT COUNT(*) FROM strategy_comment"));
    }

    String text(String sql) {
        return kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    Map<String, String> consultation(String women, String men, String under15, String age15to24, String age25to59,
            Map<Long, String> points) {
        Map<String, String> f = new HashMap<>(Map.of("heldOn", "2027-01-20", "place", "Eastgate market hall",
                "women", women, "men", men, "sexOther", "0", "under15", under15, "age15to24", age15to24,
                "age25to59", age25to59, "age60plus", "0"));
        points.forEach((p, n) -> f.put("points." + p, n));
        return f;
    }

    @Test
    void consultationsCountParticipantsBySexAndAgeAndRankThePriorities() {
        List<Long> priorities = kit.kit.store().read(c -> {
            var out = new java.util.ArrayList<Long>();
            try (var rs = c.createStatement().executeQuery(
                    "SELECT id FROM strategy_priority WHERE version_id = " + draft + " ORDER BY priority_rank, id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
        long first = priorities.get(0);
        long last = priorities.get(priorities.size() - 1);
        coordinator.get("/strategy/versions/" + draft + "/consultation");
        HttpResponse<String> differ = coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("20", "10", "0", "10", "15", Map.of(last, "12")));
        assertEquals(422, differ.statusCode());
        assertTrue(differ.body().contains("(30) and by age band (25)"), differ.body());
        assertEquals(422, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("-1", "10", "0", "9", "0", Map.of())).statusCode());
        assertEquals(422, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("0", "0", "0", "0", "0", Map.of())).statusCode(), "a meeting has participants");
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_consultation"));

        assertEquals(303, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("20", "10", "5", "10", "15", Map.of(last, "12", first, "3"))).statusCode());
        assertEquals(303, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("7", "3", "0", "10", "0", Map.of(last, "2", first, "4"))).statusCode());
        String page = coordinator.get("/strategy/versions/" + draft + "/consultation").body();
        assertTrue(page.contains("40 participants in all, 27 of them women."), page);
        assertTrue(page.contains("women 20, men 10, other 0"));
        String ranking = page.substring(page.indexOf("id=\"ranking\""), page.indexOf("id=\"consultations\""));
        String lastTitle = text("SELECT title FROM strategy_priority WHERE id = " + last);
        String firstTitle = text("SELECT title FROM strategy_priority WHERE id = " + first);
        assertTrue(ranking.indexOf(lastTitle) < ranking.indexOf(firstTitle), "14 points before 7");
        assertTrue(ranking.contains("<td class=\"num\">14</td>"));

        Browser partner = as("demo-partner");
        assertFalse(partner.get("/strategy/versions/" + draft + "/consultation").body().contains("name=\"women\""));
        assertEquals(403, partner.post("/strategy/versions/" + draft + "/consultations",
                consultation("1", "0", "0", "1", "0", Map.of())).statusCode());
        coordinator.get("/strategy/versions/" + draft);
        assertEquals(303, coordinator.post("/strategy/priorities/" + last + "/delete", Map.of()).statusCode(),
                "a priority with points can still be deleted");
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_consultation_points WHERE priority_id = " + first + " AND points = 3"));
    }

    /** The draft's priorities in rank order. */
    List<Long> priorities() {
        return kit.kit.store().read(c -> {
            var out = new java.util.ArrayList<Long>();
            try (var rs = c.createStatement().executeQuery(
                    "SELECT id FROM strategy_priority WHERE version_id = " + draft + " ORDER BY priority_rank, id")) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        });
    }

    /** The hidden fields of the form that applies the ranking, as the page shows them. */
    static Map<String, String> applyForm(String page) {
        Map<String, String> f = new HashMap<>();
        for (String name : List.of("shown", "stamp")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
                    .matcher(page);
            assertTrue(m.find(), name + " in the page");
            f.put(name, m.group(1));
        }
        return f;
    }

    @Test
    void theCoordinatorAppliesTheConsultationsRankingToThePrioritiesUnlessSomethingChangedMeanwhile() {
        List<Long> before = priorities();
        long first = before.get(0);
        long last = before.get(before.size() - 1);
        String page = coordinator.get("/strategy/versions/" + draft + "/consultation").body();
        assertFalse(page.contains("/ranking\""), "nothing to apply before any consultation");
        assertEquals(422, coordinator.post("/strategy/versions/" + draft + "/ranking", Map.of("shown", "", "stamp", "0"))
                .statusCode(), "no consultation, no ranking");
        assertEquals(303, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("20", "10", "5", "10", "15", Map.of(last, "12", first, "3"))).statusCode());
        page = coordinator.get("/strategy/versions/" + draft + "/consultation").body();
        Map<String, String> seen = applyForm(page);

        Browser member = as("demo-member");
        member.get("/strategy/versions/" + draft + "/consultation");
        assertEquals(403, member.post("/strategy/versions/" + draft + "/ranking", seen).statusCode(),
                "the technical group does not reorder the priorities");
        String token = coordinator.csrf;
        coordinator.csrf = "forged-token";
        assertEquals(403, coordinator.post("/strategy/versions/" + draft + "/ranking", seen).statusCode());
        coordinator.csrf = token;
        assertEquals(before, priorities(), "nothing changed");

        // a second consultation changes the ranking after the page was read: the stale ranking is not applied
        Browser other = as("demo-coordinator");
        other.get("/strategy/versions/" + draft + "/consultation");
        assertEquals(303, other.post("/strategy/versions/" + draft + "/consultations",
                consultation("7", "3", "0", "10", "0", Map.of(before.get(1), "40"))).statusCode());
        HttpResponse<String> stale = coordinator.post("/strategy/versions/" + draft + "/ranking", seen);
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("id=\"ranking-error\""), stale.body());
        assertEquals(before, priorities(), "nothing applied");

        page = coordinator.get("/strategy/versions/" + draft + "/consultation").body();
        seen = applyForm(page);
        assertEquals(303, coordinator.post("/strategy/versions/" + draft + "/ranking", seen).statusCode());
        List<Long> after = priorities();
        assertEquals(List.of(before.get(1), last, first), after.subList(0, 3), "40, 12 and 3 points: that order");
        assertEquals(1, one("SELECT priority_rank FROM strategy_priority WHERE id = " + before.get(1)));
        assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.priority.update'"
                + " AND detail LIKE 'ranks from the consultations%'"));
        assertEquals(409, coordinator.post("/strategy/versions/" + draft + "/ranking", seen).statusCode(),
                "applying twice from the same reading is refused (the priorities changed)");

        assertEquals(303, adopt(coordinator, true).statusCode());
        page = coordinator.get("/strategy/versions/" + draft + "/consultation").body();
        assertFalse(page.contains("/ranking\""), "no button on an adopted version");
        HttpResponse<String> adopted = coordinator.post("/strategy/versions/" + draft + "/ranking", seen);
        assertEquals(409, adopted.statusCode());
        assertTrue(adopted.body().contains("cannot be changed"), adopted.body());
    }

    @Test
    void aCommentIsEditedOrDeletedByItsAuthorOrTheCoordinatorOnlyOnADraft() {
        Browser member = as("demo-member");
        member.get("/strategy/versions/" + draft + "/comments");
        assertEquals(303, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "vision",
                "body", "Name the women's groups.")).statusCode());
        long comment = one("SELECT MAX(id) FROM strategy_comment");
        String page = member.get("/strategy/versions/" + draft + "/comments").body();
        assertTrue(page.contains("/strategy/comments/" + comment + "/edit"), "the author may edit it");

        Browser analyst = as("demo-analyst");
        assertFalse(analyst.get("/strategy/versions/" + draft + "/comments").body().contains("/strategy/comments/"
                + comment + "/edit"), "another member of staff may not");
        assertEquals(403, analyst.get("/strategy/comments/" + comment + "/edit").statusCode());
        assertEquals(403, analyst.post("/strategy/comments/" + comment, Map.of("body", "Not mine", "version", "0"))
                .statusCode());
        assertEquals(403, analyst.post("/strategy/comments/" + comment + "/delete", Map.of("version", "0")).statusCode());
        Browser partner = as("demo-partner");
        partner.get("/strategy/versions/" + draft + "/comments");
        assertEquals(403, partner.post("/strategy/comments/" + comment, Map.of("body", "x", "version", "0")).statusCode());

        member.get("/strategy/comments/" + comment + "/edit");
        HttpResponse<String> empty = member.post("/strategy/comments/" + comment, Map.of("body", "  ", "version", "0"));
        assertEquals(422, empty.statusCode());
        assertTrue(empty.body().contains("class=\"field-error\""), empty.body());
        String token = member.csrf;
        member.csrf = "forged-token";
        assertEquals(403, member.post("/strategy/comments/" + comment, Map.of("body", "Forged", "version", "0")).statusCode());
        member.csrf = token;
        assertEquals("Name the women's groups.", text("SELECT body FROM strategy_comment WHERE id = " + comment));

        coordinator.get("/strategy/comments/" + comment + "/edit");
        assertEquals(303, member.post("/strategy/comments/" + comment, Map.of("body", "Name the women's and youth groups.",
                "version", "0")).statusCode());
        HttpResponse<String> stale = coordinator.post("/strategy/comments/" + comment, Map.of("body", "Overwritten?",
                "version", "0"));
        assertEquals(409, stale.statusCode(), "the coordinator read it before the author's edit");
        assertTrue(stale.body().contains("Overwritten?"), "the input is kept on the page");
        assertEquals("Name the women's and youth groups.", text("SELECT body FROM strategy_comment WHERE id = " + comment));
        assertTrue(coordinator.get("/strategy/versions/" + draft + "/comments").body().contains("Edited by demo-member"));
        assertEquals(409, member.post("/strategy/comments/" + comment + "/delete", Map.of("version", "0")).statusCode(),
                "a delete from an older reading is refused");
        assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.comment.update'"));

        assertEquals(303, member.post("/strategy/versions/" + draft + "/comments", Map.of("part", "vision",
                "body", "A second one.")).statusCode());
        long second = one("SELECT MAX(id) FROM strategy_comment");
        coordinator.get("/strategy/versions/" + draft + "/comments");
        assertEquals(303, coordinator.post("/strategy/comments/" + comment + "/delete", Map.of("version", "1"))
                .statusCode(), "the coordinator deletes anyone's comment");
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_comment WHERE id = " + comment));
        assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.comment.delete'"));

        assertEquals(303, adopt(coordinator, true).statusCode());
        assertEquals(409, member.get("/strategy/comments/" + second + "/edit").statusCode());
        HttpResponse<String> adopted = member.post("/strategy/comments/" + second, Map.of("body", "After adoption",
                "version", "0"));
        assertEquals(409, adopted.statusCode());
        assertTrue(adopted.body().contains("cannot be changed"), adopted.body());
        assertEquals(409, coordinator.post("/strategy/comments/" + second + "/delete", Map.of("version", "0")).statusCode());
        assertEquals("A second one.", text("SELECT body FROM strategy_comment WHERE id = " + second));
    }

    @Test
    void theCoordinatorEditsOrDeletesAConsultationOnADraftAndTheRankingFollows() {
        List<Long> ps = priorities();
        long first = ps.get(0);
        long last = ps.get(ps.size() - 1);
        coordinator.get("/strategy/versions/" + draft + "/consultation");
        assertEquals(303, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("20", "10", "5", "10", "15", Map.of(last, "12", first, "3"))).statusCode());
        long k = one("SELECT MAX(id) FROM strategy_consultation");
        assertTrue(coordinator.get("/strategy/versions/" + draft + "/consultation").body()
                .contains("/strategy/consultations/" + k + "/edit"));
        String form = coordinator.get("/strategy/consultations/" + k + "/edit").body();
        assertTrue(form.contains("value=\"Eastgate market hall\"") && form.contains("name=\"points." + last + "\" value=\"12\""),
                "the form shows what was recorded");

        Browser analyst = as("demo-analyst");
        analyst.get("/strategy/versions/" + draft + "/consultation");
        assertEquals(403, analyst.get("/strategy/consultations/" + k + "/edit").statusCode());
        Map<String, String> changed = new HashMap<>(consultation("20", "10", "5", "10", "15", Map.of(first, "30")));
        changed.put("version", "0");
        assertEquals(403, analyst.post("/strategy/consultations/" + k, changed).statusCode(), "only a coordinator");
        assertEquals(403, analyst.post("/strategy/consultations/" + k + "/delete", Map.of("version", "0")).statusCode());
        Map<String, String> differ = new HashMap<>(consultation("20", "10", "5", "10", "0", Map.of(first, "30")));
        differ.put("version", "0");
        coordinator.get("/strategy/consultations/" + k + "/edit");
        HttpResponse<String> bad = coordinator.post("/strategy/consultations/" + k, differ);
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("(30) and by age band (15)"), bad.body());
        String token = coordinator.csrf;
        coordinator.csrf = "forged-token";
        assertEquals(403, coordinator.post("/strategy/consultations/" + k, changed).statusCode());
        coordinator.csrf = token;
        assertEquals(12, one("SELECT points FROM strategy_consultation_points WHERE priority_id = " + last));

        assertEquals(303, coordinator.post("/strategy/consultations/" + k, changed).statusCode());
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_consultation_points WHERE priority_id = " + last),
                "the points are replaced");
        String ranking = coordinator.get("/strategy/versions/" + draft + "/consultation").body();
        ranking = ranking.substring(ranking.indexOf("id=\"ranking\""), ranking.indexOf("id=\"consultations\""));
        assertTrue(ranking.contains("<td class=\"num\">30</td>"), ranking);
        HttpResponse<String> stale = coordinator.post("/strategy/consultations/" + k, changed);
        assertEquals(409, stale.statusCode(), "an edit from the older reading is refused");
        assertEquals(409, coordinator.post("/strategy/consultations/" + k + "/delete", Map.of("version", "0")).statusCode());
        assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.consultation.update'"));

        assertEquals(303, coordinator.post("/strategy/consultations/" + k + "/delete", Map.of("version", "1")).statusCode());
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_consultation"));
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_consultation_points"));
        assertEquals(1, one("SELECT COUNT(*) FROM platform_audit WHERE action = 'strategy.consultation.delete'"));

        assertEquals(303, coordinator.post("/strategy/versions/" + draft + "/consultations",
                consultation("2", "2", "0", "4", "0", Map.of(first, "1"))).statusCode());
        long kept = one("SELECT MAX(id) FROM strategy_consultation");
        assertEquals(303, adopt(coordinator, true).statusCode());
        assertEquals(409, coordinator.get("/strategy/consultations/" + kept + "/edit").statusCode());
        assertEquals(409, coordinator.post("/strategy/consultations/" + kept + "/delete", Map.of("version", "0")).statusCode());
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_consultation"), "an adopted version keeps its consultations");
    }
}
