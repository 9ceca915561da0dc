package org.safercities.diagnosis.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;

/** A demo kit with only the diagnosis module, and the steps of an import as a browser takes them. */
final class ImportFlow implements AutoCloseable {

    static final String PASSWORD = "demo-city-2026";
    final TestKit kit;
    final PlatformServices[] platform;

    private ImportFlow(TestKit kit, PlatformServices[] platform) {
        this.kit = kit;
        this.platform = platform;
    }

    static ImportFlow demo(Map<String, String> settings) throws IOException {
        PlatformServices[] holder = new PlatformServices[1];
        Kit.ModuleSpec spec = new Kit.ModuleSpec("diagnosis", p -> {
            holder[0] = p;
            return new DiagnosisModule(p);
        });
        Map<String, String> all = new LinkedHashMap<>(settings);
        all.put("demo", "true");
        return new ImportFlow(TestKit.start(Files.createTempDirectory("diagnosis-test"), all, List.of(spec)), holder);
    }

    IncidentService incidents() {
        return kit.kit.modules().stream().filter(m -> m instanceof DiagnosisModule)
                .map(m -> ((DiagnosisModule) m).incidents()).findFirst().orElseThrow();
    }

    Browser as(String who) {
        Browser b = kit.browser();
        b.signIn("demo-" + who, PASSWORD);
        return b;
    }

    private static final Pattern REDIRECT = Pattern.compile("\"redirect\":\"([^\"]+)\"");

    /** Uploads a file and returns the mapping page's path. */
    String upload(Browser b, Path file) throws IOException {
        b.get("/diagnosis/import"); // the page that holds the form, and its CSRF token
        HttpResponse<String> r = b.upload("/diagnosis/import", file);
        assertEquals(200, r.statusCode(), r.body());
        Matcher m = REDIRECT.matcher(r.body());
        assertTrue(m.find(), r.body());
        return m.group(1);
    }

    /** Posts the mapping; returns the job page's path. */
    String check(Browser b, String mappingPath, Map<String, String> mapping) {
        HttpResponse<String> page = b.get(mappingPath);
        assertEquals(200, page.statusCode(), page.body());
        HttpResponse<String> r = b.post(mappingPath, mapping);
        assertEquals(303, r.statusCode(), r.body());
        return r.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    /** Waits for the job to leave its running phase; returns the job page. */
    String await(Browser b, String jobPath) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> s = b.get(jobPath + "/status");
            if (!s.body().contains("\"running\":true")) {
                return b.get(jobPath).body();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import did not finish");
    }

    /** Loads the good rows, keeping the first guesses for new values (or the given codes). */
    String load(Browser b, String jobPath, String checkedPage, Map<String, String> codes) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        Matcher m = Pattern.compile("name=\"field\" value=\"([^\"]*)\"><input type=\"hidden\" name=\"local\" value=\"([^\"]*)\">"
                + "\\s*<select name=\"code\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(checkedPage);
        while (m.find()) {
            String local = unescape(m.group(2));
            Matcher sel = Pattern.compile("<option value=\"([^\"]*)\" selected").matcher(m.group(3));
            String code = codes.getOrDefault(local, sel.find() ? sel.group(1) : "");
            fields.add(Map.entry("field", m.group(1)));
            fields.add(Map.entry("local", local));
            fields.add(Map.entry("code", code));
        }
        HttpResponse<String> r = b.postAll(jobPath + "/load", fields);
        assertEquals(303, r.statusCode(), r.body());
        return jobPath;
    }

    static String unescape(String s) {
        return s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#61;", "=");
    }

    /** A figure of the job page's summary, e.g. "Rows read". */
    static long figure(String page, String label) {
        Matcher m = Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd>([0-9,\\s\u00a0\u202f]+)</dd>").matcher(page);
        assertTrue(m.find(), "no figure " + label + " in\n" + page);
        return Long.parseLong(m.group(1).replaceAll("[^0-9]", ""));
    }

    /** A form's fields as name, value, name, value … (more than Map.of takes). */
    static Map<String, String> fields(String... nameValue) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            m.put(nameValue[i], nameValue[i + 1]);
        }
        return m;
    }

    @Override
    public void close() throws IOException {
        kit.close();
    }
}
