package org.safercities.exchange;

import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;

/**
 * Review and exchange (step 6, R§7, R§14, R§25, G§34–35): the review report of a cycle, the periodic export
 * encrypted and signed with OpenPGP, its import on the receiving side, the national roll-up and the good-practice
 * library. Uses the other modules only through platform.links and works when any of them is off.
 */
public final class ExchangeModule implements KitModule {

    private final PlatformServices platform;
    private final ExchangeStore sql = new ExchangeStore();
    private final OfficeKeys officeKeys;
    private final Inbound inbound;

    public ExchangeModule(PlatformServices platform) {
        this(platform, Receiving.DEFAULT_MAX_PLAIN_BYTES);
    }

    /** {@code maxReceivedBytes}: the cap on a received export's decrypted size (tests set a small one). */
    ExchangeModule(PlatformServices platform, long maxReceivedBytes) {
        this.platform = platform;
        this.officeKeys = new OfficeKeys(platform.store(), sql);
        this.inbound = new Inbound(platform, sql, officeKeys, maxReceivedBytes);
    }

    @Override
    public String name() {
        return "exchange";
    }

    @Override
    public List<String> migrationFiles() {
        return List.of("V001__create_exchange.sql");
    }

    @Override
    public void routing(HttpRouting.Builder routing) {
        // each group of pages registers its own routes here (one line each)
        inbound.routing(routing);
    }

    @Override
    public List<MenuEntry> menu() {
        // labels are the pages' own title keys; step 6 of the process
        List<MenuEntry> menu = new ArrayList<>();
        menu.addAll(Inbound.MENU);
        return menu;
    }
}
