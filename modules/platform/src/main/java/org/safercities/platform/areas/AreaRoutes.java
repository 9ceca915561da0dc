package org.safercities.platform.areas;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.setup.CityProfile;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/** The area tree: list, add, edit, delete, export, and each area's population. */
public final class AreaRoutes implements HttpService {

    private final AreaService areas;
    private final CityService city;
    private final Pages pages;

    public record AreaRow(long id, String code, String name, String altName, String level, int depth, String population,
            boolean hasGeometry, String indent) {
    }

    public record AreasPage(List<AreaRow> rows, String summary, boolean canEdit) {
    }

    public record ParentOption(long id, String label, boolean selected) {
    }

    public record AreaFormPage(Long id, int version, String code, String name, String altName, String altNameLang,
            List<ParentOption> parents, boolean isNew, Map<String, String> errors) {
    }

    public record PopulationRow(String ageBand, String female, String male, String total) {
    }

    public record AreaPage(long id, String code, String name, String altName, String level, String parentName,
            Long parentId, List<AreaRow> children, boolean hasChildren, List<YearOption> years, String year, List<PopulationRow> population,
            String total, boolean canEdit, boolean canDelete) {
    }

    public record YearOption(String value, boolean selected) {
    }

    public AreaRoutes(AreaService areas, CityService city, Pages pages) {
        this.areas = areas;
        this.city = city;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/areas", this::list)
                .get("/areas.csv", this::export)
                .get("/areas/new", this::newForm)
                .post("/areas", this::create)
                .get("/areas/{id}", this::show)
                .get("/areas/{id}/edit", this::editForm)
                .post("/areas/{id}", this::update)
                .post("/areas/{id}/delete", this::delete)
                .get("/areas/{id}/population.csv", this::exportPopulation);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        pages.render(res, v, "/areas", "platform/areas", "platform.areas.title",
                new AreasPage(rows(v.t(), areas.depthFirst()), v.t().plural("platform.home.areas", areas.count()),
                        v.is(Role.EDITORS)));
    }

    private List<AreaRow> rows(Translator t, List<Area> list) {
        CityProfile p = city.profile().orElseThrow();
        List<AreaRow> rows = new ArrayList<>();
        for (Area a : list) {
            String pop = areas.latestPopulationYear(a.id())
                    .map(y -> t.t("platform.areas.populationIn", t.number(areas.populationTotal(a.id(), y).orElse(0L)),
                            Integer.toString(y)))
                    .orElse("");
            rows.add(new AreaRow(a.id(), a.code(), a.name(), a.altName(), p.levelName(a.level()), a.level(), pop,
                    a.hasGeometry(), "\u2003".repeat(a.level())));
        }
        return rows;
    }

    private void export(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(Role.ALL);
        CityProfile p = city.profile().orElseThrow();
        try (CsvOut csv = CsvOut.download(res, "areas.csv")) {
            csv.row(List.of("code", "name", "alt_name", "alt_name_lang", "level", "level_name", "parent_code", "has_boundary"));
            for (Area a : areas.depthFirst()) {
                String parent = a.parentId() == null ? "" : areas.byId(a.parentId()).map(Area::code).orElse("");
                csv.row(List.of(a.code(), a.name(), nz(a.altName()), nz(a.altNameLang()), a.level(), p.levelName(a.level()),
                        parent, a.hasGeometry() ? "yes" : "no"));
            }
        }
    }

