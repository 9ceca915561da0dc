package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;

/**
 * Power loss, simulated: the built jar is started, two writers send mixed changes over HTTP (typed-in incidents,
 * new and edited actors, edited strategy actions; incident imports through upload, mapping, check and load), and
 * the JVM is killed with SIGKILL after a random delay, then started again; {@code -Dcycles=N} times (50 by
 * default; 1,000 by hand: bench/power-loss.sh). After every other kill the database is opened directly (Derby's
 * own recovery) and checked before the next start; the other cycles restart on the raw crash, and their restart
 * time (start to first page from the store) is recorded. Checked every time:
 * <ul>
 *   <li>every change the kit acknowledged (303) is stored: an edit holds its acknowledged value, or the value of
 *       the one edit still in flight at the kill;</li>
 *   <li>no import is half-stored: an import marked done holds exactly the rows it read, one acknowledged as done
 *       is done, and one cut short (still "running" at a check) has no rows left once the kit has started again.</li>
 * </ul>
 */
class PowerLossTest {

    static final Path JAR = Path.of(System.getProperty("kit.jar", "target/safercities-kit.jar"));
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    static final int CYCLES = Integer.getInteger("cycles", 50);
    static final long SEED = Long.getLong("powerloss.seed", System.nanoTime());
    static final int IMPORT_ROWS = 20;
    static final String USER = "demo-coordinator";
    static final String PASSWORD = "demo-city-2026";

    Path data;
    Process kit;

    // what the kit acknowledged (and what was in flight at the kill), across all cycles
    final Set<Long> incidents = ConcurrentHashMap.newKeySet();
    final Map<Long, String> actorName = new ConcurrentHashMap<>();
    final Map<Long, String> actorInFlight = new ConcurrentHashMap<>();
    final Map<Long, String> actionTitle = new ConcurrentHashMap<>();
    final Map<Long, String> actionInFlight = new ConcurrentHashMap<>();
    final Set<String> importsDone = ConcurrentHashMap.newKeySet(); // file names: import-<day>.csv
    final Set<Long> seenRunning = new HashSet<>();
    List<Long> actions = List.of();
    final List<String> writerFailures = java.util.Collections.synchronizedList(new ArrayList<>());
    int importDay;

