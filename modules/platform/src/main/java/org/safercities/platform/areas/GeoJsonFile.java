package org.safercities.platform.areas;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import org.safercities.platform.Problem;

/**
 * Reads a GeoJSON file of boundaries (RFC 7946) and says exactly why when it cannot: not UTF-8, not JSON,
 * ECharts' encoded map format, not a FeatureCollection, a coordinate reference system other than WGS 84
 * longitude/latitude, coordinates that cannot be degrees.
 */
public final class GeoJsonFile {

    /** Geographic CRS within about a metre of WGS 84: read as WGS 84, with a note to the user. */
    private static final Set<String> NEAR_WGS84 = Set.of("4674", "4258", "4269", "4283", "7844", "4617", "4190");
    public static final String FEATURE_ID = "@id";
    static final int MAX_FEATURES = 20_000;
    /** GeoJSON is read whole (about ten times its size in memory): larger boundaries must be simplified first. */
    static final long MAX_BYTES = 25L * 1024 * 1024;

    public record Feature(int number, String id, Map<String, String> properties, String geometryType,
            String geometry, double[] bbox, String problemKey) {
    }

    /** The parsed file: its features, the property names found, and a note on the CRS when one applies. */
    public record Parsed(List<Feature> features, List<String> propertyNames, String crsNoteKey, String crsName) {
    }

    private GeoJsonFile() {
    }

    public static Parsed read(Path file) {
        String text = utf8(file);
        JsonObject root;
        try {
            JsonValue v = Json.createReader(new StringReader(text)).readValue();
            if (!(v instanceof JsonObject o)) {
                throw new Problem(422, "platform.geojson.notFeatureCollection");
            }
            root = o;
        } catch (JsonParsingException e) {
            var loc = e.getLocation();
            throw new Problem(422, "platform.geojson.notJson", loc == null ? 0 : loc.getLineNumber(),
                    loc == null ? 0 : loc.getColumnNumber());
        } catch (jakarta.json.JsonException e) {
            throw new Problem(422, "platform.geojson.notJson", 0, 0);
        } catch (Problem p) {
            throw p;
        } catch (RuntimeException | StackOverflowError e) {
            // Parsson refuses input nested over 1,000 deep with a bare RuntimeException: no boundary file does that
            throw new Problem(422, "platform.geojson.notJson", 0, 0);
        }
        if (root.containsKey("UTF8Encoding")) {
            throw new Problem(422, "platform.geojson.echartsEncoded");
        }
        String type = root.containsKey("type") && root.get("type") instanceof JsonString s ? s.getString() : "";
        List<JsonObject> features = new ArrayList<>();
        if (type.equals("FeatureCollection") && root.get("features") instanceof JsonArray arr) {
            for (JsonValue f : arr) {
                if (f instanceof JsonObject fo) {
                    features.add(fo);
                }
            }
        } else if (type.equals("Feature")) {
            features.add(root);
        } else {
            throw new Problem(422, "platform.geojson.notFeatureCollection");
        }
        String crsName = crsName(root);
        String note = crsNote(crsName);
        if (features.isEmpty()) {
            throw new Problem(422, "platform.geojson.noFeatures");
        }
        if (features.size() > MAX_FEATURES) {
            throw new Problem(422, "platform.geojson.tooManyFeatures", MAX_FEATURES);
        }
        List<Feature> out = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int number = 0;
        for (JsonObject f : features) {
            number++;
            Map<String, String> props = properties(f);
            names.addAll(props.keySet());
            out.add(feature(number, f, props));
        }
        return new Parsed(out, List.copyOf(names), note, crsName);
    }

