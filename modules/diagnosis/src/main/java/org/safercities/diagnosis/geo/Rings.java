package org.safercities.diagnosis.geo;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The rings of one boundary as flat arrays {@code [x0, y0, x1, y1, …]} (longitude, latitude), exterior rings and
 * holes alike: even-odd ray casting over all of them tells inside from outside without knowing which is which.
 */
final class Rings {

    final long areaId;
    final int level;
    final double[][] rings;
    /** Per ring: minX, minY, maxX, maxY. */
    final double[][] boxes;
    /** Per ring: the edges (by end vertex index) crossing each horizontal band, so a test reads a few edges. */
    final int[][][] bands;
    final double minX;
    final double minY;
    final double maxX;
    final double maxY;

    private Rings(long areaId, int level, List<double[]> rings) {
        this.areaId = areaId;
        this.level = level;
        this.rings = rings.toArray(new double[0][]);
        this.boxes = new double[this.rings.length][];
        this.bands = new int[this.rings.length][][];
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < this.rings.length; r++) {
            boxes[r] = box(this.rings[r]);
            bands[r] = bands(this.rings[r], boxes[r]);
            x0 = Math.min(x0, boxes[r][0]);
            y0 = Math.min(y0, boxes[r][1]);
            x1 = Math.max(x1, boxes[r][2]);
            y1 = Math.max(y1, boxes[r][3]);
        }
        this.minX = x0;
        this.minY = y0;
        this.maxX = x1;
        this.maxY = y1;
    }

    /** The boundary's rings, or null when its GeoJSON holds no polygon (or is not GeoJSON at all). */
    static Rings of(AreaLocator.Boundary b) {
        List<double[]> rings = new ArrayList<>();
        try {
            JsonValue v = Json.createReader(new StringReader(b.geoJson())).readValue();
            if (v instanceof JsonObject o) {
                collect(o, rings);
            }
        } catch (RuntimeException e) {
            return null; // the area import checked the GeoJSON: an unreadable one simply locates nothing
        }
        return rings.isEmpty() ? null : new Rings(b.areaId(), b.level(), rings);
    }

    private static void collect(JsonObject o, List<double[]> rings) {
        String type = o.containsKey("type") && o.get("type").getValueType() == JsonValue.ValueType.STRING
                ? o.getString("type") : "";
        switch (type) {
            case "Feature" -> {
                if (o.get("geometry") instanceof JsonObject g) {
                    collect(g, rings);
                }
            }
            case "FeatureCollection" -> {
                if (o.get("features") instanceof JsonArray fs) {
                    fs.forEach(f -> collect(f.asJsonObject(), rings));
                }
            }
            case "GeometryCollection" -> {
                if (o.get("geometries") instanceof JsonArray gs) {
                    gs.forEach(g -> collect(g.asJsonObject(), rings));
                }
            }
            case "Polygon" -> polygon(o.getJsonArray("coordinates"), rings);
            case "MultiPolygon" -> o.getJsonArray("coordinates").forEach(p -> polygon(p.asJsonArray(), rings));
            default -> { } // points and lines enclose nothing
        }
    }

    private static void polygon(JsonArray polygon, List<double[]> rings) {
        for (JsonValue ring : polygon) {
            JsonArray points = ring.asJsonArray();
            if (points.size() < 3) {
                continue;
            }
            double[] flat = new double[points.size() * 2 + 2];
            for (int i = 0; i < points.size(); i++) {
                JsonArray p = points.getJsonArray(i);
                flat[2 * i] = ((JsonNumber) p.get(0)).doubleValue();
                flat[2 * i + 1] = ((JsonNumber) p.get(1)).doubleValue();
            }
            int n = points.size() * 2;
            boolean closed = flat[0] == flat[n - 2] && flat[1] == flat[n - 1];
            flat[n] = flat[0]; // close a ring written open, so every edge runs from one vertex to the next
            flat[n + 1] = flat[1];
            rings.add(closed ? java.util.Arrays.copyOf(flat, n) : flat);
        }
    }

    private static double[] box(double[] ring) {
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (int i = 0; i < ring.length; i += 2) {
            b[0] = Math.min(b[0], ring[i]);
            b[1] = Math.min(b[1], ring[i + 1]);
            b[2] = Math.max(b[2], ring[i]);
            b[3] = Math.max(b[3], ring[i + 1]);
        }
        return b;
    }

    /** About four edges per band: each edge is listed in every band its y-range touches. */
    private static int[][] bands(double[] ring, double[] box) {
        int vertices = ring.length / 2;
        int count = Math.max(1, vertices / 4);
        double h = (box[3] - box[1]) / count;
        int[] sizes = new int[count];
        for (int i = 2; i < ring.length; i += 2) {
            for (int b = band(ring[i - 1], ring[i + 1], box[1], h, count, true); b <= band(ring[i - 1], ring[i + 1],
                    box[1], h, count, false); b++) {
                sizes[b]++;
            }
        }
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            out[b] = new int[sizes[b]];
            sizes[b] = 0;
        }
        for (int i = 2; i < ring.length; i += 2) {
            for (int b = band(ring[i - 1], ring[i + 1], box[1], h, count, true); b <= band(ring[i - 1], ring[i + 1],
                    box[1], h, count, false); b++) {
                out[b][sizes[b]++] = i;
            }
        }
        return out;
    }

    private static int band(double y1, double y2, double minY, double h, int count, boolean low) {
        double y = low ? Math.min(y1, y2) : Math.max(y1, y2);
        return h <= 0 ? 0 : Math.clamp((long) Math.floor((y - minY) / h), 0, count - 1);
    }

    boolean boxContains(double x, double y) {
        return x >= minX && x <= maxX && y >= minY && y <= maxY;
    }

    /**
     * Even-odd ray casting over every ring. A ring whose box misses the point is skipped: the ray crosses it an
     * even number of times (or not at all), so it cannot change the answer.
     */
    boolean contains(double x, double y) {
        boolean inside = false;
        for (int r = 0; r < rings.length; r++) {
            double[] b = boxes[r];
            if (x < b[0] || x > b[2] || y < b[1] || y > b[3]) {
                continue;
            }
            double[] p = rings[r];
            int[][] ringBands = bands[r];
            double h = (b[3] - b[1]) / ringBands.length;
            int[] edges = ringBands[h <= 0 ? 0 : Math.clamp((long) Math.floor((y - b[1]) / h), 0, ringBands.length - 1)];
            for (int i : edges) {
                int j = i - 2; // the edge from vertex j to vertex i (GeoJSON rings repeat their first point last)
                double yi = p[i + 1];
                double yj = p[j + 1];
                if ((yi > y) != (yj > y)) {
                    double xi = p[i];
                    double xj = p[j];
                    if (x < (xj - xi) * (y - yi) / (yj - yi) + xi) {
                        inside = !inside;
                    }
                }
            }
        }
        return inside;
    }
}
