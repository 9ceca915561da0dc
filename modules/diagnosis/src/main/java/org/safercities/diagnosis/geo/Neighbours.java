package org.safercities.diagnosis.geo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which areas touch: queen contiguity (sharing at least one boundary point, within a small tolerance for
 * boundaries digitised separately) between the given boundaries, for the hotspot statistic.
 */
public final class Neighbours {

    /**
     * Vertices are snapped to a grid of this many degrees (about 11 cm at the equator); a vertex also meets the
     * vertices in the eight cells around its own, so two points closer than one cell always match.
     */
    static final double SNAP = 1e-6;

    private Neighbours() {
    }

    /** Area id → ids of the areas that touch it (never itself); areas touching none map to an empty set. */
    public static Map<Long, Set<Long>> queen(List<AreaLocator.Boundary> boundaries) {
        Map<Long, Set<Long>> out = new LinkedHashMap<>();
        List<Rings> areas = new ArrayList<>();
        for (AreaLocator.Boundary b : boundaries) {
            out.putIfAbsent(b.areaId(), new TreeSet<>());
            Rings r = Rings.of(b);
            if (r != null) {
                areas.add(r);
            }
        }
        // snapped vertex → the areas having a vertex there (one entry per area and cell)
        Map<Long, long[]> cells = new HashMap<>();
        for (Rings a : areas) {
            for (double[] ring : a.rings) {
                for (int i = 0; i < ring.length; i += 2) {
                    cells.merge(key(cell(ring[i]), cell(ring[i + 1])), new long[] {a.areaId}, Neighbours::union);
                }
            }
        }
        for (Map.Entry<Long, long[]> e : cells.entrySet()) {
            long k = e.getKey();
            long cx = k >> 32;
            long cy = (int) k;
            for (long dx = -1; dx <= 1; dx++) {
                for (long dy = -1; dy <= 1; dy++) {
                    long[] near = cells.get(key(cx + dx, cy + dy));
                    if (near != null) {
                        link(out, e.getValue(), near);
                    }
                }
            }
        }
        VertexOnEdge.link(areas, out);
        return out;
    }

    private static long cell(double degrees) {
        return Math.round(degrees / SNAP);
    }

    /** Longitude and latitude cells (±1.8e8 and ±0.9e8 at 1e-6°) fit in 32 bits each. */
    private static long key(long cx, long cy) {
        return (cx << 32) ^ (cy & 0xffffffffL);
    }

    private static long[] union(long[] a, long[] b) {
        for (long x : a) {
            if (x == b[0]) {
                return a;
            }
        }
        long[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = b[0];
        return out;
    }

    static void link(Map<Long, Set<Long>> out, long[] here, long[] near) {
        for (long a : here) {
            for (long b : near) {
                if (a != b) {
                    out.get(a).add(b);
                    out.get(b).add(a);
                }
            }
        }
    }
}
