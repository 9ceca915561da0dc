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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Starts the assembled jar as a person would (java -jar) and checks what a newcomer meets first. */
class JarSmokeTest {

    static final Path JAR = Path.of(System.getProperty("kit.jar", "target/safercities-kit.jar"));
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Path data;
    final List<Process> started = new ArrayList<>();

    @BeforeEach
    void folder() throws IOException {
        data = Files.createTempDirectory("smoke");
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : started) {
            p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        try (var walk = Files.walk(data)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx128m", "-XX:+UseSerialGC", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJarStartsOnTheDemoCityServesEverythingFromItselfAndStopsCleanly() throws Exception {
        assertTrue(Files.size(JAR) < 60L * 1024 * 1024, "jar budget 60 MB");
        Process kit = start("--demo", "--data", data.toString(), "--port", "0");
        int port = KitConsole.port(kit);
        HttpResponse<String> health = get(port, "/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"store\":\"ready\""), health.body());
        HttpResponse<String> login = get(port, "/login");
        assertEquals(200, login.statusCode());
        assertTrue(login.body().contains("demo-banner"), "the synthetic demo is labelled");
        assertFalse(login.body().matches("(?s).*(src|href)=\"https?://.*"), "nothing is fetched off the machine");
        for (String asset : List.of("/assets/kit.css", "/assets/kit.js", "/assets/icon.svg", "/assets/echarts.min.js")) {
            assertEquals(200, get(port, asset).statusCode(), asset);
        }
        assertTrue(get(port, "/assets/echarts.min.js").body().length() > 500_000, "the chart library is in the jar");

        // a second kit on the same data folder is refused with a readable message
        Process second = start("--data", data.toString(), "--port", "0");
        assertTrue(second.waitFor(60, TimeUnit.SECONDS));
        String out = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, second.exitValue(), out);
        assertTrue(out.contains("already using the data folder"), out);

        kit.destroy(); // SIGTERM: web server first, then the database
        assertTrue(kit.waitFor(30, TimeUnit.SECONDS), "stops within 30 s");
        assertFalse(Files.exists(data.resolve("derby.log")), "nothing written outside logs/");
    }

    @Test
    void helpAndBadArgumentsAndABadRestoreSayWhatToDo() throws Exception {
        Process help = start("--help");
        assertTrue(help.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue());
        assertTrue(new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("restore BACKUP.zip"));
        Process bad = start("--colour", "blue");
        assertTrue(bad.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        Path notBackup = Files.writeString(data.resolve("x.zip"), "nope");
        Process restore = start("restore", notBackup.toString(), "--data", data.resolve("d").toString());
        assertTrue(restore.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, restore.exitValue());
        assertTrue(new String(restore.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("not a readable Safer Cities Kit backup"));
    }
}
