package org.safercities.platform.areas;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;

/**
 * Imports boundaries from a GeoJSON file into the area tree: the user says which property is the code, which
 * the name (and a second name), where each feature goes in the tree (under one chosen area, or under the area
 * whose code a property holds) and, optionally, which property is a population for a given year.
 * Every row is checked before anything is written; then all rows go in one transaction, or none.
 */
public final class AreaImport {

    public static final int PREVIEW_ROWS = 25;
    private final Store store;
    private final AreaService areas;
    private final AuditLog audit;

    public AreaImport(Store store, AreaService areas, AuditLog audit) {
        this.store = store;
        this.areas = areas;
        this.audit = audit;
    }

    /** The user's choices. {@code parentProperty} empty means: all under {@code fixedParentId}. */
    public record Mapping(String codeProperty, String nameProperty, String altNameProperty, String altNameLang,
            String parentProperty, long fixedParentId, boolean updateExisting, String populationProperty,
            int populationYear) {
    }

    /** What will happen to one feature. {@code errorKey} null means it can be imported. */
    public record Row(int number, String code, String name, String altName, String parentCode, String action,
            String errorKey, String errorValue) {
        public boolean ok() {
            return errorKey == null;
        }
    }

    public record Plan(List<Row> rows, int toCreate, int toUpdate, int errors) {
        public boolean importable() {
            return errors == 0 && toCreate + toUpdate > 0;
        }
    }

