package org.safercities.diagnosis.surveys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.safercities.diagnosis.sheets.AreaNames;
import org.safercities.diagnosis.sheets.Sheet;
import org.safercities.diagnosis.sheets.SheetProblem;
import org.safercities.diagnosis.sheets.Sheets;
import org.safercities.diagnosis.stats.Proportion;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.Problem;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.store.Store;

/**
 * Surveys: the questionnaire (built-in SDG questions with stable codes, the office's wording and local
 * questions), responses typed in or imported, and the estimates. Public API for other modules:
 * {@link #hasData()} and {@link #indicatorEstimates(Translator)}.
 */
public final class SurveyService {

    private static final Logger LOG = Logger.getLogger(SurveyService.class.getName());

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final SurveyCube cube = new SurveyCube();
    private volatile byte[] secret;

    private final int threshold;

    /** The module holds one; its routes, its demo and the report share it. */
    public SurveyService(PlatformServices platform) {
        this.store = platform.store();
        this.audit = platform.audit();
        this.areas = platform.areas();
        this.threshold = platform.config().disclosureThreshold();
    }

    /** The disclosure threshold: estimates from fewer respondents are hidden outside the office. */
    public int threshold() {
        return threshold;
    }

    AreaService areas() {
        return areas;
    }

    /**
     * Creates the office secret on first use and loads the pre-computed sums; called by every entry point
     * because the store is ready only after the migrations, later than the module is built.
     */
    private void ready() {
        if (secret != null) {
            return;
        }
        synchronized (this) {
            if (secret == null) {
                cube.replace(store.read(SurveyStore::cells));
                secret = store.tx(SurveyStore::secret).getBytes(StandardCharsets.US_ASCII);
            }
        }
    }

    // ---- pseudonyms

    /** HMAC-SHA256 of a respondent key under the office secret, hex: the only form in which a key is stored. */
    String pseudonym(String key) {
        return pseudonyms().apply(key);
    }

