package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;

/** The network picture: its page, its data (filtered, escaped, in the user's language) and its script, from the kit. */
class NetworkTest {

    @Test
    void theNetworkOfTheDemoCoalitionIsServedFromTheKit() throws Exception {
        try (TestKit kit = TestKit.start(Files.createTempDirectory("network"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("partnerships", PartnershipsModule::new)))) {
            Browser partner = kit.browser();
            partner.signIn("demo-partner", "demo-city-2026");
            HttpResponse<String> page = partner.get("/partnerships/network");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("data-src=\"/partnerships/network.json\""));
            assertTrue(page.body().contains("src=\"/assets/echarts.min.js"), "the chart library of the kit");
            assertEquals(200, partner.get("/assets/partnerships-network.js").statusCode(), "the module's script is served");
            String all = partner.get("/partnerships/network.json").body();
            assertEquals(PartnershipDemo.ACTORS + DemoCoalition.BODIES, count(all, "\"symbolSize\""), "every demo actor");
            assertEquals(PartnershipDemo.RELATIONSHIPS + DemoCoalition.MEMBERSHIPS, count(all, "\"source\""),
                    "every demo relationship, the bodies' memberships too");
            String ngos = partner.get("/partnerships/network.json?type=ngo").body();
            assertTrue(count(ngos, "\"symbolSize\"") < PartnershipDemo.ACTORS && count(ngos, "\"symbolSize\"") > 0);
            assertFalse(ngos.contains("\"typeName\":\"Women-led"), "only the chosen type");
            // by target group: exactly the demo actors serving it, with only the links between them
            PartnershipService service = kit.kit.modules().stream().filter(m -> m instanceof PartnershipsModule)
                    .map(m -> ((PartnershipsModule) m).service()).findFirst().orElseThrow();
            java.util.Set<Long> serving = service.actors().stream().filter(a -> a.groups().contains("older_persons"))
                    .map(Actor::id).collect(java.util.stream.Collectors.toSet());
            String older = partner.get("/partnerships/network.json?group=older_persons").body();
            assertEquals(serving.size(), count(older, "\"symbolSize\""));
            assertEquals(service.relationships().stream().filter(r -> serving.contains(r.fromId()) && serving.contains(r.toId()))
                    .count(), count(older, "\"source\""));
            String filtered = partner.get("/partnerships/network?type=ngo&group=older_persons").body();
            assertTrue(filtered.contains("data-src=\"/partnerships/network.json?type=ngo&amp;group=older_persons\"")
                    || filtered.contains("data-src=\"/partnerships/network.json?type&#61;ngo&amp;group&#61;older_persons\""), filtered);
            assertTrue(filtered.contains("<option value=\"older_persons\" selected>"));
            assertTrue(filtered.contains("id=\"network-svg\""), "the SVG button, shown by the script");
            assertEquals(PartnershipDemo.ACTORS + DemoCoalition.BODIES,
                    count(partner.get("/partnerships/network.json?group=nobody").body(), "\"symbolSize\""),
                    "an unknown group is no filter");
            // in the user's language, and a name with script stays data
            Browser editor = kit.browser();
            editor.signIn("demo-coordinator", "demo-city-2026");
            editor.get(PartnershipRoutes.ACTORS + "/new");
            assertEquals(303, editor.post(PartnershipRoutes.ACTORS, Map.of("name", "</script><img src=x>", "type", "ngo",
                    "interest", "3", "influence", "3", "status", "engaged")).statusCode());
            editor.get("/partnerships/network?lang=fr");
            String fr = editor.get("/partnerships/network.json?type=ngo").body();
            assertTrue(fr.contains("Organisation non gouvernementale") || fr.contains("ONG"), fr.substring(0, 300));
            assertTrue(fr.contains("\\u003c/script>\\u003cimg src=x>"), "'<' escaped inside the JSON");
        }
    }

    @Test
    void theNetworkKeptInMemoryFollowsEveryChange() throws Exception {
        try (Fixture f = Fixture.demo()) {
            Browser b = f.as("coordinator");
            String before = b.get("/partnerships/network.json").body();
            assertEquals(before, b.get("/partnerships/network.json").body(), "the same answer while nothing changes");
            long a = f.service().create(Fixture.form("Cache probe A", "ngo", "engaged", List.of(), List.of()), "test", "-");
            long c = f.service().create(Fixture.form("Cache probe B", "media", "engaged", List.of(), List.of()), "test", "-");
            String added = b.get("/partnerships/network.json").body();
            assertEquals(count(before, "\"symbolSize\"") + 2, count(added, "\"symbolSize\""));
            assertTrue(added.contains("Cache probe A"));
            f.service().addRelationship(a, new RelationshipForm(Long.toString(c), "funds", "2026-01-01", "", "2"), "test", "-");
            assertEquals(count(before, "\"source\"") + 1, count(b.get("/partnerships/network.json").body(), "\"source\""));
            b.get("/partnerships/actors/" + a);
            assertEquals(303, b.post("/partnerships/actors/" + a + "/delete", Map.of()).statusCode());
            String removed = b.get("/partnerships/network.json").body();
            assertFalse(removed.contains("Cache probe A"));
            assertEquals(count(before, "\"source\""), count(removed, "\"source\""), "its relationship went with it");
            assertTrue(b.get("/partnerships/actors").body().contains("Cache probe B"));
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
