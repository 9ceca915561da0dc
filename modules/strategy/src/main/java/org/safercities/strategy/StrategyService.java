package org.safercities.strategy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.safercities.platform.web.Form;
import org.safercities.platform.Problem;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.ActorDirectory;
import org.safercities.platform.links.FindingDirectory;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The rules of the strategy: only a draft can change; adoption makes a version read-only and the previous adopted
 * one "revised"; a revision starts as a copy of the adopted version; actions keep inside the strategy's areas,
 * end after they start, and need a do-no-harm review before they are "ready"; budgets are whole minor units of
 * the city's currency.
 */
public final class StrategyService {

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final CityService city;
    private final ModuleLinks links;
    private final StrategyStore db = new StrategyStore();
    private final VersionCache cache = new VersionCache();

    public StrategyService(Store store, AuditLog audit, AreaService areas, CityService city, ModuleLinks links) {
        this.store = store;
        this.audit = audit;
        this.areas = areas;
        this.city = city;
        this.links = links;
    }

    /** The coalition's actors, when partnerships is on (looked up at each request: modules start one by one). */
    public Optional<ActorDirectory> actors() {
        return links.find(ActorDirectory.class);
    }

    /** The diagnosis findings a priority can cite, when diagnosis is on. */
    public Optional<FindingDirectory> findings() {
        return links.find(FindingDirectory.class);
    }

