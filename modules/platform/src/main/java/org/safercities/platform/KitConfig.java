package org.safercities.platform;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

/**
 * The kit's configuration, read once at start-up: the defaults in the jar ({@code kit-defaults.properties}),
 * then the site file {@code <data>/kit.properties}, then the command line. Every key is documented in
 * docs/admin-guide.md.
 */
public record KitConfig(Path data, String host, int port, boolean demo, long uploadMaxBytes, Duration sessionIdle,
        Duration sessionAbsolute, int storeConnections, int loginFailuresPerAccount, int loginFailuresPerAddress,
        Duration loginWindow, Set<String> disabledModules, int disclosureThreshold, boolean lan,
        Path offeredProfile, Set<String> trustedProfileSigners) {

    /** Reads the layers; {@code overrides} are the command-line values (key → value, same keys as the files). */
    public static KitConfig load(Path data, Properties overrides) throws IOException {
        Properties p = new Properties();
        try (InputStream in = KitConfig.class.getResourceAsStream("/kit-defaults.properties")) {
            if (in == null) {
                throw new IllegalStateException("kit-defaults.properties missing from the jar");
            }
            p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Path site = data.resolve("kit.properties");
        if (Files.isRegularFile(site)) {
            try (Reader r = Files.newBufferedReader(site, StandardCharsets.UTF_8)) {
                p.load(r);
            }
        }
        p.putAll(overrides);
        return from(data, p);
    }

    static KitConfig from(Path data, Properties p) {
        return new KitConfig(data, p.getProperty("server.host"), integer(p, "server.port", 0, 65535),
                Boolean.parseBoolean(p.getProperty("demo", "false")),
                integer(p, "upload.max-megabytes", 1, 4096) * 1024L * 1024L,
                Duration.ofMinutes(integer(p, "session.idle-minutes", 1, 24 * 60)),
                Duration.ofHours(integer(p, "session.absolute-hours", 1, 24 * 7)),
                integer(p, "store.connections", 2, 64),
                integer(p, "login.failures-per-account", 1, 1000),
                integer(p, "login.failures-per-address", 1, 10000),
                Duration.ofMinutes(integer(p, "login.window-minutes", 1, 24 * 60)),
                Set.of(p.getProperty("modules.disabled", "").split("\\s*,\\s*")),
                integer(p, "disclosure.threshold", 3, 10),
                Boolean.parseBoolean(p.getProperty("server.lan", "false").strip()),
                p.getProperty("profile.offered", "").isBlank() ? null : Path.of(p.getProperty("profile.offered").strip()),
                java.util.Arrays.stream(p.getProperty("profile.trusted-signers", "").split(",")).map(String::strip)
                        .filter(f -> !f.isEmpty()).collect(java.util.stream.Collectors.toUnmodifiableSet()));
    }

    /** This configuration with a kit profile's modules switched off and its disclosure threshold. */
    public KitConfig withProfile(Set<String> disabled, int threshold) {
        return new KitConfig(data, host, port, demo, uploadMaxBytes, sessionIdle, sessionAbsolute, storeConnections,
                loginFailuresPerAccount, loginFailuresPerAddress, loginWindow, Set.copyOf(disabled), threshold, lan, offeredProfile, trustedProfileSigners);
    }

    /** The address to listen on: with {@code server.lan}, every address (unless one is named), over HTTPS only. */
    public String listenHost() {
        return lan && loopback(host) ? "0.0.0.0" : host;
    }

    /** Plain HTTP is served to this PC only: any other address needs {@code server.lan=true} (HTTPS). */
    public void checkPlainHttpIsLocal() {
        if (!lan && !loopback(host)) {
            throw new IllegalArgumentException("The kit serves plain HTTP only on 127.0.0.1, not on " + host + ": passwords would "
                    + "cross the network unencrypted. To serve colleagues on the office network, start with --lan "
                    + "(or server.lan=true): HTTPS with the kit's own certificate.");
        }
    }

    static boolean loopback(String host) {
        return host == null || host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
    }

    private static int integer(Properties p, String key, int min, int max) {
        String v = p.getProperty(key);
        try {
            int n = Integer.parseInt(v.strip());
            if (n < min || n > max) {
                throw new IllegalArgumentException();
            }
            return n;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Configuration key " + key + " must be a whole number from " + min + " to "
                    + max + ", not '" + v + "'");
        }
    }
}
