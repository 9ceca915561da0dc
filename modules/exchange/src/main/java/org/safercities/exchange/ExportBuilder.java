package org.safercities.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import org.safercities.platform.files.CsvOut;
import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.links.StrategyFigures;

/**
 * Builds one period's export as a zip: {@code export.json} (valid against {@link ExportSchema}), CSV parts
 * ({@code incidents.csv}, {@code indicator-values.csv}, {@code good-practices.csv}) and {@code manifest.json} with
 * the kit and schema versions, the city, the period and the SHA-256 of every part. Aggregates only: incident counts
 * come suppressed from {@link IncidentTable}; an indicator value resting on 1 to threshold − 1 cases is hidden.
 * Indicator sources (free text as typed) are left out.
 */
final class ExportBuilder {

    /** Everything one export holds, as read from the other modules through platform.links (absent ones empty). */
    record Content(String kitVersion, Instant generatedAt, String cityName, String country, String currency,
            int fromYear, int toYear, int threshold, Optional<StrategyFigures.Summary> strategy,
            List<StrategyFigures.BudgetLine> budget, List<IncidentTable.Cell> incidents,
            List<IndicatorValues.Indicator> indicators, List<IndicatorValues.Value> values,
            List<IndicatorValues.Progress> progress, Optional<Review> review, List<Practice> practices,
            java.util.function.LongFunction<String> areaCode) {
    }

    private ExportBuilder() {
    }

    static JsonObject json(Content c) {
        JsonObjectBuilder o = Json.createObjectBuilder()
                .add("schemaVersion", ExportSchema.VERSION)
                .add("kitVersion", c.kitVersion())
                .add("generatedAt", c.generatedAt().toString())
                .add("city", Json.createObjectBuilder().add("name", c.cityName()).add("country", c.country())
                        .add("currency", c.currency()))
                .add("period", Json.createObjectBuilder().add("fromYear", c.fromYear()).add("toYear", c.toYear()))
                .add("suppression", Json.createObjectBuilder().add("threshold", c.threshold())
                        .add("method", "primary+secondary"));
        o.add("strategy", c.strategy().<JsonValue>map(s -> strategy(s, c)).orElse(JsonValue.NULL));
        JsonArrayBuilder incidents = Json.createArrayBuilder();
        for (IncidentTable.Cell cell : c.incidents()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("year", cell.year()).add("area", cell.area())
                    .add("iccs", cell.iccs()).add("sex", cell.sex());
            if (cell.count() == null) {
                b.addNull("count");
            } else {
                b.add("count", cell.count());
            }
            incidents.add(b.add("suppressed", cell.count() == null));
        }
        o.add("incidents", incidents);
        JsonArrayBuilder indicators = Json.createArrayBuilder();
        c.indicators().forEach(i -> indicators.add(Json.createObjectBuilder().add("code", i.code()).add("name", i.name())
                .add("unit", i.unit()).add("direction", i.direction()).add("origin", i.origin())
                .add("frequency", i.frequency())));
        o.add("indicators", indicators);
        JsonArrayBuilder values = Json.createArrayBuilder();
        for (IndicatorValues.Value v : c.values()) {
            boolean hidden = hidden(v, c.threshold());
            JsonObjectBuilder b = Json.createObjectBuilder().add("indicator", v.indicator()).add("period", v.period())
                    .add("area", v.areaId() == null ? "*" : c.areaCode().apply(v.areaId())).add("sex", v.sex())
                    .add("ageBand", v.ageBand());
            number(b, "value", hidden ? null : v.value());
            number(b, "low", hidden ? null : v.low());
            number(b, "high", hidden ? null : v.high());
            values.add(b.add("suppressed", hidden).add("method", v.method()).add("quality", v.quality()));
        }
        o.add("indicatorValues", values);
        JsonArrayBuilder progress = Json.createArrayBuilder();
        for (IndicatorValues.Progress p : c.progress()) {
            JsonObjectBuilder b = Json.createObjectBuilder().add("indicator", p.indicator());
            number(b, "baseline", p.baseline());
            text(b, "baselinePeriod", p.baselinePeriod());
            number(b, "target", p.target());
            text(b, "targetPeriod", p.targetPeriod());
            number(b, "latest", p.latest());
            text(b, "latestPeriod", p.latestPeriod());
            progress.add(b.add("status", p.status()));
        }
        o.add("progress", progress);
        o.add("review", c.review().<JsonValue>map(r -> Json.createObjectBuilder().add("cycle", r.cycle())
                .add("measures", r.measures()).add("difficulties", r.difficulties()).add("assistance", r.assistance())
                .add("practicesNote", r.practicesNote())
                .add("successIndicators", Json.createObjectBuilder().add("toolsShared", r.toolsShared())
                        .add("toolsPiloted", r.toolsPiloted()).add("focalPoints", r.focalPoints())
                        .add("fundsAllocatedMinor", r.fundsMinor()).add("partnersEngaged", r.partnersEngaged()))
                .build()).orElse(JsonValue.NULL));
        JsonArrayBuilder practices = Json.createArrayBuilder();
        for (Practice p : c.practices()) {
            if (!p.own()) {
                continue; // another city's practice is theirs to publish
            }
            JsonArrayBuilder groups = Json.createArrayBuilder();
            p.targetGroups().forEach(groups::add);
            practices.add(Json.createObjectBuilder().add("title", p.title()).add("problem", p.problem())
                    .add("intervention", p.intervention()).add("preventionType", p.preventionType())
                    .add("targetGroups", groups).add("evidence", p.evidence()).add("cost", p.cost())
                    .add("contactRole", p.contactRole()));
        }
        o.add("goodPractices", practices);
        return o.build();
    }

