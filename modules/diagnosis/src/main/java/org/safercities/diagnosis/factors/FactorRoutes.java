package org.safercities.diagnosis.factors;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.PlatformServices;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * Risk and protective factors per area. They describe conditions of places, not people, so everyone signed in
 * reads and exports them; STAFF (office staff and the technical group) add, change and delete them.
 */
public final class FactorRoutes implements HttpService {

    static final String FACTORS = "/diagnosis/factors";
    static final java.util.Set<Role> READ = Role.ALL;
    static final java.util.Set<Role> WRITE = Role.STAFF;

    private final RiskFactorService factors;
    private final AreaService areas;
    private final Pages pages;

    public record Option(String value, String label, boolean selected) {
    }

    public record FactorRow(long id, String kind, boolean risk, String name, String strength, String description,
            String evidence) {
    }

    public record AreaBlock(String area, List<FactorRow> rows) {
    }

    public record CityRow(String kind, boolean risk, String name, String areas, String strength) {
    }

    public record ListPage(List<Option> areas, boolean hasCity, List<CityRow> city, List<AreaBlock> blocks, boolean empty,
            boolean canEdit, String csvUrl, String newUrl) {
    }

    public record FormPage(Long id, boolean isNew, int version, Map<String, String> values, List<Option> areas,
            List<Option> risks, List<Option> protectives, List<Option> kinds, List<Option> strengths,
            Map<String, String> errors) {
    }

    public FactorRoutes(PlatformServices platform) {
        this.factors = new RiskFactorService(platform);
        this.areas = platform.areas();
        this.pages = platform.pages();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(FACTORS, this::list)
                .get(FACTORS + ".csv", this::export)
                .get(FACTORS + "/new", this::newForm)
                .post(FACTORS, this::create)
                .get(FACTORS + "/{id}/edit", this::editForm)
                .post(FACTORS + "/{id}", this::update)
                .post(FACTORS + "/{id}/delete", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        Translator t = v.t();
        Long area = areaFilter(req);
        Map<Long, List<FactorRow>> byArea = new java.util.LinkedHashMap<>();
        for (RiskFactor f : factors.factors(area)) {
            byArea.computeIfAbsent(f.areaId(), k -> new ArrayList<>()).add(row(t, f));
        }
        List<AreaBlock> blocks = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            if (byArea.containsKey(a.id())) {
                blocks.add(new AreaBlock(a.name(), byArea.get(a.id())));
            }
        }
        List<CityRow> city = area != null ? List.of() : factors.city().stream().map(c -> new CityRow(
                t.t("diagnosis.factor.kind." + c.kind()), FactorCodes.RISK.equals(c.kind()), name(t, c.code(), c.customName()),
                t.number(c.areas()), t.number(c.meanStrength(), 1))).toList();
        String q = area == null ? "" : "?area=" + area;
        pages.render(res, v, FACTORS, "diagnosis/factors", "diagnosis.factor.listTitle", new ListPage(areaOptions(area),
                !city.isEmpty(), city, blocks, blocks.isEmpty(), v.is(WRITE), FACTORS + ".csv" + q, FACTORS + "/new" + q));
    }

