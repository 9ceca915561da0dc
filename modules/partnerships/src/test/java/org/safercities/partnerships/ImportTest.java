package org.safercities.partnerships;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Browser;
import org.safercities.platform.areas.Area;

/** Importing actors from CSV over HTTP, as kit.js uploads: preview, duplicates, refused files, all or nothing. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportTest {

    private Fixture f;
    private PartnershipService s;
    @TempDir
    Path dir;

    @BeforeAll
    void start() throws Exception {
        f = Fixture.demo();
        s = f.service();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
    }

    @BeforeEach
    void emptyCoalition() {
        s.actors().forEach(a -> s.delete(a.id(), "test", "-"));
    }

    private Path file(String name, String text, Charset cs) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, text.getBytes(cs));
        return p;
    }

    /** Uploads and returns the preview page's address (or fails with the answer). */
    private String upload(Browser b, Path file) throws IOException {
        HttpResponse<String> r = b.upload("/partnerships/import", file);
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    @Test
    void aCleanFileIsPreviewedThenImportedWithItsAreasGroupsAndAudit() throws IOException {
        Area ward = f.wards().get(0);
        Browser b = f.as("coordinator");
        b.get("/partnerships/import");
        Path csv = file("actors.csv", """
                name;type;status;interest;influence;areas;target_groups;sectors;notes
                Mothers' <b>Union</b>;women_led;engaged;4;2;%s;women_girls;care;first
                Radio Jamii;media;;;;;;;
                """.formatted(ward.code()), StandardCharsets.UTF_8);
        String preview = upload(b, csv);
        String page = b.get(preview).body();
        assertTrue(page.contains("2 lines: 2 new actors, 0 possible duplicates, 0 lines with errors."), page);
        assertTrue(page.contains("&lt;b&gt;Union&lt;/b&gt;") && !page.contains("<b>Union"));
        assertTrue(s.actors().isEmpty(), "a preview saves nothing");
        int imports = f.audit("partnerships.import").size();
        HttpResponse<String> done = b.post(preview, Map.of());
        assertEquals(303, done.statusCode());
        assertTrue(b.follow(done).body().contains("Import done: 2 actors added, 0 merged, 0 lines skipped."));
        Actor union = s.actors().stream().filter(a -> a.type().equals("women_led")).findFirst().orElseThrow();
        assertEquals("Mothers' <b>Union</b>", union.name());
        assertEquals(List.of(ward.id()), union.areaIds());
        assertEquals(List.of("women_girls"), union.groups());
        assertEquals(4, union.interest());
        Actor radio = s.actors().stream().filter(a -> a.type().equals("media")).findFirst().orElseThrow();
        assertEquals("not_contacted", radio.status());
        assertEquals(3, radio.influence());
        assertEquals(imports + 1, f.audit("partnerships.import").size());
        assertEquals(404, b.get(preview).statusCode(), "the upload is gone once imported");
    }

    @Test
    void duplicatesAreOfferedForMergingOrSkipping() throws IOException {
        Area ward = f.wards().get(1);
        long redCross = s.create(Fixture.form("Kenya Red-Cross Society", "ngo", "invited", List.of(), List.of("older_persons")),
                "test", "-");
        long police = s.create(Fixture.form("Central Police Station", "police_justice", "engaged", List.of(), List.of()),
                "test", "-");
        s.create(Fixture.form("Youth Link", "ngo", "engaged", List.of(), List.of()), "test", "-");
        Browser b = f.as("coordinator");
        b.get("/partnerships/import");
        String preview = upload(b, file("dups.csv", """
                name,type,status,areas,target_groups,notes
                kenya red cross  society,ngo,engaged,%s,women_girls,met in May
                Central Police Statoin,police_justice,,,,
                Youth Link,youth_led,,,,
                """.formatted(ward.code()), StandardCharsets.UTF_8));
        String page = b.get(preview).body();
        assertTrue(page.contains("3 lines: 1 new actors, 2 possible duplicates, 0 lines with errors."), page);
        assertTrue(page.contains("href=\"/partnerships/actors/" + redCross + "\">Kenya Red-Cross Society</a>"));
        assertTrue(page.contains("href=\"/partnerships/actors/" + police + "\">Central Police Station</a>"), "one letter apart");
        HttpResponse<String> done = b.post(preview, Map.of("line3", "skip"));
        assertEquals(303, done.statusCode());
        assertTrue(b.follow(done).body().contains("Import done: 1 actors added, 1 merged, 1 lines skipped."));
        Actor merged = s.require(redCross);
        assertEquals("Kenya Red-Cross Society", merged.name(), "the existing name stays");
        assertEquals("engaged", merged.status());
        assertEquals(List.of(ward.id()), merged.areaIds());
        assertEquals(List.of("older_persons", "women_girls"), merged.groups());
        assertEquals("met in May", merged.notes());
        assertEquals(4, s.actors().size(), "the youth-led Youth Link is another actor (another type)");
        assertTrue(f.audit("partnerships.actor.merge").stream().anyMatch(e -> e.recordId().equals(Long.toString(redCross))));
    }

    @Test
    void unknownCodesAndRepeatedLinesRefuseTheWholeFile() throws IOException {
        Browser b = f.as("coordinator");
        b.get("/partnerships/import");
        String preview = upload(b, file("bad.csv", """
                name,type,areas,target_groups,interest
                Good NGO,ngo,,,
                Bad type <script>,charity,,,
                Bad area,ngo,NOWHERE-9,,
                Bad group,ngo,,pets,
                Bad score,ngo,,,9
                good ngo,ngo,,,
                """, StandardCharsets.UTF_8));
        String page = b.get(preview).body();
        assertTrue(page.contains("6 lines: 6 new actors, 0 possible duplicates, 5 lines with errors."), page);
        assertTrue(page.contains("unknown type “charity”."));
        assertTrue(page.contains("unknown area code “NOWHERE-9”."));
        assertTrue(page.contains("unknown target group “pets”."));
        assertTrue(page.contains("Interest (1-5): Choose a score from 1 to 5."), page);
        assertTrue(page.contains("the same actor as line 2."));
        assertTrue(page.contains("Bad type &lt;script&gt;") && !page.contains("Bad type <script>"));
        assertFalse(page.contains(">Import</button>"));
        HttpResponse<String> refused = b.post(preview, Map.of());
        assertEquals(422, refused.statusCode());
        assertTrue(refused.body().contains("Nothing was imported: 5 lines have errors."));
        assertTrue(s.actors().isEmpty(), "all or nothing");
    }

    @Test
    void damagedFilesAreRefusedWithTheirReasonAndNothingChanges() throws IOException {
        Browser b = f.as("coordinator");
        b.get("/partnerships/import");
        // a file that is partly UTF-8 and partly Windows-1252
        byte[] utf = "name,type\nCafé Jamii,community_group\n".getBytes(StandardCharsets.UTF_8);
        byte[] latin = "Société Amie,ngo\n".getBytes(Charset.forName("windows-1252"));
        Path mixed = dir.resolve("mixed.csv");
        Files.write(mixed, concat(utf, latin));
        assertRefused(b.upload("/partnerships/import", mixed), "Line 2 is written in UTF-8 but the rest of the file in windows-1252");
        assertRefused(b.upload("/partnerships/import", file("lost.csv", "name,type\nSoci\uFFFDt\uFFFD,ngo\n", StandardCharsets.UTF_8)),
                "Line 2 contains “�”");
        Path binary = dir.resolve("photo.csv");
        Files.write(binary, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13});
        assertRefused(b.upload("/partnerships/import", binary), "This is not a text (CSV) file.");
        assertRefused(b.upload("/partnerships/import", file("nohead.csv", "Good NGO,ngo\n", StandardCharsets.UTF_8)),
                "The file has no “name” column");
        assertTrue(s.actors().isEmpty());
        // Windows-1252 alone is fine: accents come through
        String preview = upload(b, file("latin.csv", "name;type\nSociété Amie;ngo\n", Charset.forName("windows-1252")));
        assertTrue(b.get(preview).body().contains("Société Amie"));
    }

    @Test
    void onlyEditorsImport() throws IOException {
        Browser p = f.as("partner");
        assertEquals(403, p.get("/partnerships/import").statusCode());
        Path csv = file("p.csv", "name,type\nX,ngo\n", StandardCharsets.UTF_8);
        assertEquals(403, p.upload("/partnerships/import", csv).statusCode());
        Browser b = f.as("coordinator");
        b.get("/partnerships/import");
        String preview = upload(b, csv);
        Browser other = f.as("analyst");
        other.get("/partnerships/actors");
        assertEquals(404, other.get(preview).statusCode(), "an upload belongs to the session that sent it");
        assertTrue(s.actors().isEmpty());
    }

    private static void assertRefused(HttpResponse<String> r, String reason) {
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains(reason), r.body());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
