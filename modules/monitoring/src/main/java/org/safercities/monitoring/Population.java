package org.safercities.monitoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;

/**
 * The population the rates divide by: per area, year, sex (F, M, or "" for all) and age band ("" for all), from
 * the platform's rows. An area without rows of its own in a year adds up its sub-areas (unknown if any of them has
 * none). A year without figures takes the nearest year that has them (the earlier one on a tie). Built once per
 * version of the area tree.
 */
final class Population {

    private final Map<Long, Area> byId = new HashMap<>();
    private final Map<Long, List<Area>> children = new HashMap<>();
    /** area → year → "sex|band" → persons, as given by the platform's own rows. */
    private final Map<Long, Map<Integer, Map<String, Long>>> own = new HashMap<>();
    private final Map<String, Long> memo = new HashMap<>();
    private final Map<Long, Map<Integer, Long>> totals = new HashMap<>();
    private final TreeSet<Integer> years = new TreeSet<>();

    Population(List<Area> areas, List<org.safercities.platform.areas.Population> rows, AreaService service) {
        for (Area a : areas) {
            byId.put(a.id(), a);
            if (a.parentId() != null) {
                children.computeIfAbsent(a.parentId(), k -> new java.util.ArrayList<>()).add(a);
            }
            Map<Integer, Long> t = service.populationByYear(a.id());
            totals.put(a.id(), t);
            years.addAll(t.keySet());
        }
        for (org.safercities.platform.areas.Population p : rows) {
            own.computeIfAbsent(p.areaId(), k -> new HashMap<>()).computeIfAbsent(p.year(), k -> new HashMap<>())
                    .merge(p.sex() + "|" + p.ageBand(), p.persons(), Long::sum);
        }
    }

    /** The year whose figures stand for {@code year}: itself, else the nearest known (earlier on a tie); null if none. */
    Integer yearFor(int year) {
        if (years.contains(year)) {
            return year;
        }
        Integer below = years.lower(year);
        Integer above = years.higher(year);
        if (below == null) {
            return above;
        }
        if (above == null) {
            return below;
        }
        return year - below <= above - year ? below : above;
    }

    /** All persons of an area in the year (the platform's total), or null. */
    Long total(long area, int year) {
        Integer y = yearFor(year);
        return y == null ? null : totals.getOrDefault(area, Map.of()).get(y);
    }

    /** Persons of one sex and/or age band ("" = all), or null when the figures do not say. */
    synchronized Long persons(long area, int year, String sex, String band) {
        if (sex.isEmpty() && band.isEmpty()) {
            return total(area, year);
        }
        Integer y = yearFor(year);
        if (y == null) {
            return null;
        }
        return of(area, y, sex, band, new java.util.HashSet<>());
    }

    private Long of(long area, int year, String sex, String band, Set<Long> seen) {
        String key = area + "|" + year + "|" + sex + "|" + band;
        if (memo.containsKey(key)) {
            return memo.get(key);
        }
        if (!seen.add(area)) {
            return null;
        }
        Map<String, Long> rows = own.getOrDefault(area, Map.of()).get(year);
        Long result;
        if (rows != null) {
            result = fromRows(rows, sex, band);
        } else {
            List<Area> kids = children.getOrDefault(area, List.of());
            long sum = 0;
            result = kids.isEmpty() ? null : 0L;
            for (Area k : kids) {
                Long n = of(k.id(), year, sex, band, seen);
                if (n == null) {
                    result = null;
                    break;
                }
                sum += n;
                result = sum;
            }
        }
        memo.put(key, result);
        return result;
    }

    /** From one area's rows: the sexes and bands asked for, using "total" rows only when no band rows exist. */
    private static Long fromRows(Map<String, Long> rows, String sex, String band) {
        long sum = 0;
        boolean any = false;
        boolean bandRows = rows.keySet().stream().anyMatch(k -> !k.endsWith("|total"));
        for (Map.Entry<String, Long> e : rows.entrySet()) {
            String[] k = e.getKey().split("\\|", 2);
            boolean sexOk = sex.isEmpty() ? true : k[0].equals(sex);
            boolean bandOk = band.isEmpty() ? (bandRows ? !k[1].equals("total") : k[1].equals("total")) : k[1].equals(band);
            if (sexOk && bandOk) {
                sum += e.getValue();
                any = true;
            }
        }
        if (!sex.isEmpty() && rows.keySet().stream().noneMatch(k -> k.startsWith(sex + "|"))) {
            return null; // the rows are not split by sex
        }
        return any ? sum : null;
    }

    /** The area and the areas above it, up to the root. */
    List<Long> upwards(long area) {
        List<Long> out = new java.util.ArrayList<>();
        for (Area a = byId.get(area); a != null; a = a.parentId() == null ? null : byId.get(a.parentId())) {
            out.add(a.id());
        }
        return out;
    }

    boolean known(long area) {
        return byId.containsKey(area);
    }
}
