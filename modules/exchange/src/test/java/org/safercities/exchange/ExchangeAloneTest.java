package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.helidon.webserver.http.HttpRouting;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.links.NationalProfile;

/**
 * The exchange module with every other module switched off, on a kit profile that names one recipient (a small
 * NationalProfile published by a test module, as the platform does): the review form says which modules would fill
 * it, the profile's recipient is listed and cannot be deleted, and an export of empty figures is still made,
 * sealed to that recipient and valid against the schema.
 */
class ExchangeAloneTest {

    static TestKit kit;
    static ExchangeService service;
    static OpenPgp.OfficeKey forum = OpenPgp.generateKey("National forum (profile) <forum@example.org>", "p".toCharArray());

    static final class Profile implements KitModule {
        Profile(ModuleLinks links) {
            links.publish(NationalProfile.class, new NationalProfile() {
                public String name() {
                    return "Test national kit 2026";
                }

                public String country() {
                    return "KE";
                }

                public List<NationalIndicator> indicators() {
                    return List.of();
                }

                public List<Recipient> recipients() {
                    return List.of(new Recipient("National forum", forum.armouredPublicKey()));
                }
            });
        }

        public String name() {
            return "profile";
        }

        public List<String> migrationFiles() {
            return List.of();
        }

        public void routing(HttpRouting.Builder routing) {
        }

        public List<MenuEntry> menu() {
            return List.of();
        }
    }

    @BeforeAll
    static void start() throws Exception {
        ExchangeModule[] module = new ExchangeModule[1];
        kit = TestKit.start(Files.createTempDirectory("exchange-alone"), Map.of("demo", "true"), List.of(
                new Kit.ModuleSpec("profile", p -> new Profile(p.links())),
                new Kit.ModuleSpec("exchange", p -> module[0] = new ExchangeModule(p))));
        service = module[0].service();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static Browser coordinator() {
        Browser b = kit.browser();
        assertEquals(303, b.signIn("demo-coordinator", "demo-city-2026").statusCode());
        return b;
    }

    @Test
    void theReviewSaysWhichModulesWouldFillItAndStillSaves() {
        Browser b = coordinator();
        String page = b.get("/exchange/review/2025?lang=en").body();
        assertTrue(page.contains("The strategy module is switched off"));
        assertTrue(page.contains("The partnerships module is switched off"));
        assertTrue(page.contains("The monitoring module is switched off"));
        assertTrue(page.contains("name=\"funds\" value=\"0\""), "nothing pre-filled");
        assertEquals(303, b.post("/exchange/review/2025", Map.of("measures", "Lights", "difficulties", "", "assistance", "",
                "practicesNote", "", "toolsShared", "0", "toolsPiloted", "0", "focalPoints", "0", "funds", "0",
                "partnersEngaged", "0", "version", "")).statusCode());
        assertTrue(b.get("/exchange/review?lang=zh").body().contains("已保存"));
    }

    @Test
    void theProfilesRecipientIsListedNotDeletableAndTheExportIsSealedToIt() throws Exception {
        Browser b = coordinator();
        String keys = b.get("/exchange/keys?lang=en").body();
        assertTrue(keys.contains(OpenPgp.grouped(forum.fingerprint())));
        assertTrue(keys.contains("From the kit profile"));
        assertFalse(keys.contains("/exchange/keys/recipients/"), "no delete button for the profile's key");
        HttpResponse<String> again = b.post("/exchange/keys/recipients", Map.of("label", "", "armoured", forum.armouredPublicKey()));
        assertEquals(422, again.statusCode(), "the profile's key is already a recipient");

        int year = service.thisYear() - 1;
        HttpResponse<String> started = b.post("/exchange/export", Map.of("fromYear", "" + year, "toYear", "" + year, "folder", ""));
        assertEquals(303, started.statusCode(), started.body());
        String url = started.headers().firstValue("Location").orElseThrow();
        String status = "";
        for (int i = 0; i < 600 && !status.contains("\"running\":false"); i++) {
            Thread.sleep(100);
            status = b.get(url + "/status").body();
        }
        assertTrue(status.contains("\"phase\":\"done\""), status);
        ExchangeStore.ExportRow row = service.exports().get(0);
        assertEquals(forum.fingerprint(), row.recipients());
        Path file = service.defaultFolder().resolve(row.fileName());
        assertEquals(kit.data.resolve("exports").toString(), row.writtenTo(), "<data>/exports by default");
        var forumRow = new ExchangeStore.OfficeKeyRow(forum.fingerprint(), forum.userId(), forum.created(),
                forum.armouredPublicKey(), forum.armouredSecretKey(), "p");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(file)) {
            OfficeKeys.open(forumRow, in, zip, List.of(service.officeKey().publicKey()));
        }
        var parts = ExportBuilderTest.unzip(zip.toByteArray());
        var json = jakarta.json.Json.createReader(new java.io.StringReader(new String(parts.get("export.json"),
                StandardCharsets.UTF_8))).readObject();
        assertEquals(List.of(), ExportSchema.shipped().problems(json));
        assertEquals(0, json.getJsonArray("incidents").size(), "no diagnosis, no incidents");
        assertTrue(json.isNull("strategy"));
        try (var s = Files.list(service.defaultFolder())) {
            assertEquals(List.of(file), s.toList(), "no temporary file left beside the export");
        }
    }
}
