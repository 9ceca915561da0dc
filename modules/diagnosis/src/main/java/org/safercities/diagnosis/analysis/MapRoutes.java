package org.safercities.diagnosis.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.diagnosis.stats.GetisOrd;
import org.safercities.platform.stats.Suppression;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The map: the areas of a level coloured by incidents or their rate, with hotspots from Getis-Ord Gi* between
 * neighbouring areas (not just the darkest colour) and safety-walk points. The boundaries come from the area
 * tree; nothing is fetched from the internet. The same figures are listed in a table (for screen readers and
 * print) and as CSV.
 */
public final class MapRoutes implements HttpService {

    private final Analysis analysis;
    private final AnalysisRoutes queries;
    private final AreaService areas;
    private final Pages pages;
    private final int threshold;
    private final HotspotMap maps;
    private final Supplier<List<MapPoint>> points;

    public MapRoutes(Analysis analysis, AnalysisRoutes queries, AreaService areas, Pages pages, int threshold,
            Supplier<List<MapPoint>> points) {
        this.analysis = analysis;
        this.queries = queries;
        this.areas = areas;
        this.pages = pages;
        this.threshold = threshold;
        this.maps = new HotspotMap(areas);
        this.points = points;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/diagnosis/map", this::page)
                .get("/diagnosis/map.json", this::json)
                .get("/diagnosis/map.csv", this::csv);
    }

    /** One area of the map as every view of it needs it. */
    record AreaFigure(Area area, OptionalLong count, double rate, GetisOrd.Result spot) {
    }

    /** The figures of a level: exact for office staff, disclosure-controlled otherwise. */
    List<AreaFigure> figures(Query q, int level, boolean controlled) {
        Analysis.LevelValues v = analysis.level(q, level);
        List<Area> at = v.areas();
        OptionalLong[] shown = new OptionalLong[at.size()];
        if (controlled) {
            OptionalLong[] published = Suppression.publish(v.counts(), threshold);
            System.arraycopy(published, 0, shown, 0, at.size());
        } else {
            for (int i = 0; i < at.size(); i++) {
                shown[i] = OptionalLong.of(v.counts()[i]);
            }
        }
        boolean rates = true;
        double[] measure = new double[at.size()];
        for (int i = 0; i < at.size(); i++) {
            rates &= v.personYears()[i] > 0;
        }
        for (int i = 0; i < at.size(); i++) {
            measure[i] = rates ? Table.rate(v.counts()[i], v.personYears()[i]) : v.counts()[i];
        }
        List<GetisOrd.Result> gi = HotspotMap.giStar(at, measure, maps.geometry(level).neighbours());
        List<AreaFigure> out = new ArrayList<>();
        for (int i = 0; i < at.size(); i++) {
            double rate = shown[i].isPresent() ? Table.rate(shown[i].getAsLong(), v.personYears()[i]) : Double.NaN;
            out.add(new AreaFigure(at.get(i), shown[i], rate, gi.get(i)));
        }
        return out;
    }

    int level(ServerRequest req, Query q) {
        int deepest = areas.all().stream().filter(Area::hasGeometry).mapToInt(Area::level).max().orElse(0);
        int start = areas.byId(q.areaId()).map(a -> a.level() + 1).orElse(1);
        int asked = Visit.query(req, "level").filter(s -> !s.isBlank()).map(s -> (int) Form.wholeNumber(s))
                .orElse(Math.min(start, deepest));
        return Math.max(0, Math.min(asked, Math.max(deepest, 0)));
    }

    public record Row(String area, String count, String rate, String z, String spot, String spotClass) {
    }

    public record LevelChoice(int value, String label, boolean selected) {
    }

    public record MapPage(List<AnalysisRoutes.Choice> areas, List<AnalysisRoutes.Choice> categories,
            List<AnalysisRoutes.Choice> sexes, List<AnalysisRoutes.Choice> ages, String from, String to,
            List<LevelChoice> levels, List<AnalysisRoutes.Choice> measures, String dataUrl, String parameters,
            List<Row> rows, boolean empty, boolean suppressed, String hiddenNote, boolean staff, String summary) {
    }

