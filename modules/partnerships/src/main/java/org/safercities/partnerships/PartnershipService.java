package org.safercities.partnerships;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.safercities.platform.web.Form;
import org.safercities.platform.Problem;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The rules of the partnership map: actors, their contact person (personal data: every read and erasure is
 * audited), relationships (no self, no missing actor, no cycle of "member of") and the coalition gaps.
 */
public final class PartnershipService {

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final ModuleLinks links;
    final PartnershipStore sql = new PartnershipStore();

    public PartnershipService(Store store, AuditLog audit, AreaService areas, ModuleLinks links) {
        this.store = store;
        this.audit = audit;
        this.areas = areas;
        this.links = links;
    }

    /**
     * The strategy's actions and their partners, when the strategy module is switched on. Looked up on each
     * call (modules are built one after the other); every caller must work when it is empty.
     */
    public Optional<ActionDirectory> strategy() {
        return links.find(ActionDirectory.class);
    }

    /** The roles of one actor in the current strategy's actions (empty without the strategy module). */
    public List<ActionDirectory.ActionRole> rolesOf(long actorId) {
        return strategy().map(d -> d.roles().stream().filter(r -> r.actorId() == actorId).toList()).orElse(List.of());
    }

    /**
     * Every actor with its areas, groups and names, by local name: from the in-memory snapshot, read again
     * after any change (the network of 2,000 actors and 10,000 relationships is served from it).
     */
    public List<Actor> actors() {
        return snapshot().actors();
    }

    /** The actors and relationships as last read, tagged with the generation they were read in. */
    private record Snapshot(long generation, List<Actor> actors, List<Relationship> relationships) {
    }

    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Snapshot snapshot;

    /**
     * The snapshot, read again when a change happened since. A write bumps the generation after its commit; a
     * snapshot read while a write was under way keeps the older tag and is simply read again next time.
     */
    private Snapshot snapshot() {
        Snapshot s = snapshot;
        long now = generation.get();
        if (s != null && s.generation() == now) {
            return s;
        }
        Snapshot fresh = store.read(c -> new Snapshot(now, List.copyOf(sql.actors(c)), List.copyOf(sql.relationships(c))));
        snapshot = fresh;
        return fresh;
    }

    /** Changes with each write of actors or relationships: callers key what they derive from them on it. */
    public long generation() {
        return generation.get();
    }

    /** Tells the service that actors or relationships were written outside it (the demo loader). */
    void changed() {
        generation.incrementAndGet();
    }

    /** A transaction that changes actors or relationships: the snapshot is read again afterwards. */
    private <T> T write(org.safercities.platform.store.SqlWork<T> work) {
        try {
            return store.tx(work);
        } finally {
            changed();
        }
    }

    public Optional<Actor> actor(long id) {
        return store.read(c -> sql.actor(c, id));
    }

    public Actor require(long id) {
        return actor(id).orElseThrow(Problem::notFound);
    }

    /** The form's own checks plus those against the area tree. */
    public FieldErrors validate(ActorForm form) {
        FieldErrors e = form.validate();
        for (long id : form.areaIds()) {
            if (areas.byId(id).isEmpty()) {
                e.add("areas", "partnerships.actor.badArea");
            }
        }
        return e;
    }

    public long create(ActorForm form, String actor, String address) {
        requireValid(validate(form));
        return write(c -> {
            long id = sql.insertActor(c, form);
            audit.append(c, event(actor, address, "partnerships.actor.create", "actor", id, auditName(form)));
            return id;
        });
    }

    /** Saves an actor; 409 when someone else saved it since {@code version} was read. */
    public void update(long id, int version, ActorForm form, String actor, String address) {
        requireValid(validate(form));
        write(c -> {
            if (sql.actor(c, id).isEmpty()) {
                throw Problem.notFound();
            }
            if (!sql.updateActor(c, id, version, form)) {
                throw Problem.conflict("partnerships.actor.editedMeanwhile");
            }
            audit.append(c, event(actor, address, "partnerships.actor.update", "actor", id, auditName(form)));
            return null;
        });
    }

    /** Deletes an actor with its contact and relationships. */
    public void delete(long id, String actor, String address) {
        write(c -> {
            Actor a = sql.actor(c, id).orElseThrow(Problem::notFound);
            sql.deleteActor(c, id);
            audit.append(c, event(actor, address, "partnerships.actor.delete", "actor", id, auditName(ActorForm.of(a))));
            return null;
        });
    }

