package org.safercities.platform.setup;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;

class LanguageAndLockTest {

    @Test
    void theLanguageComesFromTheAccountThenQueryThenBrowserThenCityAndSticks() throws Exception {
        try (TestKit kit = TestKit.demo()) {
            Browser b = kit.browser();
            HttpResponse<String> ar = b.send(HttpRequest.newBuilder(URI.create(kit.base() + "/login"))
                    .header("Accept-Language", "ar-JO,ar;q=0.9,en;q=0.5").build());
            assertTrue(ar.body().contains("<html lang=\"ar\" dir=\"rtl\">"), "Accept-Language, right to left");
            assertTrue(b.get("/login?lang=zh").body().contains("<html lang=\"zh\" dir=\"ltr\">"));
            assertTrue(b.get("/login").body().contains("<html lang=\"zh\""), "?lang= is kept for the session");
            assertTrue(kit.browser().get("/login").body().contains("<html lang=\"en\""), "else the city default");

            b.signIn("demo-analyst", "demo-city-2026");
            b.get("/");
            assertEquals(303, b.post("/language", Map.of("lang", "ru", "next", "/areas")).statusCode());
            assertTrue(b.get("/areas").body().contains("<html lang=\"ru\""));
            // the choice is kept on the account: another browser, another day
            Browser other = kit.browser();
            other.signIn("demo-analyst", "demo-city-2026");
            assertTrue(other.get("/").body().contains("<html lang=\"ru\""));
            assertTrue(other.get("/?lang=fr").body().contains("<html lang=\"ru\""), "the account's choice comes first");
            // an unknown language is ignored, not an error
            assertEquals(303, other.post("/language", Map.of("lang", "xx<script>")).statusCode());
        }
    }

    @Test
    void anEncryptedStoreStartsLockedAndOnlyTheRightPassphraseOpensIt() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Map<String, String> f = new java.util.HashMap<>(SetupFlowTest.validSetup());
            f.put("encrypt", "on");
            f.put("passphrase", "short");
            f.put("passphraseConfirm", "short");
            Browser b = kit.browser();
            b.get("/setup");
            HttpResponse<String> refused = b.post("/setup", f);
            assertEquals(422, refused.statusCode());
            assertTrue(refused.body().contains("at least 12 characters"));
            f.put("passphrase", "our office passphrase 2026");
            f.put("passphraseConfirm", "our office passphrase 2026");
            b.get("/setup");
            assertEquals(303, b.post("/setup", f).statusCode());

            kit.restart(Map.of());
            Browser next = kit.browser();
            assertTrue(next.get("/health").body().contains("\"store\":\"locked\""));
            assertEquals("/unlock", next.get("/").headers().firstValue("Location").orElseThrow());
            assertEquals(200, next.get("/unlock").statusCode());
            HttpResponse<String> wrong = next.post("/unlock", Map.of("passphrase", "not our passphrase"));
            assertEquals(403, wrong.statusCode());
            assertTrue(wrong.body().contains("does not open the data"));
            assertTrue(next.get("/health").body().contains("\"store\":\"locked\""));
            next.get("/unlock");
            assertEquals(303, next.post("/unlock", Map.of("passphrase", "our office passphrase 2026")).statusCode());
            assertTrue(next.get("/health").body().contains("\"store\":\"ready\""));
            assertEquals(303, next.signIn("amina", "lanterns over the river").statusCode());
            assertTrue(next.get("/").body().contains("Nairobi"));
        }
    }
}
