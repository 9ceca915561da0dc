package org.safercities.diagnosis.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;
import org.safercities.platform.Browser;

/**
 * The survey import as a background job over real HTTP and Derby: it keeps the page through a reload, it can be
 * cancelled after batches were committed, a power cut leaves nothing, a file that breaks halfway stores nothing.
 */
class SurveyImportJobTest extends SurveyKit {

    /** A Kobo-like export of {@code rows} consenting respondents answering the local question "lit". */
    Path export(int rows) throws Exception {
        Path file = Files.createTempDirectory("survey-job").resolve("export.csv");
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("KEY,sex,lit,consent\n");
            for (int i = 0; i < rows; i++) {
                w.write("uuid:k" + i + "," + (i % 2 == 0 ? "female" : "male") + "," + (i % 3 == 0 ? "yes" : "no") + ",yes\n");
            }
        }
        return file;
    }

    static final Map<String, String> MAPPING = Map.of("key", "KEY", "sex", "sex", "consent", "consent", "q_lit", "lit",
            "mode", "good");

    long respondents() {
        return one("SELECT COUNT(*) FROM diagnosis_survey_respondent");
    }

    @Test
    void aRunningImportIsFoundAgainAndCancellingItAfterCommittedBatchesLeavesNothing() throws Exception {
        Browser editor = as("demo-coordinator");
        addLocal(editor, "lit", "yes\nno", "", false);
        long before = respondents();
        long cubeBefore = service().cube().version();
        String upload = upload(editor, export(3 * SurveyService.BATCH + 100));
        // the test holds the answer table: the first batch of the import waits inside its transaction
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> kit.kit.store().tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE diagnosis_survey_answer IN EXCLUSIVE MODE");
            }
            locked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        locked.await();
        String job = start(editor, upload, MAPPING);
        SurveyImport running = service().job(job.substring(job.lastIndexOf('/') + 1)).orElseThrow();
        for (int i = 0; i < 600 && running.rows() < SurveyService.BATCH; i++) {
            Thread.sleep(50); // waiting for the import to reach its first batch, not measuring it
        }
        // a reload finds the running job, with its bar and its cancel button, and so does the import page
        String page = editor.get(job).body();
        assertTrue(page.contains("data-job-status=\"" + job + "/status\"") && page.contains(job + "/cancel"), page);
        assertTrue(editor.get("/diagnosis/surveys/import").body().contains("href=\"" + job + "\""));
        assertTrue(editor.get(job + "/status").body().contains("\"running\":true"));
        assertEquals(303, editor.post(job + "/cancel", Map.of()).statusCode());
        release.countDown();
        holder.get();
        String after = finished(editor, job);
        assertTrue(after.contains("The import was cancelled. Nothing was stored."), after);
        assertEquals(SurveyImport.Phase.CANCELLED, running.phase());
        assertTrue(running.added() >= SurveyService.BATCH, "a batch was stored before the cancel was seen");
        assertEquals(before, respondents(), "the committed batch was removed");
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_import"));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_answer WHERE question_code = 'lit'"));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_cell WHERE indicator_code LIKE 'L:lit:%'"));
        assertEquals(cubeBefore, service().cube().version(), "the sums never counted it");
        // the same file imported to the end afterwards: every row, once
        String done = finished(editor, start(editor, upload, MAPPING));
        assertEquals(3 * SurveyService.BATCH + 100, figure(done, "Respondents added"));
        assertEquals(before + 3 * SurveyService.BATCH + 100, respondents());
        assertEquals(3 * SurveyService.BATCH + 100, one("SELECT SUM(respondents) FROM diagnosis_survey_cell "
                + "WHERE indicator_code = 'L:lit:yes'"));
    }

    @Test
    void checkingOnlyStoresNothingAndTheSameUploadCanThenBeImported() throws Exception {
        Browser editor = as("demo-coordinator");
        addLocal(editor, "lit", "yes\nno", "", false);
        long before = respondents();
        String upload = upload(editor, export(2500));
        Map<String, String> check = new HashMap<>(MAPPING);
        check.put("mode", "check");
        String checked = finished(editor, start(editor, upload, check));
        assertTrue(checked.contains("Nothing was stored.") && checked.contains("href=\"" + upload + "\""), checked);
        assertEquals(2500, figure(checked, "Respondents added"), "what an import would add");
        assertEquals(before, respondents());
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_import"));
        finished(editor, start(editor, upload, MAPPING));
        assertEquals(before + 2500, respondents());
        assertEquals(1, one("SELECT COUNT(*) FROM diagnosis_survey_import WHERE rows_added = 2500 AND rows_read = 2500"));
    }

    /** Like the incidents' CrashRecoveryTest: what a power cut between two batches leaves is gone at the next start. */
    @Test
    void theRowsOfASurveyImportCutShortAreRemovedAtTheNextStart() throws Exception {
        long before = respondents();
        long cells = one("SELECT SUM(respondents) FROM diagnosis_survey_cell");
        long estimated = service().estimates("16.1.4", k -> true, k -> "").get("").respondents();
        kit.kit.store().tx(c -> {
            long importId;
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO diagnosis_survey_import (file_name, rows_read, rows_added, rows_duplicate, "
                        + "rows_rejected, started_by, started_at, status) VALUES ('cut.csv', 0, 0, 0, 0, 'analyst', CURRENT_TIMESTAMP, "
                        + "'running')",
                        Statement.RETURN_GENERATED_KEYS);
                try (ResultSet k = st.getGeneratedKeys()) {
                    k.next();
                    importId = k.getLong(1);
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO diagnosis_survey_respondent (key_hmac, sex, age_band, "
                    + "disability, weight, consent_at, import_id, entered_by, entered_at) VALUES (?, 'F', 'unknown', 'U', 1, "
                    + "CURRENT_TIMESTAMP, ?, 'analyst', CURRENT_TIMESTAMP)")) {
                for (int i = 0; i < 25; i++) {
                    ps.setString(1, String.format("%064x", i + 1));
                    ps.setLong(2, importId);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO diagnosis_survey_answer (respondent_id, question_code, choice_code) "
                        + "SELECT id, 'safe_after_dark', 'very_safe' FROM diagnosis_survey_respondent WHERE import_id = " + importId);
            }
            return null;
        });
        assertEquals(before + 25, respondents());
        kit.restart(Map.of("demo", "true"));
        assertEquals(before, respondents(), "none of its respondents is left");
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_import WHERE file_name = 'cut.csv'"));
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_answer a LEFT JOIN diagnosis_survey_respondent r "
                + "ON r.id = a.respondent_id WHERE r.id IS NULL"));
        assertEquals(cells, one("SELECT SUM(respondents) FROM diagnosis_survey_cell"), "the sums never held it");
        assertEquals(estimated, service().estimates("16.1.4", k -> true, k -> "").get("").respondents(),
                "the estimates read the same sums");
    }

    @Test
    void aTenMillionCharacterLineStopsTheImportWithItsReasonAndStoresNothing() throws Exception {
        Browser editor = as("demo-coordinator");
        addLocal(editor, "lit", "yes\nno", "", false);
        long before = respondents();
        Path file = export(3 * SurveyService.BATCH);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND)) {
            w.write("uuid:long,female,");
            w.write("x".repeat(10_000_000));
            w.write(",yes\n");
        }
        String page = finished(editor, start(editor, upload(editor, file), MAPPING));
        assertTrue(page.contains("is longer than") && page.contains("Nothing was imported."), page);
        assertFalse(page.contains("xxxxxxxxxx"));
        assertEquals(before, respondents(), "the batches stored before the broken line were removed");
        assertEquals(0, one("SELECT COUNT(*) FROM diagnosis_survey_import"));
    }

    /** A refused value is kept cut to 200 characters, never through the middle of a character. */
    @Test
    void aLongRefusedValueIsKeptCut() {
        assertEquals(201, new ImportError(1, "age", "9".repeat(100_000), "k", List.of()).value().length());
        String emoji = "x".repeat(199) + "😀😀";
        String cut = new ImportError(1, "age", emoji, "k", List.of()).value();
        assertEquals("x".repeat(199) + "…", cut, "the emoji's two halves stay together: out");
        assertEquals("short", new ImportError(1, "age", "short", "k", List.of()).value());
    }
}
