package org.safercities.diagnosis.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Finds which area a point lies in, by point-in-polygon on the area tree's GeoJSON boundaries (WGS 84
 * longitude/latitude; Polygon and MultiPolygon with holes). Built once per import from the areas that have a
 * boundary; the deepest (lowest-level) area containing the point wins. Bounding boxes first, so a million
 * points over a hundred areas stay fast.
 */
public final class AreaLocator {

    /** An area that has a boundary: its id, level (deeper wins) and GeoJSON geometry or feature text. */
    public record Boundary(long areaId, int level, String geoJson) {
    }

    private static final int MAX_GRID = 128;

    /** Deepest level first, so the first area that contains a point is the answer. */
    private final Rings[] areas;
    private final double minX;
    private final double minY;
    private final double cellW;
    private final double cellH;
    private final int cols;
    private final int rows;
    /** Per grid cell, the indexes into {@link #areas} whose bounding box overlaps it, deepest first. */
    private final int[][] cells;

    public AreaLocator(List<Boundary> boundaries) {
        List<Rings> read = new ArrayList<>();
        for (Boundary b : boundaries) {
            Rings r = Rings.of(b);
            if (r != null) {
                read.add(r);
            }
        }
        read.sort(Comparator.comparingInt((Rings r) -> -r.level)); // stable: equal levels keep the given order
        this.areas = read.toArray(new Rings[0]);
        double x0 = Double.POSITIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Rings r : areas) {
            x0 = Math.min(x0, r.minX);
            y0 = Math.min(y0, r.minY);
            x1 = Math.max(x1, r.maxX);
            y1 = Math.max(y1, r.maxY);
        }
        int side = areas.length == 0 ? 1 : (int) Math.min(MAX_GRID, Math.ceil(Math.sqrt(areas.length) * 4));
        this.minX = x0;
        this.minY = y0;
        this.cols = side;
        this.rows = side;
        this.cellW = areas.length == 0 ? 1 : Math.max((x1 - x0) / side, 1e-12);
        this.cellH = areas.length == 0 ? 1 : Math.max((y1 - y0) / side, 1e-12);
        this.cells = index();
    }

    private int[][] index() {
        List<List<Integer>> lists = new ArrayList<>(cols * rows);
        for (int i = 0; i < cols * rows; i++) {
            lists.add(new ArrayList<>(2));
        }
        for (int a = 0; a < areas.length; a++) {
            Rings r = areas[a];
            for (int cy = row(r.minY); cy <= row(r.maxY); cy++) {
                for (int cx = col(r.minX); cx <= col(r.maxX); cx++) {
                    lists.get(cy * cols + cx).add(a);
                }
            }
        }
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private int col(double x) {
        return Math.clamp((long) Math.floor((x - minX) / cellW), 0, cols - 1);
    }

    private int row(double y) {
        return Math.clamp((long) Math.floor((y - minY) / cellH), 0, rows - 1);
    }

    /** The area containing the point, or empty when none does (or there are no boundaries). */
    public OptionalLong locate(double lon, double lat) {
        if (areas.length == 0 || Double.isNaN(lon) || Double.isNaN(lat)) {
            return OptionalLong.empty();
        }
        double fx = (lon - minX) / cellW;
        double fy = (lat - minY) / cellH;
        if (fx < 0 || fy < 0 || fx > cols || fy > rows) {
            return OptionalLong.empty();
        }
        for (int a : cells[row(lat) * cols + col(lon)]) {
            Rings r = areas[a];
            if (r.boxContains(lon, lat) && r.contains(lon, lat)) {
                return OptionalLong.of(r.areaId);
            }
        }
        return OptionalLong.empty();
    }
}
