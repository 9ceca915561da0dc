package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.Browser;
import org.safercities.platform.areas.Area;

/** Actors over real HTTP: create, validation (422), edit conflicts (409), filters, delete, escaping, roles. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActorRoutesTest {

    private Fixture f;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private List<Map.Entry<String, String>> fields(String name, String type, String interest, String sectors, List<Area> areas,
            List<String> groups, String version) {
        List<Map.Entry<String, String>> out = new ArrayList<>(List.of(Map.entry("name", name), Map.entry("type", type),
                Map.entry("level", "local"), Map.entry("status", "engaged"), Map.entry("interest", interest),
                Map.entry("influence", "4"), Map.entry("sectors", sectors), Map.entry("notes", "n"),
                Map.entry("version", version)));
        areas.forEach(a -> out.add(Map.entry("areas", Long.toString(a.id()))));
        groups.forEach(g -> out.add(Map.entry("groups", g)));
        return out;
    }

    private long idOf(HttpResponse<String> r) {
        assertEquals(303, r.statusCode(), r.body());
        String loc = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(loc.replaceAll(".*/partnerships/actors/(\\d+).*", "$1"));
    }

    @Test
    void createShowEditAndDeleteAnActor() {
        Browser b = f.as("coordinator");
        b.get("/partnerships/actors/new");
        List<Area> wards = f.wards().subList(0, 2);
        long id = idOf(b.postAll("/partnerships/actors", fields("Mothers <script>alert(1)</script> Network", "women_led", "5",
                "lighting, transport", wards, List.of("women_girls", "children_youth"), "0")));
        Actor a = f.service().require(id);
        assertEquals(List.of(wards.get(0).id(), wards.get(1).id()).stream().sorted().toList(), a.areaIds());
        assertEquals(List.of("children_youth", "women_girls"), a.groups());
        assertEquals(5, a.interest());

        String page = b.get("/partnerships/actors/" + id).body();
        assertTrue(page.contains("Mothers &lt;script&gt;alert(1)&lt;/script&gt; Network"), "a name is shown escaped");
        assertFalse(page.contains("<script>alert(1)"));
        assertTrue(page.contains("Women-led organisation") && page.contains(wards.get(0).name()));

        // filters by type and area
        assertTrue(b.get("/partnerships/actors?type=women_led").body().contains("/partnerships/actors/" + id + "\""));
        assertFalse(b.get("/partnerships/actors?type=media").body().contains("/partnerships/actors/" + id + "\""));
        assertTrue(b.get("/partnerships/actors?area=" + wards.get(1).id()).body().contains("/partnerships/actors/" + id + "\""));

        // edit: saved once with version 0, then a second save from the same stale page is refused
        b.get("/partnerships/actors/" + id + "/edit");
        assertEquals(303, b.postAll("/partnerships/actors/" + id,
                fields("Mothers Network", "women_led", "4", "", wards, List.of(), "0")).statusCode());
        HttpResponse<String> stale = b.postAll("/partnerships/actors/" + id,
                fields("Mothers Network (stale)", "women_led", "2", "", wards, List.of(), "0"));
        assertEquals(409, stale.statusCode());
        assertTrue(stale.body().contains("Someone else changed this actor"));
        assertTrue(stale.body().contains("Mothers Network (stale)"), "the user's input is kept");
        assertEquals("Mothers Network", f.service().require(id).name());
        assertEquals(1, f.service().require(id).version());

        b.get("/partnerships/actors/" + id);
        assertEquals(303, b.post("/partnerships/actors/" + id + "/delete", Map.of()).statusCode());
        assertEquals(404, b.get("/partnerships/actors/" + id).statusCode());
        assertTrue(f.service().actor(id).isEmpty());
        assertFalse(f.audit("partnerships.actor.delete").isEmpty());
    }

    @Test
    void aWrongFormIsRefusedWith422InTheUsersLanguageAndKeepsTheInput() {
        Browser b = f.as("analyst");
        b.get("/partnerships/actors/new");
        int before = f.service().actors().size();
        HttpResponse<String> r = b.postAll("/partnerships/actors",
                fields(" ", "bogus", "9", "keep this sector", List.of(), List.of("nobody"), "0"));
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Enter a name of 1 to 200 characters."));
        assertTrue(r.body().contains("Choose a type from the list."));
        assertTrue(r.body().contains("Choose a score from 1 to 5."));
        assertTrue(r.body().contains("Choose target groups from the list."));
        assertTrue(r.body().contains("value=\"keep this sector\""));
        // an area that does not exist
        HttpResponse<String> badArea = b.postAll("/partnerships/actors", List.of(Map.entry("name", "X"),
                Map.entry("type", "ngo"), Map.entry("status", "engaged"), Map.entry("interest", "1"),
                Map.entry("influence", "1"), Map.entry("areas", "987654")));
        assertEquals(422, badArea.statusCode());
        assertTrue(badArea.body().contains("Choose areas from the area tree."));
        assertEquals(before, f.service().actors().size(), "nothing was saved");

        // in French
        assertEquals(303, b.post("/language", Map.of("lang", "fr", "next", "/partnerships/actors/new")).statusCode());
        b.get("/partnerships/actors/new");
        HttpResponse<String> fr = b.postAll("/partnerships/actors", fields("", "ngo", "3", "", List.of(), List.of(), "0"));
        assertEquals(422, fr.statusCode());
        assertTrue(fr.body().contains("Saisissez un nom"), fr.body());
        b.post("/language", Map.of("lang", "en"));
    }

    @Test
    void everyPageSpeaksTheSixLanguagesWithoutARawKey() {
        Browser b = f.as("coordinator");
        long any = f.service().actors().get(0).id();
        for (String lang : List.of("ar", "zh", "fr", "ru", "es", "en")) {
            b.get("/partnerships/actors");
            assertEquals(303, b.post("/language", Map.of("lang", lang)).statusCode());
            for (String path : List.of("/partnerships/actors", "/partnerships/actors/" + any, "/partnerships/actors/new",
                    "/partnerships/actors/" + any + "/edit", "/partnerships/grid", "/partnerships/gaps")) {
                HttpResponse<String> r = b.get(path);
                assertEquals(200, r.statusCode(), lang + " " + path);
                assertFalse(r.body().matches("(?s).*[^/]partnerships\\.[a-z].*"), lang + " " + path + " shows a raw key");
            }
        }
        assertTrue(b.get("/partnerships/gaps").body().contains("Coalition gaps"));
        b.post("/language", Map.of("lang", "ar"));
        String ar = b.get("/partnerships/actors").body();
        assertTrue(ar.contains("dir=\"rtl\"") && ar.contains("الشركاء وأصحاب المصلحة"));
        b.post("/language", Map.of("lang", "zh"));
        assertTrue(b.get("/partnerships/actors").body().contains("伙伴和利益攸关方"));
        b.post("/language", Map.of("lang", "en"));
    }

    @Test
    void commitmentsAreAddedCheckedAndRemoved() {
        long id = f.service().create(Fixture.form("Commitment NGO", "ngo", "engaged", List.of(), List.of()), "test", "-");
        Browser b = f.as("coordinator");
        b.get("/partnerships/actors/" + id);
        HttpResponse<String> bad = b.post("/partnerships/actors/" + id + "/commitments",
                Map.of("kind", "staff", "description", "Patrol the park", "endDate", "31/12/2026"));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Enter a date as YYYY-MM-DD.") && bad.body().contains("Patrol the park"));
        assertEquals(303, b.post("/partnerships/actors/" + id + "/commitments",
                Map.of("kind", "staff", "description", "Patrol the park", "endDate", LocalDate.now().minusDays(1).toString())).statusCode());
        String page = b.get("/partnerships/actors/" + id).body();
        assertTrue(page.contains("Patrol the park") && page.contains("Past its end date"));
        Commitment m = f.service().commitmentsOf(id).get(0);
        assertTrue(b.get("/partnerships/gaps").body().contains("Commitment NGO committed to “Patrol the park”"));
        Browser p = f.as("partner");
        assertEquals(403, p.post("/partnerships/actors/" + id + "/commitments",
                Map.of("kind", "staff", "description", "x", "endDate", LocalDate.now().minusDays(1).toString())).statusCode());
        assertEquals(403, p.post("/partnerships/commitments/" + m.id() + "/delete", Map.of()).statusCode());
        b.get("/partnerships/actors/" + id);
        assertEquals(303, b.post("/partnerships/commitments/" + m.id() + "/delete", Map.of()).statusCode());
        assertTrue(f.service().commitmentsOf(id).isEmpty());
        assertFalse(f.audit("partnerships.commitment.create").isEmpty());
        assertFalse(f.audit("partnerships.commitment.delete").isEmpty());
    }

    @Test
    void partnerViewersReadButDoNotChange() {
        Browser p = f.as("partner");
        assertEquals(200, p.get("/partnerships/actors").statusCode());
        assertEquals(200, p.get("/partnerships/grid").statusCode());
        assertEquals(200, p.get("/partnerships/gaps").statusCode());
        long any = f.service().actors().get(0).id();
        assertEquals(200, p.get("/partnerships/actors/" + any).statusCode());
        assertEquals(403, p.get("/partnerships/actors/new").statusCode());
        assertEquals(403, p.post("/partnerships/actors", Map.of("name", "x")).statusCode());
        assertEquals(403, p.get("/partnerships/actors/" + any + "/edit").statusCode());
        assertEquals(403, p.post("/partnerships/actors/" + any + "/delete", Map.of()).statusCode());
        assertTrue(f.service().actor(any).isPresent());
        String home = p.get("/").body();
        assertTrue(home.contains("href=\"/partnerships/actors\""), "the menu entry shows under step 4");
        assertEquals(404, p.get("/partnerships/actors/999999").statusCode());
    }

    @Test
    void theGridPlacesEveryActorByInfluenceAndInterest() {
        Browser b = f.as("member");
        long id = f.service().create(new ActorForm("Grid Probe", "media", "", "", "2", "5", "invited", "", List.of(), List.of()),
                "test", "-");
        String grid = b.get("/partnerships/grid").body();
        // row of influence 5: its header, then the cells of interest 1..5; the probe is in the second cell
        String row5 = grid.substring(grid.indexOf("<th scope=\"row\">5</th>"), grid.indexOf("<th scope=\"row\">4</th>"));
        String[] cells = row5.split("<td>");
        assertTrue(cells[2].contains("/partnerships/actors/" + id + "\""), row5);
        f.service().delete(id, "test", "-");
    }

    @Test
    void theGapsPageExplainsEachGapInASentence() {
        String gaps = f.as("coordinator").get("/partnerships/gaps").body();
        for (Gap g : f.service().gaps(java.time.LocalDate.now())) {
            if (g.rule().equals("women_led")) {
                assertTrue(gaps.contains("No women-led organisation is engaged."));
            }
            if (g.rule().equals("group")) {
                assertTrue(gaps.contains("No engaged actor serves this target group"));
            }
        }
        assertTrue(gaps.contains("<ul class=\"plain gaps\">"));
    }
}
