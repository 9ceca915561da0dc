package org.safercities.monitoring;

import org.safercities.platform.files.Xlsx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * Monitoring's pages. Everyone signed in reads; partner viewers, the printed report and every export see small
 * counts hidden (disclosure control), the office's staff exact values on screen.
 */
public final class MonitoringRoutes implements HttpService {

    private final MonitoringService service;
    private final AreaService areas;
    private final Pages pages;
    private final Views views;
    private final Geometry geometry;

    MonitoringRoutes(MonitoringService service, AreaService areas, Pages pages) {
        this.service = service;
        this.areas = areas;
        this.pages = pages;
        this.views = new Views(areas);
        this.geometry = new Geometry(areas);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/monitoring", this::dashboard)
                .get("/monitoring/dashboard.json", this::dashboardData)
                .post("/monitoring/settings", this::settings)
                .get("/monitoring/catalogue", this::catalogue)
                .post("/monitoring/catalogue", this::addIndicator)
                .get("/monitoring/indicators/{code}", this::indicator)
                .get("/monitoring/indicators/{code}/data.json", this::indicatorData)
                .post("/monitoring/indicators/{code}/values", this::enterValue)
                .post("/monitoring/indicators/{code}/target", this::setTarget)
                .post("/monitoring/indicators/{code}/halve", this::halve)
                .post("/monitoring/indicators/{code}/notes", this::addNote)
                .post("/monitoring/values/{id}/delete", this::deleteValue)
                .get("/monitoring/areas.json", this::areaShapes)
                .get("/monitoring/values.csv", this::csv)
                .get("/monitoring/values.xlsx", this::xlsx)
                .get("/monitoring/report", this::report);
    }

    /** Outside the office: partner viewers see small counts hidden. */
    private static boolean outside(Visit v) {
        return !v.is(Role.STAFF);
    }

    // ---- the dashboard

    record DashboardPage(List<Views.ProgressRow> rows, Map<String, Integer> statusCounts, List<Map<String, Object>> statuses,
            boolean canSet, String surveyYear, Map<String, String> settingErrors, boolean suppressed, int threshold) {
    }

    private void dashboard(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        renderDashboard(res, Status.OK_200, v, null, Map.of());
    }

    private void renderDashboard(ServerResponse res, Status status, Visit v, String typedYear, Map<String, String> errors) {
        Translator t = v.t();
        MonitoringService.Snapshot s = service.snapshot();
        boolean suppress = outside(v);
        List<Views.ProgressRow> rows = progressRows(t, s, suppress);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Progress.STATUSES.forEach(x -> counts.put(x, 0));
        rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        List<Map<String, Object>> statuses = new ArrayList<>();
        counts.forEach((k, n) -> statuses.add(Map.of("code", k, "label", t.t("monitoring.status." + k), "count", n)));
        pages.render(res, status, v, "/monitoring", "monitoring/dashboard", "monitoring.dashboard.title",
                new DashboardPage(rows, counts, statuses, v.is(Role.COORDINATION),
                        typedYear != null ? typedYear : Integer.toString(s.surveyYear()), errors, suppress,
                        service.threshold()));
    }

    private List<Views.ProgressRow> progressRows(Translator t, MonitoringService.Snapshot s, boolean suppress) {
        List<Views.ProgressRow> rows = new ArrayList<>();
        String currency = service.currency();
        for (Indicator i : s.indicators()) {
            Progress p = s.progress().get(i.code());
            rows.add(views.progress(t, i, p, currency, Views.latestHidden(s, p, suppress)));
        }
        return rows;
    }

