package org.safercities.kit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.partnerships.PartnershipsModule;
import org.safercities.platform.Kit;
import org.safercities.platform.KitConfig;
import org.safercities.platform.backup.Backups;
import org.safercities.platform.store.DataFolder;
import org.safercities.strategy.StrategyModule;
import org.safercities.exchange.ExchangeModule;
import org.safercities.monitoring.MonitoringModule;

/**
 * Starts the Safer Cities Kit. The only place where the feature modules are chosen and wired.
 *
 * <pre>
 * java -jar safercities-kit.jar [--data DIR] [--port N] [--host ADDR] [--demo]
 * java -jar safercities-kit.jar restore BACKUP.zip [--data DIR]
 * java -jar safercities-kit.jar profile key|sign|check ...   (a national forum's kit profile: ProfileCommand)
 * </pre>
 */
public final class Main {

    /** The feature modules of this kit; each stands alone on the platform. Later issues add theirs here. */
    static final List<Kit.ModuleSpec> MODULES = List.of(
            new Kit.ModuleSpec("diagnosis", DiagnosisModule::new),
            new Kit.ModuleSpec("partnerships", PartnershipsModule::new),
            new Kit.ModuleSpec("strategy", StrategyModule::new),
            new Kit.ModuleSpec("monitoring", MonitoringModule::new),
            new Kit.ModuleSpec("exchange", ExchangeModule::new));

    /** Browser files that come from dependencies rather than from the platform's own assets. */
    static final Map<String, String> EXTRA_ASSETS = Map.of(
            "echarts.min.js", "META-INF/resources/webjars/echarts/5.5.0/echarts.min.js");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("profile")) { // a national forum's tools: its own options
            System.exit(ProfileCommand.main(java.util.Arrays.copyOfRange(args, 1, args.length)));
            return;
        }
        Args a;
        try {
            a = Args.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(Args.USAGE);
            System.exit(2);
            return;
        }
        switch (a.command()) {
            case "help" -> System.out.println(Args.USAGE);
            case "restore" -> System.exit(restore(a));
            case "train" -> train(a);
            default -> run(a);
        }
    }

    static Kit start(Args a) throws IOException {
        KitConfig config = KitConfig.load(a.data(), a.overrides());
        return Kit.start(config, MODULES, version(), EXTRA_ASSETS);
    }

    private static void run(Args a) throws Exception {
        logToFolder(a.data().resolve("logs"));
        Kit kit;
        try {
            kit = start(a);
        } catch (DataFolder.FolderInUse | IllegalStateException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        } catch (IOException e) {
            System.err.println("Cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kit.close();
            stopped.countDown();
        }, "shutdown"));
        String address = (kit.tlsFingerprint().isPresent() ? "https://" : "http://") + hostForBrowser(a) + ":" + kit.port() + "/";
        System.out.println("Safer Cities Kit is running: open " + address + " in a browser. Stop it with Ctrl+C.");
        kit.tlsFingerprint().ifPresent(f -> System.out.println("Colleagues on the office network: open https://"
                + org.safercities.crypto.TlsCertificate.localNames().getFirst() + ":" + kit.port()
                + "/ and check that the browser shows this certificate fingerprint (SHA-256): " + f
                + " (also on the page /network)."));
        if (a.overrides().getProperty(Args.OPEN_BROWSER, "false").equals("true")) {
            openBrowser(address);
        }
        stopped.await();
    }

    /**
     * The kit's log also goes to {@code <data>/logs/kit.0.log} (5 files of 5 MB, newest first), so that the
     * request id an error page shows can be found there after the console is closed.
     */
    static void logToFolder(Path logs) {
        try {
            Files.createDirectories(logs);
            java.util.logging.FileHandler file = new java.util.logging.FileHandler(
                    logs.resolve("kit.%g.log").toString(), 5 * 1024 * 1024, 5, true);
            file.setFormatter(new java.util.logging.SimpleFormatter());
            file.setEncoding("UTF-8");
            java.util.logging.Logger.getLogger("").addHandler(file);
        } catch (IOException e) {
            System.err.println("The log cannot be written to " + logs + " (" + e.getMessage() + "); it goes to the console only.");
        }
    }

    /**
     * Asks the desktop to open the kit's address (the USB launchers pass --open-browser). Without java.desktop's
     * AWT: the system's own command, found on the PATH (xdg-open, open) or built in (Windows' url.dll).
     */
    static void openBrowser(String address) {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        List<String> cmd = os.startsWith("windows") ? List.of("rundll32", "url.dll,FileProtocolHandler", address)
                : os.startsWith("mac") ? List.of("open", address) : List.of("xdg-open", address);
        try {
            new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            System.out.println("(The browser could not be opened by itself: open " + address + " yourself.)");
        }
    }

    private static String hostForBrowser(Args a) {
        String h = a.overrides().getProperty("server.host", "127.0.0.1");
        return h.equals("0.0.0.0") || h.equals("::") ? "127.0.0.1" : h;
    }

    /** Restores a backup into a data folder that no kit is using. */
    private static int restore(Args a) {
        if (a.file() == null || !Files.isRegularFile(a.file())) {
            System.err.println("restore needs the backup file: java -jar safercities-kit.jar restore BACKUP.zip [--data DIR]");
            return 2;
        }
        try (DataFolder folder = new DataFolder(a.data()).lock()) {
            Path kept = Backups.restore(a.file(), folder);
            System.out.println("Restored " + a.file() + " into " + folder.root() + ".");
            if (kept != null) {
                System.out.println("The database it replaced is kept in " + kept + " (delete it when you no longer need it).");
            }
            return 0;
        } catch (DataFolder.FolderInUse e) {
            System.err.println(e.getMessage() + " Stop the kit before restoring.");
            return 1;
        } catch (IOException e) {
            System.err.println(e.getMessage());
            return 1;
        }
    }

    /**
     * A short run that loads what a normal session loads (demo city, sign-in, pages), used at build time to
     * record the JDK's AOT cache or CDS archive that makes later starts faster.
     */
    private static void train(Args a) throws Exception {
        Path dir = Files.createTempDirectory("safercities-train");
        Properties o = new Properties();
        o.setProperty("server.port", "0");
        o.setProperty("demo", "true");
        try (Kit kit = Kit.start(KitConfig.load(dir, o), MODULES, version(), EXTRA_ASSETS)) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + kit.port();
            for (String path : List.of("/health", "/login", "/assets/kit.css", "/", "/areas")) {
                http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.discarding());
            }
        } finally {
            DataFolder.deleteTree(dir);
        }
    }

    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/kit-version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
