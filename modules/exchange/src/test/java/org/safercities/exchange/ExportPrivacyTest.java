package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.TestKit;
import org.safercities.platform.links.DiagnosisFigures;
import org.safercities.platform.links.ModuleLinks;

/**
 * The privacy scan of issue 11: the demo city with every module's demo data, a review report saved for every cycle
 * (as the other modules pre-fill it), every period the demo has exported (each year alone, and all of them), each
 * export opened by its recipient and every part scanned for the people's names, phone numbers, e-mail addresses
 * and free texts of the demo, read from the demo's own tables, not from a list written here. None is found.
 */
class ExportPrivacyTest {

    static TestKit kit;
    static ExchangeService service;
    static ModuleLinks links;
    static org.safercities.platform.i18n.Translator english;
    static OpenPgp.OfficeKey forum;

    @BeforeAll
    static void start() throws Exception {
        WholeDemoKit whole = WholeDemoKit.start("exchange-privacy");
        kit = whole.kit();
        links = whole.platform().links();
        english = whole.platform().pages().translator("en");
        service = whole.exchange().service();
        forum = OpenPgp.generateKey("National forum (privacy) <forum@example.org>", "p".toCharArray());
        assertTrue(service.keys().add(KeyBook.RECIPIENT, "Forum", forum.armouredPublicKey().getBytes(StandardCharsets.UTF_8),
                service.officeKey().fingerprint(), "test", "-").isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    /** One text column of the demo's tables: every non-blank value. */
    static List<String> column(String sql) {
        return kit.kit.store().read(c -> {
            List<String> out = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery(sql)) {
                while (rs.next()) {
                    String s = rs.getString(1);
                    if (s != null && !s.isBlank()) {
                        out.add(s.strip());
                    }
                }
            }
            return out;
        });
    }

    static final String[][] PEOPLE = {{"Wanjiru Kamau", "+254 712 345 678", "w.kamau@example.org"},
            {"Otieno Odhiambo", "0722 987 654", "otieno@city.example"}, {"Amina Hassan", "+254-733-111-222", "amina.h@example.net"},
            {"Brian Mwangi", "0710 222 333", "bmwangi@example.com"}, {"Grace Achieng", "0799 444 555", "grace@example.co.ke"}};


    /**
     * The demo city has no contact details (partnerships keeps them apart, staff only): the first actors of the demo
     * get one each here, as an office would record them, so that the scan has phones and e-mails to look for.
     */
    static void giveDemoActorsContacts() {
        List<String> actors = column("SELECT id FROM partnerships_actor ORDER BY id FETCH FIRST 5 ROWS ONLY");
        assertFalse(actors.isEmpty(), "the demo has actors");
        kit.kit.store().tx(c -> {
            try (var ps = c.prepareStatement("INSERT INTO partnerships_contact (actor_id, person_name, phone, email, updated_at)"
                    + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
                for (int i = 0; i < actors.size(); i++) {
                    ps.setLong(1, Long.parseLong(actors.get(i)));
                    ps.setString(2, PEOPLE[i][0]);
                    ps.setString(3, PEOPLE[i][1]);
                    ps.setString(4, PEOPLE[i][2]);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The export page says what will go out without building the export: its counts must be the export's. */
    @Test
    void theExportPagesSummaryCountsWhatTheExportHolds() {
        List<Integer> cycles = service.cycles();
        int from = cycles.get(cycles.size() - 1);
        int to = cycles.get(0);
        ExchangeService.Summary s = service.summary(from, to);
        jakarta.json.JsonObject json = ExportBuilder.json(service.content(from, to));
        var cells = json.getJsonArray("incidents");
        var values = json.getJsonArray("indicatorValues");
        assertEquals(cells.size(), s.incidentCells());
        assertEquals(cells.stream().filter(v -> v.asJsonObject().getBoolean("suppressed")).count(), s.incidentSuppressed());
        assertEquals(values.size(), s.values());
        assertEquals(values.stream().filter(v -> v.asJsonObject().getBoolean("suppressed")).count(), s.valuesSuppressed());
        assertEquals(json.getJsonArray("indicators").size(), s.indicators());
        assertEquals(json.getJsonArray("goodPractices").size(), s.practices());
        // the demo city has small counts to hide and practices to share: the comparison is not of zeros
        assertTrue(s.incidentSuppressed() > 0 && s.practices() > 0 && s.values() > 0, s.toString());
    }

    @Test
    void noExportOfTheDemoCityCarriesAPersonsNameAPhoneAnEmailOrAFreeText() throws Exception {
        giveDemoActorsContacts();
        Set<String> names = new LinkedHashSet<>();
        names.addAll(column("SELECT person_name FROM partnerships_contact"));
        names.addAll(column("SELECT name FROM partnerships_actor WHERE actor_kind = 'person'"));
        names.addAll(column("SELECT n.name FROM partnerships_actor_name n JOIN partnerships_actor a ON a.id = n.actor_id"
                + " WHERE a.actor_kind = 'person'"));
        names.addAll(column("SELECT display_name FROM platform_account"));
        names.addAll(column("SELECT author FROM strategy_comment"));
        names.addAll(column("SELECT actor_name FROM diagnosis_walk"));
        List<String> phones = column("SELECT phone FROM partnerships_contact");
        List<String> emails = column("SELECT email FROM partnerships_contact");
        Set<String> texts = new LinkedHashSet<>();
        for (String sql : List.of("SELECT notes FROM partnerships_actor", "SELECT body FROM strategy_comment",
                "SELECT findings FROM diagnosis_walk", "SELECT fixes FROM diagnosis_walk",
                "SELECT description FROM diagnosis_factor", "SELECT source FROM monitoring_value",
                "SELECT what_worked FROM monitoring_note", "SELECT why_text FROM monitoring_note")) {
            column(sql).stream().filter(s -> s.length() >= 15).forEach(texts::add);
        }
        assertTrue(names.size() >= 10, "the demo has people to look for: " + names);
        assertFalse(phones.isEmpty(), "the demo has phone numbers to look for");
        assertFalse(emails.isEmpty(), "the demo has e-mail addresses to look for");

        List<Integer> years = links.find(DiagnosisFigures.class).orElseThrow().incidentYears();
        assertFalse(years.isEmpty());
        for (int y : service.cycles()) {
            ExchangeService.Prefill p = service.prefill(y, english);
            ReviewForm f = ReviewForm.of(p.review());
            ReviewForm typed = new ReviewForm(f.measures(), f.difficulties(), "Training on GIS", f.practicesNote(), "1",
                    "1", f.focalPoints(), f.funds(), f.partnersEngaged(), "");
            var errors = service.saveReview(y, typed, "test", "-");
            assertTrue(errors.isEmpty(), "the pre-filled report of " + y + " passes its own checks: " + errors);
        }
        List<int[]> periods = new ArrayList<>();
        years.forEach(y -> periods.add(new int[] {y, y}));
        periods.add(new int[] {years.get(0), years.get(years.size() - 1)});

        var forumRow = new ExchangeStore.OfficeKeyRow(forum.fingerprint(), forum.userId(), forum.created(),
                forum.armouredPublicKey(), forum.armouredSecretKey(), "p");
        Path folder = Files.createTempDirectory("privacy-exports");
        List<String> found = new ArrayList<>();
        int scannedParts = 0;
        for (int[] period : periods) {
            var job = new ExchangeService.ExportJob(period[0], period[1], folder, "test");
            service.run(job, "-");
            assertEquals(ExchangeService.ExportJob.Phase.DONE, job.phase, job.problemKey);
            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            try (InputStream in = Files.newInputStream(folder.resolve(job.fileName))) {
                OfficeKeys.open(forumRow, in, zip, List.of(service.officeKey().publicKey()));
            }
            for (Map.Entry<String, byte[]> part : ExportBuilderTest.unzip(zip.toByteArray()).entrySet()) {
                scannedParts++;
                found.addAll(scan(period[0] + "-" + period[1] + " " + part.getKey(),
                        new String(part.getValue(), StandardCharsets.UTF_8), names, phones, emails, texts));
            }
        }
        assertEquals(periods.size() * 5, scannedParts, "every part of every export was scanned");
        assertEquals(List.of(), found);

        // the control: a name typed into the review by mistake is caught by the same scan
        int last = years.get(years.size() - 1);
        Review saved = service.saved(last).orElseThrow();
        ReviewForm f = ReviewForm.of(saved);
        assertTrue(service.saveReview(last, new ReviewForm(f.measures(), f.difficulties(), "Ask " + PEOPLE[0][0]
                + " about the lamps", f.practicesNote(), f.toolsShared(), f.toolsPiloted(), f.focalPoints(), f.funds(),
                f.partnersEngaged(), f.version()), "test", "-").isEmpty());
        var control = new ExchangeService.ExportJob(last, last, folder, "test");
        service.run(control, "-");
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(folder.resolve(control.fileName))) {
            OfficeKeys.open(forumRow, in, zip, List.of(service.officeKey().publicKey()));
        }
        String json = new String(ExportBuilderTest.unzip(zip.toByteArray()).get("export.json"), StandardCharsets.UTF_8);
        assertEquals(List.of("control: name " + PEOPLE[0][0]), scan("control", json, names, phones, emails, texts));
    }

    /** What a part reveals: each name (as a word), phone (also as digits), e-mail and free text of the demo found in it. */
    static List<String> scan(String where, String text, Set<String> names, List<String> phones, List<String> emails,
            Set<String> texts) {
        List<String> found = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        var run = Pattern.compile("\\+?[0-9][0-9 .()\\-]{5,}[0-9]").matcher(text);
        while (run.find()) {
            numbers.add(run.group().replaceAll("[^0-9]", ""));
        }
        for (String n : names) {
            if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(n) + "(?![\\p{L}])", Pattern.UNICODE_CASE
                    | Pattern.CASE_INSENSITIVE).matcher(text).find()) {
                found.add(where + ": name " + n);
            }
        }
        for (String ph : phones) {
            String d = ph.replaceAll("[^0-9]", "");
            if (text.contains(ph) || d.length() >= 7 && numbers.stream().anyMatch(x -> x.contains(d))) {
                found.add(where + ": phone " + ph);
            }
        }
        for (String e : emails) {
            if (text.toLowerCase(java.util.Locale.ROOT).contains(e.toLowerCase(java.util.Locale.ROOT))) {
                found.add(where + ": e-mail " + e);
            }
        }
        if (Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9.-]+\\.[\\p{L}]{2,}").matcher(text).find()) {
            found.add(where + ": an e-mail address");
        }
        for (String t : texts) {
            if (text.contains(t)) {
                found.add(where + ": free text " + t);
            }
        }
        return found;
    }
}
