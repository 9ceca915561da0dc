package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;

/**
 * The good-practice library over real HTTP (exchange module alone): record, refuse with the input kept (422),
 * edit from the version read (409 when someone saved first), delete; received practices read-only; search and
 * filters; CSV; roles; script in the fields escaped and formulae neutralised.
 */
class PracticeLibraryHttpTest {

    static TestKit kit;
    static PlatformServices platform;

    @BeforeAll
    static void start() throws Exception {
        PlatformServices[] holder = new PlatformServices[1];
        kit = TestKit.start(Files.createTempDirectory("exchange-practices"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("exchange", p -> {
                    holder[0] = p;
                    return new ExchangeModule(p);
                })));
        platform = holder[0];
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static Browser as(String who) {
        return kit.signedIn("demo-" + who, "demo-city-2026");
    }

    static List<Map.Entry<String, String>> fields(String title, String contact, String version, String... groups) {
        List<Map.Entry<String, String>> f = new ArrayList<>(List.of(Map.entry("title", title),
                Map.entry("problem", "Dark lanes near the bus station"), Map.entry("intervention", "Solar lamps and murals"),
                Map.entry("preventionType", "situational"), Map.entry("evidence", "Fewer incidents after dark"),
                Map.entry("cost", "KES 1.2m"), Map.entry("contactRole", contact), Map.entry("version", version)));
        for (String g : groups) {
            f.add(Map.entry("targetGroups", g));
        }
        return f;
    }

    static long id(HttpResponse<String> r) {
        String loc = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError(r.statusCode() + " " + r.body()));
        return Long.parseLong(loc.substring(loc.lastIndexOf('/') + 1));
    }

    @Test
    void aPracticeIsRecordedEditedFromItsVersionAndDeleted() {
        Browser b = as("analyst");
        b.get("/exchange/practices/new?lang=en");
        long before = kit.scalar("SELECT COUNT(*) FROM exchange_practice");
        HttpResponse<String> bad = b.postAll("/exchange/practices",
                fields("Lamps <script>alert(1)</script>", "Ms Amina, amina@example.org", "0", "women_girls"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("id=\"practice-refused\""));
        assertTrue(bad.body().contains("Leave personal contact details out"), "the reason beside the field");
        assertTrue(bad.body().contains("value=\"Lamps &lt;script&gt;alert(1)&lt;/script&gt;\""), "kept and escaped");
        assertTrue(bad.body().contains("value=\"women_girls\" checked"), "the ticked group is kept");
        assertFalse(bad.body().contains("<script>alert(1)"));
        assertEquals(before, kit.scalar("SELECT COUNT(*) FROM exchange_practice"));

        HttpResponse<String> ok = b.postAll("/exchange/practices", fields("Lamps <script>alert(1)</script>",
                "Head of works, municipality", "0", "women_girls", "older_persons"));
        assertEquals(303, ok.statusCode(), ok.body());
        long id = id(ok);
        String page = b.get("/exchange/practices/" + id).body();
        assertTrue(page.contains("Lamps &lt;script&gt;"));
        assertTrue(page.contains("women and girls, older persons"));
        assertTrue(page.contains("id=\"edit-practice\""));

        assertTrue(b.get("/exchange/practices/" + id + "/edit").body().contains("name=\"version\" value=\"0\""));
        assertEquals(303, b.postAll("/exchange/practices/" + id, fields("Lamps", "Head of works", "0")).statusCode());
        HttpResponse<String> stale = b.postAll("/exchange/practices/" + id, fields("Lamps again", "Head of works", "0"));
        assertEquals(409, stale.statusCode(), "a save from the page read before the last save");
        assertTrue(stale.body().contains("Someone saved this practice after you opened it"));
        assertTrue(stale.body().contains("value=\"Lamps again\""), "the typed text is kept");
        assertEquals("Lamps", platform.store().read(c -> new ExchangeStore().practice(c, id)).orElseThrow().title());
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.practice.update'"));

        assertEquals(303, b.post("/exchange/practices/" + id + "/delete", Map.of()).statusCode());
        assertEquals(404, b.get("/exchange/practices/" + id).statusCode());
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.practice.delete'"));
    }

    @Test
    void receivedPracticesAreReadOnlyWithTheirCityAndTheListSearchesAndExports() {
        ExchangeStore sql = new ExchangeStore();
        long theirs = platform.store().tx(c -> sql.insertPractice(c, new PracticeForm("=HYPERLINK(\"http://x\")",
                "Theft at the market", "Wardens walk at night", "community_based", List.of("older_persons"), "", "", "", "0"),
                "Mombasa", 42L, Instant.now()));
        Browser b = as("coordinator");
        b.get("/exchange/practices?lang=en");
        long ours = id(b.postAll("/exchange/practices", fields("Football after school", "Youth officer", "0", "children_youth")));
        String page = b.get("/exchange/practices/" + theirs).body();
        assertTrue(page.contains("id=\"received-practice\""));
        assertTrue(page.contains("Mombasa"));
        assertFalse(page.contains("id=\"edit-practice\""), "no edit button on a received practice");
        assertEquals(409, b.get("/exchange/practices/" + theirs + "/edit").statusCode());
        assertEquals(409, b.postAll("/exchange/practices/" + theirs, fields("Mine", "", "0")).statusCode());
        b.get("/exchange/practices");
        assertEquals(409, b.post("/exchange/practices/" + theirs + "/delete", Map.of()).statusCode());

        String market = b.get("/exchange/practices?q=MARKET").body();
        assertTrue(market.contains("/exchange/practices/" + theirs + "\"") && !market.contains("/exchange/practices/" + ours + "\""));
        String own = b.get("/exchange/practices?origin=own").body();
        assertTrue(own.contains("/exchange/practices/" + ours + "\"") && !own.contains("/exchange/practices/" + theirs + "\""));
        String youth = b.get("/exchange/practices?group=children_youth&type=situational").body();
        assertTrue(youth.contains("Football after school"));
        assertTrue(b.get("/exchange/practices?type=criminal_justice").body().contains("id=\"no-practices\""));

        HttpResponse<String> csv = b.get("/exchange/practices.csv?origin=received");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains("\"'=HYPERLINK(\"\"http://x\"\")\""), csv.body());
        assertTrue(csv.body().contains(",Mombasa"));
        assertFalse(csv.body().contains("Football"), "the CSV is the filtered list");
    }

    @Test
    void everyoneReadsOnlyEditorsWrite() {
        Browser partner = as("partner");
        assertEquals(200, partner.get("/exchange/practices").statusCode());
        assertEquals(200, partner.get("/exchange/practices.csv").statusCode());
        assertEquals(403, partner.get("/exchange/practices/new").statusCode());
        assertEquals(403, partner.postAll("/exchange/practices", fields("Mine", "", "0")).statusCode());
        Browser member = as("member");
        member.get("/exchange/practices");
        assertEquals(403, member.postAll("/exchange/practices", fields("Mine", "", "0")).statusCode());
        assertFalse(member.get("/exchange/practices").body().contains("id=\"new-practice\""));
        assertTrue(as("admin").get("/exchange/practices").body().contains("id=\"new-practice\""));
    }
}
