package org.safercities.monitoring;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.links.IndicatorValues;

/**
 * Monitoring and evaluation (step 5, G§29g, G§32, G§37, G§40b): the indicator catalogue, values computed from the
 * diagnosis and the strategy or entered by hand, baselines, targets, progress, evaluation notes, the dashboard.
 */
public final class MonitoringModule implements KitModule {

    private final PlatformServices platform;
    private final MonitoringService service;

    public MonitoringModule(PlatformServices platform) {
        this(platform, Clock.systemDefaultZone());
    }

    public MonitoringModule(PlatformServices platform, Clock clock) {
        this.platform = platform;
        this.service = new MonitoringService(platform.store(), platform.audit(), platform.areas(), platform.city(),
                platform.links(), clock, platform.config().disclosureThreshold());
        platform.links().publish(IndicatorValues.class, new PublishedValues(service, platform.pages()::translator));
    }

    /** The module's public API for tests and the benchmark (read-only use by others goes through IndicatorValues). */
    public MonitoringService service() {
        return service;
    }

    @Override
    public String name() {
        return "monitoring";
    }

    @Override
    public List<String> migrationFiles() {
        return List.of("V001__create_monitoring.sql");
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new MonitoringRoutes(service, platform.areas(), platform.pages()));
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(new MenuEntry("monitoring.dashboard.title", "/monitoring", 5, Role.ALL),
                new MenuEntry("monitoring.catalogue.title", "/monitoring/catalogue", 5, Role.ALL));
    }

    @Override
    public Map<String, String> assets() {
        return Map.of("monitoring.js", "assets/monitoring/monitoring.js", "monitoring.css", "assets/monitoring/monitoring.css");
    }

    static final java.time.Duration WARM_UP_DELAY = java.time.Duration.ofSeconds(5);

    @Override
    public void storeReady() {
        // the first dashboard does not pay for the computation; start-up does not wait for it either. It begins a few
        // seconds after the store is ready: started at once, it took a core (0.7 s of CPU on the demo city, more
        // with a million incidents) from Derby's boot, the other modules and the web server while the kit was
        // starting, and made a restart after a power cut slower (docs/RELIABILITY.md, "Power loss"). A dashboard
        // asked for before then computes the figures itself, as after any change.
        Thread.ofVirtual().name("monitoring-warm-up").start(() -> {
            try {
                Thread.sleep(WARM_UP_DELAY);
            } catch (InterruptedException e) {
                return;
            }
            service.snapshot();
        });
    }
}
