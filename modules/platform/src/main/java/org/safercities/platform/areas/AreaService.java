package org.safercities.platform.areas;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;
import org.safercities.platform.store.StoreException;
import org.safercities.platform.web.FieldErrors;

/**
 * The administrative area tree: the public API other modules use to find areas and their population.
 * The tree (without geometry) and the population totals are kept in memory, rebuilt after each change:
 * pages never aggregate per request.
 */
public final class AreaService {

    private final Store store;
    private final AuditLog audit;
    final AreaStore areas = new AreaStore();
    private volatile Tree tree = Tree.EMPTY;

    /** An immutable snapshot of the tree with its look-ups. */
    record Tree(List<Area> all, Map<Long, Area> byId, Map<String, Area> byCode, Map<Long, List<Area>> children,
            Map<Long, Map<Integer, Long>> totals) {
        static final Tree EMPTY = new Tree(List.of(), Map.of(), Map.of(), Map.of(), Map.of());

        static Tree of(List<Area> all, Map<Long, Map<Integer, Long>> totals) {
            Map<Long, Area> byId = new HashMap<>();
            Map<String, Area> byCode = new HashMap<>();
            Map<Long, List<Area>> children = new HashMap<>();
            for (Area a : all) {
                byId.put(a.id(), a);
                byCode.put(a.code(), a);
                if (a.parentId() != null) {
                    children.computeIfAbsent(a.parentId(), k -> new ArrayList<>()).add(a);
                }
            }
            Map<Long, Map<Integer, Long>> rolled = new HashMap<>();
            for (Area a : all) {
                if (a.parentId() == null) {
                    rollUp(a.id(), children, totals, rolled);
                }
            }
            return new Tree(List.copyOf(all), byId, byCode, children, rolled);
        }

        /** An area's figure per year is its own when it has one, else the sum of its children's. */
        private static Map<Integer, Long> rollUp(long id, Map<Long, List<Area>> children,
                Map<Long, Map<Integer, Long>> own, Map<Long, Map<Integer, Long>> out) {
            Map<Integer, Long> sum = new HashMap<>();
            for (Area child : children.getOrDefault(id, List.of())) {
                rollUp(child.id(), children, own, out).forEach((y, n) -> sum.merge(y, n, Long::sum));
            }
            sum.putAll(own.getOrDefault(id, Map.of()));
            out.put(id, sum);
            return sum;
        }
    }

    /** A boundary (GeoJSON geometry, WGS 84) with its bounding box. */
    public record Shape(String geoJson, double minLon, double minLat, double maxLon, double maxLat) {
    }

    /** Inserts an area inside the caller's transaction (set-up, demo); call {@link #reload()} after commit. */
    public long insert(Connection c, String code, Long parentId, int level, String name, Shape shape)
            throws SQLException {
        return areas.insert(c, code, parentId, level, name, null, null, shape);
    }

    /** Sets one population figure inside the caller's transaction; call {@link #reload()} after commit. */
    public void putPopulation(Connection c, long areaId, int year, String sex, String ageBand, long persons)
            throws SQLException {
        areas.upsertPopulation(c, areaId, year, sex, ageBand, persons);
    }

    public AreaService(Store store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** Reloads the in-memory tree; called after the store opens and after every change. */
    public void reload() {
        tree = store.read(c -> Tree.of(areas.all(c), areas.totals(c)));
    }

    public List<Area> all() {
        return tree.all();
    }

    public int count() {
        return tree.all().size();
    }

    public Optional<Area> byId(long id) {
        return Optional.ofNullable(tree.byId().get(id));
    }

    public Optional<Area> byCode(String code) {
        return Optional.ofNullable(tree.byCode().get(code));
    }

    public Optional<Area> root() {
        return tree.all().stream().filter(a -> a.parentId() == null).findFirst();
    }

    public List<Area> children(long id) {
        return tree.children().getOrDefault(id, List.of());
    }

    /** The tree in depth-first order (parents before their children, children by name). */
    /** The area and all the areas under it, at any depth. */
    public java.util.Set<Long> subtree(long areaId) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        java.util.Deque<Long> todo = new java.util.ArrayDeque<>(List.of(areaId));
        while (!todo.isEmpty()) {
            long id = todo.pop();
            if (out.add(id)) {
                children(id).forEach(a -> todo.push(a.id()));
            }
        }
        return out;
    }

    public List<Area> depthFirst() {
        List<Area> out = new ArrayList<>();
        for (Area r : tree.all()) {
            if (r.parentId() == null) {
                walk(r, out);
            }
        }
        return out;
    }

    private void walk(Area a, List<Area> out) {
        out.add(a);
        List<Area> kids = new ArrayList<>(children(a.id()));
        kids.sort((x, y) -> x.name().compareToIgnoreCase(y.name()));
        for (Area k : kids) {
            walk(k, out);
        }
    }

