package org.safercities.exchange;

import java.time.Clock;
import java.util.List;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.setup.CityProfile;

/**
 * What comes into the office: the import of received exports, the received pages, the good-practice library and
 * the national roll-up. Built by {@link ExchangeModule}; its routes and menu entries are one line each there.
 */
final class Inbound {

    final Receiving receiving;
    final PracticeLibrary library;
    final Rollup rollup;
    private final PlatformServices platform;
    private final ExchangeStore sql;

    Inbound(PlatformServices platform, ExchangeStore sql, OfficeKeys officeKeys, long maxReceivedBytes) {
        this.platform = platform;
        this.sql = sql;
        Clock clock = Clock.systemUTC();
        this.receiving = new Receiving(platform.store(), platform.audit(), sql, officeKeys,
                () -> platform.city().profile().map(CityProfile::name).orElse("office"), clock, maxReceivedBytes);
        this.library = new PracticeLibrary(platform.store(), platform.audit(), sql, clock);
        this.rollup = new Rollup(platform.store(), sql, platform.links());
    }

    void routing(HttpRouting.Builder routing) {
        routing.register(new ReceivingRoutes(receiving, sql, platform.store(), platform.uploads(), platform.pages(),
                platform.links()));
        routing.register(new PracticeRoutes(library, platform.pages()));
        routing.register(new RollupRoutes(rollup, platform.pages()));
    }

    /** Step 6; labels are the pages' own title keys. */
    static final List<MenuEntry> MENU = List.of(
            new MenuEntry("exchange.import.title", "/exchange/import", 6, Role.EDITORS),
            new MenuEntry("exchange.received.title", "/exchange/received", 6, Role.ALL),
            new MenuEntry("exchange.practices.title", "/exchange/practices", 6, Role.ALL),
            new MenuEntry("exchange.rollup.title", "/exchange/rollup", 6, Role.ALL));
}
