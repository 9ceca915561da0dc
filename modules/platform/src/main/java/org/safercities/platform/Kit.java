package org.safercities.platform;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import io.helidon.common.tls.Tls;

import org.safercities.crypto.Passwords;
import org.safercities.crypto.TlsCertificate;
import org.safercities.platform.accounts.AccountRoutes;
import org.safercities.platform.accounts.AccountService;
import org.safercities.platform.accounts.LoginThrottle;
import org.safercities.platform.accounts.PasswordPolicy;
import org.safercities.platform.accounts.SignInRoutes;
import org.safercities.platform.areas.AreaImport;
import org.safercities.platform.areas.AreaImportRoutes;
import org.safercities.platform.areas.AreaRoutes;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.areas.PopulationImport;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.audit.AuditRoutes;
import org.safercities.platform.backup.BackupRoutes;
import org.safercities.platform.backup.Backups;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.lan.LanRoutes;
import org.safercities.platform.links.NationalProfile;
import org.safercities.platform.profile.ProfileRoutes;
import org.safercities.platform.profile.Profiles;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.setup.Demo;
import org.safercities.platform.setup.HomeRoutes;
import org.safercities.platform.setup.SetupRoutes;
import org.safercities.platform.setup.SetupService;
import org.safercities.platform.store.DataFolder;
import org.safercities.platform.store.Migrator;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.Assets;
import org.safercities.platform.web.DirectAnswers;
import org.safercities.platform.web.ErrorPages;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Sessions;
import org.safercities.platform.web.Shell;
import org.safercities.platform.web.Uploads;
import org.safercities.platform.web.IdleMemory;
import org.safercities.platform.web.WebGate;

/**
 * A running kit: the platform's services, the feature modules {@code kit.Main} hands in, and the web server.
 * The platform wires itself here; which modules exist is decided in Main only.
 */
