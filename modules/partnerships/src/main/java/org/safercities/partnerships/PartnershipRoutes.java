package org.safercities.partnerships;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.web.Form;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * Actors, their contact person, relationships, the interest/influence grid and the gaps. Everyone signed in
 * reads actors; editors change them; only staff see and change contact details.
 */
final class PartnershipRoutes implements HttpService {

    static final String ACTORS = "/partnerships/actors";
    private final PartnershipService service;
    private final AreaService areas;
    private final Pages pages;
    private final PartnershipPages view;

    /** What the user typed in one of the forms of the actor page, with its errors, when it is shown again (422). */
    record Typed(ContactForm contact, FieldErrors contactErrors, RelationshipForm rel, FieldErrors relErrors,
            CommitmentForm commitment, FieldErrors commitmentErrors) {
        static Typed none() {
            return new Typed(null, new FieldErrors(), null, new FieldErrors(), null, new FieldErrors());
        }
    }

    PartnershipRoutes(PartnershipService service, AreaService areas, Pages pages) {
        this.service = service;
        this.areas = areas;
        this.pages = pages;
        this.view = new PartnershipPages(service, areas);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(ACTORS, this::list)
                .get("/partnerships/actors.csv", this::export)
                .get(ACTORS + "/new", this::newForm)
                .post(ACTORS, this::create)
                .get(ACTORS + "/{id}", this::show)
                .get(ACTORS + "/{id}/edit", this::editForm)
                .post(ACTORS + "/{id}", this::update)
                .post(ACTORS + "/{id}/delete", this::delete)
                .post(ACTORS + "/{id}/contact", this::saveContact)
                .post(ACTORS + "/{id}/contact/erase", this::eraseContact)
                .post(ACTORS + "/{id}/erase-person", this::erasePerson)
                .post(ACTORS + "/{id}/relationships", this::addRelationship)
                .post("/partnerships/relationships/{rid}/delete", this::deleteRelationship)
                .post(ACTORS + "/{id}/commitments", this::addCommitment)
                .post("/partnerships/commitments/{cid}/delete", this::deleteCommitment)
                .get("/partnerships/network", this::network)
                .get("/partnerships/network.json", this::networkData)
                .get("/partnerships/grid", this::grid)
                .get("/partnerships/gaps", this::gaps);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        String type = Visit.query(req, "type").filter(Codes.TYPES::contains).orElse("");
        long area = Visit.query(req, "area").map(Form::wholeNumber).orElse(-1L);
        String group = Visit.query(req, "group").filter(Codes.GROUPS::contains).orElse("");
        pages.render(res, v, ACTORS, "partnerships/actors", "partnerships.actors.title",
                view.list(v.t(), new PartnershipPages.Filter(type, area, group), v.is(Role.EDITORS)));
    }