    /** The dashboard's chart: how far each indicator has come from its baseline to its target, in percent. */
    private void dashboardData(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        MonitoringService.Snapshot s = service.snapshot();
        boolean suppress = outside(v);
        StringBuilder json = new StringBuilder("{\"rtl\":").append(t.rightToLeft()).append(",\"title\":")
                .append(Json.string(t.t("monitoring.dashboard.chart"))).append(",\"items\":[");
        boolean first = true;
        for (Indicator i : s.indicators()) {
            Progress p = s.progress().get(i.code());
            if (p.baseline() == null || p.target() == null || p.latest() == null || p.target().equals(p.baseline())
                    || Views.latestHidden(s, p, suppress)) {
                continue;
            }
            double share = Math.max(-100, Math.min(150, (p.latest() - p.baseline()) / (p.target() - p.baseline()) * 100));
            json.append(first ? "" : ",").append("{\"code\":").append(Json.string(i.code())).append(",\"name\":")
                    .append(Json.string(i.code() + " " + Catalogue.name(i, t))).append(",\"share\":")
                    .append(Math.round(share * 10) / 10.0).append(",\"status\":").append(Json.string(p.status()))
                    .append(",\"statusLabel\":").append(Json.string(t.t("monitoring.status." + p.status()))).append('}');
            first = false;
        }
        json.append("]}");
        sendJson(res, json.toString());
    }

    private void settings(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        String year = v.form().get("surveyYear");
        FieldErrors e = service.setSurveyYear(year, v.actor(), v.address());
        if (!e.isEmpty()) {
            renderDashboard(res, Status.create(422), v, year, e.in(v.t()));
            return;
        }
        v.flash("monitoring.settings.saved");
        Visit.redirect(res, "/monitoring");
    }

    // ---- the catalogue

    record CatalogueItem(String code, String name, String definition, String unit, String direction, String frequency,
            String by, String origin, String method, String url) {
    }

    record CataloguePage(List<CatalogueItem> items, boolean canAdd, Map<String, String> values, Map<String, String> errors,
            List<Map<String, Object>> directions, List<Map<String, Object>> frequencies, List<Map<String, Object>> by) {
    }

    private void catalogue(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        renderCatalogue(res, Status.OK_200, v, Map.of("direction", "down", "frequency", "yearly"), List.of(), Map.of());
    }

    private void renderCatalogue(ServerResponse res, Status status, Visit v, Map<String, String> values, List<String> by,
            Map<String, String> errors) {
        Translator t = v.t();
        String currency = service.currency();
        List<CatalogueItem> items = new ArrayList<>();
        for (Indicator i : service.indicators()) {
            items.add(new CatalogueItem(i.code(), Catalogue.name(i, t), Catalogue.definition(i, t), Catalogue.unit(i, t, currency),
                    t.t("monitoring.direction." + i.direction()), t.t("monitoring.frequency." + i.frequency()),
                    String.join(", ", i.disaggregations().stream().map(d -> t.t("monitoring.by." + d)).toList()),
                    t.t("monitoring.origin." + i.origin()),
                    t.t("monitoring.how." + i.method().name().toLowerCase(java.util.Locale.ROOT)),
                    "/monitoring/indicators/" + i.code()));
        }
        List<Map<String, Object>> byOptions = new ArrayList<>();
        for (String d : Indicator.DISAGGREGATIONS) {
            byOptions.add(Map.of("value", d, "label", t.t("monitoring.by." + d), "checked", by.contains(d)));
        }
        pages.render(res, status, v, "/monitoring/catalogue", "monitoring/catalogue", "monitoring.catalogue.title",
                new CataloguePage(items, v.is(Role.EDITORS), values, errors,
                        Views.options(Indicator.DIRECTIONS.stream().map(d -> new String[] {d, t.t("monitoring.direction." + d)}).toList(),
                                values.getOrDefault("direction", "")),
                        Views.options(Indicator.FREQUENCIES.stream().map(d -> new String[] {d, t.t("monitoring.frequency." + d)}).toList(),
                                values.getOrDefault("frequency", "")),
                        byOptions));
    }

    private void addIndicator(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Form f = v.form();
        MonitoringService.IndicatorForm form = new MonitoringService.IndicatorForm(f.get("code"), f.get("name"),
                f.get("definition"), f.get("unit"), f.get("direction"), f.get("frequency"), f.all("by"), f.get("min"),
                f.get("max"));
        FieldErrors e = service.addLocal(form, v.t().lang(), v.actor(), v.address());
        if (!e.isEmpty()) {
            renderCatalogue(res, Status.create(422), v, typed(f, "code", "name", "definition", "unit", "direction",
                    "frequency", "min", "max"), f.all("by"), e.in(v.t()));
            return;
        }
        v.flash("monitoring.catalogue.added", form.code().strip());
        Visit.redirect(res, "/monitoring/indicators/" + form.code().strip());
    }

