package org.safercities.platform.profile;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;
import org.safercities.platform.areas.Area;
import org.safercities.platform.setup.SetupFlowTest;

/** The profile's area tree: checked when read, refused in words when broken, loaded under the city at set-up. */
class AreaTreeTest {

    @TempDir
    Path dir;

    static final String TREE = ",\"areas\":["
            + "{\"code\":\"KE047\",\"name\":\"Nairobi\"},"
            + "{\"code\":\"KE047-PK\",\"name\":\"Parklands\",\"parent\":\"KE047-WL\"},"  // before its parent: order is free
            + "{\"code\":\"KE047-WL\",\"name\":\"Westlands\",\"parent\":\"KE047\",\"altName\":\"Westi\",\"altNameLang\":\"sw\"},"
            + "{\"code\":\"KE047-KS\",\"name\":\"Kasarani\",\"parent\":\"KE047\"},"
            + "{\"code\":\"KE001\",\"name\":\"Mombasa\"},"
            + "{\"code\":\"KE001-MV\",\"name\":\"Mvita\",\"parent\":\"KE001\"}]";

    static Map<String, String> setup(String cityCode) {
        Map<String, String> f = new HashMap<>();
        f.put("cityCode", cityCode);
        return f;
    }

    @Test
    void theCitysAreasAreCreatedUnderItAtSetUpAndNoOtherCitys() throws Exception {
        Path p = new Forum(dir).sign(TREE);
        KitProfile read = KitProfile.read(p, Set.of());
        assertEquals(List.of("KE047", "KE001"), read.cities().stream().map(KitProfile.AreaNode::code).toList());
        assertEquals(List.of("KE047-WL", "KE047-KS", "KE047-PK"), read.areasUnder("KE047").stream().map(KitProfile.AreaNode::code).toList(),
                "parents before children");
        try (TestKit kit = TestKit.start(Files.createTempDirectory("tree"), Map.of("profile.offered", p.toString()))) {
            Browser b = kit.browser();
            String page = b.get("/setup").body();
            assertTrue(page.contains("The kit profile carries the areas of these cities: KE047 (Nairobi), KE001 (Mombasa)"), "the codes are named");
            assertTrue(page.contains("cities: 2; areas under them: 4"));

            HttpResponse<String> wrong = b.post("/setup", merged("KE999"));
            assertEquals(422, wrong.statusCode());
            assertTrue(wrong.body().contains("The kit profile has no areas for this city code. Use one of: KE047, KE001"), "refused in words");
            assertTrue(wrong.body().contains("value=\"KE999\""), "what was typed is kept");
            assertEquals("setup", kit.kit.store().state().wire(), "nothing was created");

            Map<String, String> fewLevels = merged("KE047");
            fewLevels.put("levels", "City\nSub-county");
            b.get("/setup");
            HttpResponse<String> shallow = b.post("/setup", fewLevels);
            assertEquals(422, shallow.statusCode());
            assertTrue(shallow.body().contains("need 3 level names"));

            b.get("/setup");
            assertTrue(b.follow(b.post("/setup", merged("KE047"))).body().contains("3 areas of the city came with it"), "the officer is told");
            var areas = kit.kit.store().read(c -> {
                Map<String, Area> byCode = new HashMap<>();
                try (var rs = c.createStatement().executeQuery("SELECT code, id FROM platform_area")) {
                    while (rs.next()) {
                        byCode.put(rs.getString(1), null);
                    }
                }
                return byCode.keySet();
            });
            assertEquals(Set.of("KE047", "KE047-WL", "KE047-KS", "KE047-PK"), areas, "Nairobi and its areas, not Mombasa's");
            assertEquals(2, kit.scalar("SELECT a.level FROM platform_area a WHERE a.code = 'KE047-PK'"));
            assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_area a JOIN platform_area p ON a.parent_id = p.id "
                    + "WHERE a.code = 'KE047-PK' AND p.code = 'KE047-WL'"), "under its parent");
            assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_area WHERE code = 'KE047-WL' AND alt_name = 'Westi' AND alt_name_lang = 'sw'"));
            assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'kit-profile.apply'"));
            assertTrue(b.get("/areas").body().contains("Parklands"), "the areas page shows them");
        }
    }

    /** The valid set-up form with the given city code. */
    static Map<String, String> merged(String cityCode) {
        Map<String, String> f = new HashMap<>(validSetup());
        f.put("cityCode", cityCode);
        return f;
    }

    static Map<String, String> validSetup() {
        Map<String, String> f = new HashMap<>();
        f.put("name", "Nairobi");
        f.put("country", "KE");
        f.put("defaultLang", "en");
        f.put("currency", "KES");
        f.put("referenceYear", "2024");
        f.put("levels", "City\nSub-county\nWard");
        f.put("username", "amina");
        f.put("displayName", "Amina Odhiambo");
        f.put("password", "lanterns over the river");
        f.put("confirm", "lanterns over the river");
        return f;
    }

    @Test
    void aStickForOneCityFillsInItsCodeAndName() throws Exception {
        Path p = new Forum(dir).sign(",\"areas\":[{\"code\":\"KE047\",\"name\":\"Nairobi\"},{\"code\":\"W1\",\"name\":\"Ward 1\",\"parent\":\"KE047\"}]");
        try (TestKit kit = TestKit.start(Files.createTempDirectory("one"), Map.of("profile.offered", p.toString()))) {
            String page = kit.browser().get("/setup").body();
            assertTrue(page.contains("id=\"cityCode\" name=\"cityCode\" value=\"KE047\""), "the code");
            assertTrue(page.contains("value=\"Nairobi\""), "the name");
        }
    }

    @Test
    void aProfileWithoutATreeSetsUpAsBefore() throws Exception {
        Path p = new Forum(dir).sign("");
        try (TestKit kit = TestKit.start(Files.createTempDirectory("none"), Map.of("profile.offered", p.toString()))) {
            SetupFlowTest.setUp(kit);
            assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_area"), "the city alone");
        }
    }

    @Test
    void aBrokenTreeRefusesTheProfileInWords() throws Exception {
        Forum forum = new Forum(dir);
        Map<String, String> broken = new java.util.LinkedHashMap<>();
        broken.put("[{\"code\":\"A\",\"name\":\"A\"},{\"code\":\"A\",\"name\":\"Again\"}]", "lists the area code A more than once");
        broken.put("[{\"code\":\"A\",\"name\":\"A\"},{\"code\":\"B\",\"name\":\"B\",\"parent\":\"Z\"}]",
                "the area B does not lead up to a city: its parent Z is not in the area tree");
        broken.put("[{\"code\":\"A\",\"name\":\"A\",\"parent\":\"B\"},{\"code\":\"B\",\"name\":\"B\",\"parent\":\"A\"}]",
                "or the parents go round in a circle");
        broken.put("[{\"code\":\"A\",\"name\":\"A\"},{\"code\":\"B\",\"name\":\"B\",\"parent\":\"A\"},{\"code\":\"C\",\"name\":\"C\",\"parent\":\"B\"},"
                + "{\"code\":\"D\",\"name\":\"D\",\"parent\":\"C\"}]", "the area D is at level 4, but the profile names only 3 area levels");
        broken.put("[{\"code\":\"a b\",\"name\":\"A\"}]", "whose code \"a b\" is not a valid area code");
        broken.put("[{\"code\":\"A\",\"name\":\"  \"}]", "an area, A, without a name");
        for (var e : broken.entrySet()) {
            Path p = forum.sign(",\"areas\":" + e.getKey());
            assertThrows(KitProfile.Refused.class, () -> KitProfile.read(p, Set.of()), e.getKey());
            try (TestKit kit = TestKit.start(Files.createTempDirectory("broken"), Map.of("profile.offered", p.toString()))) {
                String page = kit.browser().get("/setup").body().replace("&quot;", "\"");
                assertTrue(page.contains(e.getValue()), "refused in words: " + e.getValue());
                assertFalse(page.contains("Kenya national kit 2026"), "nothing of it is offered");
            }
        }
    }
}
