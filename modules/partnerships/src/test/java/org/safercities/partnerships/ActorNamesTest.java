package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Browser;

/** Organisation or person, and names in several languages shown in the user's language with a fallback. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ActorNamesTest {

    private Fixture f;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    private static List<Map.Entry<String, String>> form(String name, String kind, String fr, String ar) {
        return List.of(Map.entry("name", name), Map.entry("type", "women_led"), Map.entry("level", ""),
                Map.entry("sectors", ""), Map.entry("interest", "4"), Map.entry("influence", "2"),
                Map.entry("status", "engaged"), Map.entry("notes", ""), Map.entry("kind", kind), Map.entry("name_fr", fr),
                Map.entry("name_ar", ar), Map.entry("name_zh", ""));
    }

    @Test
    void aNameIsShownInTheUsersLanguageElseTheLocalName() {
        Browser b = f.as("coordinator");
        b.get("/partnerships/actors/new");
        HttpResponse<String> created = b.postAll("/partnerships/actors",
                form("Chama cha Wanawake", "organisation", "Association des <i>femmes</i>", "جمعية النساء"));
        assertEquals(303, created.statusCode(), created.body());
        Actor a = f.service().actors().stream().filter(x -> x.name().equals("Chama cha Wanawake")).findFirst().orElseThrow();
        assertEquals(Map.of("fr", "Association des <i>femmes</i>", "ar", "جمعية النساء"), a.names());
        assertEquals("organisation", a.kind());

        String en = b.get("/partnerships/actors/" + a.id()).body();
        assertTrue(en.contains("<h2 dir=\"auto\">Chama cha Wanawake</h2>"), "no English name: the local one");
        assertTrue(en.contains("Association des &lt;i&gt;femmes&lt;/i&gt;") && en.contains("جمعية النساء"), "the others listed, escaped");
        b.post("/language", Map.of("lang", "fr"));
        String fr = b.get("/partnerships/actors/" + a.id()).body();
        assertTrue(fr.contains("<h2 dir=\"auto\">Association des &lt;i&gt;femmes&lt;/i&gt;</h2>"), fr);
        assertTrue(fr.contains("Nom employé localement") && fr.contains("Chama cha Wanawake"));
        assertTrue(b.get("/partnerships/network.json").body().contains("\"name\":\"Association des \\u003ci>femmes\\u003c/i>\""),
                "the picture's data (JSON-escaped, drawn as text)");
        b.post("/language", Map.of("lang", "ar"));
        assertTrue(b.get("/partnerships/actors?type=women_led").body().contains("جمعية النساء"));
        b.post("/language", Map.of("lang", "es"));
        assertTrue(b.get("/partnerships/grid").body().contains("Chama cha Wanawake"), "no Spanish name: the local one");
        b.post("/language", Map.of("lang", "en"));

        String csv = b.get("/partnerships/actors.csv").body();
        assertTrue(csv.contains(",kind,") && csv.contains(",name_ar,name_zh,name_en,name_fr,name_ru,name_es"));
        assertTrue(csv.contains("Chama cha Wanawake,women_led,organisation,"));
        assertTrue(csv.contains("جمعية النساء,,,Association des <i>femmes</i>,,"), csv);
    }

    @Test
    void aPersonIsRecordedAsSuchAndABadKindIsRefusedKeepingTheInput() {
        Browser b = f.as("coordinator");
        b.get("/partnerships/actors/new");
        HttpResponse<String> bad = b.postAll("/partnerships/actors", form("Bi Zawadi", "robot", "Nom", ""));
        assertEquals(422, bad.statusCode());
        assertTrue(bad.body().contains("Choose organisation or person.") && bad.body().contains("value=\"Nom\""));
        HttpResponse<String> ok = b.postAll("/partnerships/actors", form("Bi Zawadi", "person", "", ""));
        assertEquals(303, ok.statusCode());
        String page = b.follow(ok).body();
        assertTrue(page.contains("<dd>Person</dd>"), page);
    }

    @Test
    void theImportReadsKindAndNamesAndAMergeAddsNames() throws IOException {
        Browser b = f.as("coordinator");
        b.get("/partnerships/import");
        Path csv = dir.resolve("names.csv");
        Files.writeString(csv, "name,type,kind,name_fr,name_zh\nMama Amina,community_group,person,Maman Amina,阿米娜妈妈\n"
                + "Mama Amina Group,community_group,unknown,,\n", StandardCharsets.UTF_8);
        HttpResponse<String> up = b.upload("/partnerships/import", csv);
        Matcher m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(up.body());
        assertTrue(m.find(), up.body());
        String page = b.get(m.group(1)).body();
        assertTrue(page.contains("Organisation or person: Choose organisation or person."), page);
        Files.writeString(csv, "name,type,kind,name_fr,name_zh\nMama Amina,community_group,person,Maman Amina,阿米娜妈妈\n",
                StandardCharsets.UTF_8);
        up = b.upload("/partnerships/import", csv);
        m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(up.body());
        assertTrue(m.find());
        assertEquals(303, b.post(m.group(1), Map.of()).statusCode());
        Actor amina = f.service().actors().stream().filter(x -> x.name().equals("Mama Amina")).findFirst().orElseThrow();
        assertEquals("person", amina.kind());
        assertEquals("阿米娜妈妈", amina.nameIn("zh"));
        assertEquals("Mama Amina", amina.nameIn("ru"));
        Files.writeString(csv, "name,type,name_es\nmama amina,community_group,Mamá Amina\n", StandardCharsets.UTF_8);
        up = b.upload("/partnerships/import", csv);
        m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(up.body());
        assertTrue(m.find());
        assertEquals(303, b.post(m.group(1), Map.of()).statusCode());
        Actor merged = f.service().require(amina.id());
        assertEquals(Map.of("fr", "Maman Amina", "zh", "阿米娜妈妈", "es", "Mamá Amina"), merged.names());
        assertEquals("person", merged.kind(), "a blank kind keeps the actor's");
    }
}
