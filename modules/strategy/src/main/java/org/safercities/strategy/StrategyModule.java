package org.safercities.strategy;

import java.util.List;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.DemoCity;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.StrategyFigures;

/** The strategy module: versions of the strategy, priorities, objectives, the action plan and its budget. */
public final class StrategyModule implements KitModule {

    private final PlatformServices platform;
    private final StrategyService service;
    private final Deliberations deliberations;

    public StrategyModule(PlatformServices platform) {
        this.platform = platform;
        this.service = new StrategyService(platform.store(), platform.audit(), platform.areas(), platform.city(),
                platform.links());
        this.deliberations = new Deliberations(platform.store(), service);
        platform.links().publish(ActionDirectory.class, new PublishedActions(service));
        platform.links().publish(StrategyFigures.class, new PublishedFigures(service));
    }

    /** The module's public API for other modules (read-only use only). */
    public StrategyService service() {
        return service;
    }

    @Override
    public String name() {
        return "strategy";
    }

    @Override
    public List<String> migrationFiles() {
        return List.of("V001__create_strategy.sql", "V002__partners_findings_sdg.sql",
                "V003__comments_and_consultation.sql", "V004__action_reach.sql",
                "V005__self_assessment.sql", "V006__content_stamp.sql", "V007__action_funders.sql",
                "V008__objective_sdg.sql", "V009__deliberation_edits.sql", "V010__action_outcome.sql");
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new StrategyRoutes(service, platform.areas(), platform.pages()));
        routing.register(new DeliberationRoutes(service, deliberations, platform.pages()));
        routing.register(new AssessmentRoutes(service, new SelfAssessment(platform.store(), service), platform.pages()));
        routing.register(new TimelineRoutes(service, platform.areas(), platform.pages()));
    }

    @Override
    public List<MenuEntry> menu() {
        // labels are the pages' own title keys: an entry and the page it opens say the same thing
        return List.of(new MenuEntry("strategy.version.title", "/strategy/priorities", 2, Role.ALL),
                new MenuEntry("strategy.title", "/strategy", 3, Role.ALL),
                new MenuEntry("strategy.plan.title", "/strategy/plan", 3, Role.ALL),
                new MenuEntry("strategy.timeline.title", "/strategy/plan/timeline", 3, Role.ALL),
                new MenuEntry("strategy.document.title", "/strategy/document", 3, Role.ALL));
    }

    @Override
    public java.util.Map<String, String> assets() {
        return java.util.Map.of("strategy-radar.js", "assets/strategy/radar.js",
                "strategy-timeline.js", "assets/strategy/timeline.js",
                "strategy-timeline.css", "assets/strategy/timeline.css");
    }

    @Override
    public void loadDemo(DemoCity city) {
        new StrategyDemo(service).load(city);
    }
}
