package org.safercities.partnerships;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.CoalitionFigures;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * Memoranda between actors, and the two bodies of the process: the multi-sector technical group (G§39) and the
 * coordination centre (G§24a). Each body is an actor of the map; its members are the actors with a "member of"
 * relationship to it (organisations' focal points and persons), its meetings are recorded here. Every change is
 * audited.
 */
public final class CoalitionService {

    /** The bodies, in the order the page shows them. */
    public static final List<String> BODIES = List.of(CoalitionFigures.TECHNICAL_GROUP, CoalitionFigures.COORDINATION_CENTRE);

    /** What the review report counts for a body: focal points (members), meetings in all and in the last year. */
    public record BodySummary(String kind, long actorId, int members, int meetings, int meetingsLastYear,
            LocalDate lastMeeting, int attendeesLastYear) {
    }

    private final Store store;
    private final AuditLog audit;
    private final PartnershipService partners;
    private final CoalitionStore sql = new CoalitionStore();

    CoalitionService(Store store, AuditLog audit, PartnershipService partners) {
        this.store = store;
        this.audit = audit;
        this.partners = partners;
    }

    public List<Memorandum> memoranda() {
        return store.read(sql::memoranda);
    }

    public List<Memorandum> memorandaOf(long actorId) {
        return memoranda().stream().filter(m -> m.parties().contains(actorId)).toList();
    }

    /** The form's checks plus: every party is an actor of the map. */
    public FieldErrors validate(MemorandumForm f) {
        FieldErrors e = f.validate();
        if (!e.has("parties") && f.partyIds().stream().anyMatch(id -> partners.actor(id).isEmpty())) {
            e.add("parties", "partnerships.rel.missingActor");
        }
        return e;
    }

    public long addMemorandum(MemorandumForm f, String actor, String address) {
        PartnershipService.requireValid(validate(f));
        return store.tx(c -> {
            // a party deleted between the check and now would break the foreign key: say so in words instead
            for (long party : f.partyIds()) {
                if (partners.sql.actor(c, party).isEmpty()) {
                    PartnershipService.requireValid(new FieldErrors().add("parties", "partnerships.rel.missingActor"));
                }
            }
            long id = sql.insertMemorandum(c, f);
            audit.append(c, PartnershipService.event(actor, address, "partnerships.memorandum.create", "memorandum", id,
                    f.title().strip()));
            return id;
        });
    }

    public void deleteMemorandum(long id, String actor, String address) {
        store.tx(c -> {
            if (!sql.deleteMemorandum(c, id)) {
                throw Problem.notFound();
            }
            audit.append(c, PartnershipService.event(actor, address, "partnerships.memorandum.delete", "memorandum", id, ""));
            return null;
        });
    }

    /** Body kind → the actor designated as that body. */
    public Map<String, Long> bodies() {
        return store.read(sql::bodies);
    }

    public void designate(String kind, long actorId, String actor, String address) {
        if (!BODIES.contains(kind)) {
            throw Problem.notFound();
        }
        partners.require(actorId);
        store.tx(c -> {
            sql.designate(c, kind, actorId);
            audit.append(c, PartnershipService.event(actor, address, "partnerships.body.designate", "actor", actorId, kind));
            return null;
        });
    }

    public List<Meeting> meetingsOf(long actorId) {
        return store.read(c -> sql.meetingsOf(c, actorId));
    }

    public long addMeeting(long actorId, MeetingForm f, String actor, String address) {
        PartnershipService.requireValid(f.validate());
        return store.tx(c -> {
            partners.sql.actor(c, actorId).orElseThrow(Problem::notFound); // in the transaction: not deleted meanwhile
            long id = sql.insertMeeting(c, actorId, f);
            audit.append(c, PartnershipService.event(actor, address, "partnerships.meeting.create", "meeting", id,
                    Long.toString(actorId)));
            return id;
        });
    }

    public Meeting deleteMeeting(long id, String actor, String address) {
        return store.tx(c -> {
            Meeting m = sql.meeting(c, id).orElseThrow(Problem::notFound);
            sql.deleteMeeting(c, id);
            audit.append(c, PartnershipService.event(actor, address, "partnerships.meeting.delete", "meeting", id,
                    Long.toString(m.actorId())));
            return m;
        });
    }

    /** The counts of one body on {@code today}; empty when no actor is designated for it. */
    public Optional<BodySummary> summary(String kind, LocalDate today) {
        Long actorId = bodies().get(kind);
        if (actorId == null) {
            return Optional.empty();
        }
        int members = members(actorId).size();
        List<Meeting> meetings = meetingsOf(actorId);
        LocalDate yearAgo = today.minusYears(1);
        List<Meeting> lastYear = meetings.stream().filter(m -> m.heldOn().isAfter(yearAgo) && !m.heldOn().isAfter(today))
                .toList();
        return Optional.of(new BodySummary(kind, actorId, members, meetings.size(), lastYear.size(),
                meetings.isEmpty() ? null : meetings.get(0).heldOn(),
                lastYear.stream().mapToInt(Meeting::attendees).sum()));
    }

    /** The actors with a current "member of" relationship to {@code bodyId} (one that has not ended). */
    public List<Actor> members(long bodyId) {
        LocalDate today = PartnershipService.today();
        return membersWhere(bodyId, r -> r.until() == null || !r.until().isBefore(today));
    }

    /**
     * The actors whose "member of" relationship to {@code bodyId} overlapped {@code from}–{@code until} (began
     * by its end, and had not ended before its start): the focal points of a period, for the review report.
     */
    public List<Actor> membersDuring(long bodyId, LocalDate from, LocalDate until) {
        return membersWhere(bodyId, r -> !r.from().isAfter(until) && (r.until() == null || !r.until().isBefore(from)));
    }

    private List<Actor> membersWhere(long bodyId, java.util.function.Predicate<Relationship> when) {
        Set<Long> ids = partners.relationshipsOf(bodyId).stream()
                .filter(r -> r.toId() == bodyId && Codes.MEMBER_OF.equals(r.type()) && when.test(r))
                .map(Relationship::fromId).collect(Collectors.toSet());
        return partners.actors().stream().filter(a -> ids.contains(a.id())).toList();
    }

    PartnershipService partners() {
        return partners;
    }
}
