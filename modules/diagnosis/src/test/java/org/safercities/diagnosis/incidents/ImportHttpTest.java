package org.safercities.diagnosis.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Browser;
import org.safercities.platform.SharedData;

/** The incident import over HTTP on the real files of shared/data/incidents, and on broken ones. */
class ImportHttpTest {

    static ImportFlow flow;

    @BeforeAll
    static void start() throws IOException {
        flow = ImportFlow.demo(Map.of());
    }

    @AfterAll
    static void stop() throws IOException {
        flow.close();
    }

    @Test
    void sanFranciscoRobberiesImportOnceAndTheSecondTimeAddNothing() throws Exception {
        Browser b = flow.as("analyst");
        Path file = SharedData.file("incidents/san_francisco_personal_robbery_2019.csv");
        long before = flow.incidents().counts().total();
        Map<String, String> mapping = Map.of("newName", "SFPD robberies", "kind", "police", "date", "date_time",
                "fixedCategory", "0401", "longitude", "longitude", "latitude", "latitude", "zone",
                "America/Los_Angeles", "dateOrder", "AUTO");
        String job = flow.check(b, flow.upload(b, file), mapping);
        String checked = flow.await(b, job);
        assertEquals(951, ImportFlow.figure(checked, "Rows read"), checked);
        assertEquals(951, ImportFlow.figure(checked, "New incidents"));
        assertEquals(0, ImportFlow.figure(checked, "Rows with errors"));
        flow.load(b, job, checked, Map.of());
        String done = flow.await(b, job);
        assertTrue(done.contains("The import is done."), done);
        assertEquals(before + 951, flow.incidents().counts().total());

        // the same file again, under the same source: checked, nothing new
        String source = sourceId("SFPD robberies");
        Map<String, String> again = new HashMap<>(mapping);
        again.remove("newName");
        again.put("source", source);
        String job2 = flow.check(b, flow.upload(b, file), again);
        String checked2 = flow.await(b, job2);
        assertEquals(951, ImportFlow.figure(checked2, "Already imported"), checked2);
        assertEquals(0, ImportFlow.figure(checked2, "New incidents"));
        assertEquals(before + 951, flow.incidents().counts().total());
    }

    @Test
    void ukStreetCrimesMapTheirCategoriesAndKeepRowsWithoutLocationAsAreaUnknown() throws Exception {
        Browser b = flow.as("coordinator");
        Path file = SharedData.file("incidents/uk_2019-01-city-of-london-street.csv");
        String job = flow.check(b, flow.upload(b, file), Map.of("newName", "City of London Police", "kind", "police",
                "date", "Month", "category", "Crime type", "longitude", "Longitude", "latitude", "Latitude"));
        String checked = flow.await(b, job);
        assertEquals(617, ImportFlow.figure(checked, "Rows read"), checked);
        assertEquals(0, ImportFlow.figure(checked, "Rows with errors"));
        // no demo area lies in London: every row is kept, in "area unknown"
        assertEquals(617, ImportFlow.figure(checked, "Area unknown"));
        assertTrue(checked.contains("Anti-social behaviour"), "the source's words are listed for mapping");
        long before = flow.incidents().counts().total();
        flow.load(b, job, checked, Map.of("Anti-social behaviour", "0801", "Violence and sexual offences", "02"));
        flow.await(b, job);
        CountCube cube = flow.incidents().counts();
        assertEquals(before + 617, cube.total());
        long asb = 0;
        long violence = 0;
        for (int i = 0; i < cube.size(); i++) {
            if (cube.month(i) == 201901 && cube.areaKey(i) == 0) {
                String code = Codes.ICCS.get(cube.iccs(i));
                asb += code.equals("0801") ? cube.count(i) : 0;
                violence += code.equals("02") ? cube.count(i) : 0;
            }
        }
        // 93 anti-social behaviour rows (SOURCES.md) and the public order offences, which the first guess also puts
        // under 0801, counted in the file itself
        long publicOrder = Files.readAllLines(file).stream().filter(l -> l.contains(",Public order,")).count();
        assertEquals(93 + publicOrder, asb);
        assertTrue(violence > 0);
        // the value mapping is kept for the next file of this source, and can be corrected on the source's page
        long source = Long.parseLong(sourceId("City of London Police"));
        assertEquals("0801", flow.incidents().valueMaps(source).get("category").get("Anti-social behaviour"));
        String page = b.get("/diagnosis/sources/" + source).body();
        assertTrue(page.contains("Shoplifting"), page);
        HttpResponse<String> saved = b.postAll("/diagnosis/sources/" + source, java.util.List.of(
                Map.entry("field", "category"), Map.entry("local", "Shoplifting"), Map.entry("code", "0502")));
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("0502", flow.incidents().valueMaps(source).get("category").get("Shoplifting"));
        HttpResponse<String> forged = b.postAll("/diagnosis/sources/" + source, java.util.List.of(
                Map.entry("field", "category"), Map.entry("local", "Shoplifting"), Map.entry("code", "<script>")));
        assertEquals(422, forged.statusCode());
        assertEquals(403, flow.as("partner").get("/diagnosis/sources/" + source).statusCode());
    }