    /**
     * Reads an actor's contact person for someone allowed to see it, and records the read in the audit log in
     * the same transaction. Callers check the role first.
     */
    public Optional<Contact> readContact(long actorId, String actor, String address) {
        return store.tx(c -> {
            Optional<Contact> contact = sql.contact(c, actorId);
            if (contact.isPresent()) {
                audit.append(c, event(actor, address, "partnerships.contact.read", "actor", actorId, ""));
            }
            return contact;
        });
    }

    public void saveContact(long actorId, ContactForm form, String actor, String address) {
        requireValid(form.validate());
        store.tx(c -> {
            sql.actor(c, actorId).orElseThrow(Problem::notFound);
            sql.putContact(c, actorId, form);
            audit.append(c, event(actor, address, "partnerships.contact.update", "actor", actorId, ""));
            return null;
        });
    }

    /** Erases the contact person (on request): the actor, its relationships and its history stay. */
    public boolean eraseContact(long actorId, String actor, String address) {
        return store.tx(c -> {
            sql.actor(c, actorId).orElseThrow(Problem::notFound);
            boolean erased = sql.eraseContact(c, actorId);
            audit.append(c, event(actor, address, "partnerships.contact.erase", "actor", actorId,
                    erased ? "erased" : "nothing to erase"));
            return erased;
        });
    }

    /**
     * The audit log's detail for an actor: an organisation's name, never a person's (the log cannot be erased,
     * a person can: see {@link #erasePerson}).
     */
    static String auditName(ActorForm f) {
        return Codes.PERSON.equals(f.kind()) ? Codes.PERSON : f.name().strip();
    }

    /**
     * Erases a person on request (issue 4: "erasure that keeps the organisation's history without the person"):
     * the names become {@code placeholder} (local) and {@code placeholders} (language → text), the notes and the
     * contact person go; kind, type, areas, groups, relationships, commitments, memberships and memoranda stay,
     * so that counts and the coalition's history are unchanged. 422 for an organisation.
     */
    public void erasePerson(long id, String placeholder, Map<String, String> placeholders, String actor, String address) {
        write(c -> {
            Actor a = sql.actor(c, id).orElseThrow(Problem::notFound);
            if (!Codes.PERSON.equals(a.kind())) {
                throw new Problem(422, "partnerships.person.notAPerson");
            }
            sql.eraseContact(c, id);
            ActorForm f = ActorForm.of(a);
            ActorForm erased = new ActorForm(placeholder, f.type(), f.level(), "", f.interest(), f.influence(), f.status(),
                    "", f.areas(), f.groups(), Codes.PERSON, placeholders);
            if (!sql.updateActor(c, id, a.version(), erased)) {
                throw Problem.conflict("partnerships.actor.editedMeanwhile");
            }
            audit.append(c, event(actor, address, "partnerships.person.erase", "actor", id, "erased on request"));
            return null;
        });
    }

    /** What the import would do with {@code file}, errors in {@code t}'s language. */
    ActorImport.Plan planImport(ActorCsv.Parsed file, org.safercities.platform.i18n.Translator t) {
        return ActorImport.plan(file, actors(), areas.all(), t);
    }

    /** Counts of an import: actors added, merged into an existing one, lines skipped. */
    record Imported(int added, int merged, int skipped) {
    }

    /**
     * Imports a planned file, all or nothing: a plan with errors is refused (422); a duplicate line is merged into
     * its actor unless {@code choices} says skip (by line number). One audit entry per actor and one for the file.
     */
    Imported importActors(ActorImport.Plan plan, Map<Integer, ActorImport.Choice> choices, String fileName, String actor,
            String address) {
        if (!plan.importable()) {
            throw new Problem(422, "partnerships.import.notImportable", plan.errors());
        }
        return write(c -> {
            int added = 0;
            int merged = 0;
            int skipped = 0;
            for (ActorImport.Row row : plan.rows()) {
                if (!row.isDuplicate()) {
                    long id = sql.insertActor(c, ActorImport.withDefaults(row.form()));
                    audit.append(c, event(actor, address, "partnerships.actor.create", "actor", id, auditName(row.form())));
                    added++;
                } else if (choices.getOrDefault(row.line(), ActorImport.Choice.MERGE) == ActorImport.Choice.SKIP) {
                    skipped++;
                } else {
                    Actor current = sql.actor(c, row.duplicate().id())
                            .orElseThrow(() -> Problem.conflict("partnerships.import.changedMeanwhile"));
                    if (!sql.updateActor(c, current.id(), current.version(), ActorImport.merged(current, row.form()))) {
                        throw Problem.conflict("partnerships.import.changedMeanwhile");
                    }
                    audit.append(c, event(actor, address, "partnerships.actor.merge", "actor", current.id(),
                            "line " + row.line() + " of " + fileName));
                    merged++;
                }
            }
            audit.append(c, new AuditLog.Event(actor, address, "partnerships.import", "file", fileName, "ok",
                    added + " added, " + merged + " merged, " + skipped + " skipped"));
            return new Imported(added, merged, skipped);
        });
    }

