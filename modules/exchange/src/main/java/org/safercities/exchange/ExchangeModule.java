package org.safercities.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.helidon.webserver.http.HttpRouting;

import org.safercities.platform.DemoCity;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.accounts.Role;

/**
 * Review and exchange (step 6, R§7, R§14, R§25, G§34–35): the review report of a cycle, the periodic export
 * encrypted and signed with OpenPGP, its import on the receiving side, the national roll-up and the good-practice
 * library. Uses the other modules only through platform.links and works when any of them is off.
 */
public final class ExchangeModule implements KitModule {

    private final PlatformServices platform;
    private final ExchangeStore sql = new ExchangeStore();
    private final OfficeKeys officeKeys;
    private final ExchangeService service;
    private final Inbound inbound;

    public ExchangeModule(PlatformServices platform) {
        this(platform, Clock.systemDefaultZone(), Receiving.DEFAULT_MAX_PLAIN_BYTES);
    }

    public ExchangeModule(PlatformServices platform, Clock clock) {
        this(platform, clock, Receiving.DEFAULT_MAX_PLAIN_BYTES);
    }

    /** {@code maxReceivedBytes}: the cap on a received export's decrypted size (tests set a small one). */
    ExchangeModule(PlatformServices platform, long maxReceivedBytes) {
        this(platform, Clock.systemDefaultZone(), maxReceivedBytes);
    }

    private ExchangeModule(PlatformServices platform, Clock clock, long maxReceivedBytes) {
        this.platform = platform;
        this.officeKeys = new OfficeKeys(platform.store(), sql, platform.audit());
        KeyBook keys = new KeyBook(platform.store(), platform.audit(), sql, platform.links(), clock);
        this.service = new ExchangeService(platform.store(), platform.audit(), platform.city(), platform.areas(),
                platform.links(), sql, officeKeys, keys, clock, platform.config().disclosureThreshold(),
                platform.config().data(), kitVersion());
        this.inbound = new Inbound(platform, sql, officeKeys, maxReceivedBytes);
    }

    /** The sending side (review, keys, export) for tests and the benchmark. */
    ExchangeService service() {
        return service;
    }

    /** The kit's version as kit.Main reads it (kit-version.properties in the kit jar); "dev" outside the jar. */
    static String kitVersion() {
        try (InputStream in = ExchangeModule.class.getResourceAsStream("/kit-version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev").strip();
            return v.isEmpty() || v.length() > 64 ? "dev" : v;
        } catch (IOException e) {
            return "dev";
        }
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
        routing.register(new ReviewRoutes(service, platform.pages()));
        routing.register(new KeysRoutes(service, platform.pages(), platform.config().uploadMaxBytes()));
        routing.register(new ExportRoutes(service, platform.pages()));
        inbound.routing(routing);
    }

    @Override
    public List<MenuEntry> menu() {
        // labels are the pages' own title keys; step 6 of the process
        List<MenuEntry> menu = new ArrayList<>();
        menu.add(new MenuEntry("exchange.review.title", "/exchange/review", 6, Role.STAFF));
        menu.add(new MenuEntry("exchange.export.title", "/exchange/export", 6, Role.STAFF));
        menu.add(new MenuEntry("exchange.keys.title", "/exchange/keys", 6, Role.STAFF));
        menu.addAll(Inbound.MENU);
        return menu;
    }

    @Override
    public void loadDemo(DemoCity city) {
        ExchangeDemo.load(inbound.library);
    }

    @Override
    public Map<String, String> assets() {
        return Map.of("exchange.js", "assets/exchange/exchange.js", "exchange.css", "assets/exchange/exchange.css");
    }
}
