package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Builds the USB layout with {@code installers/build.sh} (as the README says), then starts its Linux launcher
 * as a city officer would: on the stick's own data folder, with HOME pointing to an empty folder, and checks
 * that the set-up page answers, the browser is asked to open it, and nothing is written outside the data folder.
 * Runs after packaging, like {@link JarSmokeTest}.
 */
@EnabledOnOs(OS.LINUX)
class UsbLayoutTest {

    static final Path JAR = Path.of(System.getProperty("kit.jar", "target/safercities-kit.jar")).toAbsolutePath();
    static final Path BUILD = Path.of("..", "installers", "build.sh").toAbsolutePath().normalize();
    static Path work;
    static Path usb;
    final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void buildTheLayout() throws Exception {
        work = Files.createTempDirectory("usb-test");
        usb = work.resolve("usb");
        Process build = new ProcessBuilder(BUILD.toString(), "--jar", JAR.toString(), "--out", usb.toString())
                .redirectErrorStream(true).start();
        String out = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(5, TimeUnit.MINUTES), "build.sh finishes");
        assertEquals(0, build.exitValue(), out);
        assertTrue(out.contains("USB layout ready"), out);
    }

    @AfterAll
    static void clean() throws IOException {
        if (work != null) {
            org.safercities.platform.store.DataFolder.deleteTree(work);
        }
    }

    @Test
    void theLayoutHoldsWhatTheReadmeSaysAndStaysWithinItsSize() throws Exception {
        for (String f : List.of("SaferCitiesKit.cmd", "SaferCitiesKit.command", "safercities-kit.sh", "README.txt",
                "app/safercities-kit.jar", "runtime-linux-x64/bin/java", "data")) {
            assertTrue(Files.exists(usb.resolve(f)), f);
        }
        try (Stream<Path> data = Files.list(usb.resolve("data"))) {
            assertEquals(0, data.count(), "the stick's data folder starts empty");
        }
        assertTrue(Files.isExecutable(usb.resolve("safercities-kit.sh")));
        for (String launcher : List.of("SaferCitiesKit.cmd", "SaferCitiesKit.command", "safercities-kit.sh")) {
            String text = Files.readString(usb.resolve(launcher));
            assertFalse(text.contains("@JVM_FLAGS@"), launcher + ": the flags were written in");
            assertTrue(text.contains("-Xmx128m") && text.contains("-XX:+UseSerialGC"), launcher + " uses scripts/jvm-flags.sh");
        }
        assertTrue(Files.readString(usb.resolve("SaferCitiesKit.cmd")).contains("\r\n"), "Windows line ends in the .cmd");
        assertTrue(size(usb) < 120L * 1024 * 1024, "the layout's goal is 120 MB, it is " + size(usb) / (1024 * 1024) + " MiB");
    }

    @Test
    void theLinuxLauncherStartsOnTheSticksDataFolderOpensTheBrowserAndWritesNothingElsewhere() throws Exception {
        Path home = Files.createDirectories(work.resolve("home"));
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path opened = work.resolve("opened.txt");
        // a stand-in for the desktop's xdg-open: records the address the kit asked it to open
        Path xdgOpen = Files.writeString(bin.resolve("xdg-open"), "#!/bin/sh\necho \"$1\" > '" + opened + "'\n");
        Files.setPosixFilePermissions(xdgOpen, PosixFilePermissions.fromString("rwxr-xr-x"));
        // a signed kit profile beside the launchers, as a national forum puts it on the stick
        char[] pass = "forum passphrase".toCharArray();
        org.safercities.crypto.OpenPgp.OfficeKey forum = org.safercities.crypto.OpenPgp.generateKey("Test Forum <f@example.org>", pass);
        Path profile = usb.resolve("kit-profile.json");
        Files.writeString(profile, "{\"name\":\"Stick test profile\",\"country\":\"KE\",\"signer\":"
                + jakarta.json.Json.createValue(forum.armouredPublicKey()) + "}");
        Files.writeString(Path.of(profile + ".asc"), org.safercities.crypto.OpenPgp.signDetached(Files.newInputStream(profile),
                forum.armouredSecretKey(), pass));
        Set<String> before = listing(usb, "data");

        ProcessBuilder pb = new ProcessBuilder(usb.resolve("safercities-kit.sh").toString(), "--port", "0")
                .directory(home.toFile()).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("PATH", bin + ":/usr/bin:/bin");
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process kit = pb.start();
        started.add(kit);
        try {
            int port = KitConsole.port(kit);
            HttpResponse<String> setup = get(port, "/setup");
            assertEquals(200, setup.statusCode());
            assertTrue(setup.body().contains("name=\"cityCode\""), "the set-up form");
            assertTrue(setup.body().contains("Stick test profile"), "offers the profile found beside the launcher");
            assertEquals("\"store\":\"setup\"", field(get(port, "/health").body()), "an empty folder leads to set-up");
            waitFor(opened);
            assertEquals("http://127.0.0.1:" + port + "/", Files.readString(opened).strip(), "the browser was asked to open the kit");
            assertTrue(Files.isRegularFile(usb.resolve("data/logs/kit.0.log")), "the log is in the stick's data folder");
            assertTrue(Files.isDirectory(usb.resolve("data/tmp")), "temporary files go to the data folder");
        } finally {
            kit.destroy();
            assertTrue(kit.waitFor(30, TimeUnit.SECONDS), "stops on SIGTERM");
        }
        try (Stream<Path> h = Files.list(home)) {
            assertEquals(List.of(), h.toList(), "nothing written to HOME or the working folder");
        }
        assertEquals(before, listing(usb, "data"), "nothing written on the stick outside data/");
        assertFalse(Files.exists(Path.of(System.getProperty("java.io.tmpdir"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(kit.pid()))), "no performance file in the system's temporary folder");
    }

    @Test
    void aFolderGivenAsFirstArgumentIsTheDataFolder() throws Exception {
        Path chosen = work.resolve("chosen data");   // a space, as in "My Documents"
        Process kit = new ProcessBuilder(usb.resolve("safercities-kit.sh").toString(), chosen.toString(), "--port", "0")
                .redirectErrorStream(true).start();
        started.add(kit);
        try {
            int port = KitConsole.port(kit);
            assertEquals(200, get(port, "/setup").statusCode());
            Files.deleteIfExists(usb.resolve("kit-profile.json"));
            Files.deleteIfExists(usb.resolve("kit-profile.json.asc"));
            assertTrue(Files.isRegularFile(chosen.resolve("logs/kit.0.log")), "the chosen folder is the data folder");
            assertTrue(Files.isDirectory(chosen.resolve("tmp")));
        } finally {
            kit.destroy();
            assertTrue(kit.waitFor(30, TimeUnit.SECONDS));
        }
    }

    private static String field(String json) {
        Matcher m = Pattern.compile("\"store\":\"[a-z]+\"").matcher(json);
        return m.find() ? m.group() : json;
    }

    private static void waitFor(Path file) throws InterruptedException {
        for (int i = 0; i < 200 && !Files.exists(file); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(file), "xdg-open was called");
    }

    static Set<String> listing(Path root, String except) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.map(p -> root.relativize(p).toString()).filter(p -> !p.equals(except) && !p.startsWith(except + "/"))
                    .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        }
    }

    static long size(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
