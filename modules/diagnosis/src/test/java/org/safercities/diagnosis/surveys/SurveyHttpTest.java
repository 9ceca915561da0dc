package org.safercities.diagnosis.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.diagnosis.stats.Proportion;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.SharedData;
import org.safercities.platform.TestKit;
import org.safercities.platform.areas.AreaService;

/** Surveys over real HTTP on a real demo kit (Derby in a temporary folder) and the real Nairobi Kobo export. */
class SurveyHttpTest extends SurveyKit {

    Map<String, String> entry(String weight, String answer, String sex) {
        Map<String, String> f = new HashMap<>(Map.of("consent", "yes", "respondentCode", "", "areaId", "", "sex", sex,
                "ageBand", "25-34", "disability", "N", "weight", weight));
        f.put("q_lit", answer);
        return f;
    }

    @Test
    void theDemoSurveyGivesEstimatesWithIntervalsToEveryoneSignedIn() {
        assertEquals(SurveyDemo.RESPONDENTS, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
        Browser b = as("demo-partner");
        HttpResponse<String> page = b.get("/diagnosis/surveys?by=sex");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("16.1.4") && page.body().contains("Women"), page.body());
        assertEquals(403, b.get("/diagnosis/surveys/responses").statusCode());
        assertEquals(403, b.get("/diagnosis/surveys/new").statusCode());
        List<SurveyService.IndicatorEstimate> report = service().indicatorEstimates(kit.kit.messages().translator("en"));
        SurveyService.IndicatorEstimate safe = report.get(0);
        assertEquals("16.1.4", safe.code());
        Proportion.Estimate all = safe.cityWide().estimate();
        // the demo is built so that women feel less safe than men
        assertTrue(safe.bySex().get("F").estimate().share() < safe.bySex().get("M").estimate().share());
        assertTrue(all.low() < all.share() && all.share() < all.high() && all.high() - all.low() < 0.06, all.toString());
        assertTrue(all.effectiveSize() < all.respondents(), "weights lower the effective sample size");
    }