    private void page(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Query q = queries.query(req);
        int level = level(req, q);
        boolean staff = v.is(Role.STAFF);
        List<AreaFigure> figures = figures(q, level, !staff);
        List<Row> rows = new ArrayList<>();
        long hot = 0;
        for (AreaFigure f : figures) {
            String spot = t.t("diagnosis.map.spot." + f.spot().spot().name());
            hot += f.spot().spot().name().startsWith("HOT") ? 1 : 0;
            rows.add(new Row(f.area().name(), f.count().isPresent() ? t.number(f.count().getAsLong())
                    : t.t("diagnosis.analysis.hidden"), Double.isNaN(f.rate()) ? "—" : t.number(f.rate(), 1),
                    staff ? t.number(f.spot().z(), 2) : "", spot, f.spot().spot().name().toLowerCase(Locale.ROOT)));
        }
        String measure = Visit.query(req, "measure").filter(m -> List.of("rate", "count", "hotspot").contains(m))
                .orElse("rate");
        List<AnalysisRoutes.Choice> measures = List.of("rate", "count", "hotspot").stream()
                .map(m -> new AnalysisRoutes.Choice(m, t.t("diagnosis.map.measure." + m), m.equals(measure))).toList();
        List<LevelChoice> levels = new ArrayList<>();
        areas.all().stream().filter(Area::hasGeometry).mapToInt(Area::level).distinct().sorted()
                .forEach(l -> levels.add(new LevelChoice(l, t.t("diagnosis.map.level", l), l == level)));
        String params = q.toParameters() + "&level=" + level + "&measure=" + measure;
        pages.render(res, v, "/diagnosis/map", "diagnosis/map", "diagnosis.map.title",
                new MapPage(queries.areaChoices(q.areaId()), AnalysisRoutes.categoryChoices(t, q.iccs()),
                        AnalysisRoutes.sexChoices(t, q.sex()), AnalysisRoutes.ageChoices(t, q.age()),
                        Query.month(q.from()), Query.month(q.to()), levels, measures, "/diagnosis/map.json?" + params,
                        params, rows, figures.isEmpty(), !staff, t.t("diagnosis.analysis.hiddenNote", threshold), staff,
                        t.plural("diagnosis.map.summary", hot, figures.size())));
    }

    private void json(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Query q = queries.query(req);
        int level = level(req, q);
        boolean staff = v.is(Role.STAFF);
        String measure = Visit.query(req, "measure").orElse("rate");
        StringBuilder values = new StringBuilder("[");
        boolean first = true;
        for (AreaFigure f : figures(q, level, !staff)) {
            values.append(first ? "" : ",").append("{\"name\":\"").append(f.area().id()).append("\",\"label\":")
                    .append(Json.string(f.area().name())).append(",\"count\":")
                    .append(f.count().isPresent() ? Long.toString(f.count().getAsLong()) : "null").append(",\"rate\":")
                    .append(Double.isNaN(f.rate()) ? "null" : String.format(Locale.ROOT, "%.2f", f.rate()))
                    .append(",\"spot\":\"").append(f.spot().spot().name()).append("\",\"spotLabel\":")
                    .append(Json.string(t.t("diagnosis.map.spot." + f.spot().spot().name())));
            if (staff) {
                values.append(",\"z\":").append(String.format(Locale.ROOT, "%.3f", f.spot().z()));
            }
            values.append('}');
            first = false;
        }
        values.append(']');
        StringBuilder walks = new StringBuilder("[");
        first = true;
        for (MapPoint p : points.get()) {
            walks.append(first ? "" : ",").append(String.format(Locale.ROOT, "[%.6f,%.6f,", p.longitude(), p.latitude()))
                    .append(Json.string(p.label())).append(']');
            first = false;
        }
        walks.append(']');
        String body = "{\"geo\":" + maps.geometry(level).featureCollection() + ",\"measure\":" + Json.string(measure)
                + ",\"values\":" + values + ",\"walks\":" + walks + ",\"labels\":{\"count\":"
                + Json.string(t.t("diagnosis.analysis.count")) + ",\"rate\":" + Json.string(t.t("diagnosis.analysis.rate"))
                + ",\"walks\":" + Json.string(t.t("diagnosis.map.walks")) + ",\"hidden\":"
                + Json.string(t.t("diagnosis.map.hiddenArea")) + ",\"spots\":" + spotLabels(t) + "}}";
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(body);
    }

    private static String spotLabels(Translator t) {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (GetisOrd.Spot s : GetisOrd.Spot.values()) {
            sb.append(first ? "" : ",").append('"').append(s.name()).append("\":")
                    .append(Json.string(t.t("diagnosis.map.spot." + s.name())));
            first = false;
        }
        return sb.append('}').toString();
    }

    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Query q = queries.query(req);
        int level = level(req, q);
        try (CsvOut csv = CsvOut.download(res, "diagnosis-map.csv")) {
            csv.row(List.of(t.t("diagnosis.map.code"), t.t("diagnosis.import.field.area"), t.t("diagnosis.analysis.count"),
                    t.t("diagnosis.analysis.rate"), t.t("diagnosis.map.hotspot")));
            for (AreaFigure f : figures(q, level, true)) {
                csv.row(List.of(f.area().code(), f.area().name(),
                        f.count().isPresent() ? (Object) f.count().getAsLong() : t.t("diagnosis.analysis.hidden"),
                        Double.isNaN(f.rate()) ? "" : String.format(Locale.ROOT, "%.2f", f.rate()),
                        t.t("diagnosis.map.spot." + f.spot().spot().name())));
            }
            csv.row(List.of(t.t("diagnosis.analysis.csvNote", threshold, Query.month(q.from()), Query.month(q.to()))));
        }
    }
}
