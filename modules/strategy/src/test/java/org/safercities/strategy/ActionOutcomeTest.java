package org.safercities.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.safercities.platform.files.XlsxTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;

/**
 * The expected outcome of an action (G§70) over real HTTP and Derby: stated on the form, refused when malformed (in
 * the user's language, the input kept), shown on the action page, priced per unit on the cost page, exported, copied
 * by a revision and compared by the history.
 */
class ActionOutcomeTest {

    /** The kit, users and helpers of {@link StrategyHttpTest} (composed, so that its tests do not run twice). */
    final StrategyHttpTest base = new StrategyHttpTest();
    TestKit kit;

    @BeforeEach
    void start() throws Exception {
        base.start();
        kit = base.kit;
    }

    @AfterEach
    void stop() throws Exception {
        base.stop();
    }

    Browser as(String user) {
        return base.as(user);
    }

    long one(String sql) {
        return base.one(sql);
    }

    String text(String sql) {
        return base.text(sql);
    }

    long revise(Browser c) {
        return base.revise(c);
    }

    static final String UNIT = "fewer street robberies a year";

    Map<String, String> withOutcome(String quantity, String unit, String version) {
        Map<String, String> f = StrategyHttpTest.action("Lighting the bus station", "planned", false, base.aWard(), "", "",
                version);
        f.put("outcomeQuantity", quantity);
        f.put("outcomeUnit", unit);
        return f;
    }

    long actions() {
        return one("SELECT COUNT(*) FROM strategy_action");
    }