    @AfterEach
    void stop() throws Exception {
        if (kit != null) {
            kit.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (data != null) {
            org.safercities.platform.store.DataFolder.deleteTree(data);
        }
    }

    /** Starts the jar; returns its port once it printed it, or fails with what it printed. */
    int start(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-Xmx128m", "-Xms48m", "-Xmn32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(), "--data", data.toString(), "--port", "0"));
        cmd.addAll(List.of(extra));
        kit = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return KitConsole.port(kit);
    }

    static String location(HttpResponse<String> r) {
        return r.headers().firstValue("Location").orElse("").replaceFirst("^https?://[^/]+", "");
    }

    static long idIn(String path, String prefix) {
        Matcher m = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(path);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    // ------------------------------------------------------------------ the writers

    /** Typed-in changes, one after the other, until the kit dies under them. */
    void typedWrites(Browser b, Random random, int cycle) {
        for (int n = 0; ; n++) {
            String marker = "pl-" + cycle + "-" + n;
            switch (random.nextInt(4)) {
                case 0 -> {
                    Map<String, String> f = Crawl.formValues(b.get("/diagnosis/incidents/new").body(), "/diagnosis/incidents");
                    f.put("date", "2024-03-15");
                    f.put("iccs", "0502");
                    HttpResponse<String> r = b.post("/diagnosis/incidents", f);
                    assertEquals(303, r.statusCode(), () -> "incident: " + r.body());
                    incidents.add(idIn(location(r), "/diagnosis/incidents/"));
                }
                case 1 -> {
                    Map<String, String> f = Crawl.formValues(b.get("/partnerships/actors/new").body(), "/partnerships/actors");
                    f.put("name", "Actor " + marker);
                    HttpResponse<String> r = b.post("/partnerships/actors", f);
                    assertEquals(303, r.statusCode(), () -> "actor: " + r.body());
                    actorName.put(idIn(location(r), "/partnerships/actors/"), "Actor " + marker);
                }
                case 2 -> {
                    if (actorName.isEmpty()) {
                        continue;
                    }
                    List<Long> ids = new ArrayList<>(actorName.keySet());
                    long id = ids.get(random.nextInt(ids.size()));
                    Map<String, String> f = Crawl.formValues(b.get("/partnerships/actors/" + id + "/edit").body(),
                            "/partnerships/actors/" + id);
                    String name = "Actor " + marker + " edited";
                    f.put("name", name);
                    actorInFlight.put(id, name);
                    HttpResponse<String> r = b.post("/partnerships/actors/" + id, f);
                    assertEquals(303, r.statusCode(), () -> "actor edit: " + r.body());
                    actorName.put(id, name);
                    actorInFlight.remove(id);
                }
                default -> {
                    if (actions.isEmpty()) {
                        continue;
                    }
                    long id = actions.get(random.nextInt(actions.size()));
                    Map<String, String> f = Crawl.formValues(b.get("/strategy/actions/" + id + "/edit").body(),
                            "/strategy/actions/" + id);
                    String title = "Action " + marker;
                    f.put("title", title);
                    actionInFlight.put(id, title);
                    HttpResponse<String> r = b.post("/strategy/actions/" + id, f);
                    assertEquals(303, r.statusCode(), () -> "action edit: " + r.body());
                    actionTitle.put(id, title);
                    actionInFlight.remove(id);
                }
            }
        }
    }

    static final Pattern REDIRECT = Pattern.compile("\"redirect\":\"([^\"]+)\"");
    static final Pattern NEW_VALUE = Pattern.compile("name=\"field\" value=\"([^\"]*)\"><input type=\"hidden\" name=\"local\" "
            + "value=\"([^\"]*)\">\\s*<select name=\"code\"[^>]*>(.*?)</select>", Pattern.DOTALL);

    /** Imports of IMPORT_ROWS incidents each (a day of their own, so none is a duplicate), until the kit dies. */
    void imports(Browser b, Path dir) throws Exception {
        while (true) {
            int day = importDay++;
            StringBuilder csv = new StringBuilder("date,type\n");
            String date = java.time.LocalDate.of(2010, 1, 1).plusDays(day).toString();
            for (int i = 0; i < IMPORT_ROWS; i++) {
                csv.append(date).append(",Theft\n");
            }
            Path file = Files.writeString(dir.resolve("import-" + day + ".csv"), csv);
            b.get("/diagnosis/import");
            HttpResponse<String> up = b.upload("/diagnosis/import", file);
            assertEquals(200, up.statusCode(), up.body());
            Matcher m = REDIRECT.matcher(up.body());
            assertTrue(m.find(), up.body());
            String mapping = m.group(1);
            Map<String, String> f = Crawl.formValues(b.get(mapping).body(), mapping);
            f.putAll(Map.of("newName", "Power loss " + day, "kind", "other", "date", "date", "category", "type"));
            HttpResponse<String> checked = b.post(mapping, f);
            assertEquals(303, checked.statusCode(), checked.body());
            String job = location(checked);
            String page = await(b, job);
            List<Map.Entry<String, String>> codes = new ArrayList<>();
            Matcher v = NEW_VALUE.matcher(page);
            while (v.find()) {
                Matcher sel = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(v.group(3));
                codes.add(Map.entry("field", v.group(1)));
                codes.add(Map.entry("local", Crawl.unescape(v.group(2))));
                codes.add(Map.entry("code", sel.find() ? sel.group(1) : "0502"));
            }
            HttpResponse<String> load = b.postAll(job + "/load", codes);
            assertEquals(303, load.statusCode(), load.body());
            String done = await(b, job);
            if (done.contains("The import is done.")) {
                importsDone.add(file.getFileName().toString());
            }
        }
    }

    static String await(Browser b, String job) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!b.get(job + "/status").body().contains("\"running\":true")) {
                return b.get(job).body();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job " + job + " did not finish");
    }

    // ------------------------------------------------------------------ the check

    /** Opens the killed kit's database here (Derby recovers it as the kit would) and checks what was promised. */
    void check(int cycle, List<String> failures) throws SQLException {
        String url = "jdbc:derby:" + data.resolve("db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            Set<Long> incidentIds = new HashSet<>();
            try (ResultSet rs = st.executeQuery("SELECT id FROM diagnosis_incident WHERE import_id IS NULL")) {
                while (rs.next()) {
                    incidentIds.add(rs.getLong(1));
                }
            }
            for (long id : incidents) {
                if (!incidentIds.contains(id)) {
                    failures.add("cycle " + cycle + ": acknowledged incident " + id + " is missing");
                }
            }
            compare(cycle, "actor", values(st, "SELECT id, name FROM partnerships_actor"), actorName, actorInFlight, failures);
            compare(cycle, "action", values(st, "SELECT id, title FROM strategy_action"), actionTitle, actionInFlight, failures);
            Map<Long, String> status = new HashMap<>();
            Map<String, String> statusOfFile = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT id, status, file_name FROM diagnosis_import WHERE file_name LIKE 'import-%'")) {
                while (rs.next()) {
                    status.put(rs.getLong(1), rs.getString(2));
                    statusOfFile.put(rs.getString(3), rs.getString(2));
                }
            }
            for (Map.Entry<Long, String> e : status.entrySet()) {
                long id = e.getKey();
                int rows = importRows(c, id);
                if (e.getValue().equals("done") && rows != IMPORT_ROWS) {
                    failures.add("cycle " + cycle + ": import " + id + " is done with " + rows + " rows of " + IMPORT_ROWS);
                } else if (e.getValue().equals("running")) {
                    if (seenRunning.contains(id)) {
                        failures.add("cycle " + cycle + ": import " + id + " cut short is still running after a restart");
                    }
                    seenRunning.add(id);
                } else if (!e.getValue().equals("done") && seenRunning.contains(id) && rows > 0) {
                    failures.add("cycle " + cycle + ": import " + id + " cut short (" + e.getValue() + ") kept " + rows + " rows");
                }
            }
            for (String file : importsDone) {
                if (!"done".equals(statusOfFile.get(file))) {
                    failures.add("cycle " + cycle + ": import " + file + " acknowledged as done is " + statusOfFile.get(file));
                }
            }
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            if (!"08006".equals(expected.getSQLState())) {
                throw expected;
            }
        }
    }

    static Map<Long, String> values(Statement st, String sql) throws SQLException {
        Map<Long, String> out = new HashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1), rs.getString(2));
            }
        }
        return out;
    }

    static void compare(int cycle, String what, Map<Long, String> stored, Map<Long, String> acked, Map<Long, String> inFlight,
            List<String> failures) {
        for (Map.Entry<Long, String> e : acked.entrySet()) {
            String s = stored.get(e.getKey());
            if (!e.getValue().equals(s) && !(s != null && s.equals(inFlight.get(e.getKey())))) {
                failures.add("cycle " + cycle + ": " + what + " " + e.getKey() + " is '" + s + "', acknowledged '" + e.getValue() + "'");
            }
        }
    }

    static int importRows(Connection c, long importId) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM diagnosis_inc_" + importId)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException noTable) {
            if ("42X05".equals(noTable.getSQLState())) {
                return 0;
            }
            throw noTable;
        }
    }

    // ------------------------------------------------------------------ the cycles

    @Test
    void everyAcknowledgedChangeSurvivesAKillAndNoImportIsHalfStored() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "the jar is built first: " + JAR);
        System.setProperty("derby.stream.error.file", Files.createTempFile("powerloss-derby", ".log").toString());
        data = Files.createTempDirectory("powerloss");
        Path uploads = Files.createTempDirectory("powerloss-files");
        Random random = new Random(SEED);
        System.out.println("PowerLossTest: " + CYCLES + " cycles, -Dpowerloss.seed=" + SEED);

        int port = start("--demo");
        prepareDraft(port);
        List<String> failures = new ArrayList<>();
        List<Long> crashRestarts = new ArrayList<>();
        List<Long> checkedRestarts = new ArrayList<>();
        for (int cycle = 0; cycle < CYCLES && failures.isEmpty(); cycle++) {
            Browser typed = signIn(port);
            Browser importer = signIn(port);
            int c = cycle;
            Random r = new Random(random.nextLong());
            Thread a = Thread.ofPlatform().start(() -> quietly(() -> typedWrites(typed, r, c)));
            Thread b = Thread.ofPlatform().start(() -> quietly(() -> imports(importer, uploads)));
            Thread.sleep(200 + random.nextInt(1300));
            kit.destroyForcibly(); // SIGKILL
            assertTrue(kit.waitFor(30, TimeUnit.SECONDS));
            a.join(30_000);
            b.join(30_000);
            if (!writerFailures.isEmpty()) {
                failures.add("cycle " + cycle + ": a writer failed while the kit was running: " + writerFailures);
            }
            boolean checkNow = cycle % 2 == 0;
            if (checkNow) {
                check(cycle, failures);
            }
            long t0 = System.nanoTime();
            port = start();
            awaitStore(port);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            (checkNow ? checkedRestarts : crashRestarts).add(ms);
            if ((cycle + 1) % 50 == 0) {
                System.out.printf("PowerLossTest: after %d cycles, %d failures; restart after the raw crash: median %d ms, "
                        + "max %d ms%n", cycle + 1, failures.size(), median(crashRestarts),
                        crashRestarts.stream().mapToLong(x -> x).max().orElse(0));
            }
        }
        kit.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        check(CYCLES, failures);
        System.out.printf("PowerLossTest: %d cycles; acknowledged: %d incidents, %d actors, %d actions edited, %d imports "
                + "done, %d imports cut short; restart after the raw crash: median %d ms, max %d ms; after a check: median %d ms%n", CYCLES,
                incidents.size(), actorName.size(), actionTitle.size(), importsDone.size(), seenRunning.size(), median(crashRestarts),
                crashRestarts.stream().mapToLong(x -> x).max().orElse(0), median(checkedRestarts));
        System.out.println("PowerLossTest: where the restarts went (the kit's log): " + restartPhases());
        assertTrue(failures.isEmpty(), "after a kill (replay with -Dpowerloss.seed=" + SEED + "):\n" + String.join("\n", failures));
        assertTrue(incidents.size() + actorName.size() > CYCLES && importsDone.size() > 0,
                "the writers got through: the check checked something");
        assertTrue(crashRestarts.stream().allMatch(ms -> ms < 30_000), "every restart within 30 s: " + crashRestarts);
    }

    static final Pattern PHASES = Pattern.compile("Store opened in (\\d+) ms .* ready in (\\d+) ms; (-?\\d+) ms since the JVM started");

    /**
     * What the restarts spent their time on, from the line each start writes to the kit's log (Kit.start): Derby's
     * boot (its log recovery after a kill), the migrations' check and the modules' start-up work, and the JVM's start
     * to the store being ready (the rest of a restart: the JVM, class loading, Helidon's start).
     */
    String restartPhases() throws IOException {
        List<Long> boot = new ArrayList<>();
        List<Long> modules = new ArrayList<>();
        List<Long> jvm = new ArrayList<>();
        try (var logs = Files.list(data.resolve("logs"))) {
            for (Path f : logs.filter(p -> p.getFileName().toString().matches("kit\\.\\d+\\.log")).toList()) {
                // a kill can cut a line in the middle of a character: read leniently
                new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.UTF_8).lines().forEach(l -> {
                    Matcher m = PHASES.matcher(l);
                    if (m.find()) {
                        boot.add(Long.parseLong(m.group(1)));
                        modules.add(Long.parseLong(m.group(2)));
                        jvm.add(Long.parseLong(m.group(3)));
                    }
                });
            }
        }
        return String.format("%d starts; Derby's boot and recovery median %d ms, max %d ms; migrations and modules median %d ms, "
                + "max %d ms; JVM start to store ready median %d ms, max %d ms", boot.size(), median(boot), max(boot),
                median(modules), max(modules), median(jvm), max(jvm));
    }

    static long max(List<Long> xs) {
        return xs.stream().mapToLong(x -> x).max().orElse(0);
    }

    static long median(List<Long> xs) {
        List<Long> s = xs.stream().sorted().toList();
        return s.isEmpty() ? 0 : s.get(s.size() / 2);
    }

    interface Work {
        void run() throws Exception;
    }

    /** A writer ends when the kit dies under it; any other failure is the test's. */
    void quietly(Work w) {
        try {
            w.run();
        } catch (java.io.UncheckedIOException | IllegalStateException dead) {
            // the connection died with the kit: expected
        } catch (AssertionError e) {
            if (kit.isAlive()) {
                writerFailures.add(e.getMessage().length() > 2000 ? e.getMessage().substring(0, 2000) : e.getMessage());
            }
        } catch (Exception e) {
            if (kit.isAlive()) {
                writerFailures.add(e.toString());
            }
        }
    }

    Browser signIn(int port) {
        Browser b = new Browser("http://127.0.0.1:" + port);
        assertEquals(303, b.signIn(USER, PASSWORD).statusCode());
        return b;
    }

    void awaitStore(int port) throws InterruptedException {
        Browser b = new Browser("http://127.0.0.1:" + port);
        for (int i = 0; i < 600; i++) {
            if (b.get("/login").statusCode() == 200) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the store did not open");
    }

    /** The demo's strategy is adopted: a revision makes a draft whose actions can be edited. */
    void prepareDraft(int port) {
        Browser b = signIn(port);
        String overview = b.get("/strategy").body();
        Matcher v = Pattern.compile("/strategy/versions/(\\d+)\"").matcher(overview);
        if (!v.find()) {
            return;
        }
        String version = v.group(1);
        b.get("/strategy/versions/" + version);
        HttpResponse<String> revised = b.post("/strategy/versions/" + version + "/revise", Map.of());
        String draft = revised.statusCode() == 303 ? location(revised) : "/strategy/versions/" + version;
        List<Long> ids = new ArrayList<>();
        Matcher a = Pattern.compile("/strategy/actions/(\\d+)\"").matcher(b.get(draft).body());
        while (a.find()) {
            long id = Long.parseLong(a.group(1));
            if (!ids.contains(id) && b.get("/strategy/actions/" + id + "/edit").statusCode() == 200) {
                ids.add(id);
            }
        }
        actions = List.copyOf(ids);
        System.out.println("PowerLossTest: " + ids.size() + " draft actions to edit (" + draft + ")");
    }
}
