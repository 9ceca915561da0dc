package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;

/**
 * Importing received exports over real HTTP, on a kit with the exchange module alone (every other module off): the
 * upload as kit.js sends it, the result page (signer, fingerprint in groups of four, city, period), the list and
 * its CSV, each refusal as a 422 in the user's language with nothing stored, roles, and script in an export's text.
 */
class ReceivingHttpTest {

    static final long CAP = 256 * 1024;
    static TestKit kit;
    static PlatformServices platform;
    static ExchangeStore.OfficeKeyRow forum;
    static Senders.Office nairobi;

    @BeforeAll
    static void start() throws Exception {
        PlatformServices[] holder = new PlatformServices[1];
        kit = TestKit.start(Files.createTempDirectory("exchange-import"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("exchange", p -> {
                    holder[0] = p;
                    return new ExchangeModule(p, CAP);
                })));
        platform = holder[0];
        // the same office key the module makes on first need
        forum = new OfficeKeys(platform.store(), new ExchangeStore(), platform.audit()).key(platform.city().profile().orElseThrow().name());
        nairobi = Senders.office("Nairobi", "KE");
        Senders.trust(platform.store(), nairobi, "Nairobi safety office");
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static Browser as(String who) {
        return kit.signedIn("demo-" + who, "demo-city-2026");
    }

    static Path file(byte[] bytes) throws Exception {
        Path p = Files.createTempFile("received", ".zip.gpg");
        Files.write(p, bytes);
        p.toFile().deleteOnExit();
        return p;
    }

    static String redirect(HttpResponse<String> r) {
        Matcher m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.statusCode() + " " + r.body());
        return m.group(1);
    }

    static HttpResponse<String> upload(Browser b, byte[] sealed) throws Exception {
        b.get("/exchange/import");
        return b.upload("/exchange/import", file(sealed));
    }

