package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

/** The shipped schema is the published one, loads with the checker's keywords, and tells good exports from bad. */
class ExportSchemaTest {

    static final String GOOD = """
            {"schemaVersion": "1.0", "kitVersion": "0.1.0", "generatedAt": "2026-12-07T06:00:00Z",
             "city": {"name": "Demo", "country": "KE", "currency": "KES"},
             "period": {"fromYear": 2025, "toYear": 2025},
             "suppression": {"threshold": 5, "method": "primary+secondary"},
             "strategy": null,
             "incidents": [{"year": 2025, "area": "W01", "iccs": "0101", "sex": "F", "count": null, "suppressed": true},
                           {"year": 2025, "area": "*", "iccs": "*", "sex": "*", "count": 12, "suppressed": false}],
             "indicators": [], "indicatorValues": [], "progress": [], "review": null,
             "goodPractices": [{"title": "Lights", "problem": "p", "intervention": "i", "preventionType": "situational",
                                "targetGroups": ["women_girls"], "evidence": "", "cost": "", "contactRole": "Head of office"}]}
            """;

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void theJarCarriesTheSchemaPublishedInDocs() throws Exception {
        Path docs = Path.of("../../docs/export-schema.json");
        assertEquals(Files.readString(docs, StandardCharsets.UTF_8), ExportSchema.text());
        assertNotNull(ExportSchema.shipped());
    }

    @Test
    void aWellFormedExportPasses() {
        assertEquals(List.of(), ExportSchema.shipped().problems(json(GOOD)));
    }

    @Test
    void eachBrokenRuleIsReportedWhereItIs() {
        ExportSchema s = ExportSchema.shipped();
        assertEquals(List.of("$.schemaVersion: must be \"1.0\""),
                s.problems(json(GOOD.replace("\"schemaVersion\": \"1.0\"", "\"schemaVersion\": \"2.0\""))));
        assertEquals(List.of("$.incidents[1].count: below minimum 0"),
                s.problems(json(GOOD.replace("\"count\": 12", "\"count\": -3"))));
        assertEquals(List.of("$.city.country: does not match ^[A-Z]{2}$"),
                s.problems(json(GOOD.replace("\"KE\"", "\"Kenya\""))));
        assertEquals(List.of("$.city.phone: not allowed"),
                s.problems(json(GOOD.replace("\"currency\": \"KES\"", "\"currency\": \"KES\", \"phone\": \"x\""))));
        assertEquals(List.of("$: missing review"), s.problems(json(GOOD.replace("\"review\": null,", ""))));
        assertEquals(List.of("$.period.fromYear: must be of type \"integer\""),
                s.problems(json(GOOD.replace("\"fromYear\": 2025", "\"fromYear\": 2025.5"))));
    }

    @Test
    void aSchemaWithAKeywordTheCheckerDoesNotKnowIsRefused() {
        var e = assertThrows(IllegalStateException.class, () -> ExportSchema.of(new ByteArrayInputStream(
                "{\"type\": \"object\", \"oneOf\": []}".getBytes(StandardCharsets.UTF_8))));
        assertTrue(e.getMessage().contains("oneOf"));
    }

    @Test
    void contactDetailsInFreeTextAreNoticedButYearsAndAmountsAreNot() {
        assertTrue(Contacts.looksPersonal("call amina@example.org"));
        assertTrue(Contacts.looksPersonal("tel. +254 712 345 678"));
        assertFalse(Contacts.looksPersonal("Street lighting 2024-2026, 1 200 000 KES"));
        assertFalse(Contacts.looksPersonal("Head of the safety office"));
    }
}