    public List<Relationship> relationships() {
        return snapshot().relationships();
    }

    public List<Relationship> relationshipsOf(long actorId) {
        return store.read(c -> sql.relationshipsOf(c, actorId));
    }

    /** The form's checks plus: another actor that exists, and no cycle of "member of". */
    public FieldErrors validate(long fromId, RelationshipForm form) {
        FieldErrors e = form.validate();
        if (!e.isEmpty()) {
            return e;
        }
        return store.read(c -> check(c, fromId, form));
    }

    private FieldErrors check(Connection c, long fromId, RelationshipForm form) throws SQLException {
        FieldErrors e = form.validate();
        long to = Form.wholeNumber(form.toId());
        if (to == fromId) {
            e.add("toId", "partnerships.rel.self");
        } else if (sql.actor(c, to).isEmpty()) {
            e.add("toId", "partnerships.rel.missingActor");
        } else if (Codes.MEMBER_OF.equals(form.type()) && reachesByMembership(c, to, fromId)) {
            e.add("type", "partnerships.rel.memberCycle");
        }
        return e;
    }

    /** Whether {@code start} is, directly or through other groups, a member of {@code target}. */
    private boolean reachesByMembership(Connection c, long start, long target) throws SQLException {
        Deque<Long> todo = new ArrayDeque<>(List.of(start));
        Set<Long> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            long id = todo.pop();
            if (id == target) {
                return true;
            }
            if (seen.add(id)) {
                todo.addAll(sql.memberOf(c, id));
            }
        }
        return false;
    }

    /** Adds a relationship from {@code fromId}; the rules are checked again inside the transaction. */
    public long addRelationship(long fromId, RelationshipForm form, String actor, String address) {
        return write(c -> {
            sql.actor(c, fromId).orElseThrow(Problem::notFound);
            FieldErrors e = check(c, fromId, form);
            if (!e.isEmpty()) {
                throw invalid(e);
            }
            long to = Form.wholeNumber(form.toId());
            long id = sql.insertRelationship(c, fromId, to, form.type(), RelationshipForm.date(form.from()),
                    RelationshipForm.date(form.until()), ActorForm.score(form.strength()));
            audit.append(c, event(actor, address, "partnerships.relationship.create", "relationship", id,
                    fromId + " " + form.type() + " " + to));
            return id;
        });
    }

    /** Removes a relationship; returns it (for the redirect back to its actor). */
    public Relationship deleteRelationship(long id, String actor, String address) {
        return write(c -> {
            Relationship r = sql.relationship(c, id).orElseThrow(Problem::notFound);
            sql.deleteRelationship(c, id);
            audit.append(c, event(actor, address, "partnerships.relationship.delete", "relationship", id,
                    r.fromId() + " " + r.type() + " " + r.toId()));
            return r;
        });
    }

    public List<Commitment> commitments() {
        return store.read(sql::commitments);
    }

    public List<Commitment> commitmentsOf(long actorId) {
        return store.read(c -> sql.commitmentsOf(c, actorId));
    }

    public long addCommitment(long actorId, CommitmentForm form, String actor, String address) {
        requireValid(form.validate());
        return store.tx(c -> {
            sql.actor(c, actorId).orElseThrow(Problem::notFound);
            long id = sql.insertCommitment(c, actorId, form);
            audit.append(c, event(actor, address, "partnerships.commitment.create", "commitment", id, Long.toString(actorId)));
            return id;
        });
    }

    public Optional<Commitment> commitment(long id) {
        return store.read(c -> sql.commitment(c, id));
    }

    /** Changes a commitment's kind, description, dates or state; returns it as it was (for the redirect). */
    public Commitment updateCommitment(long id, CommitmentForm form, String actor, String address) {
        requireValid(form.validate());
        return store.tx(c -> {
            Commitment m = sql.commitment(c, id).orElseThrow(Problem::notFound);
            sql.updateCommitment(c, id, form);
            audit.append(c, event(actor, address, "partnerships.commitment.update", "commitment", id,
                    Long.toString(m.actorId())));
            return m;
        });
    }

    /** Removes a commitment; returns it (for the redirect back to its actor). */
    public Commitment deleteCommitment(long id, String actor, String address) {
        return store.tx(c -> {
            Commitment m = sql.commitment(c, id).orElseThrow(Problem::notFound);
            sql.deleteCommitment(c, id);
            audit.append(c, event(actor, address, "partnerships.commitment.delete", "commitment", id,
                    Long.toString(m.actorId())));
            return m;
        });
    }

    /**
     * The gaps of the coalition on {@code today}, counting engaged actors only:
     * <ul>
     * <li>a lowest-level area (one without sub-areas) that no engaged actor covers, directly or through an area
     * that contains it (an actor covering a district covers its wards);</li>
     * <li>a target group that no engaged actor serves;</li>
     * <li>no engaged women-led organisation; no engaged youth-led organisation; no engaged police or justice
     * partner;</li>
     * <li>a commitment of any actor past its end date and not kept;</li>
     * <li>with the strategy module: a priority of the current strategy where no actor of the map leads an
     * action.</li>
     * </ul>
     */
    public List<Gap> gaps(LocalDate today) {
        List<Actor> engaged = actors().stream().filter(Actor::engaged).toList();
        List<Gap> out = new ArrayList<>();
        Set<Long> covered = engaged.stream().flatMap(a -> a.areaIds().stream()).collect(Collectors.toSet());
        Map<Long, Area> byId = areas.all().stream().collect(Collectors.toMap(Area::id, Function.identity()));
        for (Area leaf : areas.depthFirst()) {
            if (leaf.parentId() != null && areas.children(leaf.id()).isEmpty() && !coveredUp(leaf, covered, byId)) {
                out.add(new Gap("area", Long.toString(leaf.id()), "partnerships.gaps.area"));
            }
        }
        Set<String> served = engaged.stream().flatMap(a -> a.groups().stream()).collect(Collectors.toSet());
        for (String g : Codes.GROUPS) {
            if (!served.contains(g)) {
                out.add(new Gap("group", g, "partnerships.gaps.group"));
            }
        }
        Set<String> types = engaged.stream().map(Actor::type).collect(Collectors.toSet());
        for (String type : List.of("women_led", "youth_led", "police_justice")) {
            if (!types.contains(type)) {
                out.add(new Gap(type, "", "partnerships.gaps." + type));
            }
        }
        for (Commitment m : store.read(sql::commitments)) {
            if (m.overdue(today)) {
                out.add(new Gap("commitment", Long.toString(m.id()), "partnerships.gaps.commitment"));
            }
        }
        strategy().ifPresent(d -> out.addAll(prioritiesWithoutLead(d)));
        return out;
    }

    private List<Gap> prioritiesWithoutLead(ActionDirectory d) {
        Set<Long> known = actors().stream().map(Actor::id).collect(Collectors.toSet());
        Set<Long> led = d.roles().stream().filter(r -> LEAD.equals(r.role()) && known.contains(r.actorId()))
                .map(ActionDirectory.ActionRole::priorityId).collect(Collectors.toSet());
        return d.priorities().stream().filter(p -> !led.contains(p.id()))
                .map(p -> new Gap("priority", Long.toString(p.id()), "partnerships.gaps.priority")).toList();
    }

    static final String LEAD = "lead";

    private static boolean coveredUp(Area a, Set<Long> covered, Map<Long, Area> byId) {
        for (Area x = a; x != null; x = x.parentId() == null ? null : byId.get(x.parentId())) {
            if (covered.contains(x.id())) {
                return true;
            }
        }
        return false;
    }

    static void requireValid(FieldErrors e) {
        if (!e.isEmpty()) {
            throw invalid(e);
        }
    }

    private static Invalid invalid(FieldErrors e) {
        return new Invalid(e);
    }

    /** A form the service refused: 422 with its field errors (the routes re-render the form with them). */
    public static final class Invalid extends Problem {
        private final transient FieldErrors errors;

        Invalid(FieldErrors errors) {
            super(422, "partnerships.form.invalid");
            this.errors = errors;
        }

        public FieldErrors errors() {
            return errors;
        }
    }

    static AuditLog.Event event(String actor, String address, String action, String type, long id, String detail) {
        return new AuditLog.Event(actor, address, action, type, Long.toString(id), "ok", detail);
    }

    static LocalDate today() {
        return LocalDate.now();
    }
}
