package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;
import org.safercities.platform.setup.Demo;

/** Headers, CSRF, sessions, sign-in answers and throttling, role checks: through real HTTP. */
class SecurityTest {

    static TestKit kit;

    @BeforeAll
    static void start() throws Exception {
        kit = TestKit.demo();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        Browser b = kit.browser();
        for (String path : new String[] {"/login", "/health", "/assets/kit.css", "/no-such-page"}) {
            HttpResponse<String> r = b.get(path);
            String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), path + " CSP " + csp);
            assertTrue(csp.contains("frame-ancestors 'none'"), path);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElse(""), path);
        }
        b.signIn(Demo.COORDINATOR, Demo.PASSWORD);
        assertEquals("no-store", b.get("/").headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> missing = b.get("/no-such-page");
        assertEquals(404, missing.statusCode(), "an unknown path is a 404 page, not an error");
        assertTrue(missing.body().contains("This page or record does not exist."));
    }

    @Test
    void sessionCookieIsHttpOnlyStrictAndRotatesAtSignIn() {
        Browser b = kit.browser();
        HttpResponse<String> login = b.get("/login");
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.toLowerCase().contains("samesite=strict"), setCookie);
        String before = b.cookie(Sessions.COOKIE);
        assertEquals(22, before.length(), "128-bit id, base64url");
        assertEquals(303, b.post("/login", Map.of("username", Demo.COORDINATOR, "password", Demo.PASSWORD)).statusCode());
        String after = b.cookie(Sessions.COOKIE);
        assertNotEquals(before, after, "new session id at sign-in");
        assertEquals(200, b.get("/").statusCode());
    }

    @Test
    void formsWithoutTokenOrFromAnotherSiteAreRefused() {
        Browser b = kit.browser();
        b.signIn(Demo.COORDINATOR, Demo.PASSWORD);
        b.get("/areas/new");
        Map<String, String> area = Map.of("code", "X-1", "name", "Forged", "parentId", "1");
        assertEquals(403, b.postRaw("/areas", area, Map.of()).statusCode(), "no token");
        assertEquals(403, b.postRaw("/areas", Map.of("code", "X-1", "name", "Forged", "parentId", "1", "_csrf", "wrong"),
                Map.of()).statusCode(), "wrong token");
        Map<String, String> withToken = new java.util.HashMap<>(area);
        withToken.put("_csrf", b.csrf);
        assertEquals(403, b.postRaw("/areas", withToken, Map.of("Origin", "http://evil.example")).statusCode(), "other origin");
        assertEquals(403, b.postRaw("/areas", withToken, Map.of("Sec-Fetch-Site", "cross-site")).statusCode(), "cross-site");
        assertFalse(b.get("/areas").body().contains("Forged"), "nothing was created");
    }

    @Test
    void aRealBrowsersOwnFormIsAcceptedWithOriginNull() {
        // Chromium under Referrer-Policy: no-referrer sends Origin: null and Sec-Fetch-Site: same-origin
        Browser b = kit.browser();
        b.get("/login");
        HttpResponse<String> r = b.postRaw("/login", Map.of("username", Demo.COORDINATOR, "password", Demo.PASSWORD,
                "_csrf", b.csrf), Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin"));
        assertEquals(303, r.statusCode());
        // but not from a sandboxed frame of another site, nor without the token
        Browser other = kit.browser();
        other.get("/login");
        assertEquals(403, other.postRaw("/login", Map.of("username", "x", "password", "y", "_csrf", other.csrf),
                Map.of("Origin", "null", "Sec-Fetch-Site", "cross-site")).statusCode());
        assertEquals(403, other.postRaw("/login", Map.of("username", "x", "password", "y"),
                Map.of("Origin", "null", "Sec-Fetch-Site", "same-origin")).statusCode());
    }

    @Test
    void getNeverChangesStateAndUnknownUserLooksLikeWrongPassword() {
        Browser b = kit.browser();
        HttpResponse<String> wrong = b.signIn("demo-analyst", "not the password");
        HttpResponse<String> unknown = b.signIn("nobody-here", "not the password");
        assertEquals(401, wrong.statusCode());
        assertEquals(401, unknown.statusCode());
        String message = "The user name or the password is not right.";
        assertTrue(wrong.body().contains(message) && unknown.body().contains(message));
        assertNotEquals(200, b.get("/logout").statusCode(), "sign-out is a POST only");
    }

    @Test
    void fiveFailuresLockTheAccountForAWhileWhateverThePassword() {
        Browser b = kit.browser();
        for (int i = 0; i < 5; i++) {
            assertEquals(401, b.signIn("demo-member", "wrong " + i).statusCode());
        }
        HttpResponse<String> locked = b.signIn("demo-member", Demo.PASSWORD);
        assertEquals(429, locked.statusCode());
        assertTrue(locked.body().contains("Too many failed attempts"));
        assertEquals(303, kit.browser().signIn("demo-analyst", Demo.PASSWORD).statusCode(), "other accounts unaffected");
    }

    @Test
    void rolesAreCheckedOnTheServer() {
        Browser partner = kit.browser();
        partner.signIn("demo-partner", Demo.PASSWORD);
        assertEquals(200, partner.get("/areas").statusCode(), "partners see the areas");
        assertEquals(403, partner.get("/accounts").statusCode());
        assertEquals(403, partner.get("/areas/new").statusCode());
        assertEquals(403, partner.get("/audit").statusCode());
        assertEquals(403, partner.post("/areas", Map.of("code", "P-1", "name", "By partner", "parentId", "1")).statusCode());
        Browser analyst = kit.browser();
        analyst.signIn("demo-analyst", Demo.PASSWORD);
        assertEquals(403, analyst.get("/backups").statusCode());
        Browser admin = kit.browser();
        admin.signIn("demo-admin", Demo.PASSWORD);
        HttpResponse<String> audit = admin.get("/audit?action=access.denied");
        assertTrue(audit.body().contains("/accounts") && audit.body().contains("demo-partner"), "denials are audited");
    }

    @Test
    void aReplayedRequestWithAnOldTokenOrSessionIsRefused() {
        Browser b = kit.browser();
        b.get("/login");
        String anonymousToken = b.csrf;
        b.post("/login", Map.of("username", Demo.COORDINATOR, "password", Demo.PASSWORD));
        b.get("/areas/new");
        String root = b.get("/areas").body().replaceAll("(?s).*href=\"/areas/(\\d+)\">Demo City<.*", "$1");
        Map<String, String> area = Map.of("code", "REPLAY-1", "name", "Replayed", "parentId", root, "_csrf", anonymousToken);
        assertEquals(403, b.postRaw("/areas", area, Map.of()).statusCode(), "the pre-sign-in token died with its session");
        String token = b.csrf;
        b.post("/logout", Map.of());
        Map<String, String> withOld = new java.util.HashMap<>(area);
        withOld.put("_csrf", token);
        HttpResponse<String> replay = b.postRaw("/areas", withOld, Map.of());
        assertTrue(replay.statusCode() == 401 || replay.statusCode() == 403, "after sign-out: " + replay.statusCode());
        Browser admin = kit.browser();
        admin.signIn("demo-admin", Demo.PASSWORD);
        assertFalse(admin.get("/areas").body().contains("Replayed"));
    }

    @Test
    void signOutEndsTheSession() {
        Browser b = kit.browser();
        b.signIn(Demo.COORDINATOR, Demo.PASSWORD);
        assertEquals(200, b.get("/").statusCode());
        assertEquals(303, b.post("/logout", Map.of()).statusCode());
        HttpResponse<String> after = b.get("/");
        assertEquals(303, after.statusCode());
        assertTrue(after.headers().firstValue("Location").orElseThrow().startsWith("/login"));
    }

    @Test
    void disablingAnAccountEndsItsSessionsAtOnce() {
        Browser analyst = kit.browser();
        analyst.signIn("demo-analyst", Demo.PASSWORD);
        assertEquals(200, analyst.get("/areas").statusCode());
        Browser admin = kit.browser();
        admin.signIn("demo-admin", Demo.PASSWORD);
        String list = admin.get("/accounts").body();
        String id = list.replaceAll("(?s).*href=\"/accounts/(\\d+)\">demo-analyst<.*", "$1");
        assertEquals(303, admin.post("/accounts/" + id + "/disable", Map.of()).statusCode());
        assertEquals(303, analyst.get("/areas").statusCode(), "signed out at once");
        assertEquals(401, kit.browser().signIn("demo-analyst", Demo.PASSWORD).statusCode());
        assertEquals(303, admin.post("/accounts/" + id + "/enable", Map.of()).statusCode());
        assertEquals(303, kit.browser().signIn("demo-analyst", Demo.PASSWORD).statusCode());
    }

    /** An account page asked for before the account exists answers 404, and the account's own page once it does. */
    @Test
    void anAccountPageAskedForTooEarlyIsThereOnceTheAccountExists() {
        Browser admin = kit.browser();
        admin.signIn("demo-admin", Demo.PASSWORD);
        long next = kit.scalar("SELECT MAX(id) FROM platform_account") + 1;
        assertEquals(404, admin.get("/accounts/" + next).statusCode());
        admin.get("/accounts/new");
        assertEquals(303, admin.post("/accounts", Map.of("username", "early-bird", "displayName", "Early Bird",
                "role", "analyst", "lang", "", "password", "an early password given", "confirm",
                "an early password given")).statusCode());
        String id = admin.get("/accounts").body().replaceAll("(?s).*href=\"/accounts/(\\d+)\">early-bird<.*", "$1");
        assertEquals(String.valueOf(next), id, "identity gave the next id");
        assertEquals(200, admin.get("/accounts/" + id).statusCode(), "it was cached as not found");
    }

    @Test
    void theAdministratorSetsANewPasswordForSomeoneWhoForgotIt() {
        Browser admin = kit.browser();
        admin.signIn("demo-admin", Demo.PASSWORD);
        admin.get("/accounts/new");
        assertEquals(303, admin.post("/accounts", Map.of("username", "joseph", "displayName", "Joseph Kamau",
                "role", "analyst", "lang", "", "password", "the first password given", "confirm",
                "the first password given")).statusCode());
        Browser joseph = kit.browser();
        joseph.signIn("joseph", "the first password given");
        assertEquals(200, joseph.get("/").statusCode());
        String id = admin.get("/accounts").body().replaceAll("(?s).*href=\"/accounts/(\\d+)\">joseph<.*", "$1");
        admin.get("/accounts/" + id);
        HttpResponse<String> weak = admin.post("/accounts/" + id + "/password", Map.of("newPassword", "12345678",
                "newConfirm", "12345678"));
        assertEquals(422, weak.statusCode());
        assertTrue(weak.body().contains("most common"));
        assertEquals(303, admin.post("/accounts/" + id + "/password", Map.of("newPassword", "a fresh start for joseph",
                "newConfirm", "a fresh start for joseph")).statusCode());
        assertEquals(303, joseph.get("/").statusCode(), "his open session ended");
        assertEquals(401, kit.browser().signIn("joseph", "the first password given").statusCode());
        assertEquals(303, kit.browser().signIn("joseph", "a fresh start for joseph").statusCode());
        assertTrue(admin.get("/audit?action=account.password.reset").body().contains("joseph"));
        Browser coordinator = kit.browser();
        coordinator.signIn(Demo.COORDINATOR, Demo.PASSWORD);
        assertEquals(403, coordinator.post("/accounts/" + id + "/password", Map.of("newPassword", "x", "newConfirm", "x"))
                .statusCode(), "administrators only");
    }

    @Test
    void openRedirectsAreNotFollowed() {
        Browser b = kit.browser();
        b.get("/login");
        HttpResponse<String> r = b.post("/login", Map.of("username", Demo.COORDINATOR, "password", Demo.PASSWORD,
                "next", "//evil.example/x"));
        assertEquals("/", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void textIsEscapedEverywhere() {
        Browser b = kit.browser();
        b.signIn(Demo.COORDINATOR, Demo.PASSWORD);
        b.get("/areas/new");
        String root = b.get("/areas").body().replaceAll("(?s).*href=\"/areas/(\\d+)\">Demo City<.*", "$1");
        HttpResponse<String> r = b.post("/areas", Map.of("code", "XSS-1", "name", "<img src=x onerror=alert(1)>",
                "parentId", root));
        assertEquals(303, r.statusCode(), r.body());
        String page = b.get("/areas").body();
        assertTrue(page.contains("&lt;img src&#61;x onerror&#61;alert(1)&gt;"), "Mustache escapes < > and =");
        assertFalse(page.contains("<img src=x"));
    }
}
