package org.safercities.strategy;

import org.safercities.platform.files.XlsxTest;
import org.safercities.platform.files.Xlsx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.webserver.http.HttpRouting;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.KitModule;
import org.safercities.platform.MenuEntry;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.ActorDirectory;
import org.safercities.platform.links.FindingDirectory;
import org.safercities.platform.links.ModuleLinks;

/**
 * The strategy with the other modules' directories (a small test module publishes an ActorDirectory and a
 * FindingDirectory, as partnerships and diagnosis do) and without them; editing priorities and objectives in
 * place; supporting partners; SDG targets; the ActionDirectory the strategy publishes.
 */
class StrategyLinksTest {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;
    ModuleLinks links;

    /** Stands in for partnerships and diagnosis: publishes two actors and two findings, and nothing else. */
    static final class Directories implements KitModule {
        Directories(ModuleLinks links) {
            List<ActorDirectory.ActorRef> actors = List.of(new ActorDirectory.ActorRef(7, "County Police", "government"),
                    new ActorDirectory.ActorRef(9, "Youth Network", "civil_society"));
            links.publish(ActorDirectory.class, new ActorDirectory() {
                public List<ActorRef> actors() {
                    return actors;
                }

                public Optional<ActorRef> actor(long id) {
                    return actors.stream().filter(a -> a.id() == id).findFirst();
                }
            });
            links.publish(FindingDirectory.class, language -> List.of(
                    new FindingDirectory.Finding("incidents:ward-3:night", language.equals("es")
                            ? "Robos de noche en el distrito 3" : "Night robberies in ward 3", null),
                    new FindingDirectory.Finding("survey:unsafe-women", "Women feel unsafe at bus stops", null)));
        }

        public String name() {
            return "directories";
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

    void start(boolean withDirectories) throws Exception {
        List<Kit.ModuleSpec> specs = new ArrayList<>();
        specs.add(new Kit.ModuleSpec("strategy", p -> {
            links = p.links();
            return new StrategyModule(p);
        }));
        if (withDirectories) {
            specs.add(new Kit.ModuleSpec("directories", p -> new Directories(p.links())));
        }
        kit = TestKit.start(Files.createTempDirectory("strategy-links"), Map.of("demo", "true"), specs);
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    Browser coordinator() {
        Browser b = kit.browser();
        assertEquals(303, b.signIn("demo-coordinator", PASSWORD).statusCode());
        return b;
    }

    long one(String sql) {
        return kit.scalar(sql);
    }

    String text(String sql) {
        return kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        });
    }