    /**
     * Four respondents typed in with weights 1, 1, 2, 4; "yes" for the first (w 1) and the third (w 2).
     * Σw = 8, Σw² = 1 + 1 + 4 + 16 = 22, Σw·y = 1 + 2 = 3, so p = 3/8 = 0.375 and n_eff = 8²/22 = 2.90909…
     * Wilson with z = 1.959964: z²/n = 3.841459/2.909091 = 1.320501; denominator 1 + 1.320501 = 2.320501;
     * centre (0.375 + 0.660251)/2.320501 = 0.446132; half-width z/2.320501·√(0.375·0.625/2.909091 + 1.320501/11.636364)
     * = 0.844630·√(0.080566 + 0.113481) = 0.372066; interval 0.074067 – 0.818198.
     */
    @Test
    void estimatesFromTypedResponsesMatchTheHandComputationAndSmallCellsAreHiddenFromPartners() {
        Browser editor = as("demo-coordinator");
        addLocal(editor, "lit", "yes = Lit\nno = Dark", "", false);
        assertEquals(303, editor.post("/diagnosis/surveys/responses", entry("1", "yes", "F")).statusCode());
        assertEquals(303, editor.post("/diagnosis/surveys/responses", entry("1", "no", "F")).statusCode());
        assertEquals(303, editor.post("/diagnosis/surveys/responses", entry("2", "yes", "M")).statusCode());
        assertEquals(303, editor.post("/diagnosis/surveys/responses", entry("4,0", "no", "M")).statusCode());
        Proportion.Estimate e = service().estimates("L:lit:yes", k -> true, k -> "").get("");
        assertEquals(4, e.respondents());
        assertEquals(0.375, e.share(), 1e-12);
        assertEquals(64.0 / 22, e.effectiveSize(), 1e-12);
        assertEquals(0.074067, e.low(), 1e-6);
        assertEquals(0.818198, e.high(), 1e-6);
        // the stored sums are the same as the in-memory ones
        assertEquals(22.0, kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT SUM(sum_w2) FROM diagnosis_survey_cell WHERE indicator_code = 'L:lit:yes'")) {
                rs.next();
                return rs.getDouble(1);
            }
        }), 1e-12);
        String staffView = editor.get("/diagnosis/surveys?by=all").body();
        assertTrue(staffView.contains("37.5%") && staffView.contains("7.4% – 81.8%"), staffView);
        String partnerView = as("demo-partner").get("/diagnosis/surveys?by=all").body();
        assertFalse(partnerView.contains("37.5%"));
        assertTrue(partnerView.contains("hidden (fewer than 5 respondents)"));
        String csv = editor.get("/diagnosis/surveys/estimates.csv?by=all").body();
        assertTrue(csv.contains("Local lit: Lit") && !csv.contains("37.5%"), csv);
    }

    @Test
    void withoutConsentNothingIsStored() {
        Browser editor = as("demo-coordinator");
        addLocal(editor, "lit", "yes\nno", "", false);
        long before = one("SELECT COUNT(*) FROM diagnosis_survey_respondent");
        Map<String, String> f = entry("1", "yes", "F");
        f.remove("consent");
        f.put("respondentCode", "R-17");
        HttpResponse<String> r = editor.post("/diagnosis/surveys/responses", f);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("No consent recorded"));
        assertEquals(before, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_cell WHERE indicator_code LIKE 'L:lit:%'"));
    }

    @Test
    void theRealNairobiKoboExportImportsOnceWithPseudonymousKeys() throws Exception {
        AreaService areas = service().areas();
        long root = areas.root().orElseThrow().id();
        long mabatini = areas.create(new AreaService.AreaForm("KE-MAB", "Mabatini", "", "", Long.toString(root)), root, "test", "-");
        areas.create(new AreaService.AreaForm("KE-VTN", "Vietnam", "", "", Long.toString(root)), root, "test", "-");
        Browser editor = as("demo-coordinator");
        addLocal(editor, "toilet_safe", "Any_time\nDuring_Day\nUnsafe", "NA", false);
        addLocal(editor, "hhitems", "Computer\nElectricity\nInternet\nOven\nRadio\nRefrigerator\nSmartphone\nTelevision", "",
                true);
        Path file = SharedData.file("surveys/nairobi_abidjan_household_responses.csv");
        long before = one("SELECT COUNT(*) FROM diagnosis_survey_respondent");
        Map<String, String> mapping = new HashMap<>(Map.of("key", "KEY", "area", "Site", "sex", "Sex_HH",
                "consentAll", "yes", "q_toilet_safe", "ToiletFacilitySAFE", "q_hhitems", "HHITEMS", "mode", "good"));
        String upload = upload(editor, file);
        String mappingPage = editor.get(upload).body();
        assertTrue(mappingPage.contains("value=\"KEY\" selected"), "the Kobo KEY column is preselected");
        String job = start(editor, upload, mapping);
        String done = finished(editor, job);
        assertTrue(done.contains("The import is stored."), done);
        assertEquals(1714, figure(done, "Respondents added"));
        // the progress bar's last word: the whole file, nothing running
        String status = editor.get(job + "/status").body();
        assertTrue(status.contains("\"percent\":100") && status.contains("\"running\":false")
                && status.contains("\"rows\":1714"), status);
        // independent count (python csv): 1,714 rows, KEY unique; Any_time 1,027, During_Day 304, Unsafe 25, empty 358
        assertEquals(before + 1714, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
        assertEquals(1027, answers("toilet_safe", "Any_time"));
        assertEquals(304, answers("toilet_safe", "During_Day"));
        assertEquals(25, answers("toilet_safe", "Unsafe"));
        assertEquals(98, answers("hhitems", "Computer"));
        assertEquals(644, one("SELECT COUNT(*) FROM diagnosis_survey_respondent WHERE import_id IS NOT NULL AND sex = 'F'"));
        // Site → area: Mabatini 576, Vietnam 571; the Abidjan sites are not in the tree: area unknown
        assertEquals(576, one("SELECT COUNT(*) FROM diagnosis_survey_respondent WHERE area_id = " + mabatini));
        assertEquals(567, one("SELECT COUNT(*) FROM diagnosis_survey_respondent WHERE import_id IS NOT NULL AND area_id IS NULL"));
        // Mabatini: 278 Any_time of 278 + 240 + 4 who answered
        Proportion.Estimate m = service().estimates("L:toilet_safe:Any_time", k -> k.areaId() == mabatini, k -> "").get("");
        assertEquals(522, m.respondents());
        assertEquals(278.0 / 522, m.share(), 1e-12);
        // pseudonymous: the raw KEY is nowhere in the database
        String aKey = Files.readAllLines(file).get(1).split(",")[2];
        assertTrue(aKey.startsWith("uuid:"), aKey);
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_respondent WHERE key_hmac LIKE '%uuid%'"));
        boolean found = kit.kit.store().read(c -> dumpContains(c, aKey.substring(5)));
        assertFalse(found, "raw key found in the database");
        // idempotent: the same file again adds nobody
        String again = upload(editor, file);
        String second = finished(editor, start(editor, again, mapping));
        assertEquals(1714, figure(second, "Already imported (skipped)"), "all skipped as already imported");
        assertEquals(0, figure(second, "Respondents added"));
        assertEquals(before + 1714, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
        assertEquals(1027, answers("toilet_safe", "Any_time"));
    }

    static boolean dumpContains(java.sql.Connection c, String needle) throws java.sql.SQLException {
        for (String table : List.of("diagnosis_survey_respondent", "diagnosis_survey_answer", "diagnosis_survey_import",
                "platform_audit")) {
            try (var rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    for (int i = 1; i <= n; i++) {
                        String v = rs.getString(i);
                        if (v != null && v.contains(needle)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    @Test
    void badFilesGetAClearMessageAndChangeNothing() throws Exception {
        Browser editor = as("demo-coordinator");
        addLocal(editor, "lit", "yes\nno", "NA|8", false);
        long before = one("SELECT COUNT(*) FROM diagnosis_survey_respondent");
        Path dir = Files.createTempDirectory("bad-surveys");
        // not a CSV at all: a PNG
        Path png = dir.resolve("photo.csv");
        Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 1, 0});
        assertTrue(editor.upload("/diagnosis/surveys/import", png).body().contains("\"error\""));
        // a truncated workbook
        Path xlsx = dir.resolve("cut.xlsx");
        Files.write(xlsx, new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0});
        assertTrue(editor.upload("/diagnosis/surveys/import", xlsx).body().contains("\"error\""));
        // formula cells, a refused code and a missing code (8 = refused: no answer, not an error), all-or-nothing
        Path formula = dir.resolve("formula.csv");
        Files.writeString(formula, "KEY,lit,consent\nk1,yes,yes\nk2,=HYPERLINK(\"http://x\"),yes\nk3,8,yes\nk4,maybe,yes\n"
                + "k5,no,no\n", StandardCharsets.UTF_8);
        String u = upload(editor, formula);
        Map<String, String> map = new HashMap<>(Map.of("key", "KEY", "consent", "consent", "q_lit", "lit", "mode", "all"));
        String r = finished(editor, start(editor, u, map));
        assertTrue(r.contains("Nothing was stored") && r.contains("formula") && r.contains("No consent"), r);
        assertEquals(3, figure(r, "Rows rejected"));
        assertEquals(before, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_import"), "not even the import is recorded");
        Matcher csvLink = Pattern.compile("href=\"(/diagnosis/surveys/jobs/[^\"]+/errors.csv)\"").matcher(r);
        assertTrue(csvLink.find());
        String errors = editor.get(csvLink.group(1)).body();
        // rows 3 (formula), 5 (not a choice) and 6 (no consent) are reported; the formula is neutralised in the CSV
        assertTrue(errors.startsWith("Row,Column,Value,Reason") || errors.startsWith("\uFEFFRow,Column,Value,Reason"), errors);
        assertTrue(errors.contains("3,lit,") && errors.contains("5,lit,maybe") && errors.contains("6,consent,no"), errors);
        assertFalse(errors.contains(",=HYPERLINK"), errors);
        // good rows only: k1 and k3 (k3 without an answer to lit)
        map.put("mode", "good");
        assertTrue(finished(editor, start(editor, u, map)).contains("The import is stored."));
        assertEquals(before + 2, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
        assertEquals(1, answers("lit", "yes"));
        assertEquals(0, answers("lit", "8"));
        // a file in another language's encoding still reads (Windows-1252 detected) and maps
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, "KEY,lit,consent\nk9,yes,sí\n".getBytes(java.nio.charset.Charset.forName("windows-1252")));
        String u2 = upload(editor, latin);
        assertTrue(finished(editor, start(editor, u2, map)).contains("The import is stored."));
        assertEquals(before + 3, one("SELECT COUNT(*) FROM diagnosis_survey_respondent"));
    }

    @Test
    void selectQuestionsOfTheRealXlsFormsBecomeLocalQuestionsThatTheExportMapsByName() throws Exception {
        Browser editor = as("demo-coordinator");
        HttpResponse<String> up = editor.upload("/diagnosis/surveys/questionnaire/xlsform",
                SharedData.file("surveys/nairobi_2021_household_wash.xlsform.xls"));
        Matcher m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(up.body());
        assertTrue(m.find(), up.body());
        String page = editor.get(m.group(1)).body();
        assertTrue(page.contains("ToiletFacilitySAFE") && page.contains("HHITEMS"), page);
        assertEquals(303, editor.post(m.group(1), Map.of("question", "ToiletFacilitySAFE")).statusCode());
        String choices = kit.kit.store().read(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT choices || ' / ' || missing_codes FROM "
                    + "diagnosis_survey_question WHERE code = 'ToiletFacilitySAFE'")) {
                rs.next();
                return rs.getString(1);
            }
        });
        // the form's list: Any_time / During_Day / Unsafe / NA, where NA means "does not know / prefers not to answer"
        assertEquals("Any_time|During_Day|Unsafe|NA / NA", choices);
        assertTrue(editor.get("/diagnosis/surveys/questionnaire").body().contains("is it safe for you to use this toilet"));
        String upload = upload(editor, SharedData.file("surveys/nairobi_abidjan_household_responses.csv"));
        assertTrue(editor.get(upload).body().contains("value=\"ToiletFacilitySAFE\" selected"), "mapped by name");
        // Rio (SurveyCTO dialect): the opt-out "8 = Não me sinto confortável em responder" becomes a missing code
        List<FormQuestions.Candidate> rio = service().formCandidates(
                org.safercities.diagnosis.sheets.XlsForm.read(SharedData.file("surveys/rio_pinkcar_harassment_survey.xlsform.xlsx")),
                "en");
        assertTrue(rio.size() > 10, "select questions: " + rio.size());
        assertTrue(rio.stream().anyMatch(c -> c.question().missingCodes().contains("8")), rio.toString());
        assertTrue(rio.stream().allMatch(c -> c.wording().keySet().stream().allMatch(
                l -> List.of("ar", "zh", "en", "fr", "ru", "es").contains(l))));
        // not an XLSForm: refused with a message
        assertTrue(editor.upload("/diagnosis/surveys/questionnaire/xlsform",
                SharedData.file("surveys/nairobi_abidjan_individual_responses.csv")).body().contains("\"error\""));
    }
}
