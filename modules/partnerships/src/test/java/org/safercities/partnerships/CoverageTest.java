package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.safercities.platform.Browser;
import org.safercities.platform.areas.Area;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.ActionDirectory.ActionRole;
import org.safercities.platform.links.ActionDirectory.PriorityRef;
import org.safercities.platform.links.ActorDirectory;

/**
 * The coverage matrices, the roles of actors in strategy actions and the "priority without a lead" gap, on a
 * real store and over HTTP. The strategy module is not part of this build: a small {@link ActionDirectory}
 * stands in for it, published in the kit's ModuleLinks as strategy would; a second kit has none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoverageTest {

    /** The test's strategy: what it answers can be changed between tests. */
    static final class TestStrategy implements ActionDirectory {
        final AtomicReference<List<PriorityRef>> priorities = new AtomicReference<>(List.of());
        final AtomicReference<List<ActionRole>> roles = new AtomicReference<>(List.of());

        @Override
        public List<PriorityRef> priorities() {
            return priorities.get();
        }

        @Override
        public List<ActionRole> roles() {
            return roles.get();
        }
    }

    private Fixture f;
    private Fixture alone;
    private final TestStrategy strategy = new TestStrategy();
    private PartnershipService s;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
        f.platform().links().publish(ActionDirectory.class, strategy);
        s = f.service();
        alone = Fixture.demo();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
        alone.close();
    }

    @BeforeEach
    void emptyCoalition() {
        s.actors().forEach(a -> s.delete(a.id(), "test", "-"));
        strategy.priorities.set(List.of());
        strategy.roles.set(List.of());
    }

    /** The page with its links' query strings unescaped (Mustache writes "=" as "&#61;" and "&" as "&amp;"). */
    private static String hrefs(String page) {
        return page.replace("&#61;", "=").replace("&amp;", "&");
    }

    private long add(String name, String type, List<Long> areas, List<String> groups) {
        return s.create(Fixture.form(name, type, "invited", areas, groups), "test", "-");
    }

    @Test
    void areasByTypeCountsDirectCoverageAndEachCountLinksToTheSameActors() {
        Area ward = f.wards().get(0);
        Area other = f.wards().get(1);
        add("Ward NGO one", "ngo", List.of(ward.id()), List.of());
        add("Ward NGO two", "ngo", List.of(ward.id(), other.id()), List.of());
        add("Ward police", "police_justice", List.of(ward.id()), List.of());
        Browser b = f.as("analyst");
        String page = hrefs(b.get("/partnerships/coverage").body());
        String link = "/partnerships/actors?type=ngo&area=" + ward.id();
        assertTrue(page.contains("<a href=\"" + link + "\">2</a>"), page);
        assertTrue(page.contains("<a href=\"/partnerships/actors?area=" + ward.id() + "\">3</a>"), "row total");
        assertTrue(page.contains("<a href=\"/partnerships/actors?type=ngo\">2</a>"), "actors of the type, counted once");
        String list = b.get(link).body();
        assertTrue(list.contains("Ward NGO one") && list.contains("Ward NGO two") && !list.contains("Ward police"));
        assertTrue(list.contains("Actors shown: 2"));

        HttpResponse<String> csv = b.get("/partnerships/coverage-areas.csv");
        assertEquals(200, csv.statusCode());
        String[] lines = csv.body().replace("\uFEFF", "").split("\r\n");
        assertTrue(lines[0].startsWith("area_code,area_name,local_government,") && lines[0].endsWith(",total"), lines[0]);
        int ngo = 2 + Codes.TYPES.indexOf("ngo");
        int police = 2 + Codes.TYPES.indexOf("police_justice");
        String row = List.of(lines).stream().filter(l -> l.startsWith(ward.code() + ",")).findFirst().orElseThrow();
        String[] cells = row.split(",");
        assertEquals("2", cells[ngo]);
        assertEquals("1", cells[police]);
        assertEquals("3", cells[cells.length - 1]);
    }

    @Test
    void targetGroupsByActorMarksWhoServesWhatAndTheExportNeutralisesFormulas() {
        long a = add("Women's <b>shelter</b>", "women_led", List.of(), List.of("women_girls", "migrants_displaced"));
        add("=HYPERLINK(\"http://x\")", "ngo", List.of(), List.of("older_persons"));
        add("Serves nobody", "media", List.of(), List.of());
        Browser b = f.as("partner");
        String page = hrefs(b.get("/partnerships/coverage").body());
        assertTrue(page.contains("Women&#39;s &lt;b&gt;shelter&lt;/b&gt;") || page.contains("Women&#x27;s &lt;b&gt;shelter&lt;/b&gt;"),
                "names escaped");
        assertFalse(page.contains("Serves nobody"), "only actors serving a group are rows");
        assertTrue(page.contains("<a href=\"/partnerships/actors?group=women_girls\">1</a>"));
        String list = b.get("/partnerships/actors?group=older_persons").body();
        assertTrue(list.contains("HYPERLINK") && !list.contains("shelter"));
        String csv = b.get("/partnerships/coverage-groups.csv").body().replace("\uFEFF", "");
        assertTrue(csv.startsWith("actor_id,name,type,women_girls,children_youth,older_persons,"), csv);
        assertTrue(csv.contains(a + ",Women's <b>shelter</b>,women_led,1,0,0,0,0,1"), csv);
        assertTrue(csv.contains(",\"'=HYPERLINK(\"\"http://x\"\")\",ngo,0,0,1,0,0,0"), csv);
    }

    @Test
    void withTheStrategyRolesShowOnTheActorAndAPriorityWithoutALeadIsAGap() {
        long lead = add("Lead NGO", "ngo", List.of(), List.of());
        long helper = add("Helper police", "police_justice", List.of(), List.of());
        strategy.priorities.set(List.of(new PriorityRef(1, "Safe <script>x</script> markets"),
                new PriorityRef(2, "Lit streets"), new PriorityRef(3, "Youth centres")));
        strategy.roles.set(List.of(new ActionRole(10, "Market wardens", 1, "Safe <script>x</script> markets", lead, "lead"),
                new ActionRole(10, "Market wardens", 1, "Safe <script>x</script> markets", helper, "support"),
                new ActionRole(20, "Street lights", 2, "Lit streets", helper, "support"),
                new ActionRole(21, "Solar lamps", 2, "Lit streets", 999_999, "lead")));
        List<String> gaps = s.gaps(LocalDate.now()).stream().filter(g -> g.rule().equals("priority")).map(Gap::subject).toList();
        assertEquals(List.of("2", "3"), gaps, "a lead the map does not know does not count");

        Browser b = f.as("analyst");
        String gapsPage = b.get("/partnerships/gaps").body();
        assertTrue(gapsPage.contains("No partner of the map leads an action of the priority “Lit streets”."));
        assertTrue(gapsPage.contains("“Youth centres”") && !gapsPage.contains("<script>x"));

        String actor = b.get("/partnerships/actors/" + helper).body();
        assertTrue(actor.contains("Roles in the strategy&#39;s actions") || actor.contains("Roles in the strategy&#x27;s actions"));
        assertTrue(actor.contains("Market wardens") && actor.contains("Street lights") && actor.contains(">Support<"));
        assertTrue(actor.contains("Safe &lt;script&gt;x&lt;/script&gt; markets"));
        assertTrue(b.get("/partnerships/actors/" + lead).body().contains(">Lead<"));

        String coverage = b.get("/partnerships/coverage").body();
        assertTrue(coverage.contains("<a dir=\"auto\" href=\"/partnerships/actors/" + lead + "\">Lead NGO</a>"));
        assertTrue(coverage.contains("#999999"), "an actor the map no longer knows, shown without a link");
        assertFalse(coverage.contains("The strategy module is not switched on"));
        String csv = b.get("/partnerships/coverage-priorities.csv").body().replace("\uFEFF", "");
        assertTrue(csv.contains("1,Safe <script>x</script> markets,10,Market wardens," + lead + ",Lead NGO,lead"), csv);
        assertTrue(csv.contains("2,Lit streets,21,Solar lamps,999999,,lead"), csv);
        assertTrue(csv.contains("3,Youth centres,,,,,"), "a priority without partners still has its line");
    }

    @Test
    void aFunderIsShownAndCountedAsAFunderNeverAsALead() {
        long bank = add("Funding <i>bank</i>", "private_sector", List.of(), List.of());
        long lead = add("Leading office", "local_government", List.of(), List.of());
        strategy.priorities.set(List.of(new PriorityRef(1, "Safe parks"), new PriorityRef(2, "Safe transport")));
        strategy.roles.set(List.of(new ActionRole(10, "Park lighting", 1, "Safe parks", lead, "lead"),
                new ActionRole(10, "Park lighting", 1, "Safe parks", bank, "funder"),
                new ActionRole(20, "Night buses", 2, "Safe transport", bank, "funder"),
                new ActionRole(21, "Bus stop audit", 2, "Safe transport", bank, "funder")));
        assertEquals(List.of("2"), s.gaps(LocalDate.now()).stream().filter(g -> g.rule().equals("priority")).map(Gap::subject).toList(),
                "a priority with only a funder still has no lead");

        Browser b = f.as("analyst");
        String actor = b.get("/partnerships/actors/" + bank).body();
        assertTrue(actor.contains("Night buses") && actor.contains("Park lighting"));
        assertEquals(3, actor.split("<td>Funder</td>", -1).length - 1, "one row per action, labelled Funder");
        assertFalse(actor.contains("<td>funder</td>"), "the label, not the code");

        String coverage = b.get("/partnerships/coverage").body();
        assertTrue(coverage.contains("<th scope=\"col\">Funders</th>"));
        String parks = row(coverage, "Safe parks");
        String transport = row(coverage, "Safe transport");
        String link = "<a dir=\"auto\" href=\"/partnerships/actors/" + bank + "\">Funding &lt;i&gt;bank&lt;/i&gt;</a>";
        // columns: lead, support, funder, actions
        List<String> cells = List.of(parks.split("</td>"));
        assertTrue(cells.get(0).contains("Leading office") && !cells.get(0).contains("Funding"), parks);
        assertFalse(cells.get(1).contains("Funding"), "not a supporting partner");
        assertTrue(cells.get(2).contains(link), parks);
        assertTrue(parks.contains("<td class=\"num\">1</td>"));
        List<String> t = List.of(transport.split("</td>"));
        assertTrue(t.get(0).contains("No lead partner") || t.get(0).contains("class=\"alt\""), transport);
        assertEquals(1, t.get(2).split("Funding", -1).length - 1, "named once however many actions it funds");
        assertTrue(transport.contains("<td class=\"num\">2</td>"), "both funded actions counted");
        String csv = b.get("/partnerships/coverage-priorities.csv").body();
        assertTrue(csv.contains("2,Safe transport,20,Night buses," + bank + ",Funding <i>bank</i>,funder"), csv);

        for (String[] lang : List.of(new String[] {"fr", "Bailleur de fonds", "Bailleurs de fonds"},
                new String[] {"ar", "مموِّل", "الشركاء المموِّلون"}, new String[] {"zh", "出资方", "出资伙伴"},
                new String[] {"ru", "Донор", "Доноры"}, new String[] {"es", "Financiador", "Financiadores"})) {
            b.post("/language", java.util.Map.of("lang", lang[0]));
            assertTrue(b.get("/partnerships/actors/" + bank).body().contains("<td>" + lang[1] + "</td>"), lang[0]);
            assertTrue(b.get("/partnerships/coverage").body().contains("<th scope=\"col\">" + lang[2] + "</th>"), lang[0]);
        }
        b.post("/language", java.util.Map.of("lang", "en"));
    }

    /** The coverage page's table row of one priority, from its title to the row's end. */
    private static String row(String page, String title) {
        int at = page.indexOf(">" + title + "</th>");
        assertTrue(at > 0, title);
        int from = page.indexOf("<td>", at);
        return page.substring(from, page.indexOf("</tr>", at));
    }

    @Test
    void withoutTheStrategyEveryPageWorksAndTheStrategyPartsAreLeftOut() {
        PartnershipService own = alone.service();
        assertTrue(own.strategy().isEmpty());
        long id = own.actors().get(0).id();
        Browser b = alone.as("coordinator");
        String coverage = b.get("/partnerships/coverage").body();
        assertTrue(coverage.contains("The strategy module is not switched on"));
        assertEquals(404, b.get("/partnerships/coverage-priorities.csv").statusCode());
        assertEquals(200, b.get("/partnerships/coverage-areas.csv").statusCode());
        HttpResponse<String> actor = b.get("/partnerships/actors/" + id);
        assertEquals(200, actor.statusCode());
        assertFalse(actor.body().contains("Roles in the strategy"));
        assertTrue(own.gaps(LocalDate.now()).stream().noneMatch(g -> g.rule().equals("priority")));
        assertEquals(200, b.get("/partnerships/gaps").statusCode());
    }

    @Test
    void partnershipsPublishesItsActorsWithoutContactDetails() {
        long id = add("Published NGO", "ngo", List.of(), List.of());
        s.saveContact(id, new ContactForm("Private Person", "+254 700 000 000", "p@example.org"), "test", "-");
        ActorDirectory directory = f.platform().links().find(ActorDirectory.class).orElseThrow();
        assertEquals(List.of(new ActorDirectory.ActorRef(id, "Published NGO", "ngo")), directory.actors());
        assertEquals("Published NGO", directory.actor(id).orElseThrow().name());
        assertTrue(directory.actor(id + 1000).isEmpty());
        assertFalse(directory.actors().toString().contains("Private Person"));
        assertTrue(f.audit("partnerships.contact.read").stream().noneMatch(e -> e.recordId().equals(Long.toString(id))),
                "the directory never reads contacts");
    }

    @Test
    void theCoveragePagesAreForSignedInUsersOnly() {
        Browser anonymous = f.kit.browser();
        HttpResponse<String> r = anonymous.get("/partnerships/coverage");
        assertNotEquals(200, r.statusCode());
        assertNotEquals(200, anonymous.get("/partnerships/coverage-areas.csv").statusCode());
    }
}
