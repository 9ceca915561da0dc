package org.safercities.partnerships;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * Memoranda, the technical group and coordination centre with their members and meetings, and editing a
 * commitment. Everyone signed in reads; editors change.
 */
final class CoalitionRoutes implements HttpService {

    static final String MEMORANDA = "/partnerships/memoranda";
    static final String BODIES = "/partnerships/bodies";

    public record Option(String value, String label, boolean selected) {
    }

    public record Party(long id, String name) {
    }

    public record MemoRow(long id, String title, String signedOn, String expiresOn, boolean expired, String documentRef,
            List<Party> parties) {
    }

    public record MemorandaPage(List<MemoRow> rows, boolean canEdit, String filteredBy, MemorandumForm form,
            List<Option> actors, Map<String, String> errors) {
    }

    /** A meeting in a body's table: its decisions one per line, as typed. */
    public record MeetingRow(long id, String heldOn, int attendees, List<String> decisions) {
    }

    public record Body(String kind, String title, String hint, boolean designated, long actorId, String actorName,
            List<Option> actors, List<Party> members, String counts, List<MeetingRow> meetings, MeetingForm form,
            Map<String, String> errors) {
    }

    public record BodiesPage(List<Body> bodies, boolean canEdit) {
    }

    public record CommitmentPage(long id, long actorId, String actorName, CommitmentForm form, List<Option> kinds,
            Map<String, String> errors) {
    }

    private final PartnershipService partners;
    private final CoalitionService coalition;
    private final Pages pages;

    CoalitionRoutes(PartnershipService partners, CoalitionService coalition, Pages pages) {
        this.partners = partners;
        this.coalition = coalition;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(MEMORANDA, this::memoranda)
                .post(MEMORANDA, this::addMemorandum)
                .post(MEMORANDA + "/{mid}/delete", this::deleteMemorandum)
                .get(BODIES, this::bodies)
                .post(BODIES + "/{kind}", this::designate)
                .post(BODIES + "/{kind}/meetings", this::addMeeting)
                .post("/partnerships/meetings/{id}/delete", this::deleteMeeting)
                .get("/partnerships/commitments/{cid}/edit", this::editCommitment)
                .post("/partnerships/commitments/{cid}", this::updateCommitment);
    }

    private void memoranda(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        long actor = Visit.query(req, "actor").map(Form::wholeNumber).orElse(-1L);
        renderMemoranda(res, Status.OK_200, v, actor, MemorandumForm.blank(), new FieldErrors());
    }

    private void renderMemoranda(ServerResponse res, Status status, Visit v, long actor, MemorandumForm form, FieldErrors e) {
        Translator t = v.t();
        List<Actor> all = partners.actors();
        Map<Long, String> names = all.stream().collect(Collectors.toMap(Actor::id, a -> a.nameIn(t.lang())));
        List<MemoRow> rows = new ArrayList<>();
        for (Memorandum m : actor < 0 ? coalition.memoranda() : coalition.memorandaOf(actor)) {
            rows.add(new MemoRow(m.id(), m.title(), t.date(m.signedOn()), t.date(m.expiresOn()),
                    m.expired(PartnershipService.today()), m.documentRef() == null ? "" : m.documentRef(),
                    m.parties().stream().map(id -> new Party(id, names.getOrDefault(id, ""))).toList()));
        }
        List<Option> actors = all.stream().map(a -> new Option(Long.toString(a.id()), a.nameIn(t.lang()),
                form.parties().contains(Long.toString(a.id())))).toList();
        pages.render(res, status, v, MEMORANDA, "partnerships/memoranda", "partnerships.memo.title",
                new MemorandaPage(rows, v.is(Role.EDITORS), actor < 0 ? "" : names.getOrDefault(actor, ""), form, actors,
                        e.in(t)));
    }

    private void addMemorandum(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        MemorandumForm form = MemorandumForm.of(v.form());
        FieldErrors e = coalition.validate(form);
        if (!e.isEmpty()) {
            renderMemoranda(res, Status.create(422), v, -1, form, e);
            return;
        }
        coalition.addMemorandum(form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, MEMORANDA);
    }

    private void deleteMemorandum(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        coalition.deleteMemorandum(Form.wholeNumber(req.path().pathParameters().get("mid")), v.actor(), v.address());
        v.flash("partnerships.memo.deleted");
        Visit.redirect(res, MEMORANDA);
    }

    private void bodies(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        renderBodies(res, Status.OK_200, v, "", MeetingForm.blank(), new FieldErrors());
    }

