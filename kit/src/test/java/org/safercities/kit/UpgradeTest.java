package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Kit;
import org.safercities.platform.store.DataFolder;

/**
 * A data folder made by an older kit opens in this one with its data intact; one made by a newer kit is refused
 * in words. The fixtures under {@code src/test/resources/upgrade/} are made by
 * {@code installers/fixtures/MakeUpgradeFixture.java} (its comment says how); add one per release.
 */
class UpgradeTest {

    static final String FIXTURE = "upgrade/data-0.1.0";
    Path data;

    @BeforeEach
    void unpack() throws IOException {
        data = Files.createTempDirectory("upgrade").resolve("data");
        Files.createDirectories(data);
        try (InputStream in = UpgradeTest.class.getClassLoader().getResourceAsStream(FIXTURE + ".zip");
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null;) {
                Path target = data.resolve(e.getName()).normalize();
                assertTrue(target.startsWith(data), e.getName());
                Files.createDirectories(target.getParent());
                Files.copy(z, target);
            }
        }
    }

    @AfterEach
    void clean() throws IOException {
        DataFolder.deleteTree(data.getParent());
    }

    static Properties expected() throws IOException {
        Properties p = new Properties();
        try (InputStream in = UpgradeTest.class.getClassLoader().getResourceAsStream(FIXTURE + ".properties")) {
            p.load(in);
        }
        return p;
    }

    @Test
    void aFolderFromTheReleasedKitOpensWithEveryRowAndItsEditsKept() throws Exception {
        Properties expected = expected();
        try (Kit kit = Main.start(Args.parse(new String[] {"--data", data.toString(), "--port", "0"}))) {
            for (String key : expected.stringPropertyNames()) {
                if (!key.startsWith("count.")) {
                    continue;
                }
                String table = key.substring("count.".length());
                long now = count(kit, "SELECT COUNT(*) FROM " + table);
                long before = Long.parseLong(expected.getProperty(key));
                if (table.equals("platform_audit")) {
                    assertTrue(now >= before, "the audit log only grows: " + now + " < " + before);
                } else {
                    assertEquals(before, now, table + " keeps its rows");
                }
            }
            assertTrue(expected.stringPropertyNames().size() > 10, "the fixture lists the tables it counted");
            assertEquals(1, count(kit, "SELECT COUNT(*) FROM platform_area WHERE name = '" + expected.getProperty("edit.area") + "'"));

            // and the people can work with it: the coordinator signs in and sees the edits on the modules' pages
            HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
            String base = "http://127.0.0.1:" + kit.port();
            String login = http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            assertTrue(csrf.find());
            HttpResponse<String> in = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
                            + "&username=demo-coordinator&password=demo-city-2026")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(303, in.statusCode(), "the fixture's accounts still sign in");
            assertTrue(page(http, base + "/areas").contains(expected.getProperty("edit.area")));
            assertTrue(page(http, base + "/partnerships/actors").contains(expected.getProperty("edit.actor")));
        }
    }

    @Test
    void aFolderFromANewerKitIsRefusedInWordsAndLeftAsItWas() throws Exception {
        String url = "jdbc:derby:" + data.resolve("db");
        int migrations;
        try (Connection c = DriverManager.getConnection(url)) {
            migrations = migrations(c);
            c.createStatement().executeUpdate("INSERT INTO platform_migration (module, version, file_name, checksum, applied_at) "
                    + "VALUES ('platform', 999, 'V999__from_the_future.sql', '" + "0".repeat(64) + "', CURRENT_TIMESTAMP)");
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true");
            } catch (SQLException closed) {
                assertEquals("08006", closed.getSQLState());
            }
        }
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Main.start(Args.parse(new String[] {"--data", data.toString(), "--port", "0"})).close());
        assertEquals("This data folder was made by a newer version of the kit (platform migration 999 is unknown here): "
                + "install the newer kit.", refused.getMessage());
        // nothing was applied to the newer folder, not even this kit's own newer migrations of other modules
        try (Connection c = DriverManager.getConnection(url)) {
            assertEquals(migrations + 1, migrations(c));
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true");
            } catch (SQLException closed) {
                assertEquals("08006", closed.getSQLState());
            }
        }
        // the folder can be opened again (the lock was released) and is refused the same way
        assertThrows(IllegalStateException.class, () -> Main.start(Args.parse(new String[] {"--data", data.toString(), "--port", "0"})).close());
    }

    private static int migrations(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM platform_migration")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static long count(Kit kit, String sql) {
        return kit.store().read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String page(HttpClient http, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        return r.body();
    }
}
