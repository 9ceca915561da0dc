package org.safercities.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The published JSON Schema of {@code export.json} (docs/export-schema.json, copied into the jar) and a checker of
 * a JSON value against it. The checker reads the schema itself and implements the draft 2020-12 keywords the schema
 * uses: {@code type} (one or a list), {@code properties}, {@code required}, {@code additionalProperties} (false or a
 * schema), {@code items}, {@code enum}, {@code const}, {@code minimum}, {@code maximum}, {@code minLength},
 * {@code maxLength}, {@code pattern} and {@code $ref} to {@code #/$defs/…}. A keyword it does not know makes it
 * refuse the schema (a test loads the shipped schema), so the schema cannot grow a rule the kit would ignore.
 * Chosen over a library: the validators on Maven Central bring Jackson or a dozen jars for these twelve keywords.
 */
public final class ExportSchema {

    public static final String VERSION = "1.0";
    static final String RESOURCE = "exchange/export-schema.json";
    private static final Set<String> KNOWN = Set.of("$schema", "$id", "title", "description", "type", "properties",
            "required", "additionalProperties", "items", "enum", "const", "minimum", "maximum", "minLength",
            "maxLength", "pattern", "$ref", "$defs");

    private final JsonObject root;

    private ExportSchema(JsonObject root) {
        this.root = root;
        checkKeywords(root, "#");
    }

    /** The schema shipped in the jar. */
    public static ExportSchema shipped() {
        try (InputStream in = open()) {
            return of(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ExportSchema of(InputStream in) {
        try (JsonReader r = Json.createReader(in)) {
            return new ExportSchema(r.readObject());
        }
    }

    /** The schema's text, as served at /exchange/export-schema.json. */
    public static String text() {
        try (InputStream in = open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open() {
        InputStream in = ExportSchema.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IllegalStateException("the export schema is missing from the jar: " + RESOURCE);
        }
        return in;
    }

    /** Where {@code value} breaks the schema ("$.incidents[3].count: below minimum 0"); empty when it is valid. */
    public List<String> problems(JsonValue value) {
        List<String> out = new ArrayList<>();
        check(root, value, "$", out);
        return out;
    }

    private void checkKeywords(JsonValue schema, String where) {
        if (schema.getValueType() != JsonValue.ValueType.OBJECT) {
            return;
        }
        JsonObject s = schema.asJsonObject();
        for (String k : s.keySet()) {
            if (!KNOWN.contains(k)) {
                throw new IllegalStateException("export schema keyword not supported: " + k + " at " + where);
            }
        }
        if (s.containsKey("properties")) {
            s.getJsonObject("properties").forEach((k, v) -> checkKeywords(v, where + "/properties/" + k));
        }
        if (s.containsKey("$defs")) {
            s.getJsonObject("$defs").forEach((k, v) -> checkKeywords(v, where + "/$defs/" + k));
        }
        if (s.containsKey("items")) {
            checkKeywords(s.get("items"), where + "/items");
        }
        if (s.containsKey("additionalProperties")) {
            checkKeywords(s.get("additionalProperties"), where + "/additionalProperties");
        }
    }

    private void check(JsonObject s, JsonValue v, String at, List<String> out) {
        if (out.size() > 50) {
            return;
        }
        if (s.containsKey("$ref")) {
            String ref = s.getString("$ref");
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalStateException("only #/$defs references are supported: " + ref);
            }
            check(root.getJsonObject("$defs").getJsonObject(ref.substring(8)), v, at, out);
        }
        if (s.containsKey("const") && !s.get("const").equals(v)) {
            out.add(at + ": must be " + s.get("const"));
            return;
        }
        if (s.containsKey("enum") && !s.getJsonArray("enum").contains(v)) {
            out.add(at + ": not one of " + s.getJsonArray("enum"));
            return;
        }
        if (s.containsKey("type") && !typeMatches(s.get("type"), v)) {
            out.add(at + ": must be of type " + s.get("type"));
            return;
        }
        switch (v.getValueType()) {
            case OBJECT -> checkObject(s, v.asJsonObject(), at, out);
            case ARRAY -> {
                if (s.containsKey("items")) {
                    JsonArray a = v.asJsonArray();
                    for (int i = 0; i < a.size(); i++) {
                        check(s.getJsonObject("items"), a.get(i), at + "[" + i + "]", out);
                    }
                }
            }
            case STRING -> checkString(s, ((JsonString) v).getString(), at, out);
            case NUMBER -> {
                BigDecimal n = ((JsonNumber) v).bigDecimalValue();
                if (s.containsKey("minimum") && n.compareTo(s.getJsonNumber("minimum").bigDecimalValue()) < 0) {
                    out.add(at + ": below minimum " + s.get("minimum"));
                }
                if (s.containsKey("maximum") && n.compareTo(s.getJsonNumber("maximum").bigDecimalValue()) > 0) {
                    out.add(at + ": above maximum " + s.get("maximum"));
                }
            }
            default -> {
            }
        }
    }

    private void checkObject(JsonObject s, JsonObject o, String at, List<String> out) {
        if (s.containsKey("required")) {
            for (JsonValue r : s.getJsonArray("required")) {
                String name = ((JsonString) r).getString();
                if (!o.containsKey(name)) {
                    out.add(at + ": missing " + name);
                }
            }
        }
        JsonObject props = s.containsKey("properties") ? s.getJsonObject("properties") : JsonValue.EMPTY_JSON_OBJECT;
        JsonValue extra = s.get("additionalProperties");
        for (Map.Entry<String, JsonValue> e : o.entrySet()) {
            String path = at + "." + e.getKey();
            if (props.containsKey(e.getKey())) {
                check(props.getJsonObject(e.getKey()), e.getValue(), path, out);
            } else if (JsonValue.FALSE.equals(extra)) {
                out.add(path + ": not allowed");
            } else if (extra != null && extra.getValueType() == JsonValue.ValueType.OBJECT) {
                check(extra.asJsonObject(), e.getValue(), path, out);
            }
        }
    }

    private static void checkString(JsonObject s, String text, String at, List<String> out) {
        int length = text.codePointCount(0, text.length());
        if (s.containsKey("minLength") && length < s.getInt("minLength")) {
            out.add(at + ": shorter than " + s.getInt("minLength"));
        }
        if (s.containsKey("maxLength") && length > s.getInt("maxLength")) {
            out.add(at + ": longer than " + s.getInt("maxLength"));
        }
        if (s.containsKey("pattern") && !Pattern.compile(s.getString("pattern")).matcher(text).find()) {
            out.add(at + ": does not match " + s.getString("pattern"));
        }
    }

    private static boolean typeMatches(JsonValue type, JsonValue v) {
        if (type.getValueType() == JsonValue.ValueType.ARRAY) {
            return type.asJsonArray().stream().anyMatch(t -> typeMatches(t, v));
        }
        String t = ((JsonString) type).getString();
        return switch (t) {
            case "object" -> v.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> v.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> v.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> v.getValueType() == JsonValue.ValueType.TRUE || v.getValueType() == JsonValue.ValueType.FALSE;
            case "null" -> v.getValueType() == JsonValue.ValueType.NULL;
            case "number" -> v.getValueType() == JsonValue.ValueType.NUMBER;
            case "integer" -> v.getValueType() == JsonValue.ValueType.NUMBER
                    && ((JsonNumber) v).bigDecimalValue().stripTrailingZeros().scale() <= 0;
            default -> throw new IllegalStateException("unknown type in the export schema: " + t);
        };
    }
}
