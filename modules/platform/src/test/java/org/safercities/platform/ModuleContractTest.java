package org.safercities.platform;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.helidon.webserver.http.HttpRouting;

import org.junit.jupiter.api.Test;

import org.safercities.platform.accounts.Role;
import org.safercities.platform.store.DataFolder;
import org.safercities.platform.web.Visit;

/**
 * A feature module as later issues will write them: its routes, menu entry, migration and demo data reach the
 * kit through {@link KitModule} only; switched off, it leaves no trace; an area it refers to cannot be deleted.
 */
class ModuleContractTest {

    /** A minimal module: notes tied to areas. */
    static final class NotesModule implements KitModule {
        private final PlatformServices platform;
        int demoAreas = -1;

        NotesModule(PlatformServices platform) {
            this.platform = platform;
        }

        @Override
        public String name() {
            return "notes";
        }

        @Override
        public List<String> migrationFiles() {
            return List.of("V001__create_note.sql");
        }

        @Override
        public void routing(HttpRouting.Builder routing) {
            routing.get("/notes", (req, res) -> {
                Visit.of(req).require(Role.STAFF);
                long n = platform.store().read(c -> {
                    try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM notes_note")) {
                        rs.next();
                        return rs.getLong(1);
                    }
                });
                res.send("notes: " + n);
            });
        }

        @Override
        public List<MenuEntry> menu() {
            return List.of(new MenuEntry("platform.menu.areas", "/notes", 1, Role.STAFF));
        }

        @Override
        public void loadDemo(DemoCity city) {
            demoAreas = city.wards().size();
            platform.store().tx(c -> {
                try (var ps = c.prepareStatement("INSERT INTO notes_note (area_id, text) VALUES (?, 'synthetic')")) {
                    ps.setLong(1, city.wards().get(0).id());
                    return ps.executeUpdate();
                }
            });
        }
    }

    private static Kit start(Path data, Map<String, String> settings, NotesModule[] holder) throws Exception {
        return Kit.start(TestKit.config(data, settings), List.of(new Kit.ModuleSpec("notes", p -> {
            holder[0] = new NotesModule(p);
            return holder[0];
        })), "test", Map.of(), Clock.systemDefaultZone(), TestKit.FAST);
    }

    @Test
    void aModuleContributesRoutesMenuMigrationsAndDemoDataAndCanBeSwitchedOff() throws Exception {
        Path data = Files.createTempDirectory("module-test");
        NotesModule[] notes = new NotesModule[1];
        try (Kit kit = start(data, Map.of("demo", "true"), notes)) {
            assertEquals(20, notes[0].demoAreas, "the demo city is handed to the module");
            Browser b = new Browser("http://127.0.0.1:" + kit.port());
            b.signIn("demo-coordinator", "demo-city-2026");
            assertEquals("notes: 1", b.get("/notes").body());
            String home = b.get("/").body();
            assertTrue(home.contains("href=\"/notes\""), "its menu entry shows");
            assertFalse(home.replaceAll("(?s).*<li class=\"step-card later\">\\s*<h2><span class=\"n\">1</span>.*", "").isEmpty());
            Browser partner = new Browser("http://127.0.0.1:" + kit.port());
            partner.signIn("demo-partner", "demo-city-2026");
            assertEquals(403, partner.get("/notes").statusCode());
            assertFalse(partner.get("/").body().contains("href=\"/notes\""), "menu entries follow roles");

            // an area that a module's record refers to cannot be deleted, and says why
            String ward = kit.store().read(c -> {
                try (var rs = c.createStatement().executeQuery("SELECT area_id FROM notes_note")) {
                    rs.next();
                    return rs.getString(1);
                }
            });
            b.get("/areas/" + ward);
            var refused = b.post("/areas/" + ward + "/delete", Map.of());
            assertEquals(409, refused.statusCode());
            assertTrue(refused.body().contains("refer to this area"));
        }
        // switched off by the profile: no route, no menu, its table untouched
        try (Kit kit = start(data, Map.of("modules.disabled", "notes"), new NotesModule[1])) {
            Browser b = new Browser("http://127.0.0.1:" + kit.port());
            b.signIn("demo-coordinator", "demo-city-2026");
            assertEquals(404, b.get("/notes").statusCode());
            assertFalse(b.get("/").body().contains("href=\"/notes\""));
        } finally {
            DataFolder.deleteTree(data);
        }
    }

    @Test
    void thePlatformKnowsNoFeatureModule() throws Exception {
        Pattern feature = Pattern.compile("org\\.safercities\\.(diagnosis|strategy|partnerships|monitoring|exchange|kit)\\b");
        try (var files = Files.walk(Path.of("src/main"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                // read as Latin-1: the pattern is ASCII, and the fonts under src/main are not UTF-8 text
                assertFalse(feature.matcher(Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1)).find(),
                        p + " names a feature module");
            }
        }
    }
}