    /** A value resting on 1 to threshold − 1 cases goes out without its figures. */
    static boolean hidden(IndicatorValues.Value v, int threshold) {
        return v.count() != null && v.count() >= 1 && v.count() < threshold;
    }

    private static JsonObject strategy(StrategyFigures.Summary s, Content c) {
        JsonObjectBuilder b = Json.createObjectBuilder().add("versionNumber", s.versionNumber()).add("status", s.status());
        text(b, "adoptedOn", s.adoptedOn() == null ? null : s.adoptedOn().toString());
        b.add("fromYear", s.fromYear()).add("toYear", s.toYear()).add("vision", s.vision())
                .add("priorities", s.priorities()).add("objectives", s.objectives()).add("actions", s.actions())
                .add("actionsByStatus", counts(s.actionsByStatus())).add("actionsByLevel", counts(s.actionsByLevel()))
                .add("actionsByType", counts(s.actionsByType()));
        Map<String, Long> budget = new LinkedHashMap<>();
        for (StrategyFigures.BudgetLine l : c.budget()) {
            if (l.year() >= c.fromYear() && l.year() <= c.toYear()) {
                budget.merge(l.year() + "|" + l.governmentLevel(), l.amountMinor(), Long::sum);
            }
        }
        JsonArrayBuilder lines = Json.createArrayBuilder();
        budget.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            String[] k = e.getKey().split("\\|", 2);
            lines.add(Json.createObjectBuilder().add("year", Integer.parseInt(k[0])).add("governmentLevel", k[1])
                    .add("amountMinor", e.getValue()));
        });
        return b.add("budget", lines).build();
    }

    private static JsonObjectBuilder counts(Map<String, Integer> m) {
        JsonObjectBuilder b = Json.createObjectBuilder();
        new java.util.TreeMap<>(m).forEach(b::add);
        return b;
    }

    private static void number(JsonObjectBuilder b, String name, Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    private static void text(JsonObjectBuilder b, String name, String value) {
        if (value == null) {
            b.addNull(name);
        } else {
            b.add(name, value);
        }
    }

    /** A part of the zip and its SHA-256, for the manifest. */
    record Part(String name, byte[] bytes) {
        String sha256() {
            return HexFormat.of().formatHex(ExportBuilder.sha256().digest(bytes));
        }
    }

    /** The digest of the export format (the manifest's parts, the sealed files): SHA-256, which every JDK has. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the zip: the parts, then manifest.json listing each with its size and SHA-256. */
    static void zip(Content c, OutputStream out) throws IOException {
        JsonObject json = json(c);
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("export.json", json.toString().getBytes(StandardCharsets.UTF_8)));
        parts.add(new Part("incidents.csv", csv(w -> {
            w.row(List.of("year", "area", "iccs", "sex", "count", "suppressed"));
            for (IncidentTable.Cell cell : c.incidents()) {
                w.row(java.util.Arrays.asList(cell.year(), cell.area(), cell.iccs(), cell.sex(), cell.count(),
                        cell.count() == null));
            }
        })));
        parts.add(new Part("indicator-values.csv", csv(w -> {
            w.row(List.of("indicator", "period", "area", "sex", "age_band", "value", "low", "high", "suppressed"));
            for (JsonValue v : json.getJsonArray("indicatorValues")) {
                JsonObject x = v.asJsonObject();
                w.row(java.util.Arrays.asList(x.getString("indicator"), x.getString("period"), x.getString("area"),
                        x.getString("sex"), x.getString("ageBand"), plain(x.get("value")), plain(x.get("low")),
                        plain(x.get("high")), x.getBoolean("suppressed")));
            }
        })));
        parts.add(new Part("good-practices.csv", csv(w -> {
            w.row(List.of("title", "problem", "intervention", "prevention_type", "target_groups", "evidence", "cost",
                    "contact_role"));
            for (JsonValue v : json.getJsonArray("goodPractices")) {
                JsonObject x = v.asJsonObject();
                w.row(List.of(x.getString("title"), x.getString("problem"), x.getString("intervention"),
                        x.getString("preventionType"), String.join(" ", x.getJsonArray("targetGroups")
                                .getValuesAs(jakarta.json.JsonString::getString)),
                        x.getString("evidence"), x.getString("cost"), x.getString("contactRole")));
            }
        })));
        JsonArrayBuilder listed = Json.createArrayBuilder();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Part p : parts) {
                zip.putNextEntry(new ZipEntry(p.name()));
                zip.write(p.bytes());
                zip.closeEntry();
                listed.add(Json.createObjectBuilder().add("name", p.name()).add("bytes", p.bytes().length)
                        .add("sha256", p.sha256()));
            }
            JsonObject manifest = Json.createObjectBuilder().add("kitVersion", c.kitVersion())
                    .add("schemaVersion", ExportSchema.VERSION).add("city", c.cityName()).add("country", c.country())
                    .add("fromYear", c.fromYear()).add("toYear", c.toYear())
                    .add("generatedAt", c.generatedAt().toString()).add("parts", listed).build();
            zip.putNextEntry(new ZipEntry("manifest.json"));
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }

    private static Object plain(JsonValue v) {
        return v.getValueType() == JsonValue.ValueType.NULL ? null : v.toString();
    }

    private interface CsvWork {
        void write(CsvOut w) throws IOException;
    }

    private static byte[] csv(CsvWork work) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (CsvOut w = CsvOut.to(b)) {
            work.write(w);
        }
        return b.toByteArray();
    }
}