    @Test
    void anImportedExportShowsWhoSignedItWhenForWhichCityAndPeriod() throws Exception {
        Browser b = as("coordinator");
        byte[] sealed = Senders.seal(nairobi, Senders.zip(Senders.content(nairobi, 2024,
                List.of(Senders.value("16.1.1", "2024", 4.25, 200L), Senders.value("16.1.4", "2024", 55.0, 3L)),
                "Market lights")), forum.publicKey());
        HttpResponse<String> r = upload(b, sealed);
        assertEquals(200, r.statusCode(), r.body());
        String page = b.get(redirect(r) + "?lang=en").body();
        assertTrue(page.contains("Export of Nairobi imported, signed by Nairobi safety office."), "the notice");
        assertTrue(page.contains("id=\"signer\">Nairobi safety office<"), page);
        String grouped = OpenPgp.grouped(nairobi.key().fingerprint());
        assertTrue(grouped.matches("([0-9A-F]{4} )+[0-9A-F]{1,4}"), grouped);
        assertTrue(page.contains("id=\"fingerprint\">" + grouped + "<"));
        assertTrue(page.contains("id=\"city\">Nairobi (KE)<"));
        assertTrue(page.contains("<bdi>2024</bdi>"));
        assertTrue(page.contains("4.25"), "the indicator value");
        assertTrue(page.contains("class=\"num suppressed\">suppressed<"), "3 cases: hidden by the sender, shown as suppressed");
        assertTrue(page.contains("Market lights"), "its practice");
        assertTrue(page.contains("Lights in W01"), "its review report");
        String list = b.get("/exchange/received").body();
        assertTrue(list.contains("Nairobi safety office") && list.contains(grouped));
        HttpResponse<String> csv = b.get("/exchange/received.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().contains("Nairobi,KE,2024,Nairobi safety office," + grouped));

        long received = kit.scalar("SELECT COUNT(*) FROM exchange_received");
        HttpResponse<String> twice = upload(b, sealed);
        assertEquals(422, twice.statusCode());
        assertTrue(twice.body().contains("already received"), twice.body());
        assertEquals(received, kit.scalar("SELECT COUNT(*) FROM exchange_received"));
    }

    @Test
    void everyRefusalIsA422InTheUsersLanguageAndStoresNothing() throws Exception {
        Browser b = as("analyst");
        b.get("/exchange/import?lang=fr");
        byte[] zip = Senders.zip(Senders.content(nairobi, 2023, List.of(Senders.value("16.1.1", "2023", 5.0, 90L)), null));
        byte[] sealed = Senders.seal(nairobi, zip, forum.publicKey());
        byte[] flipped = sealed.clone();
        flipped[flipped.length / 3] ^= 0x40;
        var parts = Senders.unzip(zip);
        parts.put("export.json", "{\"schemaVersion\":\"1.0\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("a été modifié après sa signature", flipped);
        files.put("clé que ce bureau ne connaît pas", Senders.seal(Senders.office("Stranger", "TZ"), zip, forum.publicKey()));
        files.put("chiffré pour un autre bureau", Senders.seal(nairobi, zip, Senders.office("Other", "UG").publicKey()));
        files.put("n'est pas un export chiffré", zip);
        files.put("ne suit pas le schéma publié", Senders.seal(nairobi, Senders.rezip(parts, m -> m), forum.publicKey()));
        files.put("n'est pas signé", Senders.unsignedByGpg(zip, forum.publicKey(), forum.fingerprint()));
        files.put("dépasse 0 Mo".replace("0", Long.toString(Receiving.megabytes(CAP))),
                Senders.seal(nairobi, new java.util.Random(7).ints(CAP + 1024).collect(java.io.ByteArrayOutputStream::new,
                        (o, i) -> o.write(i), (x, y) -> x.write(y.toByteArray(), 0, y.size())).toByteArray(), forum.publicKey()));
        long received = kit.scalar("SELECT COUNT(*) FROM exchange_received");
        long practices = kit.scalar("SELECT COUNT(*) FROM exchange_practice");
        long refusals = kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.received.refused'");
        for (var f : files.entrySet()) {
            HttpResponse<String> r = b.upload("/exchange/import", file(f.getValue()));
            assertEquals(422, r.statusCode(), f.getKey() + ": " + r.body());
            assertTrue(r.body().contains(f.getKey()), f.getKey() + ": " + r.body());
        }
        assertEquals(received, kit.scalar("SELECT COUNT(*) FROM exchange_received"));
        assertEquals(practices, kit.scalar("SELECT COUNT(*) FROM exchange_practice"));
        assertEquals(refusals + files.size(), kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.received.refused'"));

        // without script (no JSON asked): the import page again, 422, with the reason above the form
        HttpResponse<String> page = b.send(HttpRequest.newBuilder(URI.create(kit.base() + "/exchange/import"))
                .header("Content-Type", "application/octet-stream").header("X-CSRF-Token", b.csrf)
                .header("Origin", kit.base()).header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip)).build());
        assertEquals(422, page.statusCode());
        assertTrue(page.body().contains("id=\"import-error\">Ce fichier n&#39;est pas un export chiffré")
                || page.body().contains("id=\"import-error\">Ce fichier n&#x27;est pas un export chiffré"), page.body());
        assertTrue(page.body().contains("id=\"export-file\""), "the form again");
    }

    @Test
    void onlyThoseWhoEditTheOfficesDataImportEveryoneReads() throws Exception {
        Browser partner = as("partner");
        assertEquals(403, partner.get("/exchange/import").statusCode());
        partner.get("/exchange/received");
        assertEquals(403, partner.upload("/exchange/import", file(new byte[] {1, 2, 3})).statusCode());
        assertEquals(200, partner.get("/exchange/received").statusCode());
        assertEquals(200, partner.get("/exchange/received.csv").statusCode());
        Browser member = as("member");
        assertEquals(403, member.get("/exchange/import").statusCode());
        assertEquals(404, member.get("/exchange/received/999999").statusCode());
        assertEquals(200, as("admin").get("/exchange/import").statusCode());
    }

    @Test
    void scriptInAReceivedExportIsShownAsTextAndFormulaeAreNeutralisedInCsv() throws Exception {
        Senders.Office evil = Senders.office("=cmd|' /C calc'!A0 <script>alert(1)</script>", "XX");
        Senders.trust(platform.store(), evil, "<b>Evil</b> office");
        ExportBuilder.Content c = Senders.content(evil, 2022, List.of(Senders.value("16.1.1", "2022", 1.0, 50L)),
                "<img src=x onerror=alert(2)>");
        Browser b = as("coordinator");
        HttpResponse<String> r = upload(b, Senders.seal(evil, Senders.zip(c), forum.publicKey()));
        assertEquals(200, r.statusCode(), r.body());
        String page = b.get(redirect(r)).body();
        assertFalse(page.contains("<script>alert(1)"), "the city name is escaped");
        assertFalse(page.contains("<img src=x"), "the practice title is escaped");
        assertFalse(page.contains("<b>Evil</b>"));
        assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        String list = b.get("/exchange/received").body();
        assertFalse(list.contains("<script>alert(1)"));
        String csv = b.get("/exchange/received.csv").body();
        assertTrue(csv.contains("\"'=cmd|' /C calc'!A0 <script>alert(1)</script>\"") || csv.contains("'=cmd|"), csv);
        assertFalse(csv.contains(",=cmd") || csv.contains("\n=cmd"), "a formula cell is neutralised");
    }
}
