package org.safercities.platform;

import java.util.List;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;

import org.safercities.platform.accounts.Role;

/** The platform's own screens, as a module like the others: set-up, sign-in, areas, accounts, audit, backups. */
final class PlatformModule implements KitModule {

    static final List<String> MIGRATIONS = List.of("V001__create_city_and_areas.sql",
            "V002__create_accounts_and_audit.sql", "V003__create_setting.sql");
    private final List<HttpService> services;

    PlatformModule(List<HttpService> services) {
        this.services = services;
    }

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public List<String> migrationFiles() {
        return MIGRATIONS;
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        services.forEach(routing::register);
    }

    @Override
    public List<MenuEntry> menu() {
        return List.of(
                new MenuEntry("platform.menu.home", "/", 0, Role.ALL),
                new MenuEntry("platform.menu.city", "/city", 0, Role.STAFF),
                new MenuEntry("platform.menu.areas", "/areas", 0, Role.ALL),
                new MenuEntry("platform.menu.import", "/areas/import", 0, Role.EDITORS),
                new MenuEntry("platform.menu.accounts", "/accounts", 0, Role.ADMINS),
                new MenuEntry("platform.menu.audit", "/audit", 0, Role.ADMINS),
                new MenuEntry("platform.menu.backups", "/backups", 0, Role.ADMINS),
                // labelled with their pages' titles; the roles are the ones their routes require
                new MenuEntry("platform.kitProfile.title", "/kit-profile", 0, Role.STAFF),
                new MenuEntry("platform.network.title", "/network", 0, Role.ADMINS));
    }
}