    // ---- one indicator

    record Option(String value, String label, boolean selected) {
    }

    record NoteRow(String period, String worked, String where, String why, String by, String at) {
    }

    record IndicatorPage(String code, String name, String definition, String unit, String direction, String frequency,
            String by, String origin, String method, Views.ProgressRow progress, String dataUrl, boolean hasChart,
            List<Views.Row> series, List<Option> periods, String period, List<Views.Row> breakdown, boolean hasBreakdown,
            boolean canEnter, boolean canTarget, boolean canNote, Map<String, String> vv, Map<String, String> ve,
            Map<String, String> tv, Map<String, String> te, Map<String, String> nv, Map<String, String> ne,
            List<NoteRow> notes, List<Option> areaOptions, List<Option> sexOptions, List<Option> ageOptions,
            List<Option> qualityOptions, boolean byArea, boolean bySex, boolean byAge, boolean suppressed, int threshold,
            boolean canHalve, boolean isInvestment, String targetVersion, boolean computed, boolean valueRefused) {
    }

    private void indicator(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        renderIndicator(res, Status.OK_200, v, code(req), Visit.query(req, "period").orElse(""), Map.of(), Map.of(),
                null, Map.of(), Map.of(), Map.of());
    }

    private void renderIndicator(ServerResponse res, Status status, Visit v, String code, String periodAsked,
            Map<String, String> vv, Map<String, String> ve, Map<String, String> tv, Map<String, String> te,
            Map<String, String> nv, Map<String, String> ne) {
        Translator t = v.t();
        Indicator i = service.indicator(code);
        MonitoringService.Snapshot s = service.snapshot();
        boolean suppress = outside(v);
        String currency = service.currency();
        List<Value> all = s.of(code);
        List<Value> city = all.stream().filter(x -> x.cityWide() && x.indicator().equals(code)).toList();
        TreeSet<String> periodSet = new TreeSet<>(Comparator.comparingDouble(Periods::time).thenComparing(x -> x));
        all.forEach(x -> periodSet.add(x.period()));
        String period = Periods.normalize(periodAsked) != null && periodSet.contains(periodAsked) ? periodAsked : periodSet.isEmpty() ? "" : periodSet.last();
        List<Value> breakdown = all.stream().filter(x -> x.period().equals(period) && !(x.cityWide() && x.indicator().equals(code)))
                .sorted(Comparator.comparing(Value::indicator).thenComparing(x -> x.sex().isEmpty() && x.ageBand().isEmpty() ? 0 : 1)
                        .thenComparing(Value::sex).thenComparing(Value::ageBand).thenComparingLong(Value::area))
                .toList();
        Progress p = s.progress().get(code);
        Target target = s.targets().get(code);
        Map<String, String> targetValues = tv != null ? tv : target == null ? Map.of() : Map.of(
                "baseline", target.baseline() == null ? "" : plain(target.baseline()),
                "baselinePeriod", Views.nz(target.baselinePeriod()),
                "target", target.target() == null ? "" : plain(target.target()),
                "targetPeriod", Views.nz(target.targetPeriod()));
        List<NoteRow> notes = s.notes().stream().filter(n -> n.indicator().equals(code)).map(n -> new NoteRow(n.period(),
                n.worked(), n.where(), n.why(), n.writtenBy(), t.dateTime(n.writtenAt()))).toList();
        Map<String, String> values = vv.isEmpty() ? Map.of("quality", "good") : vv;
        pages.render(res, status, v, "/monitoring", "monitoring/indicator", "monitoring.indicator.title",
                new IndicatorPage(code, Catalogue.name(i, t), Catalogue.definition(i, t), Catalogue.unit(i, t, currency),
                        t.t("monitoring.direction." + i.direction()), t.t("monitoring.frequency." + i.frequency()),
                        String.join(", ", i.disaggregations().stream().map(d -> t.t("monitoring.by." + d)).toList()),
                        t.t("monitoring.origin." + i.origin()),
                        t.t("monitoring.how." + i.method().name().toLowerCase(java.util.Locale.ROOT)),
                        views.progress(t, i, p, currency, Views.latestHidden(s, p, suppress)),
                        "/monitoring/indicators/" + code + "/data.json", !city.isEmpty(),
                        views.rows(t, i, currency, city, s.hidden(), suppress),
                        periodSet.descendingSet().stream().map(x -> new Option(x, x, x.equals(period))).toList(), period,
                        views.rows(t, i, currency, breakdown, s.hidden(), suppress), !breakdown.isEmpty(),
                        v.is(Role.EDITORS), v.is(Role.COORDINATION), v.is(Role.STAFF), values, ve, targetValues, te, nv, ne,
                        notes, areaOptions(values.getOrDefault("areaId", "")),
                        options(List.of("", "F", "M", "O", "U"), x -> Views.sex(t, x), values.getOrDefault("sex", "")),
                        options(withAll(MonitoringService.AGE_BANDS), x -> x.isEmpty() ? t.t("monitoring.all") : x,
                                values.getOrDefault("ageBand", "")),
                        options(Value.QUALITIES, x -> t.t("monitoring.quality." + x), values.getOrDefault("quality", "")),
                        i.by("area"), i.by("sex"), i.by("age"), suppress, service.threshold(),
                        i.direction().equals("down"), i.method() == Indicator.Method.INVESTMENT,
                        target == null ? "0" : Integer.toString(target.version()), i.method() != Indicator.Method.ENTERED,
                        !ve.isEmpty()));
    }

