package org.safercities.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.safercities.crypto.Passwords;
import org.safercities.platform.store.DataFolder;

/**
 * A real kit for tests: its own temporary data folder, a free port, Argon2 at test strength (the parameters
 * are a setting: production strength is checked in crypto's tests).
 */
public final class TestKit implements AutoCloseable {

    public static final Passwords.Params FAST = new Passwords.Params(1024, 1, 1);
    public final Path data;
    public Kit kit;
    private final List<Kit.ModuleSpec> modules;

    private TestKit(Path data, Kit kit, List<Kit.ModuleSpec> modules) {
        this.data = data;
        this.kit = kit;
        this.modules = modules;
    }

    public static TestKit empty() throws IOException {
        return start(Files.createTempDirectory("kit-test"), Map.of());
    }

    public static TestKit demo() throws IOException {
        return start(Files.createTempDirectory("kit-test"), Map.of("demo", "true"));
    }

    public static TestKit start(Path data, Map<String, String> settings) throws IOException {
        return start(data, settings, List.of());
    }

    /** A kit with feature modules, as kit.Main wires them (feature modules' tests use this). */
    public static TestKit start(Path data, Map<String, String> settings, List<Kit.ModuleSpec> modules) throws IOException {
        return new TestKit(data, Kit.start(config(data, settings), modules, "test", Map.of(), Clock.systemDefaultZone(), FAST),
                modules);
    }

    public static KitConfig config(Path data, Map<String, String> settings) throws IOException {
        Properties o = new Properties();
        o.setProperty("server.port", "0");
        o.putAll(settings);
        return KitConfig.load(data, o);
    }

    public String base() {
        return "http://127.0.0.1:" + kit.port();
    }

    /** A browser signed in through the real form (fails the test when the sign-in is refused). */
    public Browser signedIn(String username, String password) {
        Browser b = browser();
        int status = b.signIn(username, password).statusCode();
        if (status != 303) {
            throw new AssertionError("signing in as " + username + " answered " + status);
        }
        return b;
    }

    /** The single number a SQL query answers (a count), read straight from the store. */
    public long scalar(String sql) {
        return kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public Browser browser() {
        return new Browser(base());
    }

    /** Stops the kit and starts it again on the same data folder (as after a power cut or an upgrade). */
    public void restart(Map<String, String> settings) throws IOException {
        if (kit != null) {
            kit.close();
        }
        kit = Kit.start(config(data, settings), modules, "test", Map.of(), Clock.systemDefaultZone(), FAST);
    }

    @Override
    public void close() throws IOException {
        if (kit != null) {
            kit.close();
        }
        DataFolder.deleteTree(data);
    }
}
