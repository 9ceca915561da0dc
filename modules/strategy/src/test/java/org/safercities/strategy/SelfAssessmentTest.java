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

/** The self-assessment sheet and its radar data, kept per version, over real HTTP. */
class SelfAssessmentTest {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("strategy-assessment"), Map.of("demo", "true"),
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

    @Test
    void theTechnicalGroupScoresADraftWithEvidenceAndARevisionKeepsTheEarlierScoresForTheRadar() {
        Browser coordinator = as("demo-coordinator");
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        coordinator.get("/strategy/versions/" + v1);
        assertEquals(303, coordinator.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        long v2 = one("SELECT id FROM strategy_version WHERE seq_no = 2");

        Browser member = as("demo-member");
        String page = member.get("/strategy/versions/" + v2 + "/assessment").body();
        assertTrue(page.contains("name=\"score.m\"") && page.contains("name=\"evidence.24h\""), "13 principles, 12 elements");
        assertTrue(page.contains("/assets/strategy-radar.js"));
        HttpResponse<String> noEvidence = member.post("/strategy/versions/" + v2 + "/assessment",
                Map.of("score.a", "2", "evidence.a", "", "score.c", "3", "evidence.c", "Every action has its review."));
        assertEquals(422, noEvidence.statusCode());
        assertTrue(noEvidence.body().contains("Give the evidence for this score."));
        assertTrue(noEvidence.body().contains("Every action has its review."), "what was typed stays");
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_assessment"), "nothing saved");
        assertEquals(422, member.post("/strategy/versions/" + v2 + "/assessment", Map.of("score.a", "7",
                "evidence.a", "x")).statusCode());

        Map<String, String> sheet = new HashMap<>(Map.of("score.a", "2", "evidence.a", "Human rights training planned",
                "score.c", "3", "evidence.c", "Every action has its review.", "score.24c", "1", "evidence.24c", "Draft"));
        assertEquals(303, member.post("/strategy/versions/" + v2 + "/assessment", sheet).statusCode());
        assertEquals(3, one("SELECT COUNT(*) FROM strategy_assessment WHERE version_id = " + v2));
        String json = member.get("/strategy/versions/" + v2 + "/assessment.json").body();
        assertTrue(json.contains("\"value\":[2,0,3,0,0,0,0,0,0,0,0,0,0]"), json);
        assertTrue(json.contains("C. Do no harm"));
        assertTrue(member.get("/strategy/versions/" + v2 + "/assessment").body().contains("Average 2.0 out of 3, over 3 of 25"));
        String document = member.get("/strategy/versions/" + v2 + "/document").body();
        assertTrue(document.contains("C. Do no harm") && document.contains("3/3 · fully"), "the printed strategy has it");

        Browser partner = as("demo-partner");
        String read = partner.get("/strategy/versions/" + v2 + "/assessment").body();
        assertFalse(read.contains("name=\"score.a\""), "partners read, they do not score");
        assertTrue(read.contains("Every action has its review."));
        assertEquals(403, partner.post("/strategy/versions/" + v2 + "/assessment", sheet).statusCode());

        // adopt, revise: the new draft starts from the same scores, and the radar shows both versions
        coordinator.get("/strategy/versions/" + v2);
        assertEquals(303, coordinator.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "2027-01-01",
                "decisionRef", "C/1", "version", Long.toString(one("SELECT version FROM strategy_version WHERE id = " + v2))))
                .statusCode());
        assertEquals(409, member.post("/strategy/versions/" + v2 + "/assessment", sheet).statusCode(), "adopted: read-only");
        coordinator.get("/strategy/versions/" + v2);
        assertEquals(303, coordinator.post("/strategy/versions/" + v2 + "/revise", Map.of()).statusCode());
        long v3 = one("SELECT id FROM strategy_version WHERE seq_no = 3");
        assertEquals(3, one("SELECT COUNT(*) FROM strategy_assessment WHERE version_id = " + v3));
        sheet.put("score.a", "3");
        member.get("/strategy/versions/" + v3 + "/assessment");
        assertEquals(303, member.post("/strategy/versions/" + v3 + "/assessment", sheet).statusCode());
        String both = member.get("/strategy/versions/" + v3 + "/assessment.json").body();
        assertTrue(both.contains("\"name\":\"Version 3\",\"value\":[3,") && both.contains("\"name\":\"Version 2\",\"value\":[2,"),
                both);
    }
}