public final class Kit implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Kit.class.getName());

    /** A feature module to build once the platform's services exist. */
    public record ModuleSpec(String name, Function<PlatformServices, KitModule> factory) {
    }

    private final DataFolder folder;
    private final Store store;
    private final Backups backups;
    private final WebServer server;
    private final List<KitModule> modules;
    private final KitModule platform;
    private final Messages messages;

    private final TlsCertificate tls;
    private final IdleMemory idle;

    private Kit(DataFolder folder, Store store, Backups backups, WebServer server, KitModule platform,
            List<KitModule> modules, Messages messages, TlsCertificate tls, IdleMemory idle) {
        this.idle = idle;
        this.platform = platform;
        this.tls = tls;
        this.folder = folder;
        this.store = store;
        this.backups = backups;
        this.server = server;
        this.modules = modules;
        this.messages = messages;
    }

    public static Kit start(KitConfig config, List<ModuleSpec> specs, String version, Map<String, String> extraAssets)
            throws IOException {
        return start(config, specs, version, extraAssets, Clock.systemDefaultZone(), Passwords.DEFAULT);
    }

    public static Kit start(KitConfig config, List<ModuleSpec> specs, String version, Map<String, String> extraAssets,
            Clock clock, Passwords.Params passwordParams) throws IOException {
        return start(config, specs, version, extraAssets, clock, new Passwords(passwordParams));
    }

    /** With the password hasher given: tests count its evaluations (the sign-in throttle's measure). */
    public static Kit start(KitConfig given, List<ModuleSpec> specs, String version, Map<String, String> extraAssets,
            Clock clock, Passwords passwords) throws IOException {
        DataFolder folder = new DataFolder(given.data()).lock();
        Store[] opened = new Store[1]; // closed again if start-up fails after it opened
        try {
            folder.cleanLeftovers();
            // a national forum's kit profile: applied in <data>/profile/, or offered to a new installation
            Profiles profiles = Profiles.load(folder.root(), !java.nio.file.Files.exists(folder.database()),
                    given.trustedProfileSigners(), given.offeredProfile());
            KitConfig config = profiles.apply(given);
            config.checkPlainHttpIsLocal();
            // the office network is served over HTTPS with the kit's own certificate, made once in <data>/tls/
            TlsCertificate tls = config.lan()
                    ? TlsCertificate.loadOrCreate(folder.root().resolve("tls"), TlsCertificate.localNames()) : null;
            List<ModuleSpec> enabled = specs.stream().filter(s -> !config.disabledModules().contains(s.name())).toList();
            List<String> bundleNames = new ArrayList<>();
            bundleNames.add("platform");
            enabled.forEach(s -> bundleNames.add(s.name()));
            ClassLoader loader = Kit.class.getClassLoader();
            Messages messages = Messages.load(bundleNames, loader, folder.extraLocales());

            Store store = new Store(folder, config.storeConnections());
            opened[0] = store;
            AuditLog audit = new AuditLog(store, clock);
            Sessions sessions = new Sessions(config.sessionIdle(), config.sessionAbsolute(), clock);
            LoginThrottle throttle = new LoginThrottle(config.loginFailuresPerAccount(), config.loginFailuresPerAddress(),
                    config.loginWindow(), clock);
            AccountService accounts = new AccountService(store, passwords,
                    PasswordPolicy.fromClasspath(), throttle, sessions, audit);
            AreaService areas = new AreaService(store, audit);
            CityService city = new CityService(store, audit, messages);
            Uploads uploads = new Uploads(folder.uploads(), config.uploadMaxBytes());
            Shell shell = new Shell(version, messages, city::banner, profiles::brand);
            Pages pages = new Pages(shell);
            Backups backups = new Backups(store, folder, audit, clock, version);

            ModuleLinks links = new ModuleLinks();
            profiles.effective().ifPresent(p -> links.publish(NationalProfile.class, p));
            PlatformServices services = new PlatformServices(config, store, audit, areas, city, pages, uploads, links);
            List<KitModule> modules = new ArrayList<>();
            for (ModuleSpec s : enabled) {
                modules.add(s.factory().apply(services));
            }
            Runnable ready = () -> {
                List<Migrator.ModuleMigrations> all = new ArrayList<>();
                all.add(new Migrator.ModuleMigrations("platform", PlatformModule.MIGRATIONS));
                modules.forEach(m -> all.add(m.migrations()));
                new Migrator(store, loader).migrate(all);
                city.reload();
                areas.reload();
                modules.forEach(KitModule::storeReady);
            };
            SetupService setup = new SetupService(store, city, areas, accounts, messages, ready, audit);

            // Derby boots on its own thread while Helidon builds the routing and starts: on a 2-core office PC
            // that is most of the start-up. Requests that arrive before it is done wait at the gate.
            CompletableFuture<Void> opening = CompletableFuture.completedFuture(null);
            if (store.state() == Store.State.LOCKED && !store.encrypted()) {
                opening = CompletableFuture.runAsync(() -> {
                    long t0 = System.nanoTime();
                    store.boot(null);
                    long t1 = System.nanoTime();
                    ready.run();
                    long t2 = System.nanoTime();
                    // what a restart spends its time on (after a power cut, Derby's boot includes its log recovery);
                    // read by the power-loss harness (docs/RELIABILITY.md)
                    LOG.info(() -> "Store opened in " + (t1 - t0) / 1_000_000 + " ms (Derby's boot and recovery), "
                            + "migrations and modules ready in " + (t2 - t1) / 1_000_000 + " ms; "
                            + sinceJvmStart() + " ms since the JVM started");
                }, r -> new Thread(r, "store-boot").start());
            } else if (config.demo() && store.state() == Store.State.SETUP) {
                DemoCity demo = new Demo(store, city, areas, accounts, ready).create();
                modules.forEach(m -> m.loadDemo(demo));
            }
            Map<String, String> demoHint = config.demo()
                    ? Map.of("username", Demo.COORDINATOR, "password", Demo.PASSWORD) : Map.of();

            PlatformModule platform = new PlatformModule(List.of(
                    new SetupRoutes(setup, city, store, sessions, pages, messages, audit, ready, version, profiles),
                    new SignInRoutes(accounts, sessions, pages, messages, demoHint),
                    new HomeRoutes(pages, shell, city, areas),
                    // before AreaRoutes: /areas/import must not be taken for /areas/{id}
                    new AreaImportRoutes(areas, new AreaImport(store, areas, audit),
                            new PopulationImport(store, areas, audit), uploads, pages),
                    new AreaRoutes(areas, city, pages),
                    new AccountRoutes(accounts, pages, messages),
                    new AuditRoutes(audit, pages),
                    new BackupRoutes(backups, pages),
                    new LanRoutes(config, tls, pages),
                    new ProfileRoutes(profiles, pages)));
            shell.addMenu(platform.menu());
            modules.forEach(m -> shell.addMenu(m.menu()));

            Map<String, String> assets = new LinkedHashMap<>();
            assets.put("kit.css", "assets/kit.css");
            assets.put("kit.js", "assets/kit.js");
            assets.put("icon.svg", "assets/icon.svg");
            // fallback fonts for PCs without Chinese or Arabic ones (scripts/make-fonts.sh, OFL.txt beside them)
            assets.put("noto-sans-sc-gb2312.woff2", "assets/fonts/noto-sans-sc-gb2312.woff2");
            assets.put("noto-sans-arabic.woff2", "assets/fonts/noto-sans-arabic.woff2");
            assets.putAll(extraAssets);
            modules.forEach(m -> assets.putAll(m.assets()));
            HttpRouting.Builder routing = HttpRouting.builder();
            CompletableFuture<Void> booting = opening;
            WebGate gate = new WebGate(sessions, messages, store, accounts::find, city::banner, () -> await(booting));
            routing.addFilter(gate);
            new ErrorPages(pages, messages, audit, store).register(routing);
            routing.register("/assets", new Assets(assets, loader));
            platform.routing(routing);
            modules.forEach(m -> m.routing(routing));

            io.helidon.webserver.WebServerConfig.Builder web = WebServer.builder();
            if (tls != null) {
                web.tls(Tls.builder().privateKey(tls.privateKey()).privateKeyCertChain(List.of(tls.certificate()))
                        .enabledProtocols(List.of("TLSv1.3", "TLSv1.2")).build());
            }
            WebServer server = web
                    .host(config.listenHost())
                    .port(config.port())
                    // Nagle's algorithm held every page larger than one segment until the client's delayed
                    // acknowledgement (~40 ms): the diagnosis benchmark saw 44 ms on every HTML page
                    .connectionOptions(o -> o.tcpNoDelay(true))
                    .shutdownHook(false)
                    // requests Helidon refuses before routing (a NUL in the method, broken headers) are answered
                    // and logged in one place: a 400 for the client's bytes, a logged 5xx for the server's faults
                    .directHandlers(DirectAnswers.all())
                    // no server-wide body limit: WebGate caps forms at 1 MB and Uploads caps files at the configured
                    // size, each with a message in the user's language rather than a bare 413
                    .routing(routing)
                    .build()
                    .start();
            if (!server.isRunning() || server.port() < 0) {
                server.stop();
                await(opening);
                throw new IllegalStateException("Cannot listen on " + config.listenHost() + ":" + config.port()
                        + ": the port is in use by another program (perhaps another kit). Close it, or start with --port N.");
            }
            try {
                await(opening);
            } catch (RuntimeException e) {
                server.stop();
                throw e;
            }
            if (config.demo() && city.profile().map(p -> !p.demo()).orElse(false)) {
                server.stop();
                throw new IllegalStateException("The data folder " + folder.root() + " holds a real city, not the demo: "
                        + "start the demo with --data pointing to another folder.");
            }
            backups.scheduleDaily();
            IdleMemory idle = IdleMemory.watch(gate);
            LOG.info(() -> "Safer Cities Kit " + version + " ready on " + (tls != null ? "https://" : "http://")
                    + config.listenHost() + ":" + server.port()
                    + "/ (data folder " + folder.root() + ", store " + store.state().wire() + ")");
            return new Kit(folder, store, backups, server, platform, List.copyOf(modules), messages, tls, idle);
        } catch (IOException | RuntimeException e) {
            if (opened[0] != null) {
                opened[0].close();
            }
            folder.close();
            throw e;
        }
    }

    /** Milliseconds since this JVM was started (-1 when the system does not tell). */
    static long sinceJvmStart() {
        return ProcessHandle.current().info().startInstant()
                .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    /** Waits for the store to open; its failure is thrown as it happened. */
    private static void await(CompletableFuture<Void> opening) {
        try {
            opening.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /** The HTTPS certificate's SHA-256 fingerprint when the kit serves the office network ({@code server.lan}). */
    public java.util.Optional<String> tlsFingerprint() {
        return java.util.Optional.ofNullable(tls).map(TlsCertificate::fingerprint);
    }

    public int port() {
        return server.port();
    }

    public Store store() {
        return store;
    }

    public Backups backups() {
        return backups;
    }

    public Messages messages() {
        return messages;
    }

    public List<KitModule> modules() {
        return modules;
    }

    /**
     * The platform's own screens first, then every feature module: each one's {@code routing()} registers all the
     * routes the web server answers (besides /assets). Tests replay them to list every route.
     */
    public List<KitModule> routedModules() {
        List<KitModule> all = new ArrayList<>();
        all.add(platform);
        all.addAll(modules);
        return List.copyOf(all);
    }

    /** Stops the web server first, then the database: requests in flight finish before the store closes. */
    @Override
    public void close() {
        server.stop();
        idle.close();
        backups.close();
        store.close();
        try {
            folder.close();
        } catch (IOException e) {
            LOG.warning("could not release the data folder lock: " + e.getMessage());
        }
    }
}
