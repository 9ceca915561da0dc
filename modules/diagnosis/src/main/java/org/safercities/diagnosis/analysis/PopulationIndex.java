package org.safercities.diagnosis.analysis;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.safercities.diagnosis.incidents.Codes;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.areas.Population;

/**
 * The area tree's population by area × year × sex × age band, for the denominators of rates. An area without
 * its own figures for a year counts its sub-areas' (never both, as the platform's totals). A year without
 * figures borrows the nearest year that has some, the usual practice between two censuses.
 */
final class PopulationIndex {

    /** Persons by sex (0 F, 1 M, 2 T) and band (index into Codes.AGE_BANDS; the last slot is "total"). */
    record Year(long[][] persons) {
        static final int BANDS = Codes.AGE_BANDS.size() + 1;
        static final int TOTAL = BANDS - 1;

        static Year empty() {
            return new Year(new long[3][BANDS]);
        }

        void add(Year other) {
            for (int s = 0; s < 3; s++) {
                for (int b = 0; b < BANDS; b++) {
                    persons[s][b] += other.persons[s][b];
                }
            }
        }

        boolean isEmpty() {
            for (long[] row : persons) {
                for (long v : row) {
                    if (v != 0) {
                        return false;
                    }
                }
            }
            return true;
        }

        /**
         * Persons of the given sexes (indexes into Codes.SEXES; null = everyone) and bands (null = all ages); -1
         * when the figures do not split that way (a source gave only totals).
         */
        long persons(boolean[] sexes, boolean[] bands) {
            boolean split = hasAny(0) || hasAny(1);
            if (sexes == null) {
                return split ? plus(sexSum(0, bands), sexSum(1, bands)) : sexSum(2, bands);
            }
            // "other" and "unknown" have no population of their own, and totals cannot be split by sex
            if (!split || sexes[2] || sexes[3]) {
                return -1;
            }
            long sum = 0;
            for (int s = 0; s < 2; s++) {
                if (sexes[s]) {
                    sum = plus(sum, sexSum(s, bands));
                }
            }
            return sum;
        }

        private static long plus(long a, long b) {
            return a < 0 || b < 0 ? -1 : a + b;
        }

        private boolean hasAny(int sex) {
            for (long v : persons[sex]) {
                if (v != 0) {
                    return true;
                }
            }
            return false;
        }

        /** One sex's persons in the bands (null = all); -1 when asked for bands but only a total is known. */
        private long sexSum(int sex, boolean[] bands) {
            long[] row = persons[sex];
            boolean banded = false;
            long sum = 0;
            for (int b = 0; b < TOTAL; b++) {
                banded |= row[b] != 0;
                if (bands == null || bands[b]) {
                    sum += row[b];
                }
            }
            if (banded) {
                return sum;
            }
            return bands == null ? row[TOTAL] : -1;
        }
    }

    private final Map<Long, TreeMap<Integer, Year>> byArea = new HashMap<>();

    PopulationIndex(AreaService areas) {
        Map<Long, TreeMap<Integer, Year>> own = new HashMap<>();
        for (Population p : areas.allPopulation()) {
            Year y = own.computeIfAbsent(p.areaId(), k -> new TreeMap<>()).computeIfAbsent(p.year(), k -> Year.empty());
            int s = switch (p.sex()) {
                case "F" -> 0;
                case "M" -> 1;
                default -> 2;
            };
            int b = p.ageBand().equals("total") ? Year.TOTAL : Codes.AGE_BANDS.indexOf(p.ageBand());
            if (b < 0) {
                b = Codes.AGE_BANDS.size() - 1; // "unknown"
            }
            y.persons()[s][b] += p.persons();
        }
        Map<Long, List<Area>> children = new HashMap<>();
        for (Area a : areas.all()) {
            if (a.parentId() != null) {
                children.computeIfAbsent(a.parentId(), k -> new java.util.ArrayList<>()).add(a);
            }
        }
        areas.root().ifPresent(r -> rollUp(r.id(), children, own));
    }

    private TreeMap<Integer, Year> rollUp(long id, Map<Long, List<Area>> children, Map<Long, TreeMap<Integer, Year>> own) {
        TreeMap<Integer, Year> sum = new TreeMap<>();
        for (Area child : children.getOrDefault(id, List.of())) {
            rollUp(child.id(), children, own).forEach((year, y) -> sum.computeIfAbsent(year, k -> Year.empty()).add(y));
        }
        sum.putAll(own.getOrDefault(id, new TreeMap<>()));
        byArea.put(id, sum);
        return sum;
    }

    /** The figures of the year, else of the nearest year with figures; null when the area has none at all. */
    Year year(long areaId, int year) {
        TreeMap<Integer, Year> years = byArea.get(areaId);
        if (years == null || years.isEmpty()) {
            return null;
        }
        Map.Entry<Integer, Year> floor = years.floorEntry(year);
        Map.Entry<Integer, Year> ceil = years.ceilingEntry(year);
        if (floor == null) {
            return ceil.getValue();
        }
        if (ceil == null) {
            return floor.getValue();
        }
        return year - floor.getKey() <= ceil.getKey() - year ? floor.getValue() : ceil.getValue();
    }

    /**
     * Person-years at risk in an area over months {@code from}..{@code to} (yyyymm), for the given sexes and bands:
     * each year's population times the share of the year in the period. -1 when the population does not split so.
     */
    double personYears(long areaId, int from, int to, boolean[] sexes, boolean[] bands) {
        double total = 0;
        for (int y = from / 100; y <= to / 100; y++) {
            int first = y == from / 100 ? from % 100 : 1;
            int last = y == to / 100 ? to % 100 : 12;
            Year pop = year(areaId, y);
            if (pop == null) {
                return -1;
            }
            long persons = pop.persons(sexes, bands);
            if (persons < 0) {
                return -1;
            }
            total += persons * (last - first + 1) / 12.0;
        }
        return total;
    }
}