    /** Both bodies; the one named {@code failed} shows the meeting form as typed, with its errors. */
    private void renderBodies(ServerResponse res, Status status, Visit v, String failed, MeetingForm typed, FieldErrors e) {
        Translator t = v.t();
        List<Actor> all = partners.actors();
        Map<String, Long> designated = coalition.bodies();
        List<Body> bodies = new ArrayList<>();
        for (String kind : CoalitionService.BODIES) {
            Long id = designated.get(kind);
            List<Option> actors = all.stream().map(a -> new Option(Long.toString(a.id()), a.nameIn(t.lang()),
                    id != null && a.id() == id)).toList();
            String name = id == null ? "" : all.stream().filter(a -> a.id() == id).map(a -> a.nameIn(t.lang()))
                    .findFirst().orElse("");
            List<Party> members = id == null ? List.of()
                    : coalition.members(id).stream().map(a -> new Party(a.id(), a.nameIn(t.lang()))).toList();
            String counts = coalition.summary(kind, PartnershipService.today()).map(s -> t.t("partnerships.body.counts",
                    t.number(s.members()), t.number(s.meetings()), t.number(s.meetingsLastYear()),
                    s.lastMeeting() == null ? "—" : t.date(s.lastMeeting()))).orElse("");
            List<MeetingRow> meetings = id == null ? List.of() : coalition.meetingsOf(id).stream().map(m -> new MeetingRow(
                    m.id(), t.date(m.heldOn()), m.attendees(), m.decisions() == null ? List.of()
                    : m.decisions().lines().map(String::strip).filter(l -> !l.isEmpty()).toList())).toList();
            boolean mine = kind.equals(failed);
            bodies.add(new Body(kind, t.t("partnerships.body." + kind), t.t("partnerships.body." + kind + "Hint"),
                    id != null, id == null ? 0 : id, name, actors, members, counts, meetings,
                    mine ? typed : MeetingForm.blank(), mine ? e.in(t) : Map.of()));
        }
        pages.render(res, status, v, BODIES, "partnerships/bodies", "partnerships.body.title",
                new BodiesPage(bodies, v.is(Role.EDITORS)));
    }

    private void designate(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        String kind = body(req);
        long actor = Form.wholeNumber(v.form().get("actorId"));
        if (partners.actor(actor).isEmpty()) {
            throw new Problem(422, "partnerships.rel.missingActor");
        }
        coalition.designate(kind, actor, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, BODIES + "#" + kind);
    }

    private void addMeeting(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        String kind = body(req);
        Long actor = coalition.bodies().get(kind);
        if (actor == null) {
            throw new Problem(422, "partnerships.body.notDesignated");
        }
        MeetingForm form = MeetingForm.of(v.form());
        FieldErrors e = form.validate();
        if (!e.isEmpty()) {
            renderBodies(res, Status.create(422), v, kind, form, e);
            return;
        }
        coalition.addMeeting(actor, form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, BODIES + "#" + kind);
    }

    private void deleteMeeting(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        coalition.deleteMeeting(Form.wholeNumber(req.path().pathParameters().get("id")), v.actor(), v.address());
        v.flash("partnerships.meeting.deleted");
        Visit.redirect(res, BODIES);
    }

    private static String body(ServerRequest req) {
        String kind = req.path().pathParameters().get("kind");
        if (!CoalitionService.BODIES.contains(kind)) {
            throw Problem.notFound();
        }
        return kind;
    }

    private void editCommitment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Commitment m = commitment(req);
        renderCommitment(res, Status.OK_200, v, m, CommitmentForm.of(m), new FieldErrors());
    }

    private void updateCommitment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Commitment m = commitment(req);
        CommitmentForm form = CommitmentForm.of(v.form());
        FieldErrors e = form.validate();
        if (!e.isEmpty()) {
            renderCommitment(res, Status.create(422), v, m, form, e);
            return;
        }
        partners.updateCommitment(m.id(), form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, PartnershipRoutes.ACTORS + "/" + m.actorId() + "#commitments");
    }

    private void renderCommitment(ServerResponse res, Status status, Visit v, Commitment m, CommitmentForm form,
            FieldErrors e) {
        String name = partners.actor(m.actorId()).map(a -> a.nameIn(v.t().lang())).orElse("");
        pages.render(res, status, v, PartnershipRoutes.ACTORS, "partnerships/commitment-form",
                "partnerships.commitment.edit", new CommitmentPage(m.id(), m.actorId(), name, form,
                        commitmentKinds(v.t(), form.kind()), e.in(v.t())));
    }

    /** The kinds of commitment as options of the form's select, {@code selected} chosen. */
    static List<Option> commitmentKinds(Translator t, String selected) {
        return Codes.COMMITMENT_KINDS.stream()
                .map(k -> new Option(k, t.t("partnerships.commitmentKind." + k), k.equals(selected))).toList();
    }

    private Commitment commitment(ServerRequest req) {
        return partners.commitment(Form.wholeNumber(req.path().pathParameters().get("cid"))).orElseThrow(Problem::notFound);
    }
}
