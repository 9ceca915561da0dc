package org.safercities.diagnosis.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.safercities.diagnosis.geo.AreaLocator;
import org.safercities.diagnosis.geo.Neighbours;
import org.safercities.diagnosis.stats.GetisOrd;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;

/**
 * The map's areas of one level: their boundaries as one GeoJSON FeatureCollection for the browser, which areas
 * touch (for the hotspot statistic), and Getis-Ord Gi* of a measure over them. Boundaries and neighbours are
 * built once per level and area tree: a few MB of geometry is not re-read for every view.
 */
final class HotspotMap {

    record Geometry(String featureCollection, Map<Long, Set<Long>> neighbours) {
    }

    private final AreaService areas;
    private final Map<Integer, Geometry> byLevel = new HashMap<>();
    private List<Area> builtFor;

    HotspotMap(AreaService areas) {
        this.areas = areas;
    }

    synchronized Geometry geometry(int level) {
        List<Area> tree = areas.all();
        if (tree != builtFor) {
            byLevel.clear();
            builtFor = tree;
        }
        return byLevel.computeIfAbsent(level, this::build);
    }

    private Geometry build(int level) {
        StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        List<AreaLocator.Boundary> boundaries = new ArrayList<>();
        boolean first = true;
        for (Area a : areas.all()) {
            if (a.level() != level || !a.hasGeometry()) {
                continue;
            }
            String g = areas.geometry(a.id()).orElse(null);
            if (g == null) {
                continue;
            }
            boundaries.add(new AreaLocator.Boundary(a.id(), a.level(), g));
            fc.append(first ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"").append(a.id())
                    .append("\"},\"geometry\":").append(g).append('}');
            first = false;
        }
        fc.append("]}");
        return new Geometry(fc.toString(), Neighbours.queen(boundaries));
    }

    /** Gi* of the values (index-aligned with {@code areas}); areas without a boundary have no neighbours. */
    static List<GetisOrd.Result> giStar(List<Area> at, double[] values, Map<Long, Set<Long>> neighbours) {
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < at.size(); i++) {
            index.put(at.get(i).id(), i);
        }
        List<int[]> links = new ArrayList<>();
        for (Area a : at) {
            links.add(neighbours.getOrDefault(a.id(), Set.of()).stream().filter(index::containsKey)
                    .mapToInt(index::get).toArray());
        }
        return GetisOrd.giStar(values, links);
    }
}
