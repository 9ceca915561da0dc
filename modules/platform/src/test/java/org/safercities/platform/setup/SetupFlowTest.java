package org.safercities.platform.setup;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;

public class SetupFlowTest {

    static Map<String, String> validSetup() {
        Map<String, String> f = new HashMap<>();
        f.put("name", "Nairobi");
        f.put("name_zh", "内罗毕");
        f.put("country", "KE");
        f.put("defaultLang", "en");
        f.put("currency", "KES");
        f.put("referenceYear", "2024");
        f.put("levels", "City\nSub-county\nWard");
        f.put("cityCode", "KE047");
        f.put("username", "amina");
        f.put("displayName", "Amina Odhiambo");
        f.put("password", "lanterns over the river");
        f.put("confirm", "lanterns over the river");
        return f;
    }

    /** Sets up a kit through the real form and returns the signed-in administrator's browser. */
    public static Browser setUp(TestKit kit) {
        return setUp(kit, Map.of());
    }

    public static Browser setUp(TestKit kit, Map<String, String> overrides) {
        Browser b = kit.browser();
        b.get("/setup");
        Map<String, String> f = validSetup();
        f.putAll(overrides);
        HttpResponse<String> r = b.post("/setup", f);
        assertEquals(303, r.statusCode(), r.body());
        return b;
    }

    @Test
    void emptyFolderLeadsToSetupAndHealthSaysSo() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = kit.browser();
            assertTrue(b.get("/health").body().contains("\"store\":\"setup\""));
            HttpResponse<String> r = b.get("/areas");
            assertEquals(303, r.statusCode());
            assertEquals("/setup", r.headers().firstValue("Location").orElseThrow());
            assertEquals(200, b.get("/setup").statusCode());
        }
    }

    @Test
    void rejectedSetupKeepsWhatWasTypedAndSaysWhy() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = kit.browser();
            b.get("/setup");
            Map<String, String> f = validSetup();
            f.put("password", "short");
            f.put("confirm", "short");
            f.put("country", "XX");
            f.put("name", "<script>alert(1)</script>Nairobi");
            HttpResponse<String> r = b.post("/setup", f);
            assertEquals(422, r.statusCode());
            assertTrue(r.body().contains("The password needs at least 8 characters."), "field error in the user's language");
            assertTrue(r.body().contains("Choose the country."));
            assertTrue(r.body().contains("value=\"Amina Odhiambo\""), "typed input kept");
            assertTrue(r.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;Nairobi"), "script shown escaped");
            assertFalse(r.body().contains("<script>alert(1)"));
            assertTrue(b.get("/health").body().contains("\"store\":\"setup\""), "nothing was created");
        }
    }

    @Test
    void commonPasswordIsRefused() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = kit.browser();
            b.get("/setup");
            Map<String, String> f = validSetup();
            f.put("password", "password123");
            f.put("confirm", "password123");
            HttpResponse<String> r = b.post("/setup", f);
            assertEquals(422, r.statusCode());
            assertTrue(r.body().contains("most common"));
        }
    }

    @Test
    void setupCreatesCityRootAreaAndAdministratorThenSetupIsGone() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = setUp(kit);
            HttpResponse<String> home = b.follow(b.get("/"));
            assertEquals(200, home.statusCode());
            assertTrue(home.body().contains("Nairobi"));
            assertTrue(b.get("/health").body().contains("\"store\":\"ready\""));
            assertEquals(303, b.get("/setup").statusCode(), "set-up is offered only once");
            HttpResponse<String> areas = b.get("/areas");
            assertTrue(areas.body().contains("KE047"));
            // the same data folder starts ready after a restart, and the administrator can sign in
            kit.restart(Map.of());
            Browser again = kit.browser();
            assertEquals(303, again.signIn("amina", "lanterns over the river").statusCode());
            assertEquals(200, again.get("/accounts").statusCode());
        }
    }
}
