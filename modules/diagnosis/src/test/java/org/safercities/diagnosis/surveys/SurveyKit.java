package org.safercities.diagnosis.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;

/** A demo kit (Derby in a temporary folder) with the diagnosis module, and the survey pages' steps as a browser takes them. */
abstract class SurveyKit {

    static final String PASSWORD = "demo-city-2026";
    TestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("survey-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("diagnosis", DiagnosisModule::new)));
    }

    @AfterEach
    void stop() throws Exception {
        kit.close();
    }

    Browser as(String user) {
        Browser b = kit.browser();
        assertEquals(303, b.signIn(user, PASSWORD).statusCode());
        b.get("/diagnosis/surveys/questionnaire"); // a page with the CSRF token (403 for partner viewers)
        return b;
    }

    long one(String sql) {
        return kit.scalar(sql);
    }

    SurveyService service() {
        return ((org.safercities.diagnosis.DiagnosisModule) kit.kit.modules().stream().filter(m -> m instanceof org.safercities.diagnosis.DiagnosisModule).findFirst().orElseThrow()).surveys();
    }

    void addLocal(Browser b, String code, String choices, String missing, boolean multiple) {
        Map<String, String> f = new HashMap<>(Map.of("code", code, "wording", "Local " + code, "choices", choices,
                "missing", missing));
        if (multiple) {
            f.put("multiple", "yes");
        }
        assertEquals(303, b.post("/diagnosis/surveys/questionnaire/local", f).statusCode());
    }

    long answers(String question, String choice) {
        return one("SELECT COUNT(*) FROM diagnosis_survey_answer WHERE question_code = '" + question + "' AND choice_code = '"
                + choice + "'");
    }

    /** Posts the mapping: the import starts in the background; returns its page's path. */
    String start(Browser b, String mappingPath, Map<String, String> mapping) {
        HttpResponse<String> r = b.post(mappingPath, mapping);
        assertEquals(303, r.statusCode(), r.body());
        String job = r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        assertTrue(job.startsWith("/diagnosis/surveys/jobs/"), job);
        return job;
    }

    /** Waits for the import thread (no clock involved) and returns the job's page. */
    String finished(Browser b, String job) {
        service().awaitIdle();
        HttpResponse<String> page = b.get(job);
        assertEquals(200, page.statusCode(), page.body());
        assertFalse(page.body().contains("data-job-status"), "still running");
        return page.body();
    }

    /** A figure of the outcome, e.g. "Rows read". */
    static long figure(String page, String label) {
        Matcher m = Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd>([0-9,\\s\u00a0\u202f]+)</dd>").matcher(page);
        assertTrue(m.find(), "no figure " + label + " in\n" + page);
        return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
    }

    String upload(Browser b, Path file) throws Exception {
        HttpResponse<String> r = b.upload("/diagnosis/surveys/import", file);
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = Pattern.compile("\"redirect\":\"([^\"]+)\"").matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

}
