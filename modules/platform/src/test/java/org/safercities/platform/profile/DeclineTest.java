package org.safercities.platform.profile;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;

/**
 * Declining an offered profile at set-up: remembered in the data folder, set-up waits for the restart that drops
 * the profile's settings, the offer is not made again (unless another profile comes), and /kit-profile says so.
 */
class DeclineTest {

    @TempDir
    Path dir;

    static HttpResponse<String> choose(Browser b, String choice) {
        b.get("/setup");
        return b.post("/setup", Map.of("profileChoice", choice));
    }

    @Test
    void aDeclinedOfferIsRememberedAndTheKitSetsUpWithoutIt() throws Exception {
        Path p = new Forum(dir).sign(",\"suppressionThreshold\":9,\"brandName\":\"Safer Kenya\"");
        Map<String, String> offered = Map.of("profile.offered", p.toString());
        try (TestKit kit = TestKit.start(Files.createTempDirectory("decline"), offered)) {
            Browser b = kit.browser();
            String offer = b.get("/setup").body();
            assertTrue(offer.contains("Kenya national kit 2026") && offer.contains("Set up without this profile"));

            HttpResponse<String> declined = choose(b, "decline");
            assertEquals(303, declined.statusCode());
            assertEquals("/setup", declined.headers().firstValue("Location").orElseThrow());
            assertTrue(Files.exists(kit.data.resolve("profile/declined.properties")), "remembered in the data folder");
            String waiting = b.get("/setup").body();
            assertTrue(waiting.contains("close the kit (close its window) and start it again"), "a restart is asked for");
            assertFalse(waiting.contains("name=\"username\""), "no set-up form until then");
            HttpResponse<String> early = b.post("/setup", AreaTreeTest.merged("KE047"));
            assertEquals(409, early.statusCode(), "set-up waits for the restart");
            assertEquals("setup", kit.kit.store().state().wire());

            kit.restart(offered);
            Browser after = kit.browser();
            String page = after.get("/setup").body();
            assertTrue(page.contains("is set up without the national kit profile"), "the earlier choice is said once");
            assertFalse(page.contains("Set up without this profile"), "the offer is not made again");
            assertFalse(page.contains("option value=\"KE\" selected"), "nor its country filled in");
            after.get("/setup");
            assertEquals(303, after.post("/setup", AreaTreeTest.merged("KE047")).statusCode());
            Browser admin = kit.signedIn("amina", "lanterns over the river");
            String profilePage = admin.get("/kit-profile").body();
            assertTrue(profilePage.contains("runs without a national kit profile"));
            assertTrue(profilePage.contains("was declined") && profilePage.contains("Kenya national kit 2026"), "which one was declined");
            assertFalse(admin.get("/").body().contains("Safer Kenya"), "no branding");
            assertFalse(Files.exists(kit.data.resolve("profile/kit-profile.json")), "nothing applied");
            assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'kit-profile.decline'"));

            kit.restart(offered);
            assertTrue(kit.signedIn("amina", "lanterns over the river").get("/kit-profile").body().contains("was declined"),
                    "still said after another start");
        }
    }

    @Test
    void aDeclineCanBeTakenBackBeforeAndAfterTheRestartAndAnotherProfileIsOfferedAgain() throws Exception {
        Forum forum = new Forum(dir);
        Path p = forum.sign("");
        Map<String, String> offered = Map.of("profile.offered", p.toString());
        try (TestKit kit = TestKit.start(Files.createTempDirectory("undo"), offered)) {
            Browser b = kit.browser();
            choose(b, "decline");
            assertEquals(303, choose(b, "offer").statusCode());
            String back = b.get("/setup").body();
            assertTrue(back.contains("Set up without this profile") && back.contains("name=\"username\""),
                    "taken back in the same run: offered again, no restart needed");
            assertFalse(Files.exists(kit.data.resolve("profile/declined.properties")));

            choose(b, "decline");
            kit.restart(offered);
            Browser next = kit.browser();
            assertEquals(303, choose(next, "offer").statusCode());
            assertTrue(next.get("/setup").body().contains("the set-up page then offers the profile"), "a restart brings it back");
            kit.restart(offered);
            assertTrue(kit.browser().get("/setup").body().contains("Set up without this profile"), "offered again");

            choose(kit.browser(), "decline");
            Path other = forum.sign(",\"brandName\":\"A new edition\"");
            kit.restart(Map.of("profile.offered", other.toString()));
            assertTrue(kit.browser().get("/setup").body().contains("A new edition"), "another profile than the declined one is offered");

            Browser forged = kit.browser();
            forged.get("/setup");
            assertEquals(422, forged.post("/setup", Map.of("profileChoice", "<script>")).statusCode(), "an unknown choice changes nothing");
        }
    }
}
