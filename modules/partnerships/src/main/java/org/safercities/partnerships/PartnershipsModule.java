package org.safercities.partnerships;

import java.util.List;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.DemoCity;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.links.ActorDirectory;
import org.safercities.platform.links.CoalitionFigures;

/**
 * Partnership mapping (DESIGN.md section 3, step 4 of the process): actors, their protected contact person,
 * relationships, the interest/influence grid and the coalition gaps.
 */
public final class PartnershipsModule implements KitModule {

    static final List<String> MIGRATIONS = List.of("V001__create_actor.sql", "V002__create_contact.sql",
            "V003__create_relationship.sql", "V004__create_commitment.sql", "V005__actor_kind_and_names.sql",
            "V006__create_memorandum_and_meeting.sql", "V007__commitment_kind_and_start.sql");

    private final PlatformServices platform;
    private final PartnershipService service;
    private final CoalitionService coalition;

    public PartnershipsModule(PlatformServices platform) {
        this.platform = platform;
        this.service = new PartnershipService(platform.store(), platform.audit(), platform.areas(), platform.links());
        this.coalition = new CoalitionService(platform.store(), platform.audit(), service);
        platform.links().publish(ActorDirectory.class, new PublishedActors(service));
        platform.links().publish(CoalitionFigures.class, new PublishedCoalition(coalition));
    }

    /**
     * Memoranda, the technical group and the coordination centre. Other modules count the bodies through the
     * published {@link CoalitionFigures} instead, so as not to depend on this module.
     */
    public CoalitionService coalition() {
        return coalition;
    }

    /** The module's public API for other modules (e.g. strategy's lead and partners). */
    public PartnershipService service() {
        return service;
    }

    @Override
    public String name() {
        return "partnerships";
    }

    @Override
    public List<String> migrationFiles() {
        return MIGRATIONS;
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(new PartnershipRoutes(service, platform.areas(), platform.pages()));
        routing.register(new CoverageRoutes(service, platform.areas(), platform.pages()));
        routing.register(new ImportRoutes(service, platform.uploads(), platform.pages()));
        routing.register(new CoalitionRoutes(service, coalition, platform.pages()));
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(new MenuEntry("partnerships.menu.actors", PartnershipRoutes.ACTORS, 4, Role.ALL),
                new MenuEntry("partnerships.menu.network", "/partnerships/network", 4, Role.ALL),
                new MenuEntry("partnerships.menu.grid", "/partnerships/grid", 4, Role.ALL),
                new MenuEntry("partnerships.menu.coverage", CoverageRoutes.COVERAGE, 4, Role.ALL),
                new MenuEntry("partnerships.memo.title", CoalitionRoutes.MEMORANDA, 4, Role.ALL),
                new MenuEntry("partnerships.menu.bodies", CoalitionRoutes.BODIES, 4, Role.ALL),
                new MenuEntry("partnerships.menu.gaps", "/partnerships/gaps", 4, Role.ALL));
    }

    @Override
    public java.util.Map<String, String> assets() {
        return java.util.Map.of("partnerships-network.js", "assets/partnerships/network.js");
    }

    @Override
    public void loadDemo(DemoCity city) {
        new PartnershipDemo(platform.store(), platform.audit(), service.sql).load(city, PartnershipService.today());
        service.changed();
    }
}