    public Plan plan(GeoJsonFile.Parsed file, Mapping m) {
        List<Row> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        for (GeoJsonFile.Feature f : file.features()) {
            String rawCode = m.codeProperty().equals(GeoJsonFile.FEATURE_ID) ? f.id() : f.properties().get(m.codeProperty());
            String code = AreaCode.normalize(rawCode);
            String name = value(f, m.nameProperty());
            String alt = m.altNameProperty().isEmpty() ? null : value(f, m.altNameProperty());
            String parentCode = m.parentProperty().isEmpty() ? null : AreaCode.normalize(value(f, m.parentProperty()));
            String error = null;
            String errorValue = null;
            if (code == null) {
                error = rawCode == null || rawCode.isBlank() ? "platform.areaImport.noCode" : "platform.areaImport.badCode";
                errorValue = rawCode;
            } else if (seen.containsKey(code)) {
                error = "platform.areaImport.duplicateCode";
                errorValue = code;
            } else if (name == null || name.isBlank()) {
                error = "platform.areaImport.noName";
            } else if (name.length() > 200) {
                error = "platform.areaImport.nameTooLong";
            } else if (f.problemKey() != null) {
                error = f.problemKey();
                errorValue = f.geometryType();
            } else if (!m.populationProperty().isEmpty() && population(f, m) < 0) {
                error = "platform.areaImport.badPopulation";
                errorValue = value(f, m.populationProperty());
            } else if (!m.parentProperty().isEmpty() && parentCode == null) {
                error = "platform.areaImport.noParent";
                errorValue = value(f, m.parentProperty());
            }
            String action = "create";
            if (error == null && areas.byCode(code).isPresent()) {
                if (m.updateExisting()) {
                    action = "update";
                } else {
                    error = "platform.areaImport.codeExists";
                    errorValue = code;
                }
            }
            if (code != null) {
                seen.putIfAbsent(code, f.number());
                parentOf.put(code, parentCode);
            }
            rows.add(new Row(f.number(), code, name, alt, parentCode, action, error, errorValue));
        }
        // Parents must exist already or come in the same file, without a loop.
        if (!m.parentProperty().isEmpty()) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                if (!r.ok() || r.action().equals("update")) {
                    continue;
                }
                String problem = parentProblem(r.code(), parentOf);
                if (problem != null) {
                    rows.set(i, new Row(r.number(), r.code(), r.name(), r.altName(), r.parentCode(), r.action(), problem,
                            r.parentCode()));
                }
            }
        } else if (areas.byId(m.fixedParentId()).isEmpty()) {
            throw Problem.invalid("platform.areas.badParent");
        }
        int create = 0;
        int update = 0;
        int errors = 0;
        for (Row r : rows) {
            if (!r.ok()) {
                errors++;
            } else if (r.action().equals("update")) {
                update++;
            } else {
                create++;
            }
        }
        return new Plan(rows, create, update, errors);
    }

    private String parentProblem(String code, Map<String, String> parentOf) {
        Set<String> visited = new HashSet<>();
        String current = code;
        while (true) {
            String parent = parentOf.get(current);
            if (parent == null) {
                return "platform.areaImport.noParent";
            }
            if (areas.byCode(parent).isPresent() && !parentOf.containsKey(parent)) {
                return null;
            }
            if (!parentOf.containsKey(parent)) {
                return "platform.areaImport.unknownParent";
            }
            if (!visited.add(parent) || parent.equals(code)) {
                return "platform.areaImport.parentLoop";
            }
            current = parent;
        }
    }

    /** Imports every row, parents before children, in one transaction. Returns {created, updated}. */
    public int[] commit(GeoJsonFile.Parsed file, Mapping m, String fileName, String actor, String address) {
        Plan plan = plan(file, m);
        if (!plan.importable()) {
            throw Problem.invalid("platform.areaImport.notImportable", plan.errors());
        }
        Map<Integer, GeoJsonFile.Feature> byNumber = new HashMap<>();
        file.features().forEach(f -> byNumber.put(f.number(), f));
        List<Row> ordered = parentsFirst(plan.rows());
        int[] counts = new int[2];
        store.tx(c -> {
            Map<String, long[]> created = new LinkedHashMap<>(); // code -> {id, level}
            for (Row r : ordered) {
                GeoJsonFile.Feature f = byNumber.get(r.number());
                AreaService.Shape shape = f.geometry() == null ? null
                        : new AreaService.Shape(f.geometry(), f.bbox()[0], f.bbox()[1], f.bbox()[2], f.bbox()[3]);
                String altLang = r.altName() == null || r.altName().isBlank() ? null : AreaService.blankToNull(m.altNameLang());
                String alt = r.altName() == null || r.altName().isBlank() ? null : r.altName();
                long id;
                if (r.action().equals("update")) {
                    id = areas.byCode(r.code()).orElseThrow().id();
                    areas.areas.replaceFromImport(c, id, r.name().strip(), alt, altLang, shape);
                    counts[1]++;
                } else {
                    long parentId;
                    int level;
                    if (r.parentCode() == null) {
                        Area p = areas.byId(m.fixedParentId()).orElseThrow();
                        parentId = p.id();
                        level = p.level() + 1;
                    } else if (created.containsKey(r.parentCode())) {
                        parentId = created.get(r.parentCode())[0];
                        level = (int) created.get(r.parentCode())[1] + 1;
                    } else {
                        Area p = areas.byCode(r.parentCode()).orElseThrow();
                        parentId = p.id();
                        level = p.level() + 1;
                    }
                    id = areas.areas.insert(c, r.code(), parentId, level, r.name().strip(), alt, altLang, shape);
                    created.put(r.code(), new long[] {id, level});
                    counts[0]++;
                }
                if (!m.populationProperty().isEmpty()) {
                    areas.areas.upsertPopulation(c, id, m.populationYear(), "T", "total", population(f, m));
                }
            }
            audit.append(c, new AuditLog.Event(actor, address, "area.import", "file", fileName, "ok",
                    counts[0] + " created, " + counts[1] + " updated"));
            return null;
        });
        areas.reload();
        return counts;
    }

    private static List<Row> parentsFirst(List<Row> rows) {
        Map<String, Row> byCode = new LinkedHashMap<>();
        rows.forEach(r -> byCode.put(r.code(), r));
        List<Row> out = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        for (Row r : rows) {
            place(r, byCode, placed, out);
        }
        return out;
    }

    private static void place(Row r, Map<String, Row> byCode, Set<String> placed, List<Row> out) {
        if (placed.contains(r.code())) {
            return;
        }
        Row parent = r.parentCode() == null ? null : byCode.get(r.parentCode());
        if (parent != null && parent != r) {
            place(parent, byCode, placed, out);
        }
        placed.add(r.code());
        out.add(r);
    }

    private static String value(GeoJsonFile.Feature f, String property) {
        if (property.equals(GeoJsonFile.FEATURE_ID)) {
            return f.id();
        }
        String v = f.properties().get(property);
        return v == null ? null : v.strip();
    }

    /** The population in the chosen property as a whole number, or -1 when it is not one. */
    private static long population(GeoJsonFile.Feature f, Mapping m) {
        String v = value(f, m.populationProperty());
        if (v == null || v.isBlank()) {
            return -1;
        }
        try {
            double d = Double.parseDouble(v.replace(",", ""));
            return d < 0 || d != Math.floor(d) || d > 1e11 ? -1 : (long) d;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