    /** The result of a save: the record's id, or the user's mistakes (nothing saved). */
    public record Saved(long id, FieldErrors errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public record VersionForm(String vision, String fromYear, String toYear, List<String> areaIds) {
    }

    /** {@code overComments}: the coordinator adopts although some comments are still unresolved. */
    public record AdoptForm(String adoptedOn, String decisionRef, boolean overComments) {
    }

    /** {@code findingRefs} is read only when diagnosis is on; otherwise the cited findings stay as they were. */
    public record PriorityForm(String areaId, String targetGroup, String title, String justification, String rank,
            List<String> findingRefs) {
    }

    public record ObjectiveForm(String priorityId, String title, String targetWhat, String targetAmount, String targetBy,
            List<String> sdgTargets) {
    }

    public record ActionForm(String objectiveId, String title, String description, String level, String type,
            List<String> targetGroups, List<String> areaIds, String leadPartner, String start, String end, String status,
            String harmDisplacement, String harmStigma, String harmVulnerable, String harmPrivacy, String harmLikelihood,
            String harmMitigation, String leadActorId, List<String> supportActorIds, String supportNames,
            List<String> sdgTargets, String reachPeople, String reachTarget, List<String> funderActorIds,
            String funderNames, String outcomeQuantity, String outcomeUnit) {
    }

    public record BudgetForm(String source, String govLevel, String amount, String currency) {
    }

    /** What changed between two versions: the vision, and the actions added, removed and changed (by title). */
    public record Diff(StrategyVersion from, StrategyVersion to, boolean visionChanged, List<String> added,
            List<String> removed, List<String> changed) {
    }

    // ---- reading

    public List<StrategyVersion> versions() {
        return store.read(db::versions);
    }

    public StrategyVersion version(long id) {
        return store.read(c -> db.version(c, id)).orElseThrow(Problem::notFound);
    }

    /** The version people work on: the draft when there is one, else the adopted one. */
    public Optional<StrategyVersion> current() {
        List<StrategyVersion> all = versions();
        return all.stream().filter(StrategyVersion::isDraft).findFirst()
                .or(() -> all.stream().filter(v -> v.status().equals(StrategyVersion.ADOPTED)).findFirst());
    }

    /** The adopted version when there is one, else the draft. */
    public Optional<StrategyVersion> inForce() {
        List<StrategyVersion> all = versions();
        return all.stream().filter(v -> v.status().equals(StrategyVersion.ADOPTED)).findFirst()
                .or(() -> all.stream().filter(StrategyVersion::isDraft).findFirst());
    }

    /**
     * The version's priorities, objectives, actions and budget with the views derived from them, read once per
     * change of its content (see {@link VersionCache}); {@code v} is the version as just read.
     */
    VersionCache.Entry cached(StrategyVersion v) {
        return cache.get(v, areas.all(), currency(), () -> store.read(c -> new VersionCache.Content(v,
                db.priorities(c, v.id()), db.objectives(c, v.id()), db.actions(c, v.id()), db.budgetOfVersion(c, v.id()))));
    }

    /** The cached content of a version (read now). */
    VersionCache.Content content(long versionId) {
        return cached(version(versionId)).content;
    }

    public List<Priority> priorities(long versionId) {
        return store.read(c -> db.priorities(c, versionId));
    }

    public List<Objective> objectives(long versionId) {
        return store.read(c -> db.objectives(c, versionId));
    }

    public List<Action> actions(long versionId) {
        return store.read(c -> db.actions(c, versionId));
    }

    public Action action(long id) {
        return store.read(c -> db.action(c, id)).orElseThrow(Problem::notFound);
    }

    public List<BudgetLine> budgetOfAction(long actionId) {
        return store.read(c -> db.budgetOfAction(c, actionId));
    }

    public List<BudgetLine> budgetOfVersion(long versionId) {
        return store.read(c -> db.budgetOfVersion(c, versionId));
    }

    public int unresolvedComments(long versionId) {
        return store.read(c -> db.unresolvedComments(c, versionId));
    }

    public String currency() {
        return city.profile().map(p -> p.currency()).orElse("XXX");
    }

    /** Sums of minor units by key, exact: an overflow is an error, never a wrong total. */
    public static Map<String, Long> totalsBy(List<BudgetLine> lines, java.util.function.Function<BudgetLine, String> key) {
        Map<String, Long> out = new TreeMap<>();
        for (BudgetLine b : lines) {
            out.merge(key.apply(b), b.amount(), Math::addExact);
        }
        return out;
    }

    public static long total(List<BudgetLine> lines) {
        long sum = 0;
        for (BudgetLine b : lines) {
            sum = Math.addExact(sum, b.amount());
        }
        return sum;
    }

    // ---- versions

    /** Starts the first strategy (a draft, version 1). */
    public Saved createFirst(VersionForm form, String actor, String address) {
        FieldErrors e = new FieldErrors();
        List<Long> areaIds = checkVersion(form, e);
        if (!e.isEmpty()) {
            return new Saved(0, e);
        }
        long id = store.tx(c -> {
            if (db.maxNumber(c) > 0) {
                throw Problem.conflict("strategy.error.alreadyStarted");
            }
            long vid = db.insertVersion(c, 1, form.vision().strip(), Integer.parseInt(form.fromYear()),
                    Integer.parseInt(form.toYear()), null, Instant.now());
            db.setVersionAreas(c, vid, areaIds);
            log(c, actor, address, "strategy.version.create", "strategy_version", vid, "1");
            return vid;
        });
        return new Saved(id, e);
    }

    public Saved updateVersion(long id, int version, VersionForm form, String actor, String address) {
        FieldErrors e = new FieldErrors();
        List<Long> areaIds = checkVersion(form, e);
        if (!e.isEmpty()) {
            return new Saved(id, e);
        }
        store.tx(c -> {
            StrategyVersion v = draft(c, id);
            if (!db.updateVersion(c, id, version, form.vision().strip(), Integer.parseInt(form.fromYear()),
                    Integer.parseInt(form.toYear()))) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            db.setVersionAreas(c, id, areaIds);
            log(c, actor, address, "strategy.version.update", "strategy_version", id, Integer.toString(v.number()));
            return null;
        });
        return new Saved(id, e);
    }

    private List<Long> checkVersion(VersionForm form, FieldErrors e) {
        if (form.vision().isBlank()) {
            e.add("vision", "strategy.error.required");
        }
        Integer from = year(form.fromYear());
        Integer to = year(form.toYear());
        if (from == null) {
            e.add("fromYear", "strategy.error.year");
        }
        if (to == null) {
            e.add("toYear", "strategy.error.year");
        } else if (from != null && to < from) {
            e.add("toYear", "strategy.error.toBeforeFrom");
        }
        List<Long> ids = new ArrayList<>();
        for (String s : form.areaIds()) {
            long id = Form.wholeNumber(s);
            if (areas.byId(id).isEmpty()) {
                e.add("areas", "strategy.error.unknownArea");
            } else {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            e.add("areas", "strategy.error.noAreas");
        }
        return ids;
    }

    public Saved adopt(long id, int version, AdoptForm form, String actor, String address) {
        FieldErrors e = new FieldErrors();
        LocalDate on = date(form.adoptedOn(), "adoptedOn", true, e);
        if (form.decisionRef().isBlank()) {
            e.add("decisionRef", "strategy.error.required");
        }
        int open = store.read(c -> db.unresolvedComments(c, id));
        if (open > 0 && !form.overComments()) {
            e.add("overComments", "strategy.error.unresolvedComments", Integer.toString(open));
        }
        if (!e.isEmpty()) {
            return new Saved(id, e);
        }
        store.tx(c -> {
            StrategyVersion v = draft(c, id);
            if (!db.adopt(c, id, version, on, actor, form.decisionRef().strip())) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            log(c, actor, address, "strategy.version.adopt", "strategy_version", id,
                    v.number() + " " + form.decisionRef().strip());
            return null;
        });
        return new Saved(id, e);
    }

    /** Copies the adopted version, with its priorities, objectives, actions and budget, into a new draft. */
    public long startRevision(long adoptedId, String actor, String address) {
        return store.tx(c -> {
            StrategyVersion from = db.version(c, adoptedId).orElseThrow(Problem::notFound);
            if (!from.status().equals(StrategyVersion.ADOPTED)) {
                throw Problem.conflict("strategy.error.reviseAdoptedOnly");
            }
            if (db.versions(c).stream().anyMatch(StrategyVersion::isDraft)) {
                throw Problem.conflict("strategy.error.draftExists");
            }
            long to = db.insertVersion(c, db.maxNumber(c) + 1, from.vision(), from.fromYear(), from.toYear(), from.id(),
                    Instant.now());
            db.setVersionAreas(c, to, from.areaIds());
            copyContent(c, from.id(), to);
            SelfAssessment.write(c, to, SelfAssessment.scores(c, from.id()));
            log(c, actor, address, "strategy.version.revise", "strategy_version", to, "from " + from.number());
            return to;
        });
    }

    private void copyContent(Connection c, long from, long to) throws SQLException {
        Map<Long, Long> priorities = new HashMap<>();
        for (Priority p : db.priorities(c, from)) {
            long copy = db.insertPriority(c, to, p.areaId(), p.targetGroup(), p.title(), p.justification(), p.rank());
            db.setFindings(c, copy, p.findings());
            priorities.put(p.id(), copy);
        }
        Map<Long, Long> objectives = new HashMap<>();
        for (Objective o : db.objectives(c, from)) {
            long copy = db.insertObjective(c, to, o.priorityId() == null ? null : priorities.get(o.priorityId()),
                    o.title(), o.targetWhat(), o.targetAmount(), o.targetBy());
            db.setObjectiveTargets(c, copy, o.sdgTargets());
            objectives.put(o.id(), copy);
        }
        for (Action a : db.actions(c, from)) {
            Action copy = a.copyTo(to, a.objectiveId() == null ? null : objectives.get(a.objectiveId()));
            long id = db.insertAction(c, to, a.origin(), copy);
            for (BudgetLine b : db.budgetOfAction(c, a.id())) {
                db.insertBudget(c, id, b.source(), b.govLevel(), b.amount(), b.currency());
            }
        }
    }

    /**
     * What changed between two versions, from their cached content; kept with the later version's views until
     * either version changes (both stamps are in the view's name).
     */
    public Diff diff(long fromId, long toId) {
        StrategyVersion fromVersion = version(fromId);
        VersionCache.Entry to = cached(version(toId));
        return to.view("diff|" + fromId + "|" + fromVersion.stamp(), () -> diff(cached(fromVersion).content, to.content));
    }

    private static Diff diff(VersionCache.Content from, VersionCache.Content to) {
        Map<String, Action> before = new HashMap<>();
        for (Action a : from.actions()) {
            before.put(a.origin(), a);
        }
        Map<Long, List<BudgetLine>> budgetFrom = byAction(from.budget());
        Map<Long, List<BudgetLine>> budgetTo = byAction(to.budget());
        List<String> added = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Action a : to.actions()) {
            seen.add(a.origin());
            Action old = before.get(a.origin());
            if (old == null) {
                added.add(a.title());
            } else if (!sameContent(old, a, budgetFrom.getOrDefault(old.id(), List.of()),
                    budgetTo.getOrDefault(a.id(), List.of()))) {
                changed.add(a.title());
            }
        }
        List<String> removed = before.values().stream().filter(a -> !seen.contains(a.origin()))
                .sorted((x, y) -> Long.compare(x.id(), y.id())).map(Action::title).toList();
        return new Diff(from.version(), to.version(), !from.version().vision().equals(to.version().vision()), added,
                removed, changed);
    }

    /** Budget lines by action, in their order. */
    static Map<Long, List<BudgetLine>> byAction(List<BudgetLine> lines) {
        Map<Long, List<BudgetLine>> out = new java.util.LinkedHashMap<>();
        lines.forEach(b -> out.computeIfAbsent(b.actionId(), k -> new ArrayList<>()).add(b));
        return out;
    }

    private static boolean sameContent(Action a, Action b, List<BudgetLine> ba, List<BudgetLine> bb) {
        return a.title().equals(b.title()) && a.description().equals(b.description()) && a.level().equals(b.level())
                && a.type().equals(b.type()) && a.targetGroups().equals(b.targetGroups())
                && a.leadPartner().equals(b.leadPartner()) && Objects.equals(a.leadActorId(), b.leadActorId())
                && a.support().equals(b.support()) && a.funders().equals(b.funders())
                && a.sdgTargets().equals(b.sdgTargets())
                && a.reach().equals(b.reach()) && a.outcome().equals(b.outcome())
                && Objects.equals(a.start(), b.start())
                && Objects.equals(a.end(), b.end()) && a.status().equals(b.status()) && a.review().equals(b.review())
                && new HashSet<>(a.areaIds()).equals(new HashSet<>(b.areaIds()))
                && budgetKeys(ba).equals(budgetKeys(bb));
    }

    private static List<String> budgetKeys(List<BudgetLine> lines) {
        return lines.stream().map(l -> l.source() + "|" + l.govLevel() + "|" + l.amount() + "|" + l.currency()).sorted()
                .toList();
    }

    // ---- priorities and objectives

    /** A priority form once checked: the area, group and rank as values, and the findings to cite (null: keep). */
    private record PriorityInput(Long areaId, String group, int rank, List<Priority.Cited> findings) {
    }

    public Saved addPriority(long versionId, PriorityForm form, String language, String actor, String address) {
        FieldErrors e = new FieldErrors();
        PriorityInput in = checkPriority(version(versionId), form, language, e);
        if (!e.isEmpty()) {
            return new Saved(0, e);
        }
        long id = store.tx(c -> {
            draft(c, versionId);
            long pid = db.insertPriority(c, versionId, in.areaId(), in.group(), form.title().strip(),
                    form.justification().strip(), in.rank());
            db.setFindings(c, pid, in.findings() == null ? List.of() : in.findings());
            log(c, actor, address, "strategy.priority.create", "strategy_priority", pid, form.title().strip());
            return pid;
        });
        return new Saved(id, e);
    }

    /** Edits a priority in place; {@code version} is the one the user read (someone else's save in between: 409). */
    public Saved updatePriority(long id, int version, PriorityForm form, String language, String actor, String address) {
        Priority current = priority(id);
        FieldErrors e = new FieldErrors();
        PriorityInput in = checkPriority(version(current.versionId()), form, language, e);
        if (!e.isEmpty()) {
            return new Saved(id, e);
        }
        store.tx(c -> {
            draft(c, current.versionId());
            if (!db.updatePriority(c, id, version, in.areaId(), in.group(), form.title().strip(),
                    form.justification().strip(), in.rank())) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            if (in.findings() != null) {
                db.setFindings(c, id, in.findings());
            }
            log(c, actor, address, "strategy.priority.update", "strategy_priority", id, form.title().strip());
            return null;
        });
        return new Saved(id, e);
    }

    public Priority priority(long id) {
        return store.read(c -> db.priority(c, id)).orElseThrow(Problem::notFound);
    }

    private PriorityInput checkPriority(StrategyVersion v, PriorityForm form, String language, FieldErrors e) {
        Long areaId = form.areaId().isBlank() ? null : Form.wholeNumber(form.areaId());
        if (areaId != null && !within(areaId, v.areaIds())) {
            e.add("areaId", "strategy.error.areaOutside");
        }
        String group = form.targetGroup().isBlank() ? null : form.targetGroup();
        if (group != null && !Codes.TARGET_GROUPS.contains(group)) {
            e.add("targetGroup", "strategy.error.badChoice");
        }
        if (areaId == null && group == null) {
            e.add("areaId", "strategy.error.areaOrGroup");
        }
        required(form.title(), "title", e);
        required(form.justification(), "justification", e);
        int rank = (int) Form.wholeNumber(form.rank());
        if (rank < 1 || rank > 999) {
            e.add("rank", "strategy.error.rank");
        }
        return new PriorityInput(areaId, group, rank, citedFindings(form.findingRefs(), language, e));
    }

    /** The findings cited, with their labels now; null when diagnosis is off (the priority keeps what it cites). */
    private List<Priority.Cited> citedFindings(List<String> refs, String language, FieldErrors e) {
        Optional<FindingDirectory> directory = findings();
        if (directory.isEmpty()) {
            return null;
        }
        Map<String, String> labels = new HashMap<>();
        directory.get().findings(language).forEach(f -> labels.put(f.ref(), f.label()));
        List<Priority.Cited> out = new ArrayList<>();
        for (String ref : new LinkedHashSet<>(refs)) {
            if (!labels.containsKey(ref)) {
                e.add("findings", "strategy.error.unknownFinding");
            } else {
                out.add(new Priority.Cited(ref, labels.get(ref)));
            }
        }
        return out;
    }

    public long deletePriority(long id, String actor, String address) {
        return store.tx(c -> {
            Priority p = db.priority(c, id).orElseThrow(Problem::notFound);
            draft(c, p.versionId());
            db.deletePriority(c, id);
            log(c, actor, address, "strategy.priority.delete", "strategy_priority", id, p.title());
            return p.versionId();
        });
    }

    public Saved addObjective(long versionId, ObjectiveForm form, String actor, String address) {
        FieldErrors e = new FieldErrors();
        Long priorityId = checkObjective(versionId, form, e);
        LocalDate by = date(form.targetBy(), "targetBy", true, e);
        if (!e.isEmpty()) {
            return new Saved(0, e);
        }
        long id = store.tx(c -> {
            draft(c, versionId);
            long oid = db.insertObjective(c, versionId, priorityId, form.title().strip(), form.targetWhat().strip(),
                    form.targetAmount().strip(), by);
            db.setObjectiveTargets(c, oid, targets(form.sdgTargets(), e));
            log(c, actor, address, "strategy.objective.create", "strategy_objective", oid, form.title().strip());
            return oid;
        });
        return new Saved(id, e);
    }

    public Saved updateObjective(long id, int version, ObjectiveForm form, String actor, String address) {
        Objective current = objective(id);
        FieldErrors e = new FieldErrors();
        Long priorityId = checkObjective(current.versionId(), form, e);
        LocalDate by = date(form.targetBy(), "targetBy", true, e);
        if (!e.isEmpty()) {
            return new Saved(id, e);
        }
        store.tx(c -> {
            draft(c, current.versionId());
            if (!db.updateObjective(c, id, version, priorityId, form.title().strip(), form.targetWhat().strip(),
                    form.targetAmount().strip(), by)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            db.setObjectiveTargets(c, id, targets(form.sdgTargets(), e));
            log(c, actor, address, "strategy.objective.update", "strategy_objective", id, form.title().strip());
            return null;
        });
        return new Saved(id, e);
    }

    public Objective objective(long id) {
        return store.read(c -> db.objective(c, id)).orElseThrow(Problem::notFound);
    }

    private Long checkObjective(long versionId, ObjectiveForm form, FieldErrors e) {
        Long priorityId = form.priorityId().isBlank() ? null : Form.wholeNumber(form.priorityId());
        if (priorityId != null && priorities(versionId).stream().noneMatch(p -> p.id() == priorityId)) {
            e.add("priorityId", "strategy.error.badChoice");
        }
        required(form.title(), "title", e);
        required(form.targetWhat(), "targetWhat", e);
        required(form.targetAmount(), "targetAmount", e);
        targets(form.sdgTargets(), e);
        return priorityId;
    }

    /** The SDG targets chosen, each once, in goal order; one that is not in the list is refused. */
    private static List<String> targets(List<String> chosen, FieldErrors e) {
        List<String> targets = new ArrayList<>(new LinkedHashSet<>(chosen));
        if (!targets.stream().allMatch(Sdg::known)) {
            e.add("sdgTargets", "strategy.error.badChoice");
        }
        targets.sort(Sdg.ORDER);
        return targets;
    }

    public long deleteObjective(long id, String actor, String address) {
        return store.tx(c -> {
            Objective o = db.objective(c, id).orElseThrow(Problem::notFound);
            draft(c, o.versionId());
            db.deleteObjective(c, id);
            log(c, actor, address, "strategy.objective.delete", "strategy_objective", id, o.title());
            return o.versionId();
        });
    }

    // ---- actions

    public Saved createAction(long versionId, ActionForm form, String actor, String address) {
        StrategyVersion v = version(versionId);
        FieldErrors e = new FieldErrors();
        Action a = checkAction(v, form, e);
        if (!e.isEmpty()) {
            return new Saved(0, e);
        }
        long id = store.tx(c -> {
            draft(c, versionId);
            long aid = db.insertAction(c, versionId, UUID.randomUUID().toString(), a);
            log(c, actor, address, "strategy.action.create", "strategy_action", aid, a.title());
            return aid;
        });
        return new Saved(id, e);
    }

    /**
     * Deletes an action of a draft with its areas, partners, SDG targets and budget lines; {@code version} is the one
     * the user read (changed since: 409). Comments made on it stay with the version, under the title they kept.
     * Returns the action's version id.
     */
    public long deleteAction(long id, int version, String actor, String address) {
        return store.tx(c -> {
            Action a = db.action(c, id).orElseThrow(Problem::notFound);
            draft(c, a.versionId());
            if (!db.deleteAction(c, id, version)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            log(c, actor, address, "strategy.action.delete", "strategy_action", id, a.title());
            return a.versionId();
        });
    }

    public Saved updateAction(long id, int version, ActionForm form, String actor, String address) {
        Action current = action(id);
        StrategyVersion v = version(current.versionId());
        FieldErrors e = new FieldErrors();
        Action a = checkAction(v, form, e);
        if (!e.isEmpty()) {
            return new Saved(id, e);
        }
        store.tx(c -> {
            draft(c, current.versionId());
            if (!db.updateAction(c, id, version, a)) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            log(c, actor, address, "strategy.action.update", "strategy_action", id, a.title() + " " + a.status());
            return null;
        });
        return new Saved(id, e);
    }

    Action checkAction(StrategyVersion v, ActionForm f, FieldErrors e) {
        required(f.title(), "title", e);
        Long objectiveId = f.objectiveId().isBlank() ? null : Form.wholeNumber(f.objectiveId());
        if (objectiveId != null && objectives(v.id()).stream().noneMatch(o -> o.id() == objectiveId)) {
            e.add("objectiveId", "strategy.error.badChoice");
        }
        choice(f.level(), Codes.LEVELS, "level", e);
        choice(f.type(), Codes.TYPES, "type", e);
        choice(f.status(), Codes.STATUSES, "status", e);
        List<String> groups = new ArrayList<>(new LinkedHashSet<>(f.targetGroups()));
        if (!Codes.TARGET_GROUPS.containsAll(groups)) {
            e.add("targetGroups", "strategy.error.badChoice");
        }
        List<Long> areaIds = new ArrayList<>();
        for (String s : new LinkedHashSet<>(f.areaIds())) {
            long id = Form.wholeNumber(s);
            if (!within(id, v.areaIds())) {
                e.add("areas", "strategy.error.areaOutside");
            } else {
                areaIds.add(id);
            }
        }
        LocalDate start = date(f.start(), "start", false, e);
        LocalDate end = date(f.end(), "end", false, e);
        if (start != null && end != null && end.isBefore(start)) {
            e.add("end", "strategy.error.endBeforeStart");
        }
        if (!f.harmLikelihood().isBlank()) {
            choice(f.harmLikelihood(), Codes.LIKELIHOODS, "harmLikelihood", e);
        }
        Action.HarmReview review = new Action.HarmReview(f.harmDisplacement().strip(), f.harmStigma().strip(),
                f.harmVulnerable().strip(), f.harmPrivacy().strip(), f.harmLikelihood().strip(), f.harmMitigation().strip());
        if (needsReview(f.status()) && !review.complete()) {
            e.add("status", "strategy.error.reviewMissing");
        }
        List<String> targets = targets(f.sdgTargets(), e);
        Partners partners = partners(f, e);
        return new Action(0, v.id(), null, objectiveId, f.title().strip(), f.description().strip(), f.level(), f.type(),
                groups, partners.leadName(), start, end, f.status(), review, 0, areaIds, partners.leadId(),
                partners.support(), targets, reach(f, e), partners.funders(), outcome(f, e));
    }

    /** The longest unit of an expected outcome, in characters (code points). */
    static final int OUTCOME_UNIT_MAX = 120;

    /**
     * The expected outcome: a whole number above zero with its unit, both or neither (a number without a unit
     * cannot be compared with another action's, a unit without a number gives no cost per unit); blank: not stated.
     */
    private static Action.Outcome outcome(ActionForm f, FieldErrors e) {
        String typed = f.outcomeQuantity() == null ? "" : f.outcomeQuantity().strip();
        String unit = f.outcomeUnit() == null ? "" : f.outcomeUnit().strip();
        if (unit.codePointCount(0, unit.length()) > OUTCOME_UNIT_MAX) {
            e.add("outcomeUnit", "strategy.error.outcomeUnitLong", Integer.toString(OUTCOME_UNIT_MAX));
        }
        if (typed.isEmpty()) {
            if (!unit.isEmpty()) {
                e.add("outcomeQuantity", "strategy.error.outcomeQuantityMissing");
            }
            return Action.Outcome.NONE;
        }
        // digits grouped as people type them: "1,200", "1 200" (no-break and narrow no-break spaces too)
        long n = Form.wholeNumber(typed.replaceAll("[,\\s\u00a0\u202f]", ""));
        if (n < 1 || n > 100_000_000_000L) {
            e.add("outcomeQuantity", "strategy.error.outcomeQuantity");
            return Action.Outcome.NONE;
        }
        if (unit.isEmpty()) {
            e.add("outcomeUnit", "strategy.error.outcomeUnitMissing");
        }
        return new Action.Outcome(n, unit);
    }

    /** The stated reach: whole numbers, target-group members no more than the people reached; blank: not stated. */
    private static Action.Reach reach(ActionForm f, FieldErrors e) {
        Long people = optionalCount(f.reachPeople(), "reachPeople", e);
        Long target = optionalCount(f.reachTarget(), "reachTarget", e);
        if (people != null && target != null && target > people) {
            e.add("reachTarget", "strategy.error.reachTarget");
        } else if (people == null && target != null) {
            e.add("reachPeople", "strategy.error.required");
        }
        return new Action.Reach(people, target);
    }

    private static Long optionalCount(String typed, String field, FieldErrors e) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        long n = Form.wholeNumber(typed.strip().replace(",", "").replace(" ", "").replace("\u00a0", ""));
        if (n < 0 || n > 100_000_000_000L) {
            e.add(field, "strategy.error.reach");
            return null;
        }
        return n;
    }

    private record Partners(Long leadId, String leadName, List<Action.Partner> support, List<Action.Partner> funders) {
    }

    /**
     * The lead, supporting and funding partners: actors of the coalition when partnerships is on (their names copied,
     * so the plan reads the same without it), or names typed by hand; an actor id that is not in the coalition is
     * refused. The lead is not repeated among the supporters; a lead (or a supporter) may also fund the action.
     */
    private Partners partners(ActionForm f, FieldErrors e) {
        Optional<ActorDirectory> directory = actors();
        Long leadId = null;
        String leadName = f.leadPartner().strip();
        List<Action.Partner> support = new ArrayList<>();
        if (directory.isPresent()) {
            if (!f.leadActorId().isBlank()) {
                Optional<ActorDirectory.ActorRef> lead = directory.get().actor(Form.wholeNumber(f.leadActorId()));
                if (lead.isEmpty()) {
                    e.add("leadActorId", "strategy.error.unknownActor");
                } else {
                    leadId = lead.get().id();
                    leadName = lead.get().name();
                }
            }
            Long lead = leadId;
            support.addAll(chosenActors(directory.get(), f.supportActorIds(), "supportActorIds", e).stream()
                    .filter(p -> !Objects.equals(p.actorId(), lead)).toList());
        }
        List<Action.Partner> funders = directory.map(d -> chosenActors(d, f.funderActorIds(), "funderActorIds", e))
                .orElseGet(ArrayList::new);
        typedNames(f.supportNames(), support, "supportNames", e);
        typedNames(f.funderNames(), funders, "funderNames", e);
        return new Partners(leadId, leadName, support, funders);
    }

    /** The actors ticked in a list, each once; an id that is not an actor of the coalition is refused. */
    private static List<Action.Partner> chosenActors(ActorDirectory directory, List<String> ids, String field,
            FieldErrors e) {
        List<Action.Partner> out = new ArrayList<>();
        for (String s : new LinkedHashSet<>(ids)) {
            Optional<ActorDirectory.ActorRef> a = directory.actor(Form.wholeNumber(s));
            if (a.isEmpty()) {
                e.add(field, "strategy.error.unknownActor");
            } else {
                out.add(new Action.Partner(a.get().id(), a.get().name()));
            }
        }
        return out;
    }

    /** Names typed one per line, added after the chosen actors when not there already; at most 50 in all. */
    private static void typedNames(String typed, List<Action.Partner> into, String field, FieldErrors e) {
        for (String line : (typed == null ? "" : typed).split("\\R")) {
            String name = line.strip();
            if (!name.isEmpty() && into.stream().noneMatch(p -> p.name().equals(name)) && name.length() <= 300) {
                into.add(new Action.Partner(null, name));
            }
        }
        if (into.size() > 50) {
            e.add(field, "strategy.error.tooManyPartners");
        }
    }

    /** An action is "ready" (or further along) only with a complete do-no-harm review. */
    static boolean needsReview(String status) {
        return status.equals("ready") || status.equals("under_way") || status.equals("done");
    }

    /** True when {@code areaId} is one of {@code covered} or lies inside one of them. */
    boolean within(long areaId, List<Long> covered) {
        Optional<Area> a = areas.byId(areaId);
        while (a.isPresent()) {
            if (covered.contains(a.get().id())) {
                return true;
            }
            a = a.get().parentId() == null ? Optional.empty() : areas.byId(a.get().parentId());
        }
        return false;
    }

    // ---- budget

    public Saved addBudget(long actionId, BudgetForm form, String actor, String address) {
        Action a = action(actionId);
        FieldErrors e = new FieldErrors();
        required(form.source(), "source", e);
        choice(form.govLevel(), Codes.GOV_LEVELS, "govLevel", e);
        String currency = currency();
        String typedCurrency = form.currency().isBlank() ? currency : form.currency().strip().toUpperCase(java.util.Locale.ROOT);
        if (!typedCurrency.equals(currency)) {
            e.add("currency", "strategy.error.otherCurrency", currency);
        }
        Optional<Long> amount = Money.parse(form.amount(), currency);
        if (amount.isEmpty()) {
            e.add("amount", "strategy.error.amount");
        } else if (amount.get() < 0) {
            e.add("amount", "strategy.error.negative");
        }
        if (!e.isEmpty()) {
            return new Saved(0, e);
        }
        long id = store.tx(c -> {
            draft(c, a.versionId());
            long bid = db.insertBudget(c, actionId, form.source().strip(), form.govLevel(), amount.get(), currency);
            log(c, actor, address, "strategy.budget.create", "strategy_budget", bid,
                    a.title() + " " + amount.get() + " " + currency);
            return bid;
        });
        return new Saved(id, e);
    }

    public long deleteBudget(long id, String actor, String address) {
        return store.tx(c -> {
            BudgetLine b = db.budgetLine(c, id).orElseThrow(Problem::notFound);
            Action a = db.action(c, b.actionId()).orElseThrow(Problem::notFound);
            draft(c, a.versionId());
            db.deleteBudget(c, id);
            log(c, actor, address, "strategy.budget.delete", "strategy_budget", id, a.title());
            return a.id();
        });
    }

    // ---- helpers

    /**
     * The version, if it is still a draft (an adopted or revised version is read-only), its content stamp raised:
     * every change to a version's content starts here, inside its transaction.
     */
    StrategyVersion draft(Connection c, long versionId) throws SQLException {
        StrategyVersion v = db.version(c, versionId).orElseThrow(Problem::notFound);
        if (!v.isDraft()) {
            throw Problem.conflict("strategy.error.readOnly", Integer.toString(v.number()));
        }
        db.touch(c, versionId);
        return v;
    }

    StrategyStore db() {
        return db;
    }

    Store store() {
        return store;
    }

    void log(Connection c, String actor, String address, String action, String type, long id, String detail)
            throws SQLException {
        audit.append(c, new AuditLog.Event(actor, address, action, type, Long.toString(id), "ok", detail));
    }

    private static void required(String value, String field, FieldErrors e) {
        if (value == null || value.isBlank()) {
            e.add(field, "strategy.error.required");
        }
    }

    private static void choice(String value, List<String> allowed, String field, FieldErrors e) {
        if (!allowed.contains(value)) {
            e.add(field, "strategy.error.badChoice");
        }
    }

    private static LocalDate date(String s, String field, boolean required, FieldErrors e) {
        if (s == null || s.isBlank()) {
            if (required) {
                e.add(field, "strategy.error.required");
            }
            return null;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException ex) {
            e.add(field, "strategy.error.date");
            return null;
        }
    }

    private static Integer year(String s) {
        long y = Form.wholeNumber(s);
        return y >= 1900 && y <= 2200 ? (int) y : null;
    }

}
