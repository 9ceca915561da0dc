package org.safercities.exchange;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.accounts.Role;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The good-practice library's pages. Everyone signed in reads and searches; those who edit the office's data
 * (EDITORS: administrator, coordinator, analyst, as monitoring's values and strategy's drafts) record, edit and
 * delete the office's own practices. Received practices are read-only.
 */
final class PracticeRoutes implements HttpService {

    private final PracticeLibrary library;
    private final Pages pages;

    PracticeRoutes(PracticeLibrary library, Pages pages) {
        this.library = library;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exchange/practices", this::list)
                .get("/exchange/practices.csv", this::csv)
                .get("/exchange/practices/new", this::newForm)
                .post("/exchange/practices", this::create)
                .get("/exchange/practices/{id}", this::show)
                .get("/exchange/practices/{id}/edit", this::editForm)
                .post("/exchange/practices/{id}", this::update)
                .post("/exchange/practices/{id}/delete", this::delete);
    }

    static String typeLabel(Translator t, String type) {
        return Practice.TYPES.contains(type) ? t.t("exchange.practice.type." + type) : type;
    }

    static String groupLabels(Translator t, List<String> groups) {
        return String.join(", ", groups.stream().map(g -> Practice.GROUPS.contains(g) ? t.t("exchange.practice.group." + g) : g)
                .toList());
    }

    record Option(String value, String label, boolean selected) {
    }

    static List<Option> options(Translator t, List<String> values, String prefix, List<String> selected, boolean any) {
        List<Option> out = new ArrayList<>();
        if (any) {
            out.add(new Option("", t.t("exchange.practice.any"), selected.isEmpty() || selected.contains("")));
        }
        for (String v : values) {
            out.add(new Option(v, t.t(prefix + v), selected.contains(v)));
        }
        return out;
    }

    // ---- the list

    record Row(long id, String title, String problem, String type, String groups, String city, boolean own) {
    }

    record ListPage(List<Row> rows, boolean hasRows, int total, String q, List<Option> types, List<Option> groups,
            List<Option> origins, boolean canEdit, String csvUrl) {
    }

    private static PracticeLibrary.Filter filter(ServerRequest req) {
        return new PracticeLibrary.Filter(Visit.query(req, "q").orElse(""), Visit.query(req, "type").orElse(""),
                Visit.query(req, "group").orElse(""), Visit.query(req, "origin").orElse(""));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        PracticeLibrary.Filter f = filter(req);
        List<Row> rows = library.search(f).stream().map(p -> new Row(p.id(), p.title(), p.problem(),
                typeLabel(t, p.preventionType()), groupLabels(t, p.targetGroups()),
                p.own() ? t.t("exchange.practice.ours") : p.city(), p.own())).toList();
        List<Option> origins = List.of(new Option("", t.t("exchange.practice.any"), f.origin().isEmpty()),
                new Option("own", t.t("exchange.practice.origin.own"), f.origin().equals("own")),
                new Option("received", t.t("exchange.practice.origin.received"), f.origin().equals("received")));
        String query = "q=" + enc(f.q()) + "&type=" + enc(f.type()) + "&group=" + enc(f.group()) + "&origin=" + enc(f.origin());
        pages.render(res, v, "/exchange/practices", "exchange/practices", "exchange.practices.title",
                new ListPage(rows, !rows.isEmpty(), rows.size(), f.q(),
                        options(t, Practice.TYPES, "exchange.practice.type.", List.of(f.type()), true),
                        options(t, Practice.GROUPS, "exchange.practice.group.", List.of(f.group()), true), origins,
                        v.is(Role.EDITORS), "/exchange/practices.csv?" + query));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        try (CsvOut out = CsvOut.download(res, "good-practices.csv")) {
            out.row(List.of(t.t("exchange.practice.title"), t.t("exchange.practice.problem"),
                    t.t("exchange.practice.intervention"), t.t("exchange.practice.preventionType"),
                    t.t("exchange.practice.targetGroups"), t.t("exchange.practice.evidence"), t.t("exchange.practice.cost"),
                    t.t("exchange.practice.contactRole"), t.t("exchange.practice.city")));
            for (Practice p : library.search(filter(req))) {
                out.row(List.of(p.title(), p.problem(), p.intervention(), typeLabel(t, p.preventionType()),
                        groupLabels(t, p.targetGroups()), p.evidence(), p.cost(), p.contactRole(),
                        p.own() ? t.t("exchange.practice.ours") : p.city()));
            }
        }
    }

    // ---- one practice

    record ShowPage(long id, String title, String problem, String intervention, String type, String groups,
            String evidence, String cost, String contactRole, String city, boolean own, boolean canEdit) {
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Practice p = library.get(id(req));
        pages.render(res, v, "/exchange/practices", "exchange/practice", "exchange.practice.page",
                new ShowPage(p.id(), p.title(), p.problem(), p.intervention(), typeLabel(t, p.preventionType()),
                        groupLabels(t, p.targetGroups()), p.evidence(), p.cost(), p.contactRole(),
                        p.own() ? t.t("exchange.practice.ours") : p.city(), p.own(), p.own() && v.is(Role.EDITORS)));
    }

    // ---- the form

    record FormPage(String action, boolean editing, long id, PracticeForm values, List<Option> types,
            List<Option> groups, Map<String, String> errors, boolean refused) {
    }

    private void renderForm(ServerResponse res, Status status, Visit v, Long id, PracticeForm f, Map<String, String> errors) {
        Translator t = v.t();
        pages.render(res, status, v, "/exchange/practices", "exchange/practice-form",
                id == null ? "exchange.practice.new" : "exchange.practice.edit",
                new FormPage(id == null ? "/exchange/practices" : "/exchange/practices/" + id, id != null,
                        id == null ? 0 : id, f, options(t, Practice.TYPES, "exchange.practice.type.", List.of(f.preventionType()), false),
                        options(t, Practice.GROUPS, "exchange.practice.group.", f.targetGroups(), false), errors,
                        !errors.isEmpty()));
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        renderForm(res, Status.OK_200, v, null, PracticeForm.blank(), Map.of());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        PracticeForm f = PracticeForm.of(v.form());
        PracticeLibrary.Saved s = library.create(f, v.actor(), v.address());
        if (!s.errors().isEmpty()) {
            renderForm(res, Status.create(422), v, null, f, s.errors().in(v.t()));
            return;
        }
        v.flash("exchange.practice.saved");
        Visit.redirect(res, "/exchange/practices/" + s.id());
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Practice p = library.get(id(req));
        if (!p.own()) {
            throw new org.safercities.platform.Problem(409, "exchange.practice.readOnly");
        }
        renderForm(res, Status.OK_200, v, p.id(), PracticeForm.of(p), Map.of());
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        long id = id(req);
        PracticeForm f = PracticeForm.of(v.form());
        FieldErrors e = library.update(id, f, v.actor(), v.address());
        if (!e.isEmpty()) {
            renderForm(res, Status.create(e.has("version") ? 409 : 422), v, id, f, e.in(v.t()));
            return;
        }
        v.flash("exchange.practice.saved");
        Visit.redirect(res, "/exchange/practices/" + id);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        library.delete(id(req), v.actor(), v.address());
        v.flash("exchange.practice.deleted");
        Visit.redirect(res, "/exchange/practices");
    }

    private static long id(ServerRequest req) {
        return Form.wholeNumber(req.path().pathParameters().get("id"));
    }
}