    @Test
    void undoRemovesTheImportAndItsCounts() throws Exception {
        Browser b = flow.as("coordinator");
        Path file = SharedData.file("incidents/uk_2019-01-city-of-london-stop-and-search.csv");
        long before = flow.incidents().counts().total();
        String job = flow.check(b, flow.upload(b, file), Map.of("newName", "Stop and search", "kind", "police",
                "date", "Date", "fixedCategory", "11", "sex", "Gender", "age", "Age range", "longitude", "Longitude",
                "latitude", "Latitude", "zone", "Europe/London"));
        String checked = flow.await(b, job);
        assertEquals(153, ImportFlow.figure(checked, "Rows read"), checked);
        flow.load(b, job, checked, Map.of());
        flow.await(b, job);
        assertEquals(before + 153, flow.incidents().counts().total());
        ImportRecord last = flow.incidents().imports().get(0);
        assertEquals("done", last.status());
        HttpResponse<String> undo = b.post("/diagnosis/imports/" + last.id() + "/undo", Map.of());
        assertEquals(303, undo.statusCode(), undo.body());
        assertEquals(before, flow.incidents().counts().total());
        assertEquals("undone", flow.incidents().imports().get(0).status());
        // an analyst may import but not undo
        Browser analyst = flow.as("analyst");
        assertEquals(403, analyst.post("/diagnosis/imports/" + last.id() + "/undo", Map.of()).statusCode());
    }

