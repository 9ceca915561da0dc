package org.safercities.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.DemoCity;
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

    public DiagnosisModule(PlatformServices platform) {
        this.platform = platform;
    }

    @Override
    public String name() {
        return "diagnosis";
    }

    @Override
    public List<String> migrationFiles() {
        return List.of("V001__create_incident.sql", "V003__create_survey.sql");
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new SurveyRoutes(SurveyService.of(platform), platform.areas(), platform.uploads(), platform.pages()));
    }

    @Override
    public List<MenuEntry> menu() {
        List<MenuEntry> menu = new ArrayList<>();
        menu.add(new MenuEntry("diagnosis.menu.surveys", "/diagnosis/surveys", 1, Role.ALL));
        return menu;
    }

    @Override
    public Map<String, String> assets() {
        return Map.of();
    }

    @Override
    public void storeReady() {
    }

    @Override
    public void loadDemo(DemoCity city) {
        new SurveyDemo(SurveyService.of(platform)).load(city);
    }
}
