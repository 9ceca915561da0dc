package org.safercities.diagnosis.factors;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.safercities.platform.PlatformServices;
import org.safercities.platform.Problem;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * Risk and protective factors per area: the rules and the small public API the report reads ({@link #byArea()},
 * {@link #city()}). Stateless apart from the store: build one wherever it is needed.
 */
public final class RiskFactorService {

    /**
     * One factor across the city: how many areas name it and its mean strength (1-5). {@code code} null: the
     * city's own wording in {@code customName}.
     */
    public record CityFactor(String kind, String code, String customName, int areas, double meanStrength) {
    }

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final FactorStore sql = new FactorStore();

    public RiskFactorService(PlatformServices platform) {
        this.store = platform.store();
        this.audit = platform.audit();
        this.areas = platform.areas();
    }

    /** Area id → its factors (risks first, strongest first); areas without factors are absent. */
    public Map<Long, List<RiskFactor>> byArea() {
        Map<Long, List<RiskFactor>> out = new LinkedHashMap<>();
        for (RiskFactor f : store.read(sql::factors)) {
            out.computeIfAbsent(f.areaId(), k -> new ArrayList<>()).add(f);
        }
        return out;
    }

    /** The factors of an area and the areas below it (null: all). */
    public List<RiskFactor> factors(Long areaId) {
        Set<Long> within = areaId == null ? null : within(areaId);
        return store.read(sql::factors).stream().filter(f -> within == null || within.contains(f.areaId())).toList();
    }

    /** Each factor named anywhere, with the number of areas naming it; risks first, then by number of areas. */
    public List<CityFactor> city() {
        Map<String, List<RiskFactor>> groups = new LinkedHashMap<>();
        store.read(sql::factors).forEach(f -> groups.computeIfAbsent(f.kind() + "|" + f.groupKey(), k -> new ArrayList<>()).add(f));
        List<CityFactor> out = new ArrayList<>();
        groups.values().forEach(g -> out.add(new CityFactor(g.get(0).kind(), g.get(0).code(), g.get(0).customName(),
                (int) g.stream().mapToLong(RiskFactor::areaId).distinct().count(),
                g.stream().mapToInt(RiskFactor::strength).average().orElse(0))));
        out.sort((a, b) -> a.kind().equals(b.kind()) ? Integer.compare(b.areas(), a.areas())
                : a.kind().equals(FactorCodes.RISK) ? -1 : 1);
        return out;
    }

    public Optional<RiskFactor> factor(long id) {
        return store.read(c -> sql.factor(c, id));
    }

    public RiskFactor require(long id) {
        return factor(id).orElseThrow(Problem::notFound);
    }

    public FieldErrors validate(FactorForm form) {
        FieldErrors e = form.validate(LocalDate.now());
        long area = Form.wholeNumber(form.areaId());
        if (area >= 0 && areas.byId(area).isEmpty()) {
            e.add("areaId", "diagnosis.factor.badArea");
        }
        return e;
    }

    public long create(FactorForm form, String actor, String address) {
        requireValid(validate(form));
        return store.tx(c -> {
            long id = sql.insert(c, form);
            audit.append(c, event(actor, address, "diagnosis.factor.create", id, form));
            return id;
        });
    }

    /** Saves a factor; 409 when someone else saved it since {@code version} was read. */
    public void update(long id, int version, FactorForm form, String actor, String address) {
        requireValid(validate(form));
        store.tx(c -> {
            sql.factor(c, id).orElseThrow(Problem::notFound);
            if (!sql.update(c, id, version, form)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            audit.append(c, event(actor, address, "diagnosis.factor.update", id, form));
            return null;
        });
    }

    public RiskFactor delete(long id, String actor, String address) {
        return store.tx(c -> {
            RiskFactor f = sql.factor(c, id).orElseThrow(Problem::notFound);
            sql.delete(c, id);
            audit.append(c, new AuditLog.Event(actor, address, "diagnosis.factor.delete", "factor", Long.toString(id),
                    "ok", areaCode(f.areaId()) + " " + (f.code() != null ? f.code() : f.customName())));
            return f;
        });
    }

    /** Inserts inside the caller's transaction (the demo). */
    public long insert(Connection c, FactorForm form) throws SQLException {
        requireValid(validate(form));
        return sql.insert(c, form);
    }

    private Set<Long> within(long areaId) {
        return areas.subtree(areaId);
    }

    private String areaCode(long areaId) {
        return areas.byId(areaId).map(Area::code).orElse("");
    }

    private AuditLog.Event event(String actor, String address, String action, long id, FactorForm f) {
        return new AuditLog.Event(actor, address, action, "factor", Long.toString(id), "ok",
                areaCode(Form.wholeNumber(f.areaId())) + " " + (f.factor().isEmpty() ? f.customName().strip() : f.factor()));
    }

    private static void requireValid(FieldErrors e) {
        if (!e.isEmpty()) {
            throw Problem.invalid("diagnosis.factor.invalid");
        }
    }
}