    @Test
    void rowsWithBadDatesAreListedWithTheirReasonAndTheGoodOnesImport(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mixed.csv");
        Files.writeString(file, """
                date;type;sex;age
                2024-03-01;Robo;Mujer;34
                not a date;Robo;Hombre;20
                ;Hurto;Mujer;-1
                2024-03-05;=HYPERLINK("http://x");Hombre;0
                """, StandardCharsets.ISO_8859_1);
        Browser b = flow.as("analyst");
        String job = flow.check(b, flow.upload(b, file), Map.of("newName", "Mixed", "kind", "other", "date", "date",
                "category", "type", "sex", "sex", "age", "age"));
        String checked = flow.await(b, job);
        assertEquals(4, ImportFlow.figure(checked, "Rows read"), checked);
        assertEquals(2, ImportFlow.figure(checked, "Rows with errors"));
        assertTrue(checked.contains("This is not a date the kit can read."), checked);
        assertTrue(checked.contains("The date is missing."));
        HttpResponse<String> csv = b.get(job + "/errors.csv");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body().contains("not a date"), csv.body());
        // a formula in a cell is stored as text; the kit's own CSV neutralises it when written out
        assertFalse(checked.contains("<a href=\"http://x\""), "escaped, never markup");
    }

    @Test
    void aFileThatIsNoTableIsRefusedAtOnceWithItsReason(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("picture.csv");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0});
        Browser b = flow.as("analyst");
        b.get("/diagnosis/import");
        HttpResponse<String> r = b.upload("/diagnosis/import", png);
        assertTrue(r.body().contains("\"error\""), r.body());
        assertTrue(r.body().contains("not a CSV"), r.body());
    }

    @Test
    void aTenMillionCharacterLineFailsTheCheckWithItsReasonAndAddsNothing(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("huge.csv");
        try (Writer w = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            w.write("date,type\n2024-01-01,Robo\n2024-01-02,");
            for (int i = 0; i < 1_000; i++) {
                w.write("x".repeat(10_000));
            }
            w.write("\n");
        }
        long before = flow.incidents().counts().total();
        Browser b = flow.as("analyst");
        String job = flow.check(b, flow.upload(b, huge), Map.of("newName", "Huge", "kind", "other", "date", "date",
                "category", "type"));
        String page = flow.await(b, job);
        assertTrue(page.contains("longer than"), page);
        assertEquals(before, flow.incidents().counts().total());
    }

    /** A column of street addresses mapped as the area: the check stops at 1,000 unknown words and says which
     *  column, instead of keeping one per row for the mapping page (it ran the heap out on big files). */
    @Test
    void aColumnWithThousandsOfUnknownWordsStopsTheCheckWithItsName(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("date,type,street\n");
        for (int i = 0; i < 5_000; i++) {
            csv.append("2024-03-01,Robo,").append(i).append(" Long Street\n");
        }
        Path file = Files.writeString(dir.resolve("streets.csv"), csv);
        long before = flow.incidents().counts().total();
        Browser b = flow.as("analyst");
        String job = flow.check(b, flow.upload(b, file), Map.of("newName", "Streets", "kind", "other", "date", "date",
                "category", "type", "area", "street"));
        String page = flow.await(b, job);
        assertTrue(page.contains("The column street has more than 1,000 different values"), page);
        assertEquals(before, flow.incidents().counts().total());
    }

    /**
     * Imports checked and never loaded (or failed, or cancelled) are forgotten, oldest first, past the newest
     * ten, with the files they still had: each holds victims' records. They stayed until the kit stopped.
     */
    @Test
    void checkedImportsLeftBehindAreForgottenWithTheirFiles(@TempDir Path dir) throws Exception {
        Path file = wardFile(dir, "left.csv", aWard(), 5);
        Browser b = flow.as("analyst");
        String first = null;
        for (int i = 0; i < IncidentService.JOBS_KEPT + 5; i++) {
            String job = flow.check(b, flow.upload(b, file), Map.of("newName", "Left behind " + i, "kind", "other",
                    "date", "date", "category", "type", "area", "ward"));
            flow.await(b, job);
            first = first == null ? job : first;
        }
        assertEquals(IncidentService.JOBS_KEPT, flow.incidents().jobsRemembered());
        assertEquals(404, b.get(first).statusCode(), "the oldest is gone");
        try (var left = Files.list(flow.kit.data.resolve("uploads"))) {
            // a checked job keeps its upload, its rejected rows and its prepared rows and counts: the forgotten
            // ones' are deleted (each name starts with the job's or the upload's id)
            List<String> names = left.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.size() <= 4L * IncidentService.JOBS_KEPT, names.size() + " files: " + names);
        }
    }

    /** Rows of a made-up local category "Zzz" (first guess: unknown) in one ward of the demo city, March 2024. */
    private static Path wardFile(Path dir, String name, org.safercities.platform.areas.Area ward, int rows)
            throws IOException {
        StringBuilder csv = new StringBuilder("date,type,ward\n");
        for (int i = 0; i < rows; i++) {
            csv.append("2024-03-").append(String.format("%02d", 1 + i % 28)).append(",Zzz,").append(ward.name())
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), csv);
    }

    private static org.safercities.platform.areas.Area aWard() {
        return ward(3);
    }

    private static org.safercities.platform.areas.Area ward(int skip) {
        var areas = flow.platform[0].areas();
        int deepest = areas.all().stream().mapToInt(org.safercities.platform.areas.Area::level).max().orElseThrow();
        return areas.all().stream().filter(a -> a.level() == deepest).skip(skip).findFirst().orElseThrow();
    }

    private static long cell(long areaId, String iccs, int month) {
        CountCube cube = flow.incidents().counts();
        long n = 0;
        for (int i = 0; i < cube.size(); i++) {
            if (cube.areaKey(i) == areaId && cube.month(i) == month && Codes.ICCS.get(cube.iccs(i)).equals(iccs)) {
                n += cube.count(i);
            }
        }
        return n;
    }

    @Test
    void aValueMappedOtherwiseAfterTheCheckIsLoadedAsMappedAndAnImportBetweenAddsNothingTwice(@TempDir Path dir)
            throws Exception {
        var ward = aWard();
        Path file = wardFile(dir, "ward.csv", ward, 40);
        Browser b = flow.as("coordinator");
        Map<String, String> mapping = Map.of("newName", "Ward office", "kind", "other", "date", "date",
                "category", "type", "area", "ward");
        long before = cell(ward.id(), "0502", 202403);
        long unknownBefore = cell(ward.id(), "unknown", 202403);
        // the rows are checked under the first guess (unknown); the user maps Zzz to theft (0502) before loading
        String job = flow.check(b, flow.upload(b, file), mapping);
        String checked = flow.await(b, job);
        assertEquals(40, ImportFlow.figure(checked, "New incidents"), checked);
        assertEquals(0, ImportFlow.figure(checked, "Area unknown"), checked);
        flow.load(b, job, checked, Map.of("Zzz", "0502"));
        assertTrue(flow.await(b, job).contains("The import is done."));
        assertEquals(before + 40, cell(ward.id(), "0502", 202403));
        assertEquals(unknownBefore, cell(ward.id(), "unknown", 202403));

        // the same file checked twice under the same source; once the first is loaded, the second adds nothing
        Map<String, String> again = new HashMap<>(mapping);
        again.remove("newName");
        again.put("source", sourceId("Ward office"));
        Path more = wardFile(dir, "more.csv", ward, 50);
        String first = flow.check(b, flow.upload(b, more), again);
        String firstChecked = flow.await(b, first);
        String second = flow.check(b, flow.upload(b, more), again);
        String secondChecked = flow.await(b, second);
        assertEquals(10, ImportFlow.figure(secondChecked, "New incidents"), secondChecked);
        flow.load(b, first, firstChecked, Map.of());
        flow.await(b, first);
        flow.load(b, second, secondChecked, Map.of());
        flow.await(b, second);
        assertEquals(before + 50, cell(ward.id(), "0502", 202403));
        assertEquals(0, flow.incidents().imports().get(0).rowsAdded(), "the second load found its rows already there");
    }

    @Test
    void anAreaThatImportedIncidentsArePlacedInCannotBeDeleted(@TempDir Path dir) throws Exception {
        var ward = aWard();
        Browser b = flow.as("coordinator");
        String job = flow.check(b, flow.upload(b, wardFile(dir, "guard.csv", ward, 3)), Map.of("newName",
                "Guard test", "kind", "other", "date", "date", "category", "type", "area", "ward"));
        flow.load(b, job, flow.await(b, job), Map.of());
        flow.await(b, job);
        org.safercities.platform.Problem refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.safercities.platform.Problem.class, () -> flow.platform[0].areas().delete(ward.id(), "test", "-"));
        assertEquals("platform.areas.inUse", refused.messageKey());
        assertTrue(flow.platform[0].areas().byId(ward.id()).isPresent());
    }

    @Test
    void anImportedIncidentOpensByItsRowAndIsMovedToAnotherAreaWhichIsThenGuardedToo(@TempDir Path dir)
            throws Exception {
        var from = ward(5);
        var to = ward(6);
        Browser b = flow.as("coordinator");
        String job = flow.check(b, flow.upload(b, wardFile(dir, "moved.csv", from, 2)), Map.of("newName",
                "Corrections", "kind", "other", "date", "date", "category", "type", "area", "ward"));
        flow.load(b, job, flow.await(b, job), Map.of("Zzz", "0502"));
        flow.await(b, job);
        ImportRecord imported = flow.incidents().imports().get(0);
        assertEquals(2, imported.rowsAdded());
        // the row index is built once the import is committed
        assertEquals(1, flow.kit.scalar("SELECT COUNT(*) FROM sys.sysconglomerates WHERE conglomeratename = 'DIAGNOSIS_INC_"
                + imported.id() + "_ROW'"));
        long id = (imported.id() << 32) + 2;
        HttpResponse<String> page = b.get("/diagnosis/incidents/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Zzz"), page.body());
        Incident before = flow.incidents().incident(id).orElseThrow();
        assertEquals(from.id(), before.row().areaId());
        Map<String, String> form = new HashMap<>(Map.of("date", before.row().date().toString(), "iccs", "0502",
                "local", "Zzz", "sex", String.valueOf(before.row().sex()), "place", before.row().place(),
                "area", Long.toString(to.id()), "source", Long.toString(before.sourceId()), "version", "0"));
        long total = flow.incidents().counts().total();
        long fromCell = cell(from.id(), "0502", 202403);
        long toCell = cell(to.id(), "0502", 202403);
        HttpResponse<String> saved = b.post("/diagnosis/incidents/" + id, form);
        assertEquals(303, saved.statusCode(), saved.body());
        // counted out of one ward and into the other, the total unchanged
        assertEquals(total, flow.incidents().counts().total());
        assertEquals(fromCell - 1, cell(from.id(), "0502", 202403));
        assertEquals(toCell + 1, cell(to.id(), "0502", 202403));
        assertEquals(to.id(), flow.incidents().incident(id).orElseThrow().row().areaId());
        assertEquals(from.id(), flow.incidents().incident(id - 1).orElseThrow().row().areaId(), "its neighbour stays");
        // the area it was moved to is now in use by the import too
        org.safercities.platform.Problem refused = org.junit.jupiter.api.Assertions.assertThrows(
                org.safercities.platform.Problem.class, () -> flow.platform[0].areas().delete(to.id(), "test", "-"));
        assertEquals("platform.areas.inUse", refused.messageKey());
        // a stale version is told, not overwritten
        assertEquals(409, b.post("/diagnosis/incidents/" + id, form).statusCode());
    }

    @Test
    void theIncidentListMergesEveryImportNewestFirstPageByPage(@TempDir Path dir) throws Exception {
        var ward = ward(7);
        Browser b = flow.as("coordinator");
        String job = flow.check(b, flow.upload(b, wardFile(dir, "list.csv", ward, 30)), Map.of("newName", "List test",
                "kind", "other", "date", "date", "category", "type", "area", "ward"));
        flow.load(b, job, flow.await(b, job), Map.of());
        flow.await(b, job);
        flow.incidents().create(null, new IncidentRow(1, java.time.LocalDate.of(2024, 3, 15), 'D', null, "0502", "typed",
                'F', null, "unknown", "street", ward.id(), null, null), "test", "-");
        IncidentService incidents = flow.incidents();
        incidents.awaitIdle(); // the date indexes are built after each import: the list reads through them
        assertEquals(1, flow.kit.scalar("SELECT COUNT(*) FROM sys.sysconglomerates WHERE conglomeratename = 'DIAGNOSIS_INC_"
                + incidents.imports().get(0).id() + "_DATE'"));
        List<Incident> all = incidents.incidents(null, null, false, 0, 1_000_000);
        assertEquals(incidents.counts().total(), all.size(), "every incident, typed in or imported, is listed once");
        java.util.Comparator<Incident> newestFirst = java.util.Comparator.comparing((Incident i) -> i.row().date())
                .thenComparingLong(Incident::id).reversed();
        List<Incident> sorted = new java.util.ArrayList<>(all);
        sorted.sort(newestFirst);
        assertEquals(ids(sorted), ids(all));
        assertEquals(ids(all.subList(0, 50)), ids(incidents.incidents(null, null, false, 0, 50)));
        assertEquals(ids(all.subList(50, 100)), ids(incidents.incidents(null, null, false, 50, 50)));
        // filters compose with the merge: one ward, one source
        List<Incident> inWard = incidents.incidents(null, ward.id(), false, 0, 1_000);
        assertEquals(ids(all.stream().filter(i -> Long.valueOf(ward.id()).equals(i.row().areaId())).limit(1_000).toList()),
                ids(inWard));
        assertTrue(inWard.stream().anyMatch(i -> "typed".equals(i.row().localCategory())));
        long source = Long.parseLong(sourceId("List test"));
        assertEquals(30, incidents.incidents(source, null, false, 0, 100).size());
        assertEquals(200, b.get("/diagnosis/incidents?area=" + ward.id()).statusCode());
    }

    private static List<Long> ids(List<Incident> list) {
        return list.stream().map(Incident::id).toList();
    }

    @Test
    void partnersAndTheTechnicalGroupCannotSeeOrImportIncidentRecords() {
        for (String who : new String[] {"partner", "member"}) {
            Browser b = flow.as(who);
            assertEquals(403, b.get("/diagnosis/import").statusCode());
            assertEquals(403, b.get("/diagnosis/incidents").statusCode());
        }
    }

    private static String sourceId(String name) {
        return flow.incidents().sources().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().id() + "";
    }
}
