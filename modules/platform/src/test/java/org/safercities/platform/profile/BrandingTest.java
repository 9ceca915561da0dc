package org.safercities.platform.profile;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;
import org.safercities.platform.setup.SetupFlowTest;

/** The profile's brand name and PNG logo in the header of every page; what is refused, in words; no profile, no brand. */
class BrandingTest {

    @TempDir
    Path dir;

    static HttpResponse<byte[]> bytes(TestKit kit, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(kit.base() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void anAcceptedProfileBrandsTheHeaderOfEveryPageWithItsNameAndLogo() throws Exception {
        byte[] logo = Forum.png(120, 40);
        Path p = new Forum(dir).sign(",\"brandName\":\"Safer Kenya <b>2026</b>\",\"logoPng\":\"" + Forum.base64(logo) + "\"");
        try (TestKit kit = TestKit.start(Files.createTempDirectory("brand"), Map.of("profile.offered", p.toString()))) {
            String setup = kit.browser().get("/setup").body();
            assertFalse(setup.contains("class=\"national-brand\""), "an offered profile does not brand the kit before set-up");
            assertTrue(setup.contains("src=\"/kit-profile/logo.png\""), "the offered profile's logo is shown with its facts");
            HttpResponse<byte[]> offered = bytes(kit, "/kit-profile/logo.png");
            assertEquals(200, offered.statusCode(), "the offered logo is reachable during set-up");
            assertArrayEquals(logo, offered.body());

            Browser admin = SetupFlowTest.setUp(kit);
            for (String path : java.util.List.of("/", "/areas", "/city", "/kit-profile")) {
                String page = admin.get(path).body();
                assertTrue(page.contains("<span class=\"national-brand\"><img src=\"/kit-profile/logo.png?v=test\" alt=\"\" height=\"28\">"
                        + "<span dir=\"auto\">Safer Kenya &lt;b&gt;2026&lt;/b&gt;</span></span>"), path + " carries the brand, escaped");
            }
            Browser stranger = kit.browser();
            assertTrue(stranger.get("/login").body().contains("Safer Kenya &lt;b&gt;2026&lt;/b&gt;"), "the sign-in page too");
            HttpResponse<byte[]> served = bytes(kit, "/kit-profile/logo.png");
            assertEquals(200, served.statusCode(), "the logo needs no sign-in, like the kit's own icon");
            assertArrayEquals(logo, served.body(), "the very bytes the forum signed");
            assertEquals("image/png", served.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElseThrow());
            assertTrue(served.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        }
    }

    @Test
    void withoutAProfileTheHeaderIsTheKitsOwnAndThereIsNoLogo() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser admin = SetupFlowTest.setUp(kit);
            assertFalse(admin.get("/").body().contains("national-brand"));
            assertEquals(404, bytes(kit, "/kit-profile/logo.png").statusCode());
            assertTrue(admin.get("/kit-profile").body().contains("runs without a national kit profile"));
        }
    }

    @Test
    void aProfileWithoutBrandingLeavesTheHeaderAsItIs() throws Exception {
        Path p = new Forum(dir).sign("");
        try (TestKit kit = TestKit.start(Files.createTempDirectory("plain"), Map.of("profile.offered", p.toString()))) {
            Browser admin = SetupFlowTest.setUp(kit);
            assertTrue(admin.get("/kit-profile").body().contains("Kenya national kit 2026"), "the profile runs");
            assertFalse(admin.get("/").body().contains("national-brand"));
        }
    }

    @Test
    void anSvgAHugeImageOrABrandNameOnTwoLinesIsRefusedInWords() throws Exception {
        Forum forum = new Forum(dir);
        String svg = Forum.base64("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(StandardCharsets.UTF_8));
        Map<String, String> refusals = Map.of(
                ",\"logoPng\":\"" + svg + "\"", "must be a PNG image of at most 200 KB and 1,024 × 1,024 pixels",
                ",\"logoPng\":\"" + Forum.base64(Forum.png(2000, 10)) + "\"", "must be a PNG image of at most 200 KB",
                ",\"logoPng\":\"not base64!\"", "must be a PNG image",
                ",\"brandName\":\"Safer\\nKenya\"", "one line of 1 to 80 characters",
                ",\"brandName\":\"" + "K".repeat(81) + "\"", "one line of 1 to 80 characters");
        for (var r : refusals.entrySet()) {
            Path p = forum.sign(r.getKey());
            KitProfile.Refused e = assertThrows(KitProfile.Refused.class, () -> KitProfile.read(p, java.util.Set.of()));
            assertTrue(e.key().equals("platform.profile.refused.logo") || e.key().equals("platform.profile.refused.brand"), e.key());
            try (TestKit kit = TestKit.start(Files.createTempDirectory("refused"), Map.of("profile.offered", p.toString()))) {
                String page = kit.browser().get("/setup").body();
                assertTrue(page.contains(r.getValue()), "refused in words: " + r.getValue());
                assertFalse(page.contains("Kenya national kit 2026"), "nothing of it is offered");
                assertEquals(404, bytes(kit, "/kit-profile/logo.png").statusCode(), "nor its logo served");
            }
        }
    }
}