    private void exportPopulation(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(Role.ALL);
        Area a = area(req);
        try (CsvOut csv = CsvOut.download(res, "population-" + a.code() + ".csv")) {
            csv.row(List.of("area_code", "year", "sex", "age_band", "persons"));
            for (int year : areas.populationByYear(a.id()).keySet().stream().sorted().toList()) {
                for (Population p : areas.populationRows(a.id(), year)) {
                    csv.row(List.of(a.code(), p.year(), p.sex(), p.ageBand(), p.persons()));
                }
            }
        }
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        long parent = Visit.query(req, "parent").map(Form::wholeNumber)
                .orElse(areas.root().map(Area::id).orElse(-1L));
        renderForm(res, Status.OK_200, v, null, 0, new AreaService.AreaForm("", "", "", "", Long.toString(parent)),
                new FieldErrors());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        AreaService.AreaForm form = form(v.form());
        FieldErrors e = form.validate();
        long parent = Form.wholeNumber(form.parentId());
        if (areas.byId(parent).isEmpty()) {
            e.add("parentId", "platform.areas.badParent");
        }
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, null, 0, form, e);
            return;
        }
        try {
            long id = areas.create(form, parent, v.actor(), v.address());
            v.flash("platform.saved");
            Visit.redirect(res, "/areas/" + id);
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            renderForm(res, Status.create(422), v, null, 0, form, new FieldErrors().add("code", p.messageKey(), p.args()));
        }
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Area a = area(req);
        Translator t = v.t();
        CityProfile p = city.profile().orElseThrow();
        List<String> years = areas.populationByYear(a.id()).keySet().stream().sorted().map(String::valueOf).toList();
        String year = Visit.query(req, "year").filter(years::contains)
                .orElse(years.isEmpty() ? null : years.get(years.size() - 1));
        List<PopulationRow> pop = year == null ? List.of() : populationTable(t, areas.populationRows(a.id(), Integer.parseInt(year)));
        String total = year == null ? null : t.number(areas.populationTotal(a.id(), Integer.parseInt(year)).orElse(0L));
        Area parent = a.parentId() == null ? null : areas.byId(a.parentId()).orElse(null);
        pages.render(res, v, "/areas", "platform/area", "platform.areas.title",
                new AreaPage(a.id(), a.code(), a.name(), a.altName(), p.levelName(a.level()),
                        parent == null ? null : parent.name(), parent == null ? null : parent.id(),
                        rows(t, areas.children(a.id())), !areas.children(a.id()).isEmpty(),
                        years.stream().map(y -> new YearOption(y, y.equals(year))).toList(), year, pop, total, v.is(Role.EDITORS),
                        v.is(Role.EDITORS) && a.parentId() != null && areas.children(a.id()).isEmpty()));
    }

    private static List<PopulationRow> populationTable(Translator t, List<Population> rows) {
        Map<String, long[]> byBand = new java.util.TreeMap<>(AreaRoutes::compareBands);
        for (Population p : rows) {
            long[] fmt = byBand.computeIfAbsent(p.ageBand(), k -> new long[] {-1, -1, 0});
            switch (p.sex()) {
                case "F" -> fmt[0] = p.persons();
                case "M" -> fmt[1] = p.persons();
                default -> { }
            }
            fmt[2] += p.persons();
        }
        List<PopulationRow> out = new ArrayList<>();
        byBand.forEach((band, n) -> out.add(new PopulationRow(bandLabel(t, band), n[0] < 0 ? "" : t.number(n[0]),
                n[1] < 0 ? "" : t.number(n[1]), t.number(n[2]))));
        return out;
    }

    static String bandLabel(Translator t, String band) {
        return switch (band) {
            case "unknown" -> t.t("platform.population.ageUnknown");
            case "total" -> t.t("platform.population.allAges");
            default -> band;
        };
    }

    /** "00-04" < "05-09" < … < "100+" < "unknown" < "total". */
    static int compareBands(String a, String b) {
        return Integer.compare(bandOrder(a), bandOrder(b)) != 0 ? Integer.compare(bandOrder(a), bandOrder(b)) : a.compareTo(b);
    }

    private static int bandOrder(String band) {
        if (band.equals("unknown")) {
            return 10_000;
        }
        if (band.equals("total")) {
            return 10_001;
        }
        String digits = band.replaceAll("^(\\d+).*", "$1");
        return digits.matches("\\d+") ? Integer.parseInt(digits) : 9_999;
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Area a = area(req);
        renderForm(res, Status.OK_200, v, a.id(), a.version(), new AreaService.AreaForm(a.code(), a.name(), nz(a.altName()),
                nz(a.altNameLang()), a.parentId() == null ? "" : a.parentId().toString()), new FieldErrors());
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Area a = area(req);
        AreaService.AreaForm form = form(v.form());
        int version = (int) v.form().number("version");
        FieldErrors e = form.validate();
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, a.id(), version, form, e);
            return;
        }
        try {
            areas.update(a.id(), version, form, v.actor(), v.address());
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            String field = p.messageKey().equals("platform.areas.codeTaken") ? "code" : "form";
            renderForm(res, Status.CONFLICT_409, v, a.id(), version, form, new FieldErrors().add(field, p.messageKey(), p.args()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/areas/" + a.id());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Area a = area(req);
        areas.delete(a.id(), v.actor(), v.address());
        v.flash("platform.areas.deleted", a.name());
        Visit.redirect(res, a.parentId() == null ? "/areas" : "/areas/" + a.parentId());
    }

    private void renderForm(ServerResponse res, Status status, Visit v, Long id, int version, AreaService.AreaForm form,
            FieldErrors e) {
        List<ParentOption> parents = new ArrayList<>();
        long chosen = Form.wholeNumber(form.parentId());
        for (Area a : areas.depthFirst()) {
            if (id == null || a.id() != id) {
                parents.add(new ParentOption(a.id(), "\u2003".repeat(a.level()) + a.name() + " (" + a.code() + ")",
                        a.id() == chosen));
            }
        }
        pages.render(res, status, v, "/areas", "platform/area-form", id == null ? "platform.areas.new" : "platform.areas.edit",
                new AreaFormPage(id, version, form.code(), form.name(), form.altName(), form.altNameLang(), parents,
                        id == null, e.in(v.t())));
    }

    private static AreaService.AreaForm form(Form f) {
        return new AreaService.AreaForm(f.get("code"), f.get("name"), f.get("altName"), f.get("altNameLang"),
                f.get("parentId"));
    }

    private Area area(ServerRequest req) {
        return areas.byId(Form.wholeNumber(req.path().pathParameters().get("id"))).orElseThrow(Problem::notFound);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    static void json(ServerResponse res, String body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(body);
    }
}
