package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import org.safercities.platform.links.DiagnosisFigures.IncidentCell;
import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.links.StrategyFigures;

/** A full export zip: its JSON passes the published schema, the manifest's hashes match, small values are hidden. */
class ExportBuilderTest {

    static ExportBuilder.Content content(boolean withEverything) {
        var summary = new StrategyFigures.Summary(2, "adopted", LocalDate.of(2025, 3, 1), 2025, 2027, "A safer city",
                4, 6, 12, Map.of("under_way", 7, "planned", 5), Map.of("primary", 12), Map.of("situational", 12), "KES");
        var budget = List.of(new StrategyFigures.BudgetLine(null, "local", "City budget", 2025, 300_000),
                new StrategyFigures.BudgetLine(1L, "local", "City budget", 2025, 200_000),
                new StrategyFigures.BudgetLine(1L, "national", "Ministry", 2026, 999));
        var cells = IncidentTable.publish(2025, List.of(new IncidentCell(1L, "0101", "F", "18-24", 2),
                new IncidentCell(1L, "0101", "M", "18-24", 40), new IncidentCell(2L, "0101", "F", "18-24", 30),
                new IncidentCell(2L, "0101", "M", "18-24", 25)), id -> "W0" + id, 5);
        var indicators = List.of(new IndicatorValues.Indicator("16.1.4", "Feeling safe", "%", "up", "built_in", "yearly"));
        var values = List.of(new IndicatorValues.Value("16.1.4", "2025", null, "", "", 61.5, 58.0, 65.0, 400L,
                "computed", "Survey 2025 by Amina", "good"),
                new IndicatorValues.Value("16.1.4", "2025", 2L, "F", "", 80.0, null, null, 3L, "computed", "", "poor"));
        var progress = List.of(new IndicatorValues.Progress("16.1.4", 55.0, "2024", 70.0, "2030", 61.5, "2025", "on_track"));
        var review = new Review(2025, "Lights in W01", "Budget late", "GIS training", "See library", 2, 1, 9,
                500_000, 14, Instant.now(), "coordinator", 0, true);
        var practices = List.of(new Practice(1, "Solar lamps", "Dark lanes", "Lamps", "situational",
                List.of("women_girls"), "Fewer incidents", "KES 2m", "Head of works", null, null, 0),
                new Practice(2, "Theirs", "x", "y", "social", List.of(), "", "", "", "Other City", 5L, 0));
        return withEverything
                ? new ExportBuilder.Content("0.1.0", Instant.parse("2026-01-10T08:00:00Z"), "Demo City", "KE", "KES",
                        2025, 2025, 5, Optional.of(summary), budget, cells, indicators, values, progress,
                        Optional.of(review), practices, id -> "W0" + id)
                : new ExportBuilder.Content("0.1.0", Instant.parse("2026-01-10T08:00:00Z"), "Demo City", "KE", "KES",
                        2025, 2025, 5, Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(),
                        Optional.empty(), List.of(), id -> "W0" + id);
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    @Test
    void everyExportPassesTheSchemaWithOrWithoutTheOtherModules() {
        for (boolean all : new boolean[] {true, false}) {
            assertEquals(List.of(), ExportSchema.shipped().problems(ExportBuilder.json(content(all))), "with all: " + all);
        }
    }

    @Test
    void theZipHoldsItsPartsAndAManifestWhoseHashesMatch() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ExportBuilder.zip(content(true), zip);
        Map<String, byte[]> parts = unzip(zip.toByteArray());
        assertEquals(List.of("export.json", "incidents.csv", "indicator-values.csv", "good-practices.csv", "manifest.json"),
                List.copyOf(parts.keySet()));
        JsonObject manifest = Json.createReader(new StringReader(new String(parts.get("manifest.json"),
                StandardCharsets.UTF_8))).readObject();
        assertEquals("1.0", manifest.getString("schemaVersion"));
        assertEquals(4, manifest.getJsonArray("parts").size());
        for (JsonValue v : manifest.getJsonArray("parts")) {
            JsonObject p = v.asJsonObject();
            assertEquals(p.getString("sha256"), new ExportBuilder.Part("x", parts.get(p.getString("name"))).sha256());
        }
    }

    @Test
    void smallValuesAreHiddenTheirSourcesLeftOutAndOnlyOwnPracticesPublished() {
        JsonObject json = ExportBuilder.json(content(true));
        var values = json.getJsonArray("indicatorValues");
        assertFalse(values.getJsonObject(0).getBoolean("suppressed"));
        assertTrue(values.getJsonObject(1).getBoolean("suppressed"), "3 respondents are too few");
        assertEquals(JsonValue.NULL, values.getJsonObject(1).get("value"));
        assertFalse(json.toString().contains("Amina"), "an indicator's source as typed does not leave the office");
        assertEquals(1, json.getJsonArray("goodPractices").size());
        assertEquals(1, json.getJsonObject("strategy").getJsonArray("budget").size(), "2025 local summed over areas; 2026 is outside the period");
        assertEquals(500_000, json.getJsonObject("strategy").getJsonArray("budget").getJsonObject(0).getInt("amountMinor"));
        assertTrue(json.getJsonArray("incidents").stream().anyMatch(c -> c.asJsonObject().getBoolean("suppressed")));
    }
}
