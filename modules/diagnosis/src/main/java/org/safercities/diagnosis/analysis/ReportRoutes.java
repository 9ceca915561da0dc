package org.safercities.diagnosis.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.diagnosis.factors.RiskFactorService;
import org.safercities.diagnosis.incidents.Codes;
import org.safercities.diagnosis.incidents.IncidentService;
import org.safercities.diagnosis.incidents.SourceSummary;
import org.safercities.diagnosis.walks.WalkCodes;
import org.safercities.diagnosis.walks.WalkService;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.setup.CityProfile;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The diagnosis report (G§29, G§31): one printable document in the reader's language — the city profile, the main
 * figures, trends, the map with its hotspots, survey estimates, safety-walk findings, risk and protective
 * factors, and the sources and dates of the data. Printed documents leave the office: disclosure control always
 * applies. The browser's "save as PDF" gives the A4 document.
 */
public final class ReportRoutes implements HttpService {

    /** A survey estimate as the report shows it (filled by the surveys part when it is present). */
    public record SurveyLine(String indicator, String label, String estimate, String interval, String respondents) {
    }

    private final Analysis analysis;
    private final AnalysisRoutes queries;
    private final MapRoutes map;
    private final IncidentService incidents;
    private final WalkService walks;
    private final RiskFactorService factors;
    private final AreaService areas;
    private final CityService city;
    private final Pages pages;
    private final int threshold;
    private final Function<Translator, List<SurveyLine>> surveys;

    public ReportRoutes(Analysis analysis, AnalysisRoutes queries, MapRoutes map, IncidentService incidents,
            WalkService walks, RiskFactorService factors, AreaService areas, CityService city, Pages pages,
            int threshold, Function<Translator, List<SurveyLine>> surveys) {
        this.analysis = analysis;
        this.queries = queries;
        this.map = map;
        this.incidents = incidents;
        this.walks = walks;
        this.factors = factors;
        this.areas = areas;
        this.city = city;
        this.pages = pages;
        this.threshold = threshold;
        this.surveys = surveys;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/diagnosis/report", this::report);
    }

    public record Figure(String label, String count, String rate) {
    }

    public record Spot(String area, String spot, String rate) {
    }

    public record Param(String label, String mean) {
    }

    public record Factor(String name, String kind, String areas, String strength) {
    }

    public record SourceLine(String name, String kind, String incidents, String from, String to, String imported) {
    }

    public record ReportPage(String title, String cityName, String localNames, String country, String period,
            String produced, String population, String areaSummary, String total, String rate,
            List<Figure> byCategory, List<Figure> bySex, List<Figure> byAge, List<Figure> byYear, String trendChart,
            String mapUrl, List<Spot> hotspots, boolean hasHotspots, List<SurveyLine> surveys, boolean hasSurveys,
            String walksSummary, List<Param> walkParams, boolean hasWalks, List<String> walkNotes, boolean showNotes,
            List<Factor> factors, boolean hasFactors, List<SourceLine> sources, String populationSource,
            String disclosure, String parameters) {
    }