    /** Posts a form whose fields repeat (checkboxes), with the CSRF token of the last page read. */
    static HttpResponse<String> post(Browser b, String base, String path, List<String[]> fields) {
        StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(b.csrf, StandardCharsets.UTF_8));
        for (String[] f : fields) {
            body.append('&').append(URLEncoder.encode(f[0], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f[1], StandardCharsets.UTF_8));
        }
        return b.send(HttpRequest.newBuilder(URI.create(base + path)).header("Origin", base)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    long reviseDemo(Browser c) {
        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        c.get("/strategy/versions/" + v1);
        assertEquals(303, c.post("/strategy/versions/" + v1 + "/revise", Map.of()).statusCode());
        return one("SELECT id FROM strategy_version WHERE seq_no = 2");
    }

    static List<String[]> action(String version, String... more) {
        List<String[]> f = new ArrayList<>(List.of(new String[] {"title", "Lighting the market lanes"},
                new String[] {"description", "x"}, new String[] {"level", "primary"}, new String[] {"type", "situational"},
                new String[] {"status", "planned"}, new String[] {"version", version}, new String[] {"leadPartner", ""}));
        for (int i = 0; i < more.length; i += 2) {
            f.add(new String[] {more[i], more[i + 1]});
        }
        return f;
    }

    @Test
    void partnersComeFromTheCoalitionAndAreRefusedWhenUnknown() throws Exception {
        start(true);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        String form = c.get("/strategy/versions/" + v2 + "/actions/new").body();
        assertTrue(form.contains("name=\"leadActorId\"") && form.contains("County Police")
                && form.contains("name=\"supportActors\" value=\"9\""), "the coalition's actors are offered");
        assertTrue(form.contains("value=\"11.7\"") && form.contains("value=\"16.1\"") && form.contains("value=\"5.2\""));

        HttpResponse<String> unknown = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions",
                action("0", "leadActorId", "99"));
        assertEquals(422, unknown.statusCode());
        assertTrue(unknown.body().contains("not one of the coalition"), unknown.body());
        HttpResponse<String> badTarget = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions",
                action("0", "sdgTargets", "11.99"));
        assertEquals(422, badTarget.statusCode());
        long before = one("SELECT COUNT(*) FROM strategy_action");

        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "leadActorId", "7", "supportActors", "9", "supportActors", "7", "supportNames", "Market traders\n\n",
                "sdgTargets", "16.1", "sdgTargets", "11.7", "sdgTargets", "5.2"));
        assertEquals(303, ok.statusCode(), ok.body());
        assertEquals(before + 1, one("SELECT COUNT(*) FROM strategy_action"));
        long a = one("SELECT MAX(id) FROM strategy_action");
        assertEquals("County Police", text("SELECT lead_partner FROM strategy_action WHERE id = " + a));
        assertEquals(7, one("SELECT lead_actor_id FROM strategy_action WHERE id = " + a));
        assertEquals(2, one("SELECT COUNT(*) FROM strategy_action_support WHERE action_id = " + a),
                "the lead is not also a supporter; the typed name is kept");
        assertEquals("Market traders", text("SELECT name FROM strategy_action_support WHERE actor_id IS NULL AND action_id = " + a));
        String page = c.get("/strategy/actions/" + a).body();
        assertTrue(page.contains("Youth Network, Market traders"), page);
        assertTrue(page.indexOf("5.2") < page.indexOf("11.7") && page.indexOf("11.7") < page.indexOf("16.1"),
                "targets in goal order");
        assertTrue(page.contains("public spaces"), "the English name of 11.7");
        assertTrue(c.get("/strategy/actions/" + a + "/edit").body().contains("<option value=\"7\" selected>"));

        // the draft is not in force yet: the directory still shows the adopted version 1
        ActionDirectory published = links.find(ActionDirectory.class).orElseThrow();
        assertTrue(published.roles().stream().noneMatch(r -> r.actionId() == a));
        c.get("/strategy/versions/" + v2);
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "2026-03-01",
                "decisionRef", "Council 2026/7", "version", Long.toString(one("SELECT version FROM strategy_version WHERE id = " + v2)))).statusCode());
        List<ActionDirectory.ActionRole> roles = published.roles().stream().filter(r -> r.actionId() == a).toList();
        assertEquals(List.of("lead:7", "support:9"), roles.stream().map(r -> r.role() + ":" + r.actorId()).toList());
        assertEquals(one("SELECT COUNT(*) FROM strategy_priority WHERE version_id = " + v2), published.priorities().size());
        long v3 = reviseDemo2(c, v2);
        assertEquals(2, one("SELECT COUNT(*) FROM strategy_action_support s JOIN strategy_action x ON x.id = s.action_id"
                + " WHERE x.version_id = " + v3 + " AND x.title = 'Lighting the market lanes'"), "a revision copies the partners");
        assertEquals(3, one("SELECT COUNT(*) FROM strategy_action_sdg s JOIN strategy_action x ON x.id = s.action_id"
                + " WHERE x.version_id = " + v3 + " AND x.title = 'Lighting the market lanes'"), "and the targets");
    }

    @Test
    void fundingPartnersAreChosenFromTheCoalitionOrTypedAndPublishedAsFunders() throws Exception {
        start(true);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        String form = c.get("/strategy/versions/" + v2 + "/actions/new").body();
        assertTrue(form.contains("name=\"funderActors\" value=\"7\"") && form.contains("name=\"funderNames\""),
                "the coalition's actors are offered as funders, with a box for others");
        long before = one("SELECT COUNT(*) FROM strategy_action");
        HttpResponse<String> unknown = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions",
                action("0", "funderActors", "99"));
        assertEquals(422, unknown.statusCode());
        assertTrue(unknown.body().contains("not one of the coalition"), unknown.body());
        String token = c.csrf;
        c.csrf = "forged-token";
        assertEquals(403, post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0", "funderActors", "9"))
                .statusCode(), "a forged CSRF token is refused");
        c.csrf = token;
        Browser partner = kit.browser();
        assertEquals(303, partner.signIn("demo-partner", PASSWORD).statusCode());
        partner.get("/strategy/versions/" + v2);
        assertEquals(403, post(partner, kit.base(), "/strategy/versions/" + v2 + "/actions",
                action("0", "funderActors", "9")).statusCode(), "a partner viewer does not edit the plan");
        assertEquals(before, one("SELECT COUNT(*) FROM strategy_action"), "nothing saved by the refused requests");

        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "leadActorId", "7", "supportActors", "9", "funderActors", "7", "funderActors", "9", "funderActors", "9",
                "funderNames", "Embassy small grants\nEmbassy small grants"));
        assertEquals(303, ok.statusCode(), ok.body());
        long a = one("SELECT MAX(id) FROM strategy_action");
        assertEquals(3, one("SELECT COUNT(*) FROM strategy_action_support WHERE role = 'funder' AND action_id = " + a),
                "the lead may also fund; each funder once; the typed name kept");
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_action_support WHERE role = 'support' AND action_id = " + a));
        String page = c.get("/strategy/actions/" + a).body();
        assertTrue(page.contains("Funding partners") && page.contains("County Police, Youth Network, Embassy small grants"),
                page);
        String edit = c.get("/strategy/actions/" + a + "/edit").body();
        assertTrue(edit.contains("name=\"funderActors\" value=\"9\" checked") && edit.contains(">Embassy small grants</textarea>"),
                "the edit form shows the funders chosen and typed");
        HttpResponse<String> stale = post(c, kit.base(), "/strategy/actions/" + a, action("5", "funderActors", "7"));
        assertEquals(409, stale.statusCode(), "an edit from an older reading is refused");
        assertEquals(3, one("SELECT COUNT(*) FROM strategy_action_support WHERE role = 'funder' AND action_id = " + a));
        HttpResponse<String> edited = post(c, kit.base(), "/strategy/actions/" + a, action("0", "leadActorId", "7",
                "funderActors", "9"));
        assertEquals(303, edited.statusCode(), edited.body());
        assertEquals("9", text("SELECT CAST(actor_id AS CHAR(20)) FROM strategy_action_support WHERE role = 'funder' AND action_id = " + a).strip());

        c.get("/strategy/versions/" + v2);
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "2026-03-01",
                "decisionRef", "Council 2026/8", "version", Long.toString(one(
                        "SELECT version FROM strategy_version WHERE id = " + v2)))).statusCode());
        ActionDirectory published = links.find(ActionDirectory.class).orElseThrow();
        assertEquals(List.of("lead:7", "funder:9"), published.roles().stream().filter(r -> r.actionId() == a)
                .map(r -> r.role() + ":" + r.actorId()).toList());
        c.get("/strategy/actions/" + a);
        assertEquals(409, post(c, kit.base(), "/strategy/actions/" + a, action("1", "funderActors", "7")).statusCode(),
                "an adopted version's funders cannot change");
        long v3 = reviseDemo2(c, v2);
        assertEquals(1, one("SELECT COUNT(*) FROM strategy_action_support s JOIN strategy_action x ON x.id = s.action_id"
                + " WHERE s.role = 'funder' AND x.version_id = " + v3 + " AND x.title = 'Lighting the market lanes'"),
                "a revision copies the funders");
    }

    @Test
    void withoutPartnershipsFundersAreTypedNames() throws Exception {
        start(false);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        assertFalse(c.get("/strategy/versions/" + v2 + "/actions/new").body().contains("name=\"funderActors\""));
        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "funderNames", "City treasury\nNational fund", "funderActors", "7"));
        assertEquals(303, ok.statusCode(), ok.body());
        long a = one("SELECT MAX(id) FROM strategy_action");
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_action_support WHERE actor_id IS NOT NULL AND action_id = " + a),
                "no actor id is taken on trust when the coalition cannot be asked");
        assertTrue(c.get("/strategy/actions/" + a).body().contains("City treasury, National fund"));
    }

    @Test
    void objectivesCarrySdgTargetsThatARevisionCopies() throws Exception {
        start(false);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        long p = one("SELECT MIN(id) FROM strategy_priority WHERE version_id = " + v2);
        String page = c.get("/strategy/versions/" + v2).body();
        assertTrue(page.contains("name=\"sdgTargets\" value=\"11.7\""), "the new objective's form offers the targets");
        long before = one("SELECT COUNT(*) FROM strategy_objective");
        List<String[]> bad = objective(p, "Safer bus stops", "0", "sdgTargets", "11.99");
        HttpResponse<String> refused = post(c, kit.base(), "/strategy/versions/" + v2 + "/objectives", bad);
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("Choose one of the options"), refused.body());
        assertEquals(before, one("SELECT COUNT(*) FROM strategy_objective"), "nothing saved");
        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/objectives",
                objective(p, "Safer bus stops", "0", "sdgTargets", "16.1", "sdgTargets", "11.7", "sdgTargets", "11.7"));
        assertEquals(303, ok.statusCode(), ok.body());
        long o = one("SELECT MAX(id) FROM strategy_objective");
        assertEquals(2, one("SELECT COUNT(*) FROM strategy_objective_sdg WHERE objective_id = " + o));
        page = c.get("/strategy/versions/" + v2).body();
        assertTrue(page.indexOf(">11.7</abbr>") > 0 && page.indexOf(">11.7</abbr>") < page.indexOf(">16.1</abbr>"),
                "the objective lists its targets in goal order");

        String edit = c.get("/strategy/objectives/" + o + "/edit").body();
        assertTrue(edit.contains("value=\"16.1\" checked"), "the edit form shows the targets chosen");
        assertEquals(409, post(c, kit.base(), "/strategy/objectives/" + o, objective(p, "Stale", "3", "sdgTargets", "5.2"))
                .statusCode(), "an edit from an older reading is refused");
        Browser partner = kit.browser();
        assertEquals(303, partner.signIn("demo-partner", PASSWORD).statusCode());
        partner.get("/strategy/versions/" + v2);
        assertEquals(403, post(partner, kit.base(), "/strategy/objectives/" + o, objective(p, "Viewer", "0",
                "sdgTargets", "5.2")).statusCode());
        String token = c.csrf;
        c.csrf = "forged-token";
        assertEquals(403, post(c, kit.base(), "/strategy/objectives/" + o, objective(p, "Forged", "0", "sdgTargets", "5.2"))
                .statusCode());
        c.csrf = token;
        assertEquals(2, one("SELECT COUNT(*) FROM strategy_objective_sdg WHERE objective_id = " + o), "nothing changed");
        HttpResponse<String> edited = post(c, kit.base(), "/strategy/objectives/" + o,
                objective(p, "Safer bus stops", "0", "sdgTargets", "5.2"));
        assertEquals(303, edited.statusCode(), edited.body());
        assertEquals("5.2", text("SELECT target FROM strategy_objective_sdg WHERE objective_id = " + o));
        assertTrue(c.get("/strategy/versions/" + v2 + "/document").body().contains("violence against all women"),
                "the printed document names the target");

        c.get("/strategy/versions/" + v2);
        assertEquals(303, c.post("/strategy/versions/" + v2 + "/adopt", Map.of("adoptedOn", "2026-03-01",
                "decisionRef", "Council 2026/9", "version", Long.toString(one(
                        "SELECT version FROM strategy_version WHERE id = " + v2)))).statusCode());
        c.get("/strategy/versions/" + v2);
        assertEquals(409, post(c, kit.base(), "/strategy/objectives/" + o, objective(p, "After adoption", "1",
                "sdgTargets", "16.1")).statusCode(), "an adopted version's objectives are read-only");
        long v3 = reviseDemo2(c, v2);
        assertEquals("5.2", text("SELECT s.target FROM strategy_objective_sdg s JOIN strategy_objective o "
                + "ON o.id = s.objective_id WHERE o.version_id = " + v3 + " AND o.title = 'Safer bus stops'"),
                "a revision copies the objective's targets");
    }

    static List<String[]> objective(long priority, String title, String version, String... more) {
        List<String[]> f = new ArrayList<>(List.of(new String[] {"priorityId", Long.toString(priority)},
                new String[] {"title", title}, new String[] {"targetWhat", "robberies at bus stops"},
                new String[] {"targetAmount", "-25%"}, new String[] {"targetBy", "2028-12-31"},
                new String[] {"version", version}));
        for (int i = 0; i < more.length; i += 2) {
            f.add(new String[] {more[i], more[i + 1]});
        }
        return f;
    }

    long reviseDemo2(Browser c, long adopted) {
        c.get("/strategy/versions/" + adopted);
        assertEquals(303, c.post("/strategy/versions/" + adopted + "/revise", Map.of()).statusCode());
        return one("SELECT MAX(id) FROM strategy_version");
    }

    @Test
    void aPriorityCitesFindingsAndIsEditedInPlaceWithTheConcurrencyRule() throws Exception {
        start(true);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        long ward = one("SELECT MIN(area_id) FROM strategy_action_area");
        String page = c.get("/strategy/versions/" + v2).body();
        assertTrue(page.contains("Night robberies in ward 3"), "the findings are offered");
        HttpResponse<String> bad = post(c, kit.base(), "/strategy/versions/" + v2 + "/priorities", List.of(
                new String[] {"areaId", Long.toString(ward)}, new String[] {"title", "Night safety"},
                new String[] {"justification", "See the diagnosis"}, new String[] {"rank", "1"},
                new String[] {"findings", "no-such-finding"}));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("no longer exists"));
        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/priorities", List.of(
                new String[] {"areaId", Long.toString(ward)}, new String[] {"title", "Night safety"},
                new String[] {"justification", "See the diagnosis"}, new String[] {"rank", "1"},
                new String[] {"findings", "incidents:ward-3:night"}));
        assertEquals(303, ok.statusCode(), ok.body());
        long p = one("SELECT MAX(id) FROM strategy_priority");
        assertEquals("Night robberies in ward 3", text("SELECT label FROM strategy_priority_finding WHERE priority_id = " + p));

        String edit = c.get("/strategy/priorities/" + p + "/edit").body();
        assertTrue(edit.contains("value=\"incidents:ward-3:night\" checked"), edit);
        Browser other = coordinator();
        other.get("/strategy/priorities/" + p + "/edit");
        HttpResponse<String> first = post(c, kit.base(), "/strategy/priorities/" + p, List.of(
                new String[] {"areaId", Long.toString(ward)}, new String[] {"title", "Night safety in the market"},
                new String[] {"justification", "See the diagnosis"}, new String[] {"rank", "2"},
                new String[] {"findings", "survey:unsafe-women"}, new String[] {"version", "0"}));
        assertEquals(303, first.statusCode(), first.body());
        HttpResponse<String> second = post(other, kit.base(), "/strategy/priorities/" + p, List.of(
                new String[] {"areaId", Long.toString(ward)}, new String[] {"title", "Overwritten?"},
                new String[] {"justification", "x"}, new String[] {"rank", "3"}, new String[] {"version", "0"}));
        assertEquals(409, second.statusCode());
        assertTrue(second.body().contains("Overwritten?"), "the second user's input is kept on the page");
        assertEquals("Night safety in the market", text("SELECT title FROM strategy_priority WHERE id = " + p));
        assertEquals(2, one("SELECT priority_rank FROM strategy_priority WHERE id = " + p));
        assertEquals("Women feel unsafe at bus stops", text("SELECT label FROM strategy_priority_finding WHERE priority_id = " + p));

        long o = one("SELECT MIN(id) FROM strategy_objective WHERE version_id = " + v2);
        assertTrue(c.get("/strategy/objectives/" + o + "/edit").body().contains("name=\"targetBy\""));
        HttpResponse<String> badDate = c.post("/strategy/objectives/" + o, Map.of("priorityId", Long.toString(p),
                "title", "Fewer night robberies", "targetWhat", "robberies", "targetAmount", "-30%", "targetBy", "2027-13-01",
                "version", "0"));
        assertEquals(422, badDate.statusCode());
        HttpResponse<String> saved = c.post("/strategy/objectives/" + o, Map.of("priorityId", Long.toString(p),
                "title", "Fewer night robberies", "targetWhat", "robberies", "targetAmount", "-30%", "targetBy", "2027-12-31",
                "version", "0"));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("Fewer night robberies", text("SELECT title FROM strategy_objective WHERE id = " + o));
        assertEquals(p, one("SELECT priority_id FROM strategy_objective WHERE id = " + o));

        long v1 = one("SELECT id FROM strategy_version WHERE seq_no = 1");
        long oldPriority = one("SELECT MIN(id) FROM strategy_priority WHERE version_id = " + v1);
        assertEquals(409, c.post("/strategy/priorities/" + oldPriority, Map.of("title", "x", "version", "0")).statusCode(),
                "an adopted version's priority cannot be edited");
        Browser partner = kit.browser();
        assertEquals(303, partner.signIn("demo-partner", PASSWORD).statusCode());
        assertEquals(403, partner.get("/strategy/priorities/" + p + "/edit").statusCode());
    }

    @Test
    void withoutPartnershipsAndDiagnosisThePagesKeepTheirTypedPartnersAndJustifications() throws Exception {
        start(false);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        String form = c.get("/strategy/versions/" + v2 + "/actions/new").body();
        assertFalse(form.contains("name=\"leadActorId\""));
        assertTrue(form.contains("name=\"leadPartner\"") && form.contains("name=\"supportNames\""));
        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "leadPartner", "Ward office", "supportNames", "Church group\nMarket traders", "leadActorId", "7"));
        assertEquals(303, ok.statusCode(), ok.body());
        long a = one("SELECT MAX(id) FROM strategy_action");
        assertEquals("Ward office", text("SELECT lead_partner FROM strategy_action WHERE id = " + a));
        assertEquals(0, one("SELECT COUNT(*) FROM strategy_action WHERE lead_actor_id IS NOT NULL AND id = " + a),
                "no actor id is taken on trust when the coalition cannot be asked");
        assertTrue(c.get("/strategy/actions/" + a).body().contains("Church group, Market traders"));

        String version = c.get("/strategy/versions/" + v2).body();
        assertFalse(version.contains("name=\"findings\""), "no findings to cite without diagnosis");
        long p = one("SELECT MIN(id) FROM strategy_priority WHERE version_id = " + v2);
        kit.kit.store().tx(conn -> {
            try (var s = conn.createStatement()) {
                s.executeUpdate("INSERT INTO strategy_priority_finding VALUES (" + p + ", 'old:ref', 'Cited earlier')");
                // a change behind the service's back raises the content stamp, as every change through it does
                s.executeUpdate("UPDATE strategy_version SET content_stamp = content_stamp + 1 WHERE id = " + v2);
            }
            return null;
        });
        assertTrue(c.get("/strategy/versions/" + v2).body().contains("Cited earlier"));
        c.get("/strategy/priorities/" + p + "/edit");
        HttpResponse<String> edited = c.post("/strategy/priorities/" + p, Map.of("areaId", "", "targetGroup",
                "women_girls", "title", "Edited without diagnosis", "justification", "Typed", "rank", "4", "version", "0"));
        assertEquals(303, edited.statusCode(), edited.body());
        assertEquals("Cited earlier", text("SELECT label FROM strategy_priority_finding WHERE priority_id = " + p),
                "findings cited earlier stay when diagnosis is off");
        assertEquals(200, c.get("/strategy/versions/" + v2 + "/document").statusCode());
        assertTrue(links.find(ActionDirectory.class).isPresent(), "the strategy publishes its directory anyway");
        assertTrue(links.find(ActionDirectory.class).get().roles().isEmpty(), "demo partners are typed names, not actors");
    }

    @Test
    void theReachOfAnActionGivesItsCostPerPersonAndTheAreasTheirBudgetPerInhabitant() throws Exception {
        start(false);
        Browser c = coordinator();
        long v2 = reviseDemo(c);
        c.get("/strategy/versions/" + v2 + "/actions/new");
        HttpResponse<String> tooMany = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "reachPeople", "100", "reachTarget", "150"));
        assertEquals(422, tooMany.statusCode());
        assertTrue(tooMany.body().contains("cannot be more than the people reached"));
        assertEquals(422, post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "reachPeople", "-5")).statusCode());
        long ward = one("SELECT MIN(area_id) FROM strategy_action_area WHERE action_id IN (SELECT id FROM strategy_action"
                + " WHERE version_id = " + v2 + ")");
        HttpResponse<String> ok = post(c, kit.base(), "/strategy/versions/" + v2 + "/actions", action("0",
                "reachPeople", "1,000", "reachTarget", "400", "areas", Long.toString(ward)));
        assertEquals(303, ok.statusCode(), ok.body());
        long a = one("SELECT MAX(id) FROM strategy_action");
        assertEquals(1000, one("SELECT reach_people FROM strategy_action WHERE id = " + a));
        c.get("/strategy/actions/" + a);
        assertEquals(303, c.post("/strategy/actions/" + a + "/budget", Map.of("source", "City budget", "govLevel", "local",
                "amount", "123456.78", "currency", "KES")).statusCode());
        String cost = c.get("/strategy/versions/" + v2 + "/cost").body();
        String row = cost.substring(cost.indexOf("/strategy/actions/" + a + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains("KES\u00a0123.46") && row.contains("KES\u00a0308.64"), row);
        String perCapita = cost.substring(cost.indexOf("id=\"per-capita\""));
        String wardName = text("SELECT name FROM platform_area WHERE id = " + ward);
        assertTrue(perCapita.contains(wardName), "the ward with a budget has a row");
        assertEquals(200, c.get("/strategy/actions/" + a).statusCode());
        assertTrue(c.get("/strategy/actions/" + a).body().contains("1,000, of whom 400 in its target groups"));
        HttpResponse<byte[]> xlsx = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                kit.base() + "/strategy/versions/" + v2 + "/actions.xlsx")).header("Cookie", "sck_session="
                + c.cookie("sck_session")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        assertEquals(Xlsx.CONTENT_TYPE, xlsx.headers().firstValue("Content-Type").orElse(""));
        List<org.dhatim.fastexcel.reader.Row> rows = XlsxTest.read(xlsx.body());
        assertEquals(one("SELECT COUNT(*) FROM strategy_action WHERE version_id = " + v2) + 1, rows.size());
        org.dhatim.fastexcel.reader.Row last = rows.get(rows.size() - 1);
        assertEquals("Lighting the market lanes", last.getCell(0).asString());
        assertEquals(new java.math.BigDecimal("123456.78"), last.getCell(14).asNumber(), "the budget is a number");
        assertEquals(new java.math.BigDecimal("1000"), last.getCell(12).asNumber());
    }
}
