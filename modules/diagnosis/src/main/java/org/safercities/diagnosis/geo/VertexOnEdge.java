package org.safercities.diagnosis.geo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The second test of queen contiguity: a vertex of one area lying on an edge of another (within
 * {@link Neighbours#SNAP} times two), as when one boundary was digitised with more points than its neighbour's.
 * Edges go into a hash grid whose cells are about as long as a typical edge, so each vertex reads a few edges.
 */
final class VertexOnEdge {

    private static final double TOLERANCE = 2 * Neighbours.SNAP;

    private VertexOnEdge() {
    }

    static void link(List<Rings> areas, Map<Long, Set<Long>> out) {
        double size = typicalEdge(areas);
        if (size <= 0) {
            return;
        }
        // grid cell → {area index, ring index, end vertex index} triples of the edges crossing it
        Map<Long, List<int[]>> grid = new HashMap<>();
        for (int a = 0; a < areas.size(); a++) {
            double[][] rings = areas.get(a).rings;
            for (int r = 0; r < rings.length; r++) {
                double[] p = rings[r];
                for (int i = 2; i < p.length; i += 2) {
                    long x0 = cell(Math.min(p[i - 2], p[i]) - TOLERANCE, size);
                    long x1 = cell(Math.max(p[i - 2], p[i]) + TOLERANCE, size);
                    long y0 = cell(Math.min(p[i - 1], p[i + 1]) - TOLERANCE, size);
                    long y1 = cell(Math.max(p[i - 1], p[i + 1]) + TOLERANCE, size);
                    if ((x1 - x0 + 1) * (y1 - y0 + 1) > 10_000) {
                        continue; // a very long edge (a straight border of hundreds of km): its ends were compared already
                    }
                    int[] edge = {a, r, i};
                    for (long x = x0; x <= x1; x++) {
                        for (long y = y0; y <= y1; y++) {
                            grid.computeIfAbsent(key(x, y), k -> new ArrayList<>(4)).add(edge);
                        }
                    }
                }
            }
        }
        for (int a = 0; a < areas.size(); a++) {
            Rings area = areas.get(a);
            Set<Long> known = out.get(area.areaId);
            for (double[] p : area.rings) {
                for (int i = 0; i < p.length; i += 2) {
                    List<int[]> edges = grid.get(key(cell(p[i], size), cell(p[i + 1], size)));
                    if (edges == null) {
                        continue;
                    }
                    for (int[] e : edges) {
                        Rings other = areas.get(e[0]);
                        if (e[0] == a || other.areaId == area.areaId || known.contains(other.areaId)) {
                            continue;
                        }
                        double[] q = other.rings[e[1]];
                        if (near(p[i], p[i + 1], q[e[2] - 2], q[e[2] - 1], q[e[2]], q[e[2] + 1])) {
                            Neighbours.link(out, new long[] {area.areaId}, new long[] {other.areaId});
                        }
                    }
                }
            }
        }
    }

    /** The median edge's longer side: cells of that size hold a handful of edges each. */
    private static double typicalEdge(List<Rings> areas) {
        int count = 0;
        for (Rings r : areas) {
            for (double[] p : r.rings) {
                count += p.length / 2 - 1;
            }
        }
        if (count == 0) {
            return 0;
        }
        double[] lengths = new double[count];
        int n = 0;
        for (Rings r : areas) {
            for (double[] p : r.rings) {
                for (int i = 2; i < p.length; i += 2) {
                    lengths[n++] = Math.max(Math.abs(p[i] - p[i - 2]), Math.abs(p[i + 1] - p[i - 1]));
                }
            }
        }
        Arrays.sort(lengths);
        return Math.max(lengths[count / 2], 10 * TOLERANCE);
    }

    /** Whether (x, y) lies within the tolerance of the segment (x1, y1)–(x2, y2), in degrees. */
    private static boolean near(double x, double y, double x1, double y1, double x2, double y2) {
        double dx = x2 - x1;
        double dy = y2 - y1;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.clamp(((x - x1) * dx + (y - y1) * dy) / len2, 0, 1);
        double ex = x1 + t * dx - x;
        double ey = y1 + t * dy - y;
        return ex * ex + ey * ey <= TOLERANCE * TOLERANCE;
    }

    private static long cell(double degrees, double size) {
        return (long) Math.floor(degrees / size);
    }

    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }
}
