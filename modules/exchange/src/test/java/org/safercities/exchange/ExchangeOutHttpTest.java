package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.StrategyFigures;

/**
 * The sending side over real HTTP on the demo city with every other module beside it (real Derby, real files):
 * the review report pre-filled and saved with its version, the keys page and its refusals, an export started,
 * followed, written to a folder, opened by the recipient, listed; roles on the server.
 */
class ExchangeOutHttpTest {

    static TestKit kit;
    static ExchangeService service;
    static OpenPgp.OfficeKey forum;
    static org.safercities.platform.links.ModuleLinks links;

    @BeforeAll
    static void start() throws Exception {
        WholeDemoKit whole = WholeDemoKit.start("exchange-out");
        kit = whole.kit();
        links = whole.platform().links();
        service = whole.exchange().service();
        forum = OpenPgp.generateKey("National forum (test) <forum@example.org>", "forum pass".toCharArray());
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static Browser as(String who) {
        Browser b = kit.browser();
        assertEquals(303, b.signIn("demo-" + who, "demo-city-2026").statusCode());
        return b;
    }

    static Map<String, String> reviewFields(String version) {
        Map<String, String> f = new HashMap<>(Map.of("measures", "Street lights in two wards", "difficulties", "Budget late",
                "assistance", "GIS training", "practicesNote", "Solar lamps", "toolsShared", "3", "toolsPiloted", "1",
                "focalPoints", "9", "funds", "45000", "partnersEngaged", "14"));
        f.put("version", version);
        return f;
    }

    @Test
    void theReviewIsPreFilledFromTheOtherModulesThenSavedAndAStalePageIsRefused() {
        StrategyFigures strategy = links.find(StrategyFigures.class).orElseThrow();
        int cycle = strategy.current().orElseThrow().fromYear();
        long funds = strategy.budget().stream().filter(l -> l.year() == cycle).mapToLong(StrategyFigures.BudgetLine::amountMinor).sum();
        Browser b = as("coordinator");
        String list = b.get("/exchange/review?lang=en").body();
        assertTrue(list.contains("data-cycle=\"" + cycle + "\""), "the strategy's first year is a cycle");
        String page = b.get("/exchange/review/" + cycle + "?lang=en").body();
        assertTrue(page.contains("id=\"review-prefilled\""));
        assertFalse(page.contains("missing-module"), "every module is on");
        assertTrue(page.contains("name=\"funds\" value=\"" + Math.round(funds / 100.0) + "\""), "the year's budget");
        assertTrue(page.contains("Strategy version " + strategy.current().get().versionNumber()));
        String fr = b.get("/exchange/review/" + cycle + "?lang=fr").body();
        assertTrue(fr.contains("budget de la stratégie pour " + cycle), "a year is not written with a thousands separator");

        long audits = kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action LIKE 'exchange.review.%'");
        assertEquals(303, b.post("/exchange/review/" + cycle, reviewFields("")).statusCode());
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM exchange_review WHERE cycle = " + cycle));
        assertEquals(4_500_000, kit.scalar("SELECT funds_minor FROM exchange_review WHERE cycle = " + cycle));
        assertEquals(audits + 1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.review.create'"));

        Map<String, String> stale = reviewFields("");
        stale.put("measures", "typed on a page opened before the save");
        HttpResponse<String> conflict = b.post("/exchange/review/" + cycle, stale);
        assertEquals(409, conflict.statusCode());
        assertTrue(conflict.body().contains("typed on a page opened before the save"), "what was typed is kept");
        assertTrue(conflict.body().contains("id=\"review-stale\""));
        assertTrue(conflict.body().contains("name=\"version\" value=\"0\""), "the form now carries the stored version");
        Map<String, String> again = reviewFields("0");
        again.put("measures", "Street lights in two wards");
        assertEquals(303, b.post("/exchange/review/" + cycle, again).statusCode(), "saved from the version now shown");
        assertEquals(1, kit.scalar("SELECT version FROM exchange_review WHERE cycle = " + cycle));
        assertEquals("Street lights in two wards", service.saved(cycle).orElseThrow().measures());

        HttpResponse<String> bad = b.post("/exchange/review/" + cycle + "?lang=fr", Map.of("measures",
                "<script>alert(1)</script> appeler le 0712 345 678", "difficulties", "", "assistance", "",
                "practicesNote", "", "toolsShared", "-2", "toolsPiloted", "x", "focalPoints", "1", "funds", "1",
                "partnersEngaged", "1", "version", "1"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "kept and escaped");
        assertFalse(bad.body().contains("<script>alert(1)"));
        assertTrue(bad.body().contains("adresse") || bad.body().contains("téléphone"), "the personal-data message in French");
        assertEquals("Street lights in two wards", service.saved(cycle).orElseThrow().measures(), "nothing changed");

        String print = b.get("/exchange/review/" + cycle + "/print?lang=ar").body();
        assertTrue(print.contains("dir=\"rtl\""));
        assertTrue(print.contains("Street lights in two wards"));
    }

    @Test
    void rolesAreCheckedOnTheServer() {
        Browser partner = as("partner");
        assertEquals(403, partner.get("/exchange/review").statusCode());
        assertEquals(403, partner.get("/exchange/keys").statusCode());
        Browser analyst = as("analyst");
        assertEquals(200, analyst.get("/exchange/review/2025").statusCode());
        assertFalse(analyst.get("/exchange/review/2025").body().contains("id=\"review-save\""), "analysts read");
        assertEquals(403, analyst.post("/exchange/review/2025", reviewFields("0")).statusCode());
        analyst.get("/exchange/keys");
        assertEquals(403, analyst.post("/exchange/keys/recipients", Map.of("label", "x", "armoured", forum.armouredPublicKey())).statusCode());
        analyst.get("/exchange/export");
        assertEquals(403, analyst.post("/exchange/export", Map.of("fromYear", "2024", "toYear", "2024")).statusCode());
        assertEquals(200, analyst.get("/exchange/exports.csv").statusCode());
        Browser coordinator = as("coordinator");
        assertEquals(404, coordinator.get("/exchange/review/12").statusCode());
        coordinator.get("/exchange/export");
        assertEquals(403, coordinator.postRaw("/exchange/export", Map.of("fromYear", "2024", "toYear", "2024",
                "_csrf", "forged"), Map.of("Origin", kit.base())).statusCode(), "a forged token is refused");
        assertEquals(403, coordinator.postRaw("/exchange/keys/recipients", Map.of("armoured", forum.armouredPublicKey(),
                "_csrf", coordinator.csrf), Map.of("Origin", "http://evil.example")).statusCode(), "another site's form is refused");
    }

    @Test
    void theKeysPageShowsTheOfficeKeyAndRefusesWhatIsNotAUsablePublicKey() throws Exception {
        Browser b = as("coordinator");
        String page = b.get("/exchange/keys?lang=en").body();
        ExchangeStore.OfficeKeyRow office = service.officeKey();
        assertTrue(page.contains(OpenPgp.grouped(office.fingerprint())), "the fingerprint in groups of four");
        assertTrue(OpenPgp.grouped(office.fingerprint()).matches("([0-9A-F]{4} ){9}[0-9A-F]{4}"));
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.officekey.create'"),
                "the office key is made once, and its making audited");
        HttpResponse<String> asc = b.get("/exchange/keys/office.asc");
        assertEquals(office.fingerprint(), OpenPgp.readPublicKey(asc.body()).fingerprint());
        assertTrue(asc.headers().firstValue("Content-Disposition").orElse("").contains(".asc"));

        long keys = kit.scalar("SELECT COUNT(*) FROM exchange_key");
        long created = kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.key.create'");
        var un = OpenPgp.generateKey("UN-Habitat (test) <un@example.org>", "un pass".toCharArray());
        Path dir = Files.createTempDirectory("keys");
        Files.writeString(dir.resolve("junk.asc"), "-----BEGIN PGP PUBLIC KEY BLOCK-----\nnot a key\n-----END PGP PUBLIC KEY BLOCK-----\n");
        HttpResponse<String> junk = b.upload("/exchange/keys/recipients", dir.resolve("junk.asc"));
        assertEquals(422, junk.statusCode());
        assertTrue(junk.body().contains("not an OpenPGP public key"), junk.body());
        Files.writeString(dir.resolve("secret.asc"), un.armouredSecretKey());
        HttpResponse<String> secret = b.upload("/exchange/keys/recipients", dir.resolve("secret.asc"));
        assertEquals(422, secret.statusCode());
        assertTrue(secret.body().contains("secret key"), secret.body());
        byte[] big = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'A');
        Files.write(dir.resolve("big.asc"), big);
        HttpResponse<String> huge = b.upload("/exchange/keys/recipients", dir.resolve("big.asc"));
        assertEquals(413, huge.statusCode());
        assertTrue(huge.body().contains("too large"), huge.body());
        HttpResponse<String> own = b.post("/exchange/keys/senders", Map.of("label", "", "armoured", office.publicKey()));
        assertEquals(422, own.statusCode());
        assertTrue(own.body().contains("office&#39;s own key") || own.body().contains("office's own key"), "the office's own key is no sender");
        assertEquals(keys, kit.scalar("SELECT COUNT(*) FROM exchange_key"), "nothing stored");

        Files.writeString(dir.resolve("un.asc"), un.armouredPublicKey());
        HttpResponse<String> ok = b.upload("/exchange/keys/recipients", dir.resolve("un.asc"));
        assertEquals(200, ok.statusCode(), ok.body());
        assertTrue(ok.body().contains("\"redirect\""));
        HttpResponse<String> twice = b.post("/exchange/keys/recipients", Map.of("label", "<b>Forum</b>", "armoured", un.armouredPublicKey()));
        assertEquals(422, twice.statusCode());
        assertTrue(twice.body().contains("already in the list"));
        assertTrue(twice.body().contains("&lt;b&gt;Forum&lt;/b&gt;"), "the typed label kept, escaped");
        var other = OpenPgp.generateKey("Kisumu office <kisumu@example.org>", "k".toCharArray());
        assertEquals(303, b.post("/exchange/keys/senders", Map.of("label", "Kisumu", "armoured", other.armouredPublicKey())).statusCode());
        long sender = kit.scalar("SELECT id FROM exchange_key WHERE kind = 'sender'");
        assertEquals(303, b.post("/exchange/keys/senders/" + sender + "/delete", Map.of()).statusCode());
        assertEquals(404, b.post("/exchange/keys/senders/" + sender + "/delete", Map.of()).statusCode());
        assertEquals(created + 2, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.key.create'"));
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.key.delete'"));
        assertTrue(b.get("/exchange/keys").body().contains(OpenPgp.grouped(un.fingerprint())));
    }

    /** A key file whose body ends before its Content-Length is the client's fault: 400, as for forms (was 500). */
    @Test
    void aKeyFileCutShortIsABadRequest() throws Exception {
        Browser b = as("coordinator");
        b.get("/exchange/keys");
        String body = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGV";
        org.safercities.platform.RawHttp.Answer a = org.safercities.platform.RawHttp.send(kit.kit.port(),
                "POST /exchange/keys/recipients HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: "
                + org.safercities.platform.web.Sessions.COOKIE + "=" + b.cookie(org.safercities.platform.web.Sessions.COOKIE)
                + "\r\nX-CSRF-Token: " + b.csrf + "\r\nContent-Type: application/octet-stream\r\nContent-Length: 500"
                + "\r\nConnection: close\r\n\r\n" + body);
        assertEquals(400, a.status(), a.statusLine());
    }

    /** The forum's key among the recipients, once whichever test comes first. */
    static void addForumAsRecipient(Browser b) {
        b.get("/exchange/keys");
        if (kit.scalar("SELECT COUNT(*) FROM exchange_key WHERE kind = 'recipient' AND fingerprint = '" + forum.fingerprint() + "'") == 0) {
            assertEquals(303, b.post("/exchange/keys/recipients", Map.of("label", "Forum", "armoured", forum.armouredPublicKey())).statusCode());
        }
    }

    /** Ended exports are remembered for their status pages, the last few only: older ones go as new ones start. */
    @Test
    void onlyTheLastFewEndedExportsAreRemembered() throws Exception {
        Browser b = as("coordinator");
        addForumAsRecipient(b);
        int year = links.find(org.safercities.platform.links.DiagnosisFigures.class).orElseThrow().incidentYears().get(0);
        Path usb = Files.createTempDirectory("usb-stick");
        String firstJob = null;
        for (int n = 0; n < ExchangeService.ENDED_JOBS_KEPT + 3; n++) {
            b.get("/exchange/export");
            HttpResponse<String> started = b.post("/exchange/export", Map.of("fromYear", "" + year, "toYear", "" + year,
                    "folder", usb.toString()));
            assertEquals(303, started.statusCode(), started.body());
            String jobUrl = started.headers().firstValue("Location").orElseThrow();
            firstJob = firstJob == null ? jobUrl : firstJob;
            String status = "";
            for (int i = 0; i < 600 && !status.contains("\"running\":false"); i++) {
                Thread.sleep(100);
                status = b.get(jobUrl + "/status").body();
            }
            assertTrue(status.contains("\"phase\":\"done\""), status);
        }
        assertEquals(ExchangeService.ENDED_JOBS_KEPT + 1, service.jobsRemembered());
        assertEquals(404, b.get(firstJob + "/status").statusCode(), "the first is forgotten");
    }

    @Test
    void anExportIsWrittenToTheChosenFolderOpenedByTheRecipientAndListed() throws Exception {
        Browser b = as("coordinator");
        addForumAsRecipient(b);
        int year = links.find(org.safercities.platform.links.DiagnosisFigures.class).orElseThrow().incidentYears().get(0);
        String page = b.get("/exchange/export?fromYear=" + year + "&toYear=" + year + "&lang=en").body();
        assertTrue(page.contains("id=\"export-summary\""));
        assertTrue(page.contains("Recipients: " + kit.scalar("SELECT COUNT(*) FROM exchange_key WHERE kind = 'recipient'")));

        HttpResponse<String> relative = b.post("/exchange/export", Map.of("fromYear", "" + year, "toYear", "" + year, "folder", "usb"));
        assertEquals(422, relative.statusCode());
        assertTrue(relative.body().contains("full path"));
        HttpResponse<String> readOnly = b.post("/exchange/export", Map.of("fromYear", "" + year, "toYear", "" + year, "folder", "/proc"));
        assertEquals(422, readOnly.statusCode());
        assertTrue(readOnly.body().contains("cannot write to this folder"), "an unwritable folder is refused in words");
        assertTrue(readOnly.body().contains("value=\"/proc\""), "the typed folder is kept");
        assertEquals(422, b.post("/exchange/export", Map.of("fromYear", "2025", "toYear", "2020", "folder", "")).statusCode());

        Path usb = Files.createTempDirectory("usb-stick");
        long before = kit.scalar("SELECT COUNT(*) FROM exchange_export");
        long auditedBefore = kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.export.create'");
        HttpResponse<String> started = b.post("/exchange/export", Map.of("fromYear", "" + year, "toYear", "" + year,
                "folder", usb.toString()));
        assertEquals(303, started.statusCode(), started.body());
        String jobUrl = started.headers().firstValue("Location").orElseThrow();
        String status = "";
        for (int i = 0; i < 600 && !status.contains("\"running\":false"); i++) {
            Thread.sleep(100);
            status = b.get(jobUrl + "/status").body();
        }
        assertTrue(status.contains("\"phase\":\"done\""), status);
        String done = b.get(jobUrl + "?lang=en").body();
        assertTrue(done.contains("id=\"export-done\""), done);
        assertEquals(before + 1, kit.scalar("SELECT COUNT(*) FROM exchange_export"));
        List<Path> written;
        try (var s = Files.list(usb)) {
            written = s.toList();
        }
        assertEquals(1, written.size(), "the sealed file only, no temporary left: " + written);
        String name = written.get(0).getFileName().toString();
        assertTrue(name.matches("[a-z0-9-]+-" + year + "-" + year + "-\\d{8}-\\d{6}\\.zip\\.gpg"), name);

        var forumRow = new ExchangeStore.OfficeKeyRow(forum.fingerprint(), forum.userId(), forum.created(),
                forum.armouredPublicKey(), forum.armouredSecretKey(), "forum pass");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(written.get(0))) {
            var v = OfficeKeys.open(forumRow, in, zip, List.of(service.officeKey().publicKey()));
            assertEquals(service.officeKey().fingerprint(), v.signerFingerprint());
        }
        Map<String, byte[]> parts = ExportBuilderTest.unzip(zip.toByteArray());
        assertEquals(List.of(), ExportSchema.shipped().problems(jakarta.json.Json.createReader(new java.io.StringReader(
                new String(parts.get("export.json"), StandardCharsets.UTF_8))).readObject()));

        ExchangeStore.ExportRow row = service.exports().get(0);
        assertEquals(Files.size(written.get(0)), row.bytes());
        assertEquals(java.util.HexFormat.of().formatHex(ExportBuilder.sha256().digest(Files.readAllBytes(written.get(0)))), row.sha256());
        assertTrue(List.of(row.recipients().split(",")).contains(forum.fingerprint()), row.recipients());
        assertEquals(usb.toString(), row.writtenTo());
        assertEquals(auditedBefore + 1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.export.create'"));

        String listed = b.get("/exchange/export?lang=en").body();
        assertTrue(listed.contains(row.sha256()));
        String csv = b.get("/exchange/exports.csv").body();
        assertTrue(csv.contains(row.sha256()) && csv.contains(usb.toString()));
        HttpResponse<byte[]> file = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(kit.base() + "/exchange/export/" + row.id() + "/file")).header("Cookie",
                org.safercities.platform.web.Sessions.COOKIE + "=" + b.cookie(org.safercities.platform.web.Sessions.COOKIE))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, file.statusCode());
        assertArrayEquals(Files.readAllBytes(written.get(0)), file.body());
    }
}