    private static String utf8(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new Problem(413, "platform.geojson.tooLarge", MAX_BYTES / (1024 * 1024));
            }
        } catch (IOException e) {
            throw new Problem(400, "platform.upload.failed");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readAllBytes();
            int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                    && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
        } catch (CharacterCodingException e) {
            throw new Problem(422, "platform.geojson.notUtf8");
        } catch (IOException e) {
            throw new Problem(400, "platform.upload.failed");
        }
    }

    static String crsName(JsonObject root) {
        if (root.get("crs") instanceof JsonObject crs && crs.get("properties") instanceof JsonObject p
                && p.get("name") instanceof JsonString n) {
            return n.getString();
        }
        return null;
    }

    /** Null when the CRS is WGS 84 (or absent, as RFC 7946 wants); a note key when close enough; else refused. */
    static String crsNote(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toUpperCase(java.util.Locale.ROOT);
        if (n.endsWith("CRS84") || n.endsWith("EPSG::4326") || n.equals("EPSG:4326") || n.endsWith("/4326")) {
            return null;
        }
        String code = n.replaceAll(".*[:/]", "");
        if (NEAR_WGS84.contains(code)) {
            return "platform.geojson.crsNearWgs84";
        }
        throw new Problem(422, "platform.geojson.unsupportedCrs", name);
    }

    private static Map<String, String> properties(JsonObject f) {
        Map<String, String> out = new LinkedHashMap<>();
        if (f.get("properties") instanceof JsonObject p) {
            for (var e : p.entrySet()) {
                out.put(e.getKey(), text(e.getValue()));
            }
        }
        return out;
    }

    static String text(JsonValue v) {
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        if (v instanceof JsonString s) {
            return s.getString();
        }
        if (v instanceof JsonNumber n) {
            return n.toString();
        }
        return v.toString();
    }

    private static Feature feature(int number, JsonObject f, Map<String, String> props) {
        String id = f.containsKey("id") ? text(f.get("id")) : "";
        if (!(f.get("geometry") instanceof JsonObject g)) {
            return new Feature(number, id, props, null, null, null, null);
        }
        String gtype = g.get("type") instanceof JsonString s ? s.getString() : "";
        if (!gtype.equals("Polygon") && !gtype.equals("MultiPolygon")) {
            return new Feature(number, id, props, gtype, null, null, "platform.geojson.notPolygon");
        }
        double[] bbox = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        String problem = gtype.equals("Polygon") ? polygon(g.get("coordinates"), bbox) : multi(g.get("coordinates"), bbox);
        if (problem != null) {
            return new Feature(number, id, props, gtype, null, null, problem);
        }
        return new Feature(number, id, props, gtype, g.toString(), bbox, null);
    }

    private static String multi(JsonValue coords, double[] bbox) {
        if (!(coords instanceof JsonArray polys) || polys.isEmpty()) {
            return "platform.geojson.badCoordinates";
        }
        for (JsonValue p : polys) {
            String problem = polygon(p, bbox);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String polygon(JsonValue coords, double[] bbox) {
        if (!(coords instanceof JsonArray rings) || rings.isEmpty()) {
            return "platform.geojson.badCoordinates";
        }
        for (JsonValue r : rings) {
            if (!(r instanceof JsonArray ring) || ring.size() < 4) {
                return "platform.geojson.badCoordinates";
            }
            for (JsonValue pos : ring) {
                if (!(pos instanceof JsonArray xy) || xy.size() < 2 || !(xy.get(0) instanceof JsonNumber x)
                        || !(xy.get(1) instanceof JsonNumber y)) {
                    return "platform.geojson.badCoordinates";
                }
                double lon = x.doubleValue();
                double lat = y.doubleValue();
                if (Math.abs(lon) > 180 || Math.abs(lat) > 90 || Double.isNaN(lon) || Double.isNaN(lat)) {
                    return "platform.geojson.notDegrees";
                }
                bbox[0] = Math.min(bbox[0], lon);
                bbox[1] = Math.min(bbox[1], lat);
                bbox[2] = Math.max(bbox[2], lon);
                bbox[3] = Math.max(bbox[3], lat);
            }
        }
        return null;
    }
}