    private void report(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Query q = queries.query(req);
        CityProfile profile = city.profile().orElse(null);
        String cityName = profile == null ? "" : profile.nameIn(t.lang());   // the city as the reader's language names it
        Area place = areas.byId(q.areaId()).orElse(null);
        String title = place == null || place.parentId() == null ? t.t("diagnosis.report.title", cityName)
                : t.t("diagnosis.report.titleArea", place.name(), cityName);

        Table overall = analysis.table(new Query(q.areaId(), q.from(), q.to(), q.iccs(), q.sex(), q.age(), "year", ""));
        Published years = Published.suppressed(overall, threshold);
        int rows = overall.rows().size();
        String total = show(t, years.count(rows, 1));
        double rateAll = years.rowRate(rows);

        List<Spot> spots = new ArrayList<>();
        int level = map.level(req, q);
        for (MapRoutes.AreaFigure f : map.figures(q, level, true)) {
            if (!f.spot().spot().name().equals("NONE")) {
                spots.add(new Spot(f.area().name(), t.t("diagnosis.map.spot." + f.spot().spot().name()),
                        Double.isNaN(f.rate()) ? "—" : t.number(f.rate(), 1)));
            }
        }
        WalkService.WalkSummary ws = walks.summary(place == null || place.parentId() == null ? null : q.areaId(), null);
        List<Param> params = new ArrayList<>();
        ws.meanByParameter().forEach((code, mean) -> params.add(new Param(t.t("diagnosis.walk.param." + code),
                t.number(mean, 1) + " / " + WalkCodes.MAX_SCORE)));
        boolean staff = v.is(Role.STAFF);
        List<String> notes = new ArrayList<>();
        if (staff) {
            ws.notes().forEach(n -> notes.add(n.date() + " · " + n.place() + ": " + nz(n.findings())
                    + (nz(n.fixes()).isEmpty() ? "" : " → " + n.fixes())));
        }
        List<Factor> factorLines = new ArrayList<>();
        for (RiskFactorService.CityFactor f : factors.city()) {
            factorLines.add(new Factor(f.code() != null ? t.t("diagnosis.factor.code." + f.code()) : f.customName(),
                    t.t("diagnosis.factor.kind." + f.kind()), t.number(f.areas()), t.number(f.meanStrength(), 1)));
        }
        List<SourceLine> sources = new ArrayList<>();
        for (SourceSummary s : incidents.sourceSummaries()) {
            if (s.incidents() > 0) {
                sources.add(new SourceLine(s.name(), t.t(Codes.kindKey(s.kind())), t.number(s.incidents()),
                        s.first() == null ? "" : t.date(s.first()), s.last() == null ? "" : t.date(s.last()),
                        s.lastImport() == null ? "" : t.dateTime(s.lastImport())));
            }
        }
        List<SurveyLine> surveyLines = surveys.apply(t);
        String pop = place == null ? "" : areas.latestPopulationYear(place.id())
                .map(y -> t.t("diagnosis.report.population", t.number(areas.populationTotal(place.id(), y).orElse(0L)),
                        Integer.toString(y)))
                .orElse(t.t("diagnosis.report.noPopulation"));
        pages.render(res, v, "/diagnosis/report", "diagnosis/report", "diagnosis.report.open",
                new ReportPage(title, cityName, profile == null ? "" : String.join(" · ", profile.localNames().values()),
                        profile == null ? "" : profile.country(),
                        t.t("diagnosis.report.period", Query.month(q.from()), Query.month(q.to())),
                        t.t("diagnosis.report.produced", t.date(LocalDate.now())), pop, areaSummary(t), total,
                        Double.isNaN(rateAll) ? "—" : t.number(rateAll, 1),
                        figures(t, q, "category"), figures(t, q, "sex"), figures(t, q, "age"), figures(t, q, "year"),
                        trend(t, q), "/diagnosis/map.json?" + q.toParameters() + "&level=" + level + "&measure=hotspot",
                        spots, !spots.isEmpty(), surveyLines, !surveyLines.isEmpty(),
                        t.t("diagnosis.report.walks", t.number(ws.walks()), t.number(ws.participants()),
                                t.number(ws.participantsBySex().getOrDefault("F", 0))),
                        params, ws.walks() > 0, notes, staff && !notes.isEmpty(), factorLines, !factorLines.isEmpty(),
                        sources, t.t("diagnosis.report.populationSource"),
                        t.t("diagnosis.analysis.hiddenNote", threshold), q.toParameters()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private String areaSummary(Translator t) {
        Map<Integer, Long> byLevel = new java.util.TreeMap<>();
        areas.all().forEach(a -> byLevel.merge(a.level(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        byLevel.forEach((level, n) -> parts.add(t.t("diagnosis.report.areasAtLevel", t.number(n), level)));
        return String.join(" · ", parts);
    }

    /** A one-dimension table with disclosure control, rows with nothing left out. */
    private List<Figure> figures(Translator t, Query q, String by) {
        Table table = analysis.table(new Query(q.areaId(), q.from(), q.to(), q.iccs(), q.sex(), q.age(), by, ""));
        Published p = Published.suppressed(table, threshold);
        List<Figure> out = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            if (table.counts()[r][0] == 0) {
                continue;
            }
            double rate = p.rowRate(r);
            out.add(new Figure(Labels.row(t, areas, by, table.rows().get(r)), show(t, p.count(r, 0)),
                    Double.isNaN(rate) ? "—" : t.number(rate, 1)));
        }
        return out;
    }

    /** The quarterly trend for the report's chart (same JSON as the analysis chart). */
    private String trend(Translator t, Query q) {
        Table table = analysis.table(new Query(q.areaId(), q.from(), q.to(), q.iccs(), q.sex(), q.age(), "quarter", ""));
        Published p = Published.suppressed(table, threshold);
        StringBuilder labels = new StringBuilder("[");
        StringBuilder counts = new StringBuilder("[");
        StringBuilder rates = new StringBuilder("[");
        for (int r = 0; r < table.rows().size(); r++) {
            String sep = r == 0 ? "" : ",";
            labels.append(sep).append(org.safercities.platform.web.Json.string(
                    Labels.row(t, areas, "quarter", table.rows().get(r))));
            OptionalLong n = p.count(r, 1);
            counts.append(sep).append(n.isPresent() ? Long.toString(n.getAsLong()) : "null");
            double rate = p.rowRate(r); // per 100 000 a year: person-years already scale the quarter
            rates.append(sep).append(Double.isNaN(rate) ? "null" : String.format(Locale.ROOT, "%.2f", rate));
        }
        return "{\"kind\":\"line\",\"labels\":" + labels + "],\"counts\":" + counts + "],\"rates\":" + rates
                + "],\"countName\":" + org.safercities.platform.web.Json.string(t.t("diagnosis.analysis.count"))
                + ",\"rateName\":" + org.safercities.platform.web.Json.string(t.t("diagnosis.analysis.rate")) + "}";
    }

    private static String show(Translator t, OptionalLong n) {
        return n.isPresent() ? t.number(n.getAsLong()) : t.t("diagnosis.analysis.hidden");
    }
}
