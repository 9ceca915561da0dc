package org.safercities.diagnosis.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.safercities.diagnosis.incidents.Codes;
import org.safercities.diagnosis.incidents.CountCube;
import org.safercities.diagnosis.incidents.IncidentService;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;

/**
 * Counts and rates per 100 000 from the pre-computed counts: one pass over the in-memory cube per query, then
 * cached until the counts or the area tree change. The module's public API for the map, the report and (later)
 * monitoring's computed indicators.
 */
public final class Analysis {

    private static final int CACHE = 128;

    private final IncidentService incidents;
    private final AreaService areas;
    private volatile PopulationIndex population;
    private volatile List<Area> populationOf;
    /**
     * Cells (rows × columns) the cached tables may hold together, about 16 bytes each: the number of tables alone
     * did not bound them, since a query's months, areas and splits come from the query string (monthly over the
     * 300 years the month inputs accept, split by age: 25,000 cells).
     */
    static final long CACHED_CELLS = 400_000;
    private long cachedCells; // guarded by cache's lock
    // in access order, so the eldest is the least recently used; both bounds are kept in table()
    private final Map<Query, Table> cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(CACHE, 0.75f, true));

    private static long cells(Table t) {
        return (long) t.rows().size() * t.columns().size();
    }
    private record LevelKey(Query query, int level) {
    }

    private final Map<LevelKey, LevelValues> levels = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(CACHE, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<LevelKey, LevelValues> eldest) {
                    return size() > CACHE;
                }
            });
    private volatile CountCube cachedCube;
    private volatile List<Area> cachedAreas;

    public Analysis(IncidentService incidents, AreaService areas) {
        this.incidents = incidents;
        this.areas = areas;
    }

    /** The first and last month with incidents, or this year when there are none. */
    public int[] months() {
        int[] r = incidents.counts().monthRange();
        if (r[0] == 0) {
            int now = java.time.YearMonth.now().getYear() * 100 + java.time.YearMonth.now().getMonthValue();
            return new int[] {now - now % 100 + 1, now};
        }
        return r;
    }

    /** Drops every cached answer when the counts or the area tree changed since they were computed. */
    private CountCube current() {
        CountCube cube = incidents.counts();
        List<Area> tree = areas.all();
        if (cube != cachedCube || tree != cachedAreas) {
            synchronized (this) {
                synchronized (cache) {
                    cache.clear();
                    cachedCells = 0;
                }
                levels.clear();
                cachedCube = cube;
                cachedAreas = tree;
            }
        }
        return cube;
    }

    public Table table(Query q) {
        CountCube cube = current();
        Table t = cache.get(q);
        if (t == null) {
            t = compute(q, cube);
            synchronized (cache) {
                Table before = cache.get(q);
                if (before != null) {
                    return before; // another request made it meanwhile
                }
                cachedCells += cells(t);
                cache.put(q, t);
                while ((cache.size() > CACHE || cachedCells > CACHED_CELLS) && cache.size() > 1) {
                    Query eldest = cache.keySet().iterator().next();
                    cachedCells -= cells(cache.remove(eldest));
                }
            }
        }
        return t;
    }

    long cellsCached() {
        synchronized (cache) {
            return cachedCells;
        }
    }

    /** Counts and person-years of the areas of one level within the query's area, for the map. */
    public record LevelValues(List<Area> areas, long[] counts, double[] personYears) {
    }

    public LevelValues level(Query q, int level) {
        current();
        LevelKey key = new LevelKey(q, level);
        LevelValues cached = levels.get(key);
        if (cached == null) {
            cached = computeLevel(q, level);
            levels.put(key, cached);
        }
        return cached;
    }

    private LevelValues computeLevel(Query q, int level) {
        List<Area> at = new ArrayList<>();
        Map<Long, Integer> index = new HashMap<>();
        for (Area a : areas.all()) {
            if (a.level() == level && branchOf(a.id(), q.areaId(), false) != null) {
                index.put(a.id(), at.size());
                at.add(a);
            }
        }
        CountCube cube = incidents.counts();
        long[] counts = new long[at.size()];
        Map<Long, Integer> slot = new HashMap<>();
        boolean[] bands = q.bands();
        int sexFilter = q.sex().isEmpty() ? -1 : Codes.SEXES.indexOf(q.sex());
        for (int i = 0; i < cube.size(); i++) {
            int month = cube.month(i);
            if (month < q.from() || month > q.to() || sexFilter >= 0 && cube.sex(i) != sexFilter
                    || bands != null && !bands[cube.band(i)]) {
                continue;
            }
            if (!q.iccs().isEmpty() && !Codes.ICCS.get(cube.iccs(i)).startsWith(q.iccs())) {
                continue;
            }
            Integer k = slot.computeIfAbsent(cube.areaKey(i), id -> ancestorAt(id, level, index));
            if (k >= 0) {
                counts[k] += cube.count(i);
            }
        }
        double[] py = new double[at.size()];
        boolean[] sexes = sexes(q.sex(), null);
        for (int k = 0; k < at.size(); k++) {
            py[k] = population().personYears(at.get(k).id(), q.from(), q.to(), sexes, bands);
        }
        return new LevelValues(at, counts, py);
    }

    /** The slot of the area's ancestor (or itself) at the level, or -1 when it has none there. */
    private int ancestorAt(long areaId, int level, Map<Long, Integer> index) {
        Long current = areaId == 0 ? null : areaId;
        while (current != null) {
            Integer k = index.get(current);
            if (k != null) {
                return k;
            }
            Optional<Area> a = areas.byId(current);
            current = a.isPresent() && a.get().level() > level ? a.get().parentId() : null;
        }
        return -1;
    }

    PopulationIndex population() {
        List<Area> tree = areas.all();
        if (population == null || populationOf != tree) {
            population = new PopulationIndex(areas);
            populationOf = tree;
        }
        return population;
    }

    private Table compute(Query q, CountCube cube) {
        boolean root = areas.root().map(r -> r.id() == q.areaId()).orElse(false);
        List<String> rows = rowKeys(q, cube, root);
        List<String> columns = q.split().equals("sex") ? Codes.SEXES : List.of("all");
        Map<String, Integer> rowIndex = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            rowIndex.put(rows.get(i), i);
        }
        long[][] counts = new long[rows.size()][columns.size()];
        Map<Long, Long> under = new HashMap<>(); // cube area → the child of q.area it lies under (or itself)
        boolean[] bands = q.bands();
        int sexFilter = q.sex().isEmpty() ? -1 : Codes.SEXES.indexOf(q.sex());
        long total = 0;
        for (int i = 0; i < cube.size(); i++) {
            int month = cube.month(i);
            if (month < q.from() || month > q.to()) {
                continue;
            }
            if (sexFilter >= 0 && cube.sex(i) != sexFilter) {
                continue;
            }
            if (bands != null && !bands[cube.band(i)]) {
                continue;
            }
            String code = Codes.ICCS.get(cube.iccs(i));
            if (!q.iccs().isEmpty() && !code.startsWith(q.iccs())) {
                continue;
            }
            long a = cube.areaKey(i);
            Long branch = under.computeIfAbsent(a, k -> branchOf(k, q.areaId(), root));
            if (branch == null) {
                continue; // outside the area
            }
            String key = switch (q.by()) {
                case "area" -> Long.toString(branch);
                case "category" -> categoryKey(code, q.iccs());
                case "sex" -> Codes.SEXES.get(cube.sex(i));
                case "age" -> Codes.AGE_BANDS.get(cube.band(i));
                case "month" -> Integer.toString(month);
                case "quarter" -> (month / 100) + "Q" + ((month % 100 - 1) / 3 + 1);
                default -> Integer.toString(month / 100);
            };
            Integer r = rowIndex.get(key);
            if (r == null) {
                continue;
            }
            int c = columns.size() == 1 ? 0 : cube.sex(i);
            counts[r][c] += cube.count(i);
            total += cube.count(i);
        }
        double[][] py = new double[rows.size()][columns.size()];
        double[] rowPy = new double[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            rowPy[r] = personYears(q, rows.get(r), null);
            for (int c = 0; c < columns.size(); c++) {
                py[r][c] = personYears(q, rows.get(r), columns.size() == 1 ? null : columns.get(c));
            }
        }
        return new Table(q, rows, columns, counts, py, rowPy, total, personYears(q, null, null));
    }

    /** The rows a dimension has over the query's scope, in their natural order. */
    private List<String> rowKeys(Query q, CountCube cube, boolean root) {
        List<String> keys = new ArrayList<>();
        switch (q.by()) {
            case "area" -> {
                List<Area> children = areas.children(q.areaId());
                if (children.isEmpty()) {
                    keys.add(Long.toString(q.areaId()));
                } else {
                    children.forEach(a -> keys.add(Long.toString(a.id())));
                }
                if (root) {
                    keys.add("0");
                }
            }
            case "category" -> {
                for (String code : Codes.ICCS) {
                    if (q.iccs().isEmpty() ? code.length() != 4 : code.startsWith(q.iccs())) {
                        keys.add(code);
                    }
                }
            }
            case "sex" -> keys.addAll(Codes.SEXES);
            case "age" -> keys.addAll(Codes.AGE_BANDS);
            case "month" -> {
                for (int m = q.from(); m <= q.to(); m = next(m)) {
                    keys.add(Integer.toString(m));
                }
            }
            case "quarter" -> {
                for (int m = q.from(); m <= q.to(); m = next(m)) {
                    String k = (m / 100) + "Q" + ((m % 100 - 1) / 3 + 1);
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                }
            }
            default -> {
                for (int y = q.from() / 100; y <= q.to() / 100; y++) {
                    keys.add(Integer.toString(y));
                }
            }
        }
        return keys;
    }

    static int next(int yyyymm) {
        return yyyymm % 100 == 12 ? (yyyymm / 100 + 1) * 100 + 1 : yyyymm + 1;
    }

    /** A code shown as its section when no category is chosen, else as itself. */
    private static String categoryKey(String code, String filter) {
        return filter.isEmpty() && code.length() == 4 ? code.substring(0, 2) : code;
    }

    /** The child of {@code top} whose subtree holds {@code area} (or {@code top} itself); null when outside. */
    private Long branchOf(long area, long top, boolean root) {
        if (area == 0) {
            return root ? 0L : null;
        }
        Long current = area;
        Long child = null;
        while (current != null) {
            if (current == top) {
                return child == null ? top : child;
            }
            child = current;
            Optional<Area> a = areas.byId(current);
            current = a.isPresent() ? a.get().parentId() : null;
        }
        return null;
    }

    /** Person-years for a row (and a sex column); -1 when the population does not split that way. */
    private double personYears(Query q, String row, String columnSex) {
        PopulationIndex pop = population();
        long area = q.areaId();
        int from = q.from();
        int to = q.to();
        boolean[] sexes = sexes(q.sex(), columnSex);
        boolean[] bands = q.bands();
        if (row != null) {
            switch (q.by()) {
                case "area" -> {
                    if (row.equals("0")) {
                        return -1;
                    }
                    area = Long.parseLong(row);
                }
                case "sex" -> {
                    sexes = sexes(row, columnSex);
                    if (!q.sex().isEmpty() && !q.sex().equals(row)) {
                        return -1;
                    }
                }
                case "age" -> {
                    int b = Codes.AGE_BANDS.indexOf(row);
                    if (bands != null && !bands[b]) {
                        return -1;
                    }
                    bands = new boolean[Codes.AGE_BANDS.size() + 1];
                    bands[b] = true;
                }
                case "month" -> {
                    from = Integer.parseInt(row);
                    to = from;
                }
                case "quarter" -> {
                    int y = Integer.parseInt(row.substring(0, 4));
                    int qn = row.charAt(5) - '0';
                    from = Math.max(q.from(), y * 100 + (qn - 1) * 3 + 1);
                    to = Math.min(q.to(), y * 100 + qn * 3);
                }
                case "year" -> {
                    int y = Integer.parseInt(row);
                    from = Math.max(q.from(), y * 100 + 1);
                    to = Math.min(q.to(), y * 100 + 12);
                }
                default -> {
                    // a category does not change who is at risk
                }
            }
        }
        return pop.personYears(area, from, to, sexes, bands);
    }

    private static boolean[] sexes(String filter, String column) {
        String s = column != null ? column : filter;
        if (s == null || s.isEmpty()) {
            return null;
        }
        if (column != null && !filter.isEmpty() && !filter.equals(column)) {
            return new boolean[] {false, false, true, false}; // an empty selection: no rate
        }
        boolean[] out = new boolean[4];
        out[Codes.SEXES.indexOf(s)] = true;
        return out;
    }
}