    private void export(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(Role.ALL);
        Map<Long, String> codes = areas.all().stream().collect(Collectors.toMap(Area::id, Area::code));
        try (CsvOut csv = CsvOut.download(res, "actors.csv")) {
            // contact details are personal data: never in an export
            // the same columns as the import reads (ActorCsv.COLUMNS), after the id
            List<Object> header = new ArrayList<>(List.of("id", "name", "type", "kind", "government_level", "status",
                    "interest", "influence", "areas", "target_groups", "sectors", "notes"));
            org.safercities.platform.i18n.Messages.UN_LANGUAGES.forEach(l -> header.add("name_" + l));
            csv.row(header);
            for (Actor a : service.actors()) {
                List<Object> row = new ArrayList<>(List.of(a.id(), a.name(), a.type(), a.kind(), nz(a.level()), a.status(),
                        a.interest(), a.influence(),
                        a.areaIds().stream().map(id -> codes.getOrDefault(id, "")).collect(Collectors.joining(";")),
                        String.join(";", a.groups()), nz(a.sectors()), nz(a.notes())));
                org.safercities.platform.i18n.Messages.UN_LANGUAGES.forEach(l -> row.add(a.names().getOrDefault(l, "")));
                csv.row(row);
            }
        }
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        renderForm(res, Status.OK_200, v, null, 0, ActorForm.blank(), new FieldErrors());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ActorForm form = ActorForm.of(v.form());
        FieldErrors e = service.validate(form);
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, null, 0, form, e);
            return;
        }
        long id = service.create(form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, ACTORS + "/" + id);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Actor a = actor(req);
        renderActor(res, Status.OK_200, v, a, Typed.none());
    }

    /** The actor page; staff see the contact person, and that read is audited. */
    private void renderActor(ServerResponse res, Status status, Visit v, Actor a, Typed typed) {
        ContactForm contact = typed.contact();
        boolean hasContact = false;
        if (v.is(Role.STAFF) && contact == null) {
            Optional<Contact> c = service.readContact(a.id(), v.actor(), v.address());
            hasContact = c.isPresent();
            contact = c.map(x -> new ContactForm(nz(x.personName()), nz(x.phone()), nz(x.email())))
                    .orElse(new ContactForm("", "", ""));
        }
        Translator t = v.t();
        pages.render(res, status, v, ACTORS, "partnerships/actor", "partnerships.actor.title",
                view.actor(t, a, v.is(Role.EDITORS), v.is(Role.STAFF) ? contact : null, hasContact,
                        typed.contactErrors().in(t),
                        typed.rel() == null ? RelationshipForm.blank(PartnershipService.today()) : typed.rel(),
                        typed.relErrors().in(t), typed.commitment() == null ? CommitmentForm.blank() : typed.commitment(),
                        typed.commitmentErrors().in(t)));
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Actor a = actor(req);
        renderForm(res, Status.OK_200, v, a.id(), a.version(), ActorForm.of(a), new FieldErrors());
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Actor a = actor(req);
        ActorForm form = ActorForm.of(v.form());
        int version = (int) Form.wholeNumber(v.form().get("version"));
        FieldErrors e = service.validate(form);
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, a.id(), version, form, e);
            return;
        }
        try {
            service.update(a.id(), version, form, v.actor(), v.address());
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            renderForm(res, Status.CONFLICT_409, v, a.id(), version, form, new FieldErrors().add("form", p.messageKey()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, ACTORS + "/" + a.id());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Actor a = actor(req);
        service.delete(a.id(), v.actor(), v.address());
        v.flash("partnerships.actor.deleted", a.name());
        Visit.redirect(res, ACTORS);
    }

    private void saveContact(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        Actor a = actor(req);
        ContactForm form = ContactForm.of(v.form());
        FieldErrors e = form.validate();
        if (!e.isEmpty()) {
            renderActor(res, Status.create(422), v, a, new Typed(form, e, null, new FieldErrors(), null, new FieldErrors()));
            return;
        }
        service.saveContact(a.id(), form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, ACTORS + "/" + a.id());
    }

    /** Erases a person actor on request (editors: it changes the actor): its names in every language become a placeholder. */
    private void erasePerson(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Actor a = actor(req);
        String id = Long.toString(a.id());
        Map<String, String> placeholders = new java.util.LinkedHashMap<>();
        for (String lang : org.safercities.platform.i18n.Messages.UN_LANGUAGES) {
            placeholders.put(lang, pages.translator(lang).t("partnerships.person.erasedName", id));
        }
        service.erasePerson(a.id(), pages.translator(org.safercities.platform.i18n.Messages.SOURCE)
                .t("partnerships.person.erasedName", id), placeholders, v.actor(), v.address());
        v.flash("partnerships.person.erased");
        Visit.redirect(res, ACTORS + "/" + a.id());
    }

    private void eraseContact(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        Actor a = actor(req);
        service.eraseContact(a.id(), v.actor(), v.address());
        v.flash("partnerships.contact.erased");
        Visit.redirect(res, ACTORS + "/" + a.id());
    }

    private void addRelationship(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Actor a = actor(req);
        RelationshipForm form = RelationshipForm.of(v.form());
        FieldErrors e = service.validate(a.id(), form);
        if (e.isEmpty()) {
            try {
                service.addRelationship(a.id(), form, v.actor(), v.address());
                v.flash("platform.saved");
                Visit.redirect(res, ACTORS + "/" + a.id() + "#relationships");
                return;
            } catch (PartnershipService.Invalid invalid) {
                e = invalid.errors();
            }
        }
        renderActor(res, Status.create(422), v, a, new Typed(null, new FieldErrors(), form, e, null, new FieldErrors()));
    }

    private void deleteRelationship(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        long id = Form.wholeNumber(req.path().pathParameters().get("rid"));
        Relationship r = service.deleteRelationship(id, v.actor(), v.address());
        long back = Form.wholeNumber(v.form().get("back"));
        v.flash("partnerships.rel.deleted");
        Visit.redirect(res, ACTORS + "/" + (back == r.toId() ? r.toId() : r.fromId()) + "#relationships");
    }

    private void addCommitment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Actor a = actor(req);
        CommitmentForm form = CommitmentForm.of(v.form());
        FieldErrors e = form.validate();
        if (!e.isEmpty()) {
            renderActor(res, Status.create(422), v, a, new Typed(null, new FieldErrors(), null, new FieldErrors(), form, e));
            return;
        }
        service.addCommitment(a.id(), form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, ACTORS + "/" + a.id() + "#commitments");
    }

    private void deleteCommitment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Commitment m = service.deleteCommitment(Form.wholeNumber(req.path().pathParameters().get("cid")), v.actor(), v.address());
        v.flash("partnerships.commitment.deleted");
        Visit.redirect(res, ACTORS + "/" + m.actorId() + "#commitments");
    }

    private void grid(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        pages.render(res, v, "/partnerships/grid", "partnerships/grid", "partnerships.grid.title", view.grid(service.actors(), v.t().lang()));
    }

    public record Choice(String value, String label, boolean selected) {
    }

    public record NetworkPage(List<Choice> types, List<Choice> areas, List<Choice> groups, String summary, String dataUrl) {
    }

    private void network(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        String type = Visit.query(req, "type").filter(Codes.TYPES::contains).orElse("");
        long area = Visit.query(req, "area").map(org.safercities.platform.web.Form::wholeNumber).orElse(-1L);
        String group = Visit.query(req, "group").filter(Codes.GROUPS::contains).orElse("");
        Network n = network(type, area, group);
        List<Choice> groups = new ArrayList<>();
        groups.add(new Choice("", t.t("partnerships.actors.allGroups"), group.isEmpty()));
        Codes.GROUPS.forEach(g -> groups.add(new Choice(g, t.t("partnerships.group." + g), g.equals(group))));
        List<Choice> types = new ArrayList<>();
        types.add(new Choice("", t.t("partnerships.network.allTypes"), type.isEmpty()));
        Codes.TYPES.forEach(c -> types.add(new Choice(c, t.t("partnerships.type." + c), c.equals(type))));
        List<Choice> areaChoices = new ArrayList<>();
        areaChoices.add(new Choice("", t.t("partnerships.network.allAreas"), area < 0));
        areas.depthFirst().forEach(a -> areaChoices.add(new Choice(Long.toString(a.id()),
                "\u2003".repeat(a.level()) + a.name(), a.id() == area)));
        List<String> params = new ArrayList<>();
        if (!type.isEmpty()) {
            params.add("type=" + type);
        }
        if (area >= 0) {
            params.add("area=" + area);
        }
        if (!group.isEmpty()) {
            params.add("group=" + group);
        }
        String query = String.join("&", params);
        pages.render(res, v, "/partnerships/network", "partnerships/network", "partnerships.network.title",
                new NetworkPage(types, areaChoices, groups, t.t("partnerships.network.summary", t.number(n.actors().size()),
                        t.number(n.links().size())), "/partnerships/network.json" + (query.isEmpty() ? "" : "?" + query)));
    }

    /** The actors of one type, covering one area (or an area above or below it), serving one target group (each
     * filter optional), and the links between them. */
    record Network(List<Actor> actors, List<Relationship> links) {
    }

    private Network network(String type, long area, String group) {
        java.util.Set<Long> related = new java.util.HashSet<>();
        if (area >= 0) {
            for (Long a = area; a != null; a = areas.byId(a).map(org.safercities.platform.areas.Area::parentId).orElse(null)) {
                related.add(a);
            }
            java.util.Deque<Long> todo = new java.util.ArrayDeque<>(List.of(area));
            while (!todo.isEmpty()) {
                for (Area child : areas.children(todo.pop())) {
                    related.add(child.id());
                    todo.push(child.id());
                }
            }
        }
        List<Actor> shown = service.actors().stream()
                .filter(a -> type.isEmpty() || a.type().equals(type))
                .filter(a -> area < 0 || a.areaIds().stream().anyMatch(related::contains))
                .filter(a -> group.isEmpty() || a.groups().contains(group))
                .toList();
        java.util.Set<Long> ids = shown.stream().map(Actor::id).collect(Collectors.toSet());
        List<Relationship> links = service.relationships().stream()
                .filter(r -> ids.contains(r.fromId()) && ids.contains(r.toId())).toList();
        return new Network(shown, links);
    }

    /** The picture's data: categories (actor types), nodes sized by influence, links labelled by type. */
    private void networkData(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        String type = Visit.query(req, "type").filter(Codes.TYPES::contains).orElse("");
        long area = Visit.query(req, "area").map(org.safercities.platform.web.Form::wholeNumber).orElse(-1L);
        String group = Visit.query(req, "group").filter(Codes.GROUPS::contains).orElse("");
        byte[] body = networkJson.get(service.generation(), t.lang() + "|" + type + "|" + area + "|" + group,
                () -> networkJson(t, network(type, area, group)));
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(body);
    }

    /**
     * The picture's data for one language and filter, kept until actors or relationships change: with 2,000
     * actors and 10,000 relationships it is close to 1 MB, the same for every visitor.
     */
    private final DerivedCache networkJson = new DerivedCache(64);

    private static byte[] networkJson(Translator t, Network n) {
        List<String> categories = new ArrayList<>(Codes.TYPES);
        StringBuilder json = new StringBuilder(64 * 1024 + 100 * (n.actors().size() + n.links().size()))
                .append("{\"categories\":[");
        for (int i = 0; i < categories.size(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(t.t("partnerships.type." + categories.get(i))))
                    .append('}');
        }
        json.append("],\"nodes\":[");
        for (int i = 0; i < n.actors().size(); i++) {
            Actor a = n.actors().get(i);
            json.append(i == 0 ? "" : ",").append("{\"id\":\"").append(a.id()).append("\",\"name\":").append(Json.string(a.nameIn(t.lang())))
                    .append(",\"typeName\":").append(Json.string(t.t("partnerships.type." + a.type())))
                    .append(",\"category\":").append(categories.indexOf(a.type()))
                    .append(",\"value\":").append(a.influence())
                    .append(",\"symbolSize\":").append(8 + 6 * a.influence()).append('}');
        }
        json.append("],\"links\":[");
        for (int i = 0; i < n.links().size(); i++) {
            Relationship r = n.links().get(i);
            json.append(i == 0 ? "" : ",").append("{\"source\":\"").append(r.fromId()).append("\",\"target\":\"")
                    .append(r.toId()).append("\",\"label\":").append(Json.string(t.t("partnerships.relType." + r.type())))
                    .append(",\"value\":").append(r.strength()).append('}');
        }
        json.append("]}");
        return json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private void gaps(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        pages.render(res, v, "/partnerships/gaps", "partnerships/gaps", "partnerships.gaps.title", view.gaps(v.t(), PartnershipService.today()));
    }

    private void renderForm(ServerResponse res, Status status, Visit v, Long id, int version, ActorForm form, FieldErrors e) {
        pages.render(res, status, v, ACTORS, "partnerships/actor-form",
                id == null ? "partnerships.actor.new" : "partnerships.actor.edit", view.form(v.t(), id, version, form, e));
    }

    private Actor actor(ServerRequest req) {
        return service.actor(Form.wholeNumber(req.path().pathParameters().get("id"))).orElseThrow(Problem::notFound);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static List<String> labels(Translator t, String list, List<String> codes) {
        List<String> out = new ArrayList<>();
        for (String c : codes) {
            out.add(t.t("partnerships." + list + "." + c));
        }
        return out;
    }
}