    @Test
    void anOutcomeIsStatedShownPricedPerUnitExportedCopiedAndCompared() throws Exception {
        Browser c = as("demo-coordinator");
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_action WHERE (outcome_quantity IS NULL AND outcome_unit IS NOT NULL)"
                + " OR (outcome_quantity IS NOT NULL AND outcome_unit IS NULL)"), "an outcome is both or neither");
        assertTrue(one("SELECT COUNT(*) FROM strategy_action WHERE outcome_quantity IS NOT NULL") > 0,
                "most demo actions state an outcome");
        long draft = revise(c);
        c.get("/strategy/versions/" + draft + "/actions/new");
        assertEquals(303, c.post("/strategy/versions/" + draft + "/actions", withOutcome("1,200", UNIT, "0")).statusCode());
        long a = one("SELECT MAX(id) FROM strategy_action");
        assertEquals(1200, one("SELECT outcome_quantity FROM strategy_action WHERE id = " + a));
        assertEquals(UNIT, text("SELECT outcome_unit FROM strategy_action WHERE id = " + a));
        HttpResponse<String> page = c.get("/strategy/actions/" + a);
        assertTrue(page.body().contains("1,200 " + UNIT), page.body());
        assertEquals(303, c.post("/strategy/actions/" + a + "/budget", Map.of("source", "City budget", "govLevel",
                "local", "amount", "1000", "currency", "KES")).statusCode());

        String row = costRow(c, draft, a);
        assertTrue(row.contains("1,200 " + UNIT), row);
        assertTrue(row.contains("0.83"), "KES 1,000.00 / 1,200 = 0.8333: 83 minor units, " + row);

        // the cost page of the draft shows an edit at once (the edit raised the version's content stamp)
        long stamp = one("SELECT content_stamp FROM strategy_version WHERE id = " + draft);
        c.get("/strategy/actions/" + a + "/edit");
        assertEquals(303, c.post("/strategy/actions/" + a, withOutcome("40", UNIT, "0")).statusCode());
        assertTrue(one("SELECT content_stamp FROM strategy_version WHERE id = " + draft) > stamp);
        row = costRow(c, draft, a);
        assertTrue(row.contains("40 " + UNIT) && row.contains("25.00"), "KES 1,000.00 / 40, " + row);
        assertTrue(c.get("/strategy/actions/" + a + "/edit").body().contains("value=\"" + UNIT + "\""), "the form shows it");

        String csv = c.get("/strategy/versions/" + draft + "/actions.csv").body();
        assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",currency,outcome_quantity,outcome_unit"), csv);
        assertTrue(csv.contains(",100000,KES,40," + UNIT), csv);
        List<org.dhatim.fastexcel.reader.Row> sheet = XlsxTest.read(xlsx(c, draft));
        org.dhatim.fastexcel.reader.Row last = sheet.get(sheet.size() - 1);
        assertEquals("Lighting the bus station", last.getCell(0).asString());
        assertEquals(new java.math.BigDecimal("40"), last.getCell(16).asNumber(), "the quantity is a number");
        assertEquals(UNIT, last.getCell(17).asString());
        assertEquals("Expected outcome: quantity", sheet.get(0).getCell(16).asString());

        // a revision copies the outcome; the history sees a change of it alone
        c.get("/strategy/versions/" + draft);
        int version = (int) one("SELECT version FROM strategy_version WHERE id = " + draft);
        assertEquals(303, c.post("/strategy/versions/" + draft + "/adopt", Map.of("adoptedOn", "2027-01-15",
                "decisionRef", "Council 7/2027", "overComments", "yes", "version", Integer.toString(version))).statusCode());
        c.get("/strategy/versions/" + draft);
        assertEquals(303, c.post("/strategy/versions/" + draft + "/revise", Map.of()).statusCode());
        long next = one("SELECT id FROM strategy_version WHERE seq_no = 3");
        long copy = one("SELECT id FROM strategy_action WHERE version_id = " + next
                + " AND title = 'Lighting the bus station'");
        assertEquals(40, one("SELECT outcome_quantity FROM strategy_action WHERE id = " + copy));
        assertEquals(UNIT, text("SELECT outcome_unit FROM strategy_action WHERE id = " + copy));
        String same = c.get("/strategy/history?from=" + draft + "&to=" + next).body();
        assertFalse(same.contains("Lighting the bus station"), "nothing changed yet");
        c.get("/strategy/actions/" + copy + "/edit");
        assertEquals(303, c.post("/strategy/actions/" + copy, withOutcome("45", UNIT, "0")).statusCode());
        String changed = c.get("/strategy/history?from=" + draft + "&to=" + next).body();
        assertTrue(changed.contains("Lighting the bus station"), "a changed outcome is a changed action");
        assertEquals(303, c.post("/strategy/actions/" + copy, withOutcome("", "", "1")).statusCode(), "optional");
        assertNull(kit.kit.store().read(cn -> {
            try (var rs = cn.createStatement().executeQuery("SELECT outcome_quantity FROM strategy_action WHERE id = " + copy)) {
                rs.next();
                return rs.getObject(1);
            }
        }));
        assertTrue(c.get("/strategy/actions/" + copy).body().contains("not stated"));
    }

    @Test
    void badOutcomesAreRefusedInTheUsersLanguageWithTheInputKeptAndNothingSaved() {
        Browser c = as("demo-coordinator");
        long draft = revise(c);
        c.get("/strategy/versions/" + draft + "/actions/new");
        long before = actions();
        String longUnit = "x".repeat(StrategyService.OUTCOME_UNIT_MAX + 1);
        Object[][] cases = {{"0", UNIT, "Enter a whole number above 0."}, {"-3", UNIT, "Enter a whole number above 0."},
            {"forty", UNIT, "Enter a whole number above 0."}, {"4.5", UNIT, "Enter a whole number above 0."},
            {"12", "", "Say what the quantity counts"}, {"", UNIT, "Enter the quantity of this outcome"},
            {"12", longUnit, "at most 120 characters"}};
        for (Object[] x : cases) {
            HttpResponse<String> r = c.post("/strategy/versions/" + draft + "/actions",
                    withOutcome((String) x[0], (String) x[1], "0"));
            assertEquals(422, r.statusCode(), x[0] + " / " + x[1]);
            assertTrue(r.body().contains((String) x[2]), x[2] + " in " + r.body());
            assertTrue(r.body().contains("name=\"outcomeQuantity\" value=\"" + x[0] + "\""), "kept: " + x[0]);
            assertTrue(r.body().contains("name=\"outcomeUnit\" value=\"" + x[1] + "\""), "kept: " + x[1]);
        }
        assertTrue(c.post("/strategy/versions/" + draft + "/actions", withOutcome("12", "x".repeat(120), "0"))
                .statusCode() == 303, "120 characters are allowed");
        assertEquals(before + 1, actions());
        long a = one("SELECT MAX(id) FROM strategy_action");

        c.post("/language", Map.of("lang", "fr"));
        c.get("/strategy/actions/" + a + "/edit");
        HttpResponse<String> fr = c.post("/strategy/actions/" + a, withOutcome("0", "lampadaires", "0"));
        assertEquals(422, fr.statusCode());
        assertTrue(fr.body().contains("Saisissez un nombre entier supérieur à 0."), fr.body());
        c.post("/language", Map.of("lang", "zh"));
        c.get("/strategy/actions/" + a + "/edit");
        HttpResponse<String> zh = c.post("/strategy/actions/" + a, withOutcome("12", "", "0"));
        assertEquals(422, zh.statusCode());
        assertTrue(zh.body().contains("请说明数量所计的对象"), zh.body());
        assertEquals(12, one("SELECT outcome_quantity FROM strategy_action WHERE id = " + a), "unchanged");
        assertEquals(0, one("SELECT version FROM strategy_action WHERE id = " + a));
    }

    @Test
    void outcomesFollowTheEditRulesRolesCsrfStaleReadingsAndAdoptedVersions() {
        Browser c = as("demo-coordinator");
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        String adoptedOutcomes = "SELECT COALESCE(SUM(outcome_quantity), 0) FROM strategy_action WHERE version_id = " + v1;
        long adoptedBefore = one(adoptedOutcomes);
        long adopted = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + v1);
        c.get("/strategy/actions/" + adopted);
        HttpResponse<String> readOnly = c.post("/strategy/actions/" + adopted, withOutcome("5", UNIT, "0"));
        assertEquals(409, readOnly.statusCode(), "an adopted version is read-only");
        long draft = revise(c);
        long a = one("SELECT MIN(id) FROM strategy_action WHERE version_id = " + draft);

        Browser member = as("demo-member");
        member.get("/strategy/actions/" + a);
        assertEquals(403, member.post("/strategy/actions/" + a, withOutcome("5", UNIT, "0")).statusCode());
        Browser partner = as("demo-partner");
        partner.get("/strategy/actions/" + a);
        assertEquals(403, partner.post("/strategy/actions/" + a, withOutcome("5", UNIT, "0")).statusCode());

        Browser analyst = as("demo-analyst");
        analyst.get("/strategy/actions/" + a + "/edit");
        String token = analyst.csrf;
        analyst.csrf = "forged-token";
        assertEquals(403, analyst.post("/strategy/actions/" + a, withOutcome("5", UNIT, "0")).statusCode());
        analyst.csrf = null;
        assertEquals(403, analyst.post("/strategy/actions/" + a, withOutcome("5", UNIT, "0")).statusCode(), "no token");
        analyst.csrf = token;
        assertEquals(303, analyst.post("/strategy/actions/" + a, withOutcome("5", UNIT, "0")).statusCode());
        HttpResponse<String> stale = c.post("/strategy/actions/" + a, withOutcome("6", UNIT, "0"));
        assertEquals(409, stale.statusCode(), "the coordinator read version 0");
        assertTrue(stale.body().contains("name=\"outcomeQuantity\" value=\"6\""), "the input is kept");
        assertEquals(5, one("SELECT outcome_quantity FROM strategy_action WHERE id = " + a));
        assertEquals(adoptedBefore, one(adoptedOutcomes), "the adopted version's outcomes are as they were");
    }

    /** The cost page's row of one action. */
    static String costRow(Browser c, long version, long action) {
        HttpResponse<String> r = c.get("/strategy/versions/" + version + "/cost");
        assertEquals(200, r.statusCode());
        String body = r.body();
        int at = body.indexOf("<a href=\"/strategy/actions/" + action + "\">");
        assertTrue(at > 0, body);
        return body.substring(at, body.indexOf("</tr>", at));
    }

    byte[] xlsx(Browser c, long version) throws Exception {
        HttpResponse<byte[]> r = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                kit.base() + "/strategy/versions/" + version + "/actions.xlsx")).header("Cookie", "sck_session="
                + c.cookie("sck_session")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }
}
