package org.safercities.diagnosis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.diagnosis.factors.FactorRoutes;
import org.safercities.diagnosis.walks.WalkDemo;
import org.safercities.diagnosis.walks.WalkRoutes;
import org.safercities.platform.DemoCity;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;

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
        return List.of("V001__create_incident.sql", "V002__create_safety_walk_and_risk_factor.sql");
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new WalkRoutes(platform), new FactorRoutes(platform));
    }

    @Override
    public List<MenuEntry> menu() {
        List<MenuEntry> menu = new ArrayList<>();
        // walks: everyone sees scores and points, only STAFF the free text (WalkRoutes); factors: all read
        menu.add(new MenuEntry("diagnosis.menu.walks", "/diagnosis/walks", 1, Role.ALL));
        menu.add(new MenuEntry("diagnosis.menu.factors", "/diagnosis/factors", 1, Role.ALL));
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
        new WalkDemo(platform).load(city);
    }
}