    /** A pseudonym function with its own MAC, for one thread (an import computes one per row). */
    Function<String, String> pseudonyms() {
        ready();
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
        HexFormat hex = HexFormat.of();
        return key -> hex.formatHex(mac.doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    // ---- questionnaire

    /** Built-in questions (with the office's missing codes) followed by the local ones. */
    public List<Question> questions() {
        ready();
        List<Question> rows = store.read(SurveyStore::questionRows);
        Map<String, Question> byCode = new HashMap<>();
        rows.forEach(q -> byCode.put(q.code(), q));
        List<Question> out = new ArrayList<>();
        for (Question b : Questionnaire.BUILT_IN) {
            Question row = byCode.get(b.code());
            out.add(row == null ? b : new Question(b.code(), true, b.multiple(), b.choices(), row.missingCodes()));
        }
        rows.stream().filter(q -> !q.builtin()).forEach(out::add);
        return out;
    }

    public List<Question> localQuestions() {
        return questions().stream().filter(q -> !q.builtin()).toList();
    }

    public Map<String, String> texts() {
        return store.read(SurveyStore::texts);
    }

    /** The wording of a question (choice "") or choice in the user's language: the office's, else the kit's. */
    public static String label(Translator t, Map<String, String> texts, String question, String choice) {
        String own = texts.get(question + "|" + choice + "|" + t.lang());
        if (own != null) {
            return own;
        }
        if (Questionnaire.isBuiltIn(question)) {
            return choice.isEmpty() ? t.t("diagnosis.survey.q." + question) : t.t("diagnosis.survey.choice_" + choice);
        }
        // a local question in another language than the office wrote it in: any wording beats the code
        return texts.entrySet().stream().filter(e -> e.getKey().startsWith(question + "|" + choice + "|"))
                .map(Map.Entry::getValue).findFirst().orElse(choice.isEmpty() ? question : choice);
    }

    /** The office's wording of a question or a choice in one language ("" clears it: back to the kit's). */
    public void setText(String question, String choice, String lang, String text, String actor, String address) {
        Question q = questions().stream().filter(x -> x.code().equals(question)).findFirst().orElseThrow(Problem::notFound);
        if (!choice.isEmpty() && !q.choices().contains(choice)) {
            throw Problem.notFound();
        }
        if (text.length() > 1000) {
            throw Problem.invalid("diagnosis.survey.error.tooLong", 1000);
        }
        store.tx(c -> {
            SurveyStore.putText(c, question, choice, lang, text);
            audit.append(c, new AuditLog.Event(actor, address, "diagnosis.survey.wording", "survey_question", question, "ok",
                    lang + (choice.isEmpty() ? "" : " " + choice)));
            return null;
        });
    }

    /** The form to add a local question: code, wording, one choice per line ("code" or "code = label"). */
    public record LocalForm(String code, String wording, String choices, String missing, boolean multiple) {
    }

    /** Adds a local question; returns the field errors (empty: saved). */
    public Map<String, String> addLocal(LocalForm f, String lang, String actor, String address) {
        Map<String, String> errors = new LinkedHashMap<>();
        String code = f.code().strip();
        if (!code.matches("[A-Za-z][A-Za-z0-9_]{0,39}")) {
            errors.put("code", "diagnosis.survey.error.code");
        } else if (questions().stream().anyMatch(q -> q.code().equalsIgnoreCase(code))) {
            errors.put("code", "diagnosis.survey.error.codeTaken");
        }
        Map<String, String> choices = new LinkedHashMap<>();
        for (String line : f.choices().split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int eq = line.indexOf('=');
            String c = (eq < 0 ? line : line.substring(0, eq)).strip();
            if (!c.matches("[A-Za-z0-9_.-]{1,60}")) {
                errors.put("choices", "diagnosis.survey.error.choice");
            }
            choices.put(c, eq < 0 ? "" : line.substring(eq + 1).strip());
        }
        if (choices.size() < 2) {
            errors.putIfAbsent("choices", "diagnosis.survey.error.choices");
        }
        if (f.wording().isBlank()) {
            errors.put("wording", "diagnosis.survey.wordingRequired");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        List<String> missing = List.of(f.missing().strip().isEmpty() ? new String[0] : f.missing().strip().split("\\s*[,|]\\s*"));
        List<String> allChoices = new ArrayList<>(choices.keySet());
        missing.stream().filter(m -> !allChoices.contains(m)).forEach(allChoices::add);
        Question q = new Question(code, false, f.multiple(), allChoices, missing);
        store.tx(c -> {
            SurveyStore.insertLocal(c, q);
            SurveyStore.putText(c, code, "", lang, f.wording());
            for (Map.Entry<String, String> e : choices.entrySet()) {
                SurveyStore.putText(c, code, e.getKey(), lang, e.getValue());
            }
            audit.append(c, new AuditLog.Event(actor, address, "diagnosis.survey.question.add", "survey_question", code, "ok",
                    String.join("|", allChoices)));
            return null;
        });
        return errors;
    }

    /** Select questions of an XLSForm that could become local questions (codes already used are left out). */
    List<FormQuestions.Candidate> formCandidates(org.safercities.diagnosis.sheets.XlsForm form, String userLang) {
        Set<String> taken = new HashSet<>();
        questions().forEach(q -> taken.add(q.code().toLowerCase(java.util.Locale.ROOT)));
        return FormQuestions.candidates(form, userLang).stream()
                .filter(c -> !taken.contains(c.question().code().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** Adds the chosen XLSForm questions as local questions with the form's wording; returns how many. */
    public int addFromForm(org.safercities.diagnosis.sheets.XlsForm form, List<String> names, String userLang,
            String actor, String address) {
        List<FormQuestions.Candidate> chosen = formCandidates(form, userLang).stream()
                .filter(c -> names.contains(c.question().code())).toList();
        store.tx(c -> {
            for (FormQuestions.Candidate q : chosen) {
                SurveyStore.insertLocal(c, q.question());
                for (Map.Entry<String, String> w : q.wording().entrySet()) {
                    SurveyStore.putText(c, q.question().code(), "", w.getKey(), w.getValue());
                }
                for (Map.Entry<String, Map<String, String>> ch : q.choiceWording().entrySet()) {
                    if (q.question().choices().contains(ch.getKey())) {
                        for (Map.Entry<String, String> w : ch.getValue().entrySet()) {
                            SurveyStore.putText(c, q.question().code(), ch.getKey(), w.getKey(), w.getValue());
                        }
                    }
                }
                audit.append(c, new AuditLog.Event(actor, address, "diagnosis.survey.question.add", "survey_question",
                        q.question().code(), "ok", "XLSForm " + form.formId()));
            }
            return null;
        });
        return chosen.size();
    }

    /** The codes that mean "don't know / refused" for one question (left out of the estimates). */
    public void setMissing(String question, String codes, String actor, String address) {
        Question q = questions().stream().filter(x -> x.code().equals(question)).findFirst().orElseThrow(Problem::notFound);
        List<String> missing = codes.isBlank() ? List.of() : List.of(codes.strip().split("\\s*[,|]\\s*"));
        store.tx(c -> {
            SurveyStore.setMissing(c, q.code(), q.builtin(), missing);
            audit.append(c, new AuditLog.Event(actor, address, "diagnosis.survey.missing", "survey_question", q.code(), "ok",
                    String.join("|", missing)));
            return null;
        });
    }

    // ---- responses

    /** What the entry form sends: answers by question code. */
    public record Entry(boolean consent, String respondentCode, String areaId, String sex, String ageBand,
            String disability, String weight, Map<String, List<String>> answers) {
    }

    /**
     * Stores one respondent typed in by an interviewer. Without consent nothing at all is stored. A respondent
     * code (optional) is kept only as its HMAC and makes a second entry of the same person a duplicate.
     * @return field errors; empty when saved
     */
    public Map<String, String> enter(Entry e, String actor, String address) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!e.consent()) {
            errors.put("consent", "diagnosis.survey.error.noConsent");
            return errors;
        }
        Long areaId = null;
        if (!e.areaId().isBlank()) {
            try {
                areaId = areas.byId(Long.parseLong(e.areaId())).map(Area::id).orElse(null);
            } catch (NumberFormatException x) {
                areaId = null;
            }
            if (areaId == null) {
                errors.put("areaId", "diagnosis.survey.error.area");
            }
        }
        check(errors, "sex", Questionnaire.SEXES.contains(e.sex()));
        check(errors, "ageBand", Questionnaire.AGE_BANDS.contains(e.ageBand()));
        check(errors, "disability", Questionnaire.DISABILITY.contains(e.disability()));
        double weight = RowReader.weight(e.weight().strip());
        check(errors, "weight", weight > 0 && !Double.isInfinite(weight));
        Map<String, Set<String>> answers = new LinkedHashMap<>();
        for (Question q : questions()) {
            List<String> given = e.answers().getOrDefault(q.code(), List.of()).stream().filter(s -> !s.isBlank()).toList();
            if (!q.choices().containsAll(given) || (!q.multiple() && given.size() > 1)) {
                errors.put(q.code(), "diagnosis.survey.error.notAChoice");
            } else if (!given.isEmpty()) {
                answers.put(q.code(), new java.util.LinkedHashSet<>(given));
            }
        }
        String code = e.respondentCode().strip();
        String key = pseudonym(code.isEmpty() ? "entered:" + UUID.randomUUID() : code);
        if (!errors.isEmpty()) {
            return errors;
        }
        Respondent r = new Respondent(key, areaId, e.sex(), e.ageBand(), e.disability(), weight, answers);
        List<Question> local = localQuestions();
        Map<SurveyCube.Key, SurveyCube.Sums> delta = new HashMap<>();
        SurveyCube.add(delta, r, Questionnaire.contributions(r.sex(), r.answers(), local));
        boolean stored = store.tx(c -> {
            if (SurveyStore.keyExists(c, key)) {
                return false;
            }
            long id;
            try (SurveyStore.Writer w = new SurveyStore.Writer(c, null, actor)) {
                id = w.insert(r);
            }
            SurveyStore.addCells(c, delta);
            audit.append(c, new AuditLog.Event(actor, address, "diagnosis.survey.enter", "survey_respondent",
                    Long.toString(id), "ok", ""));
            return true;
        });
        if (!stored) {
            errors.put("respondentCode", "diagnosis.survey.error.duplicate");
            return errors;
        }
        cube.merge(delta);
        return errors;
    }

    private static void check(Map<String, String> errors, String field, boolean ok) {
        if (!ok) {
            errors.put(field, "diagnosis.survey.error." + field);
        }
    }

    public List<SurveyStore.Row> latest(int limit) {
        return store.read(c -> SurveyStore.latest(c, limit));
    }

    public long respondents() {
        return store.read(SurveyStore::count);
    }

    // ---- import

    /** Rows checked, looked up and stored together: one key query and one insert batch per this many rows. */
    static final int BATCH = 2_000;

    /** The imports of this run of the kit by id, running or finished, for their pages (the newest 50 are kept). */
    private final Map<String, SurveyImport> jobs = new ConcurrentHashMap<>();
    // one import at a time, below the web pages' priority: an old office PC has two cores
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "survey-import");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });

    /** At start: the rows of imports a crash or power cut interrupted are removed whole (their sums never counted). */
    public void storeReady() {
        store.tx(c -> {
            for (long id : SurveyStore.unfinishedImports(c)) {
                int removed = SurveyStore.deleteImport(c, id);
                LOG.warning(() -> "Survey import " + id + " was interrupted; its " + removed + " respondents were removed");
            }
            return null;
        });
    }

    /** What a job needs from the questionnaire, read once when it starts (in the user's language). */
    private record Reading(List<Question> questions, List<Question> local, Map<String, Map<String, String>> labels,
            Function<String, OptionalLong> area) {
    }

    /**
     * Starts importing an export in the background: every row is checked; rows whose key was imported before
     * are skipped (duplicates); rejected rows are reported. {@link SurveyImport.Mode#GOOD} stores the good rows,
     * {@link SurveyImport.Mode#ALL} stores nothing when any row is rejected, {@link SurveyImport.Mode#CHECK}
     * stores nothing. All or nothing either way: a cancel, a failure or a crash leaves no half-import.
     */
    public SurveyImport startImport(String uploadId, Path file, String fileName, ImportMapping m, Translator t, SurveyImport.Mode mode,
            String actor, String address) {
        if (m.key() == null || m.key().isEmpty()) {
            throw Problem.invalid("diagnosis.survey.error.keyColumn");
        }
        List<Question> questions = questions();
        Reading reading = new Reading(questions, questions.stream().filter(q -> !q.builtin()).toList(),
                labels(questions, texts(), t), areaMatcher());
        SurveyImport job = new SurveyImport(org.safercities.crypto.Secrets.token(12), uploadId, file, fileName, m, mode, actor,
                address);
        forgetOldJobs();
        jobs.put(job.id, job);
        worker.submit(() -> run(job, reading));
        return job;
    }

    public Optional<SurveyImport> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /** The imports of this run, newest first. */
    public List<SurveyImport> jobs() {
        List<SurveyImport> out = new ArrayList<>(jobs.values());
        out.sort(java.util.Comparator.comparingLong((SurveyImport j) -> j.startedAt).reversed());
        return out;
    }

    /** Asks a running import to stop: it removes what it stored at its next batch. */
    public void cancel(SurveyImport job) {
        job.cancelRequested = true;
    }

    private void forgetOldJobs() {
        List<SurveyImport> all = jobs();
        for (int i = 50; i < all.size(); i++) {
            if (!all.get(i).running()) {
                jobs.remove(all.get(i).id);
            }
        }
    }

    /** For tests and the benchmark: waits until the import thread has nothing left to do. */
    public void awaitIdle() {
        try {
            worker.submit(() -> { }).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Thrown on the import thread when the user cancels: what was stored is removed. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private void run(SurveyImport job, Reading reading) {
        Batches b = new Batches(job, reading.local());
        try {
            try (Sheet sheet = Sheets.open(job.file)) {
                RowReader reader = new RowReader(sheet.header(), job.mapping, reading.questions(), reading.labels(),
                        reading.area(), pseudonyms());
                for (String[] cells = sheet.next(); cells != null; cells = sheet.next()) {
                    if (job.cancelRequested) {
                        throw new Cancelled();
                    }
                    job.rows++;
                    b.take(reader.read(sheet.rowNumber(), cells));
                    if ((job.rows % BATCH) == 0) {
                        b.flush();
                        job.progress = 0.98 * sheet.progress();
                    }
                }
            }
            b.flush();
            if (job.cancelRequested) {
                throw new Cancelled();
            }
            finish(job, b);
        } catch (Cancelled e) {
            abandon(b.importId);
            job.phase = SurveyImport.Phase.CANCELLED;
        } catch (SheetProblem p) {
            abandon(b.importId);
            job.fail(p.key(), p.args());
        } catch (RuntimeException | OutOfMemoryError e) {
            // out of memory too: the page must say the import failed rather than spin forever
            LOG.log(Level.WARNING, "Survey import of " + job.fileName + " failed", e);
            abandon(b.importId);
            job.fail("diagnosis.survey.importFailed", List.of());
        }
    }

    /**
     * The rows of one batch: checked rows wait here until the batch is full, then their keys are looked up in
     * one query and the new ones stored in one transaction, under an import still marked running.
     */
    private final class Batches {
        final SurveyImport job;
        final List<Question> local;
        final Set<String> seen = new HashSet<>();
        final List<RowReader.Result> pending = new ArrayList<>(BATCH);
        final Map<SurveyCube.Key, SurveyCube.Sums> delta = new HashMap<>();
        final java.sql.Timestamp now = java.sql.Timestamp.from(java.time.Instant.now());
        Long importId;
        long lastId; // the highest respondent id this import stored so far: the next batch's ids are above it
        boolean writing;

        Batches(SurveyImport job, List<Question> local) {
            this.job = job;
            this.local = local;
            this.writing = job.mode != SurveyImport.Mode.CHECK;
        }

        void take(RowReader.Result r) {
            if (r.respondent() == null) {
                job.reject(r.errors());
                if (job.mode == SurveyImport.Mode.ALL && writing) {
                    writing = false; // everything or nothing: nothing; what earlier batches stored goes now
                    abandon(importId);
                    importId = null;
                }
            } else if (!seen.add(r.respondent().keyHmac())) {
                job.duplicate++;
            } else {
                pending.add(r);
            }
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<String> keys = pending.stream().map(r -> r.respondent().keyHmac()).toList();
            Set<String> known = store.read(c -> SurveyStore.existingKeys(c, keys));
            List<Respondent> fresh = new ArrayList<>();
            for (RowReader.Result r : pending) {
                if (known.contains(r.respondent().keyHmac())) {
                    job.duplicate++;
                    continue;
                }
                job.added++;
                if (r.areaUnknown()) {
                    job.areaUnknown++;
                }
                SurveyCube.add(delta, r.respondent(), Questionnaire.contributions(r.respondent().sex(),
                        r.respondent().answers(), local));
                fresh.add(r.respondent());
            }
            pending.clear();
            if (writing && !fresh.isEmpty()) {
                if (importId == null) {
                    importId = store.tx(c -> SurveyStore.insertImport(c, job.fileName, job.startedBy));
                }
                long id = importId;
                lastId = store.tx(c -> SurveyStore.insertBatch(c, id, lastId, job.startedBy, now, fresh));
            }
        }
    }

    /** The figures, the sums and the audit entry in one transaction: from here on the import counts. */
    private void finish(SurveyImport job, Batches b) {
        if (!b.writing) {
            abandon(b.importId);
            job.progress = 1;
            job.phase = SurveyImport.Phase.DONE;
            return;
        }
        store.tx(c -> {
            long id = b.importId != null ? b.importId : SurveyStore.insertImport(c, job.fileName, job.startedBy);
            SurveyStore.addCells(c, b.delta);
            SurveyStore.finishImport(c, id, (int) job.rows, (int) job.added, (int) job.duplicate, (int) job.rejected);
            audit.append(c, new AuditLog.Event(job.startedBy, job.address, "diagnosis.survey.import", "survey_import",
                    Long.toString(id), "ok", job.fileName + ": " + job.added + " added, " + job.duplicate
                            + " duplicate, " + job.rejected + " rejected"));
            return null;
        });
        cube.merge(b.delta);
        job.stored = true;
        job.progress = 1;
        job.phase = SurveyImport.Phase.DONE;
        // the export holds the respondents' answers: it does not stay on disk once they are in the store
        try {
            java.nio.file.Files.deleteIfExists(job.file);
        } catch (java.io.IOException e) {
            LOG.log(Level.FINE, "could not delete " + job.file, e);
        }
    }

    /** An import that does not finish leaves nothing behind; if even this fails, the next start removes it. */
    private void abandon(Long importId) {
        if (importId == null) {
            return;
        }
        try {
            store.tx(c -> SurveyStore.deleteImport(c, importId));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Survey import " + importId + " could not be removed now; the next start will", e);
        }
    }

    /** Per question: every way a choice may be written (code, the office's and the kit's wording) → its code. */
    private static Map<String, Map<String, String>> labels(List<Question> questions, Map<String, String> texts,
            Translator t) {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (Question q : questions) {
            Map<String, String> m = new HashMap<>();
            for (String choice : q.choices()) {
                m.put(RowReader.norm(label(t, Map.of(), q.code(), choice)), choice);
                texts.forEach((k, v) -> {
                    if (k.startsWith(q.code() + "|" + choice + "|")) {
                        m.put(RowReader.norm(v), choice);
                    }
                });
                m.put(RowReader.norm(choice), choice);
            }
            out.put(q.code(), m);
        }
        return out;
    }

    /** Area names as written in a file → the area tree (names, alternative names, codes). */
    private Function<String, OptionalLong> areaMatcher() {
        Map<Long, List<String>> names = new HashMap<>();
        for (Area a : areas.all()) {
            List<String> n = new ArrayList<>();
            n.add(a.name());
            if (a.altName() != null && !a.altName().isBlank()) {
                n.add(a.altName());
            }
            n.add(a.code());
            names.put(a.id(), n);
        }
        AreaNames matcher = new AreaNames(names, Map.of());
        return matcher::match;
    }

    // ---- estimates

    /** An estimate as shown: hidden (suppressed) when fewer than the threshold responded and the viewer is outside. */
    public record Shown(Proportion.Estimate estimate, boolean suppressed) {
    }

    public Shown shown(Proportion.Estimate e, boolean suppress) {
        return new Shown(e, suppress && e.respondents() < threshold);
    }

    /** Whether any survey answer counts in an estimate. */
    public boolean hasData() {
        ready();
        return !cube.isEmpty();
    }

    /** One indicator for the diagnosis report: code ("16.1.4"), label, city-wide and by sex (F, M, O, U). */
    public record IndicatorEstimate(String code, String label, Shown cityWide, Map<String, Shown> bySex) {
    }

    /**
     * The SDG indicators city-wide and by sex, in the user's language, small cells suppressed (the report is
     * printed and shared). Indicators nobody answered are left out.
     */
    public List<IndicatorEstimate> indicatorEstimates(Translator t) {
        ready();
        String key = t.lang() + '@' + cube.version();
        List<IndicatorEstimate> cached = estimatesCache.get(key);
        if (cached == null) {
            cached = List.copyOf(computeIndicatorEstimates(t));
            if (estimatesCache.size() > 16) {
                estimatesCache.clear(); // older versions: the cube has changed since
            }
            estimatesCache.put(key, cached);
        }
        return cached;
    }

    /** The report's estimates per language and version of the sums (the report is read far more than written). */
    private final Map<String, List<IndicatorEstimate>> estimatesCache = new java.util.concurrent.ConcurrentHashMap<>();

    private List<IndicatorEstimate> computeIndicatorEstimates(Translator t) {
        List<IndicatorEstimate> out = new ArrayList<>();
        for (String code : Questionnaire.INDICATORS) {
            Map<String, Proportion.Estimate> all = estimates(code, k -> true, k -> "");
            if (all.isEmpty()) {
                continue;
            }
            Map<String, Shown> bySex = new LinkedHashMap<>();
            Map<String, Proportion.Estimate> sexes = estimates(code, k -> true, SurveyCube.Key::sex);
            for (String s : Questionnaire.SEXES) {
                if (sexes.containsKey(s)) {
                    bySex.put(s, shown(sexes.get(s), true));
                }
            }
            out.add(new IndicatorEstimate(code, indicatorLabel(t, code), shown(all.get(""), true), bySex));
        }
        return out;
    }

    public static String indicatorLabel(Translator t, String code) {
        if (code.startsWith("11.7.2:")) {
            return t.t("diagnosis.survey.indicator.11.7.2.place", t.t("diagnosis.survey.choice_" + code.substring(7)));
        }
        return t.t("diagnosis.survey.indicator." + code);
    }

    /** Raw estimates of one indicator over the kept cells, grouped (the group "" = all together). */
    Map<String, Proportion.Estimate> estimates(String indicator, Predicate<SurveyCube.Key> keep,
            Function<SurveyCube.Key, String> group) {
        ready();
        return cube.estimates(indicator, keep, group);
    }

    /**
     * The indicator's estimate for every area that has respondents in its subtree (a district adds up its
     * wards): one pass over the indicator's cells, then each area's sums go up its ancestors.
     */
    Map<Long, Proportion.Estimate> byArea(String indicator) {
        ready();
        Map<Long, SurveyCube.Sums> own = cube.sums(indicator, k -> k.areaId() != 0, SurveyCube.Key::areaId);
        Map<Long, Set<Long>> ancestors = ancestors();
        Map<Long, SurveyCube.Sums> rolled = new HashMap<>();
        own.forEach((area, s) -> {
            for (long up : ancestors.getOrDefault(area, Set.of(area))) {
                rolled.computeIfAbsent(up, x -> new SurveyCube.Sums()).add(s);
            }
        });
        Map<Long, Proportion.Estimate> out = new HashMap<>();
        rolled.forEach((a, s) -> out.put(a, s.estimate()));
        return out;
    }

    /** Changes with every entry or import of responses (for callers that cache what they computed). */
    public long sumsVersion() {
        return cube.version();
    }

    /**
     * Every indicator with respondents, raw (not suppressed), for {@code DiagnosisFigures}: city-wide, by sex
     * (F, M, O, U) and by area (a district adds up its wards); made once per version of the sums.
     */
    public List<org.safercities.platform.links.DiagnosisFigures.SurveyEstimate> publishedEstimates() {
        ready();
        long version = cube.version();
        Published p = published;
        if (p == null || p.version() != version) {
            p = new Published(version, List.copyOf(computePublished()));
            published = p;
        }
        return p.estimates();
    }

    private record Published(long version, List<org.safercities.platform.links.DiagnosisFigures.SurveyEstimate> estimates) {
    }

    private volatile Published published;

    private List<org.safercities.platform.links.DiagnosisFigures.SurveyEstimate> computePublished() {
        List<org.safercities.platform.links.DiagnosisFigures.SurveyEstimate> out = new ArrayList<>();
        for (String code : cube.indicators()) {
            Map<String, Proportion.Estimate> all = estimates(code, k -> true, k -> "");
            Map<String, Proportion.Estimate> sexes = estimates(code, k -> true, SurveyCube.Key::sex);
            List<String> groups = new ArrayList<>(List.of(""));
            groups.addAll(Questionnaire.SEXES);
            for (String g : groups) {
                Proportion.Estimate e = g.isEmpty() ? all.get("") : sexes.get(g);
                if (e != null && e.known()) {
                    out.add(figure(code, null, g, e));
                }
            }
            byArea(code).entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(a -> {
                if (a.getValue().known()) {
                    out.add(figure(code, a.getKey(), "", a.getValue()));
                }
            });
        }
        return out;
    }

    private static org.safercities.platform.links.DiagnosisFigures.SurveyEstimate figure(String code, Long area, String sex,
            Proportion.Estimate e) {
        return new org.safercities.platform.links.DiagnosisFigures.SurveyEstimate(code, area, sex, e.share(), e.low(),
                e.high(), e.respondents(), e.effectiveSize());
    }

    /** Test and benchmark access to the in-memory sums. */
    SurveyCube cube() {
        return cube;
    }

    List<String> indicatorsWithData() {
        ready();
        return cube.indicators();
    }

    /** Areas whose subtree holds the respondent's area: lets an estimate for a district add up its wards. */
    Map<Long, Set<Long>> ancestors() {
        Map<Long, Set<Long>> out = new HashMap<>();
        Map<Long, Area> byId = new HashMap<>();
        areas.all().forEach(a -> byId.put(a.id(), a));
        for (Area a : byId.values()) {
            Set<Long> up = new HashSet<>();
            for (Area x = a; x != null; x = x.parentId() == null ? null : byId.get(x.parentId())) {
                up.add(x.id());
            }
            out.put(a.id(), up);
        }
        return out;
    }

    /** Loads a prepared respondent without the form (the demo, benchmarks): consent taken as recorded. */
    void storeMany(List<Respondent> respondents, String actor) {
        List<Question> local = localQuestions();
        Map<SurveyCube.Key, SurveyCube.Sums> delta = new HashMap<>();
        store.tx(c -> {
            try (SurveyStore.Writer w = new SurveyStore.Writer(c, null, actor)) {
                for (Respondent r : respondents) {
                    w.insert(r);
                    SurveyCube.add(delta, r, Questionnaire.contributions(r.sex(), r.answers(), local));
                }
            }
            SurveyStore.addCells(c, delta);
            return null;
        });
        cube.merge(delta);
    }
}