    private void export(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(READ);
        try (CsvOut csv = CsvOut.download(res, "risk-and-protective-factors.csv")) {
            csv.row(List.of("id", "area_code", "area", "kind", "factor_code", "factor", "strength", "description",
                    "evidence_source", "evidence_date"));
            for (RiskFactor f : factors.factors(areaFilter(req))) {
                csv.row(List.of(f.id(), areas.byId(f.areaId()).map(Area::code).orElse(""), areaName(f.areaId()),
                        f.kind(), f.code() == null ? "" : f.code(), f.code() == null ? f.customName() : "",
                        f.strength(), f.description(), f.source(), f.evidenceOn() == null ? "" : f.evidenceOn().toString()));
            }
        }
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Long area = areaFilter(req);
        renderForm(res, Status.OK_200, v, null, 0, FactorForm.blank(area == null ? "" : area.toString()), new FieldErrors());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        FactorForm form = FactorForm.of(v.form());
        FieldErrors e = factors.validate(form);
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, null, 0, form, e);
            return;
        }
        factors.create(form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, FACTORS + "?area=" + form.areaId());
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        RiskFactor f = factors.require(id(req));
        renderForm(res, Status.OK_200, v, f.id(), f.version(), FactorForm.of(f), new FieldErrors());
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        RiskFactor f = factors.require(id(req));
        FactorForm form = FactorForm.of(v.form());
        int version = (int) v.form().number("version");
        FieldErrors e = factors.validate(form);
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, f.id(), version, form, e);
            return;
        }
        try {
            factors.update(f.id(), version, form, v.actor(), v.address());
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            renderForm(res, Status.CONFLICT_409, v, f.id(), version, form, new FieldErrors().add("form", p.messageKey()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, FACTORS + "?area=" + form.areaId());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        RiskFactor f = factors.delete(id(req), v.actor(), v.address());
        v.flash("diagnosis.factor.deleted");
        Visit.redirect(res, FACTORS + "?area=" + f.areaId());
    }

    // ---- page building

    private FactorRow row(Translator t, RiskFactor f) {
        String evidence = f.source().isEmpty() && f.evidenceOn() == null ? ""
                : f.evidenceOn() == null ? f.source()
                : t.t("diagnosis.factor.evidenceLine", f.source(), t.date(f.evidenceOn()));
        return new FactorRow(f.id(), t.t("diagnosis.factor.kind." + f.kind()), f.risk(), name(t, f.code(), f.customName()),
                t.number(f.strength()), f.description(), evidence);
    }

    private static String name(Translator t, String code, String customName) {
        return code != null ? t.t("diagnosis.factor.code." + code) : customName;
    }

    private void renderForm(ServerResponse res, Status status, Visit v, Long id, int version, FactorForm f, FieldErrors e) {
        Translator t = v.t();
        Map<String, String> values = Map.of("customName", f.customName(), "description", f.description(), "source",
                f.source(), "date", f.date());
        List<Option> risks = new ArrayList<>();
        List<Option> protectives = new ArrayList<>();
        FactorCodes.FACTORS.forEach((code, kind) -> (FactorCodes.RISK.equals(kind) ? risks : protectives)
                .add(new Option(code, t.t("diagnosis.factor.code." + code), code.equals(f.factor()))));
        List<Option> kinds = FactorCodes.KINDS.stream().map(k -> new Option(k, t.t("diagnosis.factor.kind." + k),
                k.equals(f.kind()))).toList();
        List<Option> strengths = java.util.stream.IntStream.rangeClosed(1, 5).mapToObj(n -> new Option(Integer.toString(n),
                t.t("diagnosis.factor.strength." + n), Integer.toString(n).equals(f.strength()))).toList();
        pages.render(res, status, v, FACTORS, "diagnosis/factor-form", id == null ? "diagnosis.factor.new" : "diagnosis.factor.edit",
                new FormPage(id, id == null, version, values, areaOptions(Form.wholeNumber(f.areaId())), risks, protectives,
                        kinds, strengths, e.in(t)));
    }

    private List<Option> areaOptions(Long selected) {
        return areas.depthFirst().stream().map(a -> new Option(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(),
                selected != null && a.id() == selected)).toList();
    }

    private String areaName(long id) {
        return areas.byId(id).map(Area::name).orElse("");
    }

    private static Long areaFilter(ServerRequest req) {
        long area = Visit.query(req, "area").map(Form::wholeNumber).orElse(-1L);
        return area < 0 ? null : area;
    }

    private static long id(ServerRequest req) {
        return Form.wholeNumber(req.path().pathParameters().get("id"));
    }
}
