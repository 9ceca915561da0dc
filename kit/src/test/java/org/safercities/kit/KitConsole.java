package org.safercities.kit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console of a kit that a test started as a process (the jar, or a USB launcher): once it serves, the kit prints
 * "Safer Cities Kit is running: open http://127.0.0.1:PORT/ in a browser" (Main.run). Used by the tests that start
 * the built jar ({@link JarSmokeTest}, {@link PowerLossTest}, {@link UsbLayoutTest}); installers/fixtures/
 * MakeUpgradeFixture.java has its own copy, because it runs as a single source file outside the test sources.
 */
final class KitConsole {

    static final Pattern OPEN = Pattern.compile("open http://127\\.0\\.0\\.1:(\\d+)/");

    private KitConsole() {
    }

    /**
     * Reads the process's output (stderr redirected into it) until that line and returns the port; the rest of the
     * output is then read in the background, so that a full pipe never blocks the kit. Fails with everything the
     * kit printed when it ended without that line.
     */
    static int port(Process kit) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(kit.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = r.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = OPEN.matcher(line);
            if (m.find()) {
                Thread.ofVirtual().start(() -> r.lines().forEach(x -> { }));
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the kit did not start:\n" + seen);
    }
}