    private static List<String> withAll(List<String> codes) {
        List<String> out = new ArrayList<>(List.of(""));
        out.addAll(codes);
        return out;
    }

    private static List<Option> options(List<String> codes, java.util.function.Function<String, String> label, String selected) {
        return codes.stream().map(c -> new Option(c, label.apply(c), c.equals(selected))).toList();
    }

    private List<Option> areaOptions(String selected) {
        List<Option> out = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            String value = a.parentId() == null ? "" : Long.toString(a.id());
            out.add(new Option(value, "\u00a0".repeat(2 * a.level()) + a.name(), value.equals(selected)));
        }
        return out;
    }

    /**
     * The indicator's chart and map data: the city-wide series with its intervals, the trajectory from baseline
     * to target, and the values of the chosen period by area at the deepest level that has them.
     */
    private void indicatorData(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        String code = code(req);
        Indicator i = service.indicator(code);
        MonitoringService.Snapshot s = service.snapshot();
        boolean suppress = outside(v);
        int d = Views.decimals(i, service.currency());
        Map<String, Value> city = new java.util.TreeMap<>(Comparator.comparingDouble(Periods::time).thenComparing(x -> x));
        for (Value x : s.of(code)) {
            if (x.cityWide() && x.indicator().equals(code) && (!city.containsKey(x.period()) || x.entered())) {
                city.put(x.period(), x);
            }
        }
        StringBuilder json = new StringBuilder("{\"rtl\":").append(t.rightToLeft()).append(",\"unit\":")
                .append(Json.string(Catalogue.unit(i, t, service.currency()))).append(",\"decimals\":").append(d)
                .append(",\"labels\":{\"value\":").append(Json.string(t.t("monitoring.chart.value")))
                .append(",\"interval\":").append(Json.string(t.t("monitoring.chart.interval")))
                .append(",\"trajectory\":").append(Json.string(t.t("monitoring.chart.trajectory")))
                .append(",\"hidden\":").append(Json.string(t.t("monitoring.hidden")))
                .append(",\"save\":").append(Json.string(t.t("monitoring.chart.save"))).append("},\"series\":[");
        boolean first = true;
        for (Value x : city.values()) {
            boolean hide = suppress && s.hidden().contains(x.key());
            json.append(first ? "" : ",").append("{\"period\":").append(Json.string(x.period())).append(",\"value\":")
                    .append(hide ? "null" : num(x.value())).append(",\"low\":").append(hide || x.low() == null ? "null" : num(x.low()))
                    .append(",\"high\":").append(hide || x.high() == null ? "null" : num(x.high())).append('}');
            first = false;
        }
        json.append("],\"trajectory\":[");
        Progress p = s.progress().get(code);
        if (p.baseline() != null && p.baselinePeriod() != null && p.target() != null && p.targetPeriod() != null) {
            json.append("{\"period\":").append(Json.string(p.baselinePeriod())).append(",\"value\":").append(num(p.baseline()))
                    .append("},{\"period\":").append(Json.string(p.targetPeriod())).append(",\"value\":").append(num(p.target()))
                    .append('}');
        }
        json.append("],\"map\":").append(mapData(t, i, s, Visit.query(req, "period").orElse(""), suppress)).append('}');
        sendJson(res, json.toString());
    }

    /** The chosen period's values by area, at the deepest area level that has values; null when there are none. */
    private String mapData(Translator t, Indicator i, MonitoringService.Snapshot s, String periodAsked, boolean suppress) {
        List<Value> byArea = s.of(i.code()).stream().filter(x -> x.indicator().equals(i.code()) && x.area() != 0
                && x.sex().isEmpty() && x.ageBand().isEmpty()).toList();
        if (byArea.isEmpty()) {
            return "null";
        }
        TreeSet<String> periods = new TreeSet<>(Comparator.comparingDouble(Periods::time).thenComparing(x -> x));
        byArea.forEach(x -> periods.add(x.period()));
        String period = Periods.normalize(periodAsked) != null && periods.contains(periodAsked) ? periodAsked : periods.last();
        Map<Long, Value> at = new HashMap<>();
        int level = 0;
        for (Value x : byArea) {
            if (x.period().equals(period)) {
                Area a = areas.byId(x.area()).orElse(null);
                if (a != null && (!at.containsKey(a.id()) || x.entered())) {
                    at.put(a.id(), x);
                    level = Math.max(level, a.level());
                }
            }
        }
        StringBuilder json = new StringBuilder("{\"period\":").append(Json.string(period)).append(",\"level\":").append(level)
                .append(",\"geo\":").append(Json.string("/monitoring/areas.json?level=" + level)).append(",\"values\":[");
        boolean first = true;
        for (Area a : areas.all()) {
            if (a.level() != level) {
                continue;
            }
            Value x = at.get(a.id());
            boolean hide = x != null && suppress && s.hidden().contains(x.key());
            json.append(first ? "" : ",").append("{\"name\":").append(Json.string(Long.toString(a.id()))).append(",\"label\":")
                    .append(Json.string(a.name())).append(",\"value\":").append(x == null || hide ? "null" : num(x.value()))
                    .append(",\"hidden\":").append(hide).append('}');
            first = false;
        }
        return json.append("]}").toString();
    }

    private void areaShapes(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        int level = (int) Form.wholeNumber(Visit.query(req, "level").orElse("0"));
        sendJson(res, geometry.featureCollection(level));
    }

    private void enterValue(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        String code = code(req);
        Form f = v.form();
        MonitoringService.ValueForm form = new MonitoringService.ValueForm(f.get("period"), f.get("areaId"), f.get("sex"),
                f.get("ageBand"), f.get("value"), f.get("low"), f.get("high"), f.get("count"), f.get("source"),
                f.get("quality"));
        FieldErrors e = service.enter(code, form, v.actor(), v.address());
        if (!e.isEmpty()) {
            renderIndicator(res, Status.create(422), v, code, "", typed(f, "period", "areaId", "sex", "ageBand", "value",
                    "low", "high", "count", "source", "quality"), e.in(v.t()), null, Map.of(), Map.of(), Map.of());
            return;
        }
        v.flash("monitoring.value.saved");
        Visit.redirect(res, "/monitoring/indicators/" + code + "?period=" + Periods.normalize(form.period()));
    }

    private void deleteValue(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        String code = service.deleteValue(Form.wholeNumber(req.path().pathParameters().get("id")), v.actor(), v.address());
        v.flash("monitoring.value.deleted");
        Visit.redirect(res, "/monitoring/indicators/" + code);
    }

    private void setTarget(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        String code = code(req);
        Form f = v.form();
        FieldErrors e = service.setTarget(code, new MonitoringService.TargetForm(f.get("baseline"), f.get("baselinePeriod"),
                f.get("target"), f.get("targetPeriod"), f.get("version")), v.actor(), v.address());
        if (!e.isEmpty()) {
            renderIndicator(res, Status.create(e.has("version") ? 409 : 422), v, code, "", Map.of(), Map.of(),
                    typed(f, "baseline", "baselinePeriod", "target", "targetPeriod"), e.in(v.t()), Map.of(), Map.of());
            return;
        }
        v.flash("monitoring.target.saved");
        Visit.redirect(res, "/monitoring/indicators/" + code);
    }

    private void halve(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        String code = code(req);
        FieldErrors e = service.halve(code, v.form().get("version"), v.actor(), v.address());
        if (!e.isEmpty()) {
            renderIndicator(res, Status.create(e.has("version") ? 409 : 422), v, code, "", Map.of(), Map.of(), null,
                    e.in(v.t()), Map.of(), Map.of());
            return;
        }
        v.flash("monitoring.target.halved");
        Visit.redirect(res, "/monitoring/indicators/" + code);
    }

    private void addNote(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        String code = code(req);
        Form f = v.form();
        FieldErrors e = service.addNote(code, new MonitoringService.NoteForm(f.get("period"), f.get("worked"), f.get("where"),
                f.get("why")), v.actor(), v.address());
        if (!e.isEmpty()) {
            renderIndicator(res, Status.create(422), v, code, "", Map.of(), Map.of(), null, Map.of(),
                    typed(f, "period", "worked", "where", "why"), e.in(v.t()));
            return;
        }
        v.flash("monitoring.note.saved");
        Visit.redirect(res, "/monitoring/indicators/" + code + "#notes");
    }

    // ---- exports and the printed report: always with small counts hidden (they leave the office)

    private List<List<Object>> exportRows(Translator t, boolean header) {
        MonitoringService.Snapshot s = service.snapshot();
        String currency = service.currency();
        List<List<Object>> rows = new ArrayList<>();
        if (header) {
            rows.add(List.of(t.t("monitoring.export.indicator"), t.t("monitoring.export.name"), t.t("monitoring.export.unit"),
                    t.t("monitoring.export.period"), t.t("monitoring.export.areaCode"), t.t("monitoring.export.area"),
                    t.t("monitoring.export.sex"), t.t("monitoring.export.age"), t.t("monitoring.export.value"),
                    t.t("monitoring.export.low"), t.t("monitoring.export.high"), t.t("monitoring.export.count"),
                    t.t("monitoring.export.method"), t.t("monitoring.export.source"), t.t("monitoring.export.quality"),
                    t.t("monitoring.export.suppressed")));
        }
        Map<String, Indicator> byCode = new HashMap<>();
        s.indicators().forEach(i -> byCode.put(i.code(), i));
        for (Value x : s.values()) {
            Indicator i = byCode.get(x.indicator().contains(":") ? x.indicator().substring(0, x.indicator().indexOf(':')) : x.indicator());
            if (i == null) {
                continue; // a value of an indicator no longer in the catalogue (a national set replaced)
            }
            boolean hide = s.hidden().contains(x.key());
            boolean smallCount = x.count() != null && x.count() >= 1 && x.count() < service.threshold();
            String area = x.area() == 0 ? "" : areas.byId(x.area()).map(Area::code).orElse("");
            String areaName = x.area() == 0 ? t.t("monitoring.city") : areas.byId(x.area()).map(Area::name).orElse("");
            List<Object> row = new ArrayList<>();
            row.add(x.indicator());
            row.add(Catalogue.name(i, t));
            row.add(Catalogue.unit(i, t, currency));
            row.add(x.period());
            row.add(area);
            row.add(areaName);
            row.add(x.sex());
            row.add(x.ageBand());
            row.add(hide ? null : round(x.value(), Views.decimals(i, currency) + 2));
            row.add(hide || x.low() == null ? null : round(x.low(), Views.decimals(i, currency) + 2));
            row.add(hide || x.high() == null ? null : round(x.high(), Views.decimals(i, currency) + 2));
            row.add(hide || x.count() == null || smallCount ? null : x.count());
            row.add(x.method());
            row.add(Views.source(t, x.source()));
            row.add(x.quality());
            row.add(hide ? "yes" : "");
            rows.add(row);
        }
        return rows;
    }

    private static java.math.BigDecimal round(double d, int decimals) {
        return java.math.BigDecimal.valueOf(d).setScale(decimals, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        try (CsvOut out = CsvOut.download(res, "monitoring-values.csv")) {
            for (List<Object> row : exportRows(v.t(), true)) {
                out.row(row);
            }
        }
    }

    private void xlsx(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Xlsx.write(out, v.t().t("monitoring.export.sheet"), exportRows(v.t(), true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        res.header(HeaderNames.CONTENT_TYPE, Xlsx.CONTENT_TYPE);
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"monitoring-values.xlsx\"");
        res.send(out.toByteArray());
    }

    record ReportIndicator(Views.ProgressRow progress, String definition, List<Views.Row> series, boolean hasSeries,
            List<NoteRow> notes, boolean hasNotes) {
    }

    record ReportPage(String produced, List<Views.ProgressRow> rows, List<ReportIndicator> indicators,
            int threshold) {
    }

    private void report(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        MonitoringService.Snapshot s = service.snapshot();
        String currency = service.currency();
        List<ReportIndicator> items = new ArrayList<>();
        for (Indicator i : s.indicators()) {
            Progress p = s.progress().get(i.code());
            List<Value> city = s.of(i.code()).stream().filter(x -> x.cityWide()).toList();
            List<NoteRow> notes = s.notes().stream().filter(n -> n.indicator().equals(i.code())).map(n -> new NoteRow(n.period(),
                    n.worked(), n.where(), n.why(), n.writtenBy(), t.dateTime(n.writtenAt()))).toList();
            items.add(new ReportIndicator(views.progress(t, i, p, currency, Views.latestHidden(s, p, true)),
                    Catalogue.definition(i, t), views.rows(t, i, currency, city, s.hidden(), true), !city.isEmpty(), notes,
                    !notes.isEmpty()));
        }
        pages.render(res, v, "/monitoring", "monitoring/report", "monitoring.report.title",
                new ReportPage(t.date(java.time.LocalDate.now()),
                        progressRows(t, s, true), items, service.threshold()));
    }

    // ---- helpers

    private static String code(ServerRequest req) {
        return req.path().pathParameters().get("code");
    }

    private static Map<String, String> typed(Form f, String... names) {
        Map<String, String> out = new HashMap<>();
        for (String n : names) {
            out.put(n, f.raw(n) == null ? "" : f.raw(n));
        }
        return out;
    }

    /** A number for a form field: at most six decimals (a halved baseline), no trailing zeros, no exponent. */
    private static String plain(double d) {
        return java.math.BigDecimal.valueOf(d).setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros()
                .toPlainString();
    }

    private static String num(double d) {
        return Double.isFinite(d) ? Double.toString(Math.round(d * 1e6) / 1e6) : "null";
    }

    private static void sendJson(ServerResponse res, String json) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Boundaries per level as GeoJSON (names are area ids), built once per area tree. */
    static final class Geometry {
        private final AreaService areas;
        private final Map<Integer, String> byLevel = new HashMap<>();
        private List<Area> builtFor;
        static final String EMPTY = "{\"type\":\"FeatureCollection\",\"features\":[]}";

        Geometry(AreaService areas) {
            this.areas = areas;
        }

        synchronized String featureCollection(int level) {
            List<Area> tree = areas.all();
            if (tree != builtFor) {
                byLevel.clear();
                builtFor = tree;
            }
            if (tree.stream().noneMatch(a -> a.level() == level)) {
                return EMPTY; // the level comes from the query string: only the tree's own levels are kept
            }
            return byLevel.computeIfAbsent(level, l -> {
                StringBuilder fc = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
                boolean first = true;
                for (Area a : tree) {
                    if (a.level() != l || !a.hasGeometry()) {
                        continue;
                    }
                    String g = areas.geometry(a.id()).orElse(null);
                    if (g != null) {
                        fc.append(first ? "" : ",").append("{\"type\":\"Feature\",\"properties\":{\"name\":\"").append(a.id())
                                .append("\"},\"geometry\":").append(g).append('}');
                        first = false;
                    }
                }
                return fc.append("]}").toString();
            });
        }

        synchronized int levelsKept() {
            return byLevel.size();
        }
    }
}
