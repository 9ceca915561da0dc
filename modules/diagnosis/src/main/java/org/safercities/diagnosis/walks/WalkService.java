package org.safercities.diagnosis.walks;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
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
import org.safercities.platform.links.ActorDirectory;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * Women's safety walks: the rules (a real area, a partner that exists when one is chosen, a whole record saved at
 * once with its audit entry) and the small public API the map and the diagnosis report read: {@link #points()}
 * and {@link #summary(Long, Integer)}. Stateless apart from the store: build one wherever it is needed.
 */
public final class WalkService {

    /** A walk that has a point, for the map. {@code meanScore}: 0-3, 3 = safest. */
    public record WalkPoint(long id, double lon, double lat, String place, LocalDate date, double meanScore,
            long areaId) {
    }

    /** A walk's words for the report: may name people, so show them to staff only. */
    public record WalkNote(long id, LocalDate date, long areaId, String place, String findings, String fixes,
            String actionBy, String actorName) {
    }

    /**
     * The walks of an area (with its sub-areas) and year, for the report. {@code participantsBySex}: F, M, O →
     * count; {@code meanByParameter}: parameter code → mean 0-3 (empty when there are no walks).
     */
    public record WalkSummary(int walks, int participants, Map<String, Integer> participantsBySex,
            Map<String, Double> meanByParameter, double meanScore, List<WalkNote> notes) {
    }

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final ModuleLinks links;
    private final WalkStore sql = new WalkStore();

    public WalkService(PlatformServices platform) {
        this.store = platform.store();
        this.audit = platform.audit();
        this.areas = platform.areas();
        this.links = platform.links();
    }

    /** The walks in an area (null: everywhere; sub-areas included) and a year (null: every year), newest first. */
    public List<Walk> walks(Long areaId, Integer year) {
        Set<Long> within = areaId == null ? null : within(areaId);
        return store.read(sql::walks).stream()
                .filter(w -> within == null || within.contains(w.areaId()))
                .filter(w -> year == null || w.date().getYear() == year)
                .toList();
    }

    public Optional<Walk> walk(long id) {
        return store.read(c -> sql.walk(c, id));
    }

    public Walk require(long id) {
        return walk(id).orElseThrow(Problem::notFound);
    }

    /** The years that have walks, newest first (the list's filter). */
    public List<Integer> years() {
        return store.read(sql::walks).stream().map(w -> w.date().getYear()).distinct().sorted((a, b) -> b - a).toList();
    }

    /** Every walk that has a point, for the map. */
    public List<WalkPoint> points() {
        return store.read(sql::walks).stream().filter(Walk::hasPoint)
                .map(w -> new WalkPoint(w.id(), w.lon(), w.lat(), w.place(), w.date(), w.meanScore(), w.areaId()))
                .toList();
    }

    /** The report's view of the walks in an area (null: the city) and a year (null: all years). */
    public WalkSummary summary(Long areaId, Integer year) {
        List<Walk> walks = walks(areaId, year);
        Map<String, Integer> bySex = new LinkedHashMap<>();
        WalkCodes.SEXES.forEach(s -> bySex.put(s, walks.stream().mapToInt(w -> w.participants(s)).sum()));
        Map<String, Double> means = new LinkedHashMap<>();
        if (!walks.isEmpty()) {
            WalkCodes.PARAMETERS.forEach(p -> means.put(p, walks.stream().mapToInt(w -> w.scores().get(p)).average()
                    .orElse(0)));
        }
        List<WalkNote> notes = walks.stream().map(w -> new WalkNote(w.id(), w.date(), w.areaId(), w.place(),
                w.findings(), w.fixes(), w.actionBy(), w.actorName())).toList();
        return new WalkSummary(walks.size(), walks.stream().mapToInt(Walk::participantsTotal).sum(), bySex, means,
                walks.stream().mapToDouble(Walk::meanScore).average().orElse(0), notes);
    }

    /** The partners' directory when the partnerships module is there; looked up per request (modules come and go). */
    public Optional<ActorDirectory> actors() {
        return links.find(ActorDirectory.class);
    }

    /** The form's checks plus those against the area tree and the partners' directory. */
    public FieldErrors validate(WalkForm form) {
        FieldErrors e = form.validate(LocalDate.now());
        long area = Form.wholeNumber(form.areaId());
        if (area >= 0 && areas.byId(area).isEmpty()) {
            e.add("areaId", "diagnosis.walk.badArea");
        }
        Optional<ActorDirectory> directory = actors();
        if (directory.isPresent() && !form.actorId().isBlank()
                && directory.get().actor(Form.wholeNumber(form.actorId())).isEmpty()) {
            e.add("actorId", "diagnosis.walk.badActor");
        }
        return e;
    }

    public long create(WalkForm form, String actor, String address) {
        requireValid(validate(form));
        WalkStore.ActorChoice chosen = chosenActor(form, null);
        return store.tx(c -> {
            long id = sql.insert(c, form, chosen);
            audit.append(c, event(actor, address, "diagnosis.walk.create", id, form));
            return id;
        });
    }

    /** Saves a walk; 409 when someone else saved it since {@code version} was read. */
    public void update(long id, int version, WalkForm form, String actor, String address) {
        requireValid(validate(form));
        store.tx(c -> {
            Walk before = sql.walk(c, id).orElseThrow(Problem::notFound);
            if (!sql.update(c, id, version, form, chosenActor(form, before))) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            audit.append(c, event(actor, address, "diagnosis.walk.update", id, form));
            return null;
        });
    }

    public Walk delete(long id, String actor, String address) {
        return store.tx(c -> {
            Walk w = sql.walk(c, id).orElseThrow(Problem::notFound);
            sql.delete(c, id);
            audit.append(c, new AuditLog.Event(actor, address, "diagnosis.walk.delete", "walk", Long.toString(id), "ok",
                    w.date() + " " + areaCode(w.areaId())));
            return w;
        });
    }

    /** Inserts inside the caller's transaction (the demo), without an audit entry of its own. */
    long insert(Connection c, WalkForm form) throws SQLException {
        return sql.insert(c, form, WalkStore.ActorChoice.NONE);
    }

    /**
     * The partner to store: the one chosen when the directory is there (none when left blank); when the
     * partnerships module is absent the form has no choice, so an edit keeps what was chosen before.
     */
    private WalkStore.ActorChoice chosenActor(WalkForm form, Walk before) {
        Optional<ActorDirectory> directory = actors();
        if (directory.isEmpty()) {
            return before == null ? WalkStore.ActorChoice.NONE : new WalkStore.ActorChoice(before.actorId(), before.actorName());
        }
        if (form.actorId().isBlank()) {
            return WalkStore.ActorChoice.NONE;
        }
        return directory.get().actor(Form.wholeNumber(form.actorId()))
                .map(a -> new WalkStore.ActorChoice(a.id(), a.name()))
                .orElseThrow(() -> Problem.invalid("diagnosis.walk.badActor"));
    }

    /** The area and those below it. */
    Set<Long> within(long areaId) {
        return areas.subtree(areaId);
    }

    private String areaCode(long areaId) {
        return areas.byId(areaId).map(Area::code).orElse("");
    }

    /** The audit detail names the date and area only: findings may name people. */
    private AuditLog.Event event(String actor, String address, String action, long id, WalkForm form) {
        return new AuditLog.Event(actor, address, action, "walk", Long.toString(id), "ok",
                form.date() + " " + areaCode(Form.wholeNumber(form.areaId())));
    }

    private static void requireValid(FieldErrors e) {
        if (!e.isEmpty()) {
            throw Problem.invalid("diagnosis.walk.invalid");
        }
    }
}
