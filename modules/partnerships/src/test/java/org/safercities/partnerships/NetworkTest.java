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
            assertEquals(60, count(all, "\"symbolSize\""), "every demo actor");
            assertEquals(150, count(all, "\"source\""), "every demo relationship");
            String ngos = partner.get("/partnerships/network.json?type=ngo").body();
            assertTrue(count(ngos, "\"symbolSize\"") < 60 && count(ngos, "\"symbolSize\"") > 0);
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
            assertEquals(count(partner.get("/partnerships/network.json?group=nobody").body(), "\"symbolSize\""), 60,
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

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
