package org.safercities.diagnosis;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.diagnosis.analysis.Analysis;
import org.safercities.diagnosis.analysis.AnalysisRoutes;
import org.safercities.diagnosis.analysis.MapPoint;
import org.safercities.diagnosis.analysis.MapRoutes;
import org.safercities.diagnosis.analysis.ReportRoutes;
import org.safercities.diagnosis.factors.RiskFactorService;
import org.safercities.diagnosis.incidents.ImportRoutes;
import org.safercities.diagnosis.incidents.IncidentDemo;
import org.safercities.diagnosis.incidents.IncidentRoutes;
import org.safercities.diagnosis.incidents.IncidentService;
import org.safercities.diagnosis.factors.FactorRoutes;
import org.safercities.diagnosis.walks.WalkDemo;
import org.safercities.diagnosis.walks.WalkRoutes;
import org.safercities.diagnosis.walks.WalkService;
import org.safercities.diagnosis.analysis.DiagnosisFindings;
import org.safercities.diagnosis.analysis.PublishedFigures;
import org.safercities.platform.DemoCity;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.DiagnosisFigures;
import org.safercities.platform.links.FindingDirectory;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;
import org.safercities.diagnosis.surveys.SurveyDemo;
import org.safercities.diagnosis.surveys.SurveyRoutes;
import org.safercities.diagnosis.surveys.SurveyService;

/**
 * The safety diagnosis (G§29): incidents, surveys, safety walks, risk and protective factors, the analysis with
 * its map and hotspots, and the printable diagnosis report.
 */
public final class DiagnosisModule implements KitModule {

    private final PlatformServices platform;
    private final IncidentService incidents;
    private final Analysis analysis;
    private final WalkService walks;
    private final RiskFactorService factors;
    private final SurveyService surveys;
    private final AnalysisRoutes analysisRoutes;
    private final MapRoutes mapRoutes;

    public DiagnosisModule(PlatformServices platform) {
        this.platform = platform;
        this.incidents = new IncidentService(platform.store(), platform.audit(), platform.areas(), Clock.systemUTC());
        this.analysis = new Analysis(incidents, platform.areas());
        this.walks = new WalkService(platform);
        this.factors = new RiskFactorService(platform);
        this.surveys = new SurveyService(platform);
        int threshold = platform.config().disclosureThreshold();
        this.analysisRoutes = new AnalysisRoutes(analysis, platform.areas(), platform.pages(), threshold);
        this.mapRoutes = new MapRoutes(analysis, analysisRoutes, platform.areas(), platform.pages(), threshold,
                this::mapPoints);
        platform.links().publish(DiagnosisFigures.class, new PublishedFigures(incidents, surveys));
        platform.links().publish(FindingDirectory.class, new DiagnosisFindings(analysis, mapRoutes, factors,
                platform.areas(), platform.pages()::translator));
    }

    /** Survey responses and their estimates (for tests and the benchmark). */
    public SurveyService surveys() {
        return surveys;
    }

    /** The SDG survey indicators for the report: city-wide estimate, interval and respondents. */
    private List<ReportRoutes.SurveyLine> surveyLines(Translator t) {
        List<ReportRoutes.SurveyLine> out = new ArrayList<>();
        for (SurveyService.IndicatorEstimate e : surveys.indicatorEstimates(t)) {
            SurveyService.Shown s = e.cityWide();
            boolean hidden = s.suppressed();
            out.add(new ReportRoutes.SurveyLine(e.code(), e.label(),
                    hidden ? t.t("diagnosis.analysis.hidden") : t.number(s.estimate().share() * 100, 1) + " %",
                    hidden ? "" : t.number(s.estimate().low() * 100, 1) + " – " + t.number(s.estimate().high() * 100, 1) + " %",
                    t.number(s.estimate().respondents())));
        }
        return out;
    }

    /** Incidents and their pre-computed counts (for tests and the benchmark). */
    public IncidentService incidents() {
        return incidents;
    }

    @Override
    public String name() {
        return "diagnosis";
    }

    @Override
    public List<String> migrationFiles() {
        return List.of("V001__create_incident.sql", "V002__create_safety_walk_and_risk_factor.sql",
                "V003__create_survey.sql", "V004__create_import_area.sql",
                "V005__add_survey_import_status.sql");
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new ImportRoutes(incidents, platform.areas(), platform.uploads(), platform.pages()));
        routing.register(new IncidentRoutes(incidents, platform.areas(), platform.pages()));
        routing.register(analysisRoutes);
        routing.register(mapRoutes);
        routing.register(new ReportRoutes(analysis, analysisRoutes, mapRoutes, incidents, walks,
                factors, platform.areas(), platform.city(), platform.pages(),
                platform.config().disclosureThreshold(), this::surveyLines));
        routing.register(new WalkRoutes(platform), new FactorRoutes(platform));
        routing.register(new SurveyRoutes(surveys, platform.areas(), platform.uploads(), platform.pages()));
    }

    @Override
    public List<MenuEntry> menu() {
        List<MenuEntry> menu = new ArrayList<>();
        // labels are the pages' own title keys, so that a menu entry and the page it opens say the same thing
        menu.add(new MenuEntry("diagnosis.report.open", "/diagnosis/report", 1, Role.ALL));
        menu.add(new MenuEntry("diagnosis.analysis.title", "/diagnosis/analysis", 1, Role.ALL));
        menu.add(new MenuEntry("diagnosis.map.title", "/diagnosis/map", 1, Role.ALL));
        menu.add(new MenuEntry("diagnosis.incident.list", "/diagnosis/incidents", 1, Role.EDITORS));
        menu.add(new MenuEntry("diagnosis.import.title", "/diagnosis/import", 1, Role.EDITORS));
        // walks: everyone sees scores and points, only STAFF the free text (WalkRoutes); factors: all read
        menu.add(new MenuEntry("diagnosis.walk.listTitle", "/diagnosis/walks", 1, Role.ALL));
        menu.add(new MenuEntry("diagnosis.factor.listTitle", "/diagnosis/factors", 1, Role.ALL));
        menu.add(new MenuEntry("diagnosis.survey.title", "/diagnosis/surveys", 1, Role.ALL));
        return menu;
    }

    @Override
    public Map<String, String> assets() {
        return Map.of("diagnosis.js", "assets/diagnosis/diagnosis.js",
                "diagnosis-charts.js", "assets/diagnosis/charts.js",
                "diagnosis-map.js", "assets/diagnosis/map.js",
                "diagnosis.css", "assets/diagnosis/diagnosis.css");
    }

    /** The points shown on the map over the areas: the safety walks. */
    private List<MapPoint> mapPoints() {
        return walks.points().stream().map(w -> new MapPoint(w.lon(), w.lat(), w.date() + " · " + w.place() + " · "
                + String.format(java.util.Locale.ROOT, "%.1f/3", w.meanScore()))).toList();
    }

    @Override
    public void storeReady() {
        incidents.storeReady();
        surveys.storeReady();
    }

    @Override
    public void loadDemo(DemoCity city) {
        new IncidentDemo(incidents, platform.areas()).load(city);
        new WalkDemo(platform).load(city);
        new SurveyDemo(surveys).load(city);
    }
}