    /** Total population of an area in a year: its own figure, else the sum of its sub-areas' figures. */
    public Optional<Long> populationTotal(long areaId, int year) {
        return Optional.ofNullable(tree.totals().getOrDefault(areaId, Map.of()).get(year));
    }

    /** The latest year with population figures for an area, if any. */
    public Optional<Integer> latestPopulationYear(long areaId) {
        return tree.totals().getOrDefault(areaId, Map.of()).keySet().stream().max(Integer::compare);
    }

    public Map<Integer, Long> populationByYear(long areaId) {
        return Collections.unmodifiableMap(tree.totals().getOrDefault(areaId, Map.of()));
    }

    public List<Population> populationRows(long areaId, int year) {
        return store.read(c -> areas.population(c, areaId, year));
    }

    public List<Population> allPopulation() {
        return store.read(areas::allPopulation);
    }

    public Optional<String> geometry(long areaId) {
        return store.read(c -> areas.geometry(c, areaId));
    }

    /** An area as typed in the form. */
    public record AreaForm(String code, String name, String altName, String altNameLang, String parentId) {

        public FieldErrors validate() {
            FieldErrors e = new FieldErrors();
            if (AreaCode.normalize(code) == null) {
                e.add("code", "platform.areas.badCode");
            }
            if (name == null || name.isBlank() || name.length() > 200) {
                e.add("name", "platform.areas.badName");
            }
            if (altName != null && altName.length() > 200) {
                e.add("altName", "platform.areas.badName");
            }
            return e;
        }
    }

    /** Adds an area under {@code parentId}; the root (city) is made at set-up. */
    public long create(AreaForm form, long parentId, String actor, String address) {
        Area parent = byId(parentId).orElseThrow(() -> Problem.invalid("platform.areas.badParent"));
        String code = AreaCode.normalize(form.code());
        long id;
        try {
            id = store.tx(c -> {
                long newId = areas.insert(c, code, parent.id(), parent.level() + 1, form.name().strip(),
                        blankToNull(form.altName()), blankToNull(form.altNameLang()), null);
                audit.append(c, new AuditLog.Event(actor, address, "area.create", "area", Long.toString(newId), "ok",
                        code + " " + form.name().strip()));
                return newId;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw Problem.conflict("platform.areas.codeTaken", code);
            }
            throw e;
        }
        reload();
        return id;
    }

    /** Inserts an area with its name in another language, inside the caller's transaction (set-up from a kit profile). */
    public long insert(Connection c, String code, Long parentId, int level, String name, String altName, String altNameLang)
            throws SQLException {
        return areas.insert(c, code, parentId, level, name, altName, altNameLang, null);
    }

    /** The city, the tree's root, inside the caller's transaction; returns its id. */
    public long createRoot(Connection c, String code, String name, String actor, String address) throws SQLException {
        long id = areas.insert(c, code, null, 0, name, null, null, null);
        audit.append(c, new AuditLog.Event(actor, address, "area.create", "area", Long.toString(id), "ok", code + " " + name));
        return id;
    }

    public void update(long id, int version, AreaForm form, String actor, String address) {
        String code = AreaCode.normalize(form.code());
        try {
            store.tx(c -> {
                if (!areas.update(c, id, version, code, form.name().strip(), blankToNull(form.altName()),
                        blankToNull(form.altNameLang()))) {
                    throw Problem.conflict("platform.error.editedMeanwhile");
                }
                audit.append(c, new AuditLog.Event(actor, address, "area.update", "area", Long.toString(id), "ok",
                        code + " " + form.name().strip()));
                return null;
            });
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw Problem.conflict("platform.areas.codeTaken", code);
            }
            throw e;
        }
        reload();
    }

    /**
     * Deletes an area with no sub-areas. Records of other modules point to areas with foreign keys, so the
     * database itself refuses to delete an area still in use.
     */
    public void delete(long id, String actor, String address) {
        Area a = byId(id).orElseThrow(Problem::notFound);
        if (a.parentId() == null) {
            throw Problem.conflict("platform.areas.cannotDeleteCity");
        }
        if (!children(id).isEmpty()) {
            throw Problem.conflict("platform.areas.hasChildren");
        }
        try {
            store.tx(c -> {
                areas.delete(c, id);
                audit.append(c, new AuditLog.Event(actor, address, "area.delete", "area", Long.toString(id), "ok",
                        a.code() + " " + a.name()));
                return null;
            });
        } catch (StoreException e) {
            if (e.isStillReferenced()) {
                throw Problem.conflict("platform.areas.inUse");
            }
            throw e;
        }
        reload();
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
