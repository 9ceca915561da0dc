package org.safercities.diagnosis.surveys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.diagnosis.sheets.Sheet;
import org.safercities.diagnosis.sheets.SheetProblem;
import org.safercities.diagnosis.sheets.Sheets;
import org.safercities.diagnosis.sheets.XlsForm;
import org.safercities.diagnosis.stats.Proportion;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Uploads;
import org.safercities.platform.web.Visit;

/**
 * The survey pages under /diagnosis/surveys. Estimates: everyone signed in (cells under the threshold hidden from
 * partner viewers and in the CSV); entry, import, questionnaire and individual responses: EDITORS only.
 */
public final class SurveyRoutes implements HttpService {

    private final SurveyService surveys;
    private final AreaService areas;
    private final Uploads uploads;
    private final Pages pages;

    public SurveyRoutes(SurveyService surveys, AreaService areas, Uploads uploads, Pages pages) {
        this.surveys = surveys;
        this.areas = areas;
        this.uploads = uploads;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/diagnosis/surveys", this::estimatesPage)
                .get("/diagnosis/surveys/estimates.csv", this::estimatesCsv)
                .get("/diagnosis/surveys/new", this::entryForm)
                .post("/diagnosis/surveys/responses", this::enter)
                .get("/diagnosis/surveys/responses", this::responses)
                .get("/diagnosis/surveys/questionnaire", this::questionnaire)
                .post("/diagnosis/surveys/questionnaire/wording", this::wording)
                .post("/diagnosis/surveys/questionnaire/missing", this::missing)
                .post("/diagnosis/surveys/questionnaire/local", this::addLocal)
                .post("/diagnosis/surveys/questionnaire/xlsform", this::uploadForm)
                .get("/diagnosis/surveys/questionnaire/xlsform/{upload}", this::formPage)
                .post("/diagnosis/surveys/questionnaire/xlsform/{upload}", this::addFromForm)
                .get("/diagnosis/surveys/import", this::importStart)
                .post("/diagnosis/surveys/import", this::upload)
                .get("/diagnosis/surveys/import/{upload}", this::mappingPage)
                .post("/diagnosis/surveys/import/{upload}", this::runImport)
                .get("/diagnosis/surveys/jobs/{job}", this::jobPage)
                .get("/diagnosis/surveys/jobs/{job}/status", this::jobStatus)
                .post("/diagnosis/surveys/jobs/{job}/cancel", this::cancel)
                .get("/diagnosis/surveys/jobs/{job}/errors.csv", this::errorsCsv);
    }

    public record Option(String value, String label, boolean selected) {
    }

    // ---- estimates

    public record Cell(String share, String interval, String respondents, boolean suppressed, boolean known) {
    }

    public record Row(String group, List<Cell> cells) {
    }

    public record Table(String indicator, String code, List<Row> rows) {
    }

    public record EstimatesPage(boolean hasData, List<Option> dimensions, List<String> columns, List<Table> tables,
            boolean canEdit, int threshold) {
    }

    private static final List<String> DIMENSIONS = List.of("all", "area", "sex", "age", "disability");

    private void estimatesPage(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        String by = Visit.query(req, "by").filter(DIMENSIONS::contains).orElse("sex");
        boolean suppress = !v.is(Role.STAFF);
        Translator t = v.t();
        List<Table> tables = tables(t, by, suppress);
        List<Option> dims = DIMENSIONS.stream().map(d -> new Option(d, t.t("diagnosis.survey.by." + d), d.equals(by))).toList();
        pages.render(res, v, "/diagnosis/surveys", "diagnosis/surveys", "diagnosis.survey.title",
                new EstimatesPage(surveys.hasData(), dims, List.of(), tables, v.is(Role.EDITORS),
                        surveys.threshold()));
    }

    /** One table per indicator with data: a row per group of the chosen dimension. */
    List<Table> tables(Translator t, String by, boolean suppress) {
        List<String> codes = new ArrayList<>(Questionnaire.INDICATORS);
        surveys.indicatorsWithData().stream().filter(c -> c.startsWith("L:")).forEach(codes::add);
        Map<String, String> texts = surveys.texts();
        List<Table> out = new ArrayList<>();
        for (String code : codes) {
            Map<String, Proportion.Estimate> all = surveys.estimates(code, k -> true, k -> "");
            if (all.isEmpty()) {
                continue;
            }
            List<Row> rows = new ArrayList<>();
            rows.add(new Row(t.t("diagnosis.survey.by.all"), List.of(cell(t, all.get(""), suppress))));
            if (by.equals("area")) {
                Map<Long, Proportion.Estimate> byArea = surveys.byArea(code);
                for (Area a : areas.depthFirst()) {
                    Proportion.Estimate e = byArea.get(a.id());
                    if (e != null) {
                        rows.add(new Row("\u00a0".repeat(2 * a.level()) + a.name(), List.of(cell(t, e, suppress))));
                    }
                }
                Map<String, Proportion.Estimate> unknown = surveys.estimates(code, k -> k.areaId() == 0, k -> "");
                if (!unknown.isEmpty()) {
                    rows.add(new Row(t.t("diagnosis.survey.areaUnknown"), List.of(cell(t, unknown.get(""), suppress))));
                }
            } else if (!by.equals("all")) {
                Map<String, Proportion.Estimate> e = surveys.estimates(code, k -> true, k -> switch (by) {
                    case "sex" -> k.sex();
                    case "age" -> k.ageBand();
                    default -> k.disability();
                });
                for (String g : groups(by)) {
                    if (e.containsKey(g)) {
                        rows.add(new Row(groupLabel(t, by, g), List.of(cell(t, e.get(g), suppress))));
                    }
                }
            }
            out.add(new Table(label(t, texts, code), code.startsWith("L:") ? "" : code, rows));
        }
        return out;
    }

    private static List<String> groups(String by) {
        return switch (by) {
            case "sex" -> Questionnaire.SEXES;
            case "age" -> Questionnaire.AGE_BANDS;
            default -> Questionnaire.DISABILITY;
        };
    }

    static String groupLabel(Translator t, String by, String g) {
        return switch (by) {
            case "sex" -> t.t("diagnosis.survey.sex." + g);
            case "age" -> g.equals("unknown") ? t.t("diagnosis.survey.age.unknown") : g;
            default -> t.t("diagnosis.survey.disability." + g);
        };
    }

    private static String label(Translator t, Map<String, String> texts, String code) {
        if (!code.startsWith("L:")) {
            return SurveyService.indicatorLabel(t, code);
        }
        String[] p = code.split(":", 3);
        return SurveyService.label(t, texts, p[1], "") + ": " + SurveyService.label(t, texts, p[1], p[2]);
    }

    private Cell cell(Translator t, Proportion.Estimate e, boolean suppress) {
        SurveyService.Shown s = surveys.shown(e, suppress);
        if (s.suppressed()) {
            return new Cell("", "", "", true, false);
        }
        return new Cell(percent(t, e.share()), percent(t, e.low()) + " – " + percent(t, e.high()),
                t.number(e.respondents()), false, true);
    }

    static String percent(Translator t, double share) {
        return t.number(share * 100, 1) + "%";
    }

    /** The estimates as CSV: always suppressed below the threshold (a file leaves the office). */
    private void estimatesCsv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        String by = Visit.query(req, "by").filter(DIMENSIONS::contains).orElse("sex");
        Translator t = v.t();
        try (CsvOut out = CsvOut.download(res, "survey-estimates.csv")) {
            out.row(List.of(t.t("diagnosis.survey.csv.indicator"), t.t("diagnosis.survey.csv.code"),
                    t.t("diagnosis.survey.csv.group"), t.t("diagnosis.survey.csv.share"), t.t("diagnosis.survey.csv.low"),
                    t.t("diagnosis.survey.csv.high"), t.t("diagnosis.survey.csv.respondents")));
            for (Table table : tables(t, by, true)) {
                for (Row r : table.rows()) {
                    Cell c = r.cells().get(0);
                    String hidden = t.t("diagnosis.survey.suppressed");
                    out.row(List.of(table.indicator(), table.code(), r.group().strip(), c.suppressed() ? hidden : c.share(),
                            c.suppressed() ? "" : c.interval().split(" – ")[0],
                            c.suppressed() ? "" : c.interval().split(" – ")[1], c.suppressed() ? hidden : c.respondents()));
                }
            }
        }
    }

    // ---- entry

    public record QuestionView(String code, String label, boolean multiple, List<Option> choices, String error) {
    }

    public record EntryPage(List<QuestionView> questions, List<Option> areas, List<Option> sexes, List<Option> ages,
            List<Option> disability, Map<String, String> values, Map<String, String> errors, boolean hasErrors) {
    }

    private void entryForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        renderEntry(res, Status.OK_200, v, Map.of("weight", "1", "sex", "U", "ageBand", "unknown", "disability", "U"),
                Map.of(), Map.of());
    }

    private void renderEntry(ServerResponse res, Status status, Visit v, Map<String, String> values,
            Map<String, List<String>> answers, Map<String, String> errors) {
        Translator t = v.t();
        Map<String, String> texts = surveys.texts();
        List<QuestionView> qs = new ArrayList<>();
        for (Question q : surveys.questions()) {
            List<String> chosen = answers.getOrDefault(q.code(), List.of());
            qs.add(new QuestionView(q.code(), SurveyService.label(t, texts, q.code(), ""), q.multiple(),
                    q.choices().stream().map(c -> new Option(c, SurveyService.label(t, texts, q.code(), c),
                            chosen.contains(c))).toList(), errors.containsKey(q.code()) ? t.t(errors.get(q.code())) : null));
        }
        List<Option> areaOptions = new ArrayList<>();
        areaOptions.add(new Option("", t.t("diagnosis.survey.areaUnknown"), values.getOrDefault("areaId", "").isEmpty()));
        for (Area a : areas.depthFirst()) {
            areaOptions.add(new Option(Long.toString(a.id()), "\u00a0".repeat(2 * a.level()) + a.name(),
                    Long.toString(a.id()).equals(values.get("areaId"))));
        }
        Map<String, String> shownErrors = new LinkedHashMap<>();
        errors.forEach((k, key) -> shownErrors.put(k, t.t(key)));
        pages.render(res, status, v, "/diagnosis/surveys", "diagnosis/survey-form", "diagnosis.survey.new",
                new EntryPage(qs, areaOptions, options(t, "sex", Questionnaire.SEXES, values.get("sex")),
                        options(t, "age", Questionnaire.AGE_BANDS, values.get("ageBand")),
                        options(t, "disability", Questionnaire.DISABILITY, values.get("disability")), values, shownErrors,
                        !errors.isEmpty()));
    }

    private static List<Option> options(Translator t, String by, List<String> codes, String selected) {
        return codes.stream().map(c -> new Option(c, groupLabel(t, by, c), c.equals(selected))).toList();
    }

    private void enter(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Form f = v.form();
        Map<String, List<String>> answers = new LinkedHashMap<>();
        for (Question q : surveys.questions()) {
            answers.put(q.code(), f.all("q_" + q.code()));
        }
        SurveyService.Entry e = new SurveyService.Entry(f.has("consent"), f.get("respondentCode"), f.get("areaId"),
                f.get("sex"), f.get("ageBand"), f.get("disability"), f.get("weight"), answers);
        Map<String, String> errors = surveys.enter(e, v.actor(), v.address());
        if (!errors.isEmpty()) {
            Map<String, String> values = Map.of("respondentCode", e.respondentCode(), "areaId", e.areaId(), "sex",
                    e.sex(), "ageBand", e.ageBand(), "disability", e.disability(), "weight", e.weight());
            renderEntry(res, Status.create(422), v, values, answers, errors);
            return;
        }
        v.flash("diagnosis.survey.saved");
        Visit.redirect(res, "/diagnosis/surveys/new");
    }

    public record ResponseRow(String pseudonym, String area, String sex, String age, String disability, String weight,
            String entered, String answers) {
    }

    public record ResponsesPage(long total, List<ResponseRow> rows) {
    }

    private void responses(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Translator t = v.t();
        List<ResponseRow> rows = surveys.latest(200).stream().map(r -> new ResponseRow(r.pseudonym(),
                r.areaId() == null ? t.t("diagnosis.survey.areaUnknown") : areas.byId(r.areaId()).map(Area::name).orElse("?"),
                groupLabel(t, "sex", r.sex()), groupLabel(t, "age", r.ageBand()), groupLabel(t, "disability", r.disability()),
                t.number(r.weight(), 2), t.dateTime(r.enteredAt()) + " · " + r.enteredBy(), r.answers())).toList();
        pages.render(res, v, "/diagnosis/surveys", "diagnosis/survey-responses", "diagnosis.survey.responses",
                new ResponsesPage(surveys.respondents(), rows));
    }

    // ---- questionnaire

    public record QuestionRow(String code, boolean builtin, String label, String missing, List<Option> choices) {
    }

    public record QuestionnairePage(List<QuestionRow> questions, Map<String, String> values, Map<String, String> errors,
            long maxMegabytes) {
    }

    private void questionnaire(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        renderQuestionnaire(res, Status.OK_200, v, Map.of(), Map.of());
    }

    private void renderQuestionnaire(ServerResponse res, Status status, Visit v, Map<String, String> values,
            Map<String, String> errors) {
        Translator t = v.t();
        Map<String, String> texts = surveys.texts();
        List<QuestionRow> rows = surveys.questions().stream().map(q -> new QuestionRow(q.code(), q.builtin(),
                SurveyService.label(t, texts, q.code(), ""), String.join(", ", q.missingCodes()),
                q.choices().stream().map(c -> new Option(c, SurveyService.label(t, texts, q.code(), c), false)).toList()))
                .toList();
        Map<String, String> shown = new LinkedHashMap<>();
        errors.forEach((k, key) -> shown.put(k, t.t(key)));
        pages.render(res, status, v, "/diagnosis/surveys", "diagnosis/survey-questionnaire",
                "diagnosis.survey.questionnaire", new QuestionnairePage(rows, values, shown,
                        uploads.maxBytes() / (1024 * 1024)));
    }

    private void wording(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Form f = v.form();
        surveys.setText(f.get("question"), f.get("choice"), v.t().lang(), f.get("text"), v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, "/diagnosis/surveys/questionnaire");
    }

    private void missing(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Form f = v.form();
        surveys.setMissing(f.get("question"), f.get("missing"), v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, "/diagnosis/surveys/questionnaire");
    }

    private void addLocal(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Form f = v.form();
        SurveyService.LocalForm form = new SurveyService.LocalForm(f.get("code"), f.get("wording"), f.get("choices"),
                f.get("missing"), f.has("multiple"));
        Map<String, String> errors = surveys.addLocal(form, v.t().lang(), v.actor(), v.address());
        if (!errors.isEmpty()) {
            renderQuestionnaire(res, Status.create(422), v, Map.of("code", form.code(), "wording", form.wording(),
                    "choices", form.choices(), "missing", form.missing()), errors);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/diagnosis/surveys/questionnaire");
    }

    // ---- local questions from an XLSForm

    /** Receives an XLSForm (.xlsx or .xls) and reads it once: a file that is no XLSForm is refused now. */
    private void uploadForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.receive(req, v);
        try {
            XlsForm.read(u.file());
        } catch (SheetProblem p) {
            uploads.discard(u);
            json(res, Json.object(Map.of("error", v.t().t(p.key(), p.args().toArray()))));
            return;
        }
        json(res, Json.object(Map.of("redirect", "/diagnosis/surveys/questionnaire/xlsform/" + u.id())));
    }

    public record FormRow(String code, String label, String type, String choices, String missing) {
    }

    public record FormPage(String uploadId, String fileName, String formId, List<FormRow> rows, boolean empty) {
    }

    private XlsForm form(Uploads.Upload u) {
        try {
            return XlsForm.read(u.file());
        } catch (SheetProblem p) {
            throw new Problem(422, p.key(), p.args().toArray());
        }
    }

    private void formPage(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        XlsForm form = form(u);
        String lang = v.t().lang();
        List<FormRow> rows = surveys.formCandidates(form, lang).stream().map(c -> new FormRow(c.question().code(),
                c.wording().getOrDefault(lang, c.wording().values().stream().findFirst().orElse("")),
                c.question().multiple() ? "select_multiple" : "select_one", String.join(", ", c.question().choices()),
                String.join(", ", c.question().missingCodes()))).toList();
        pages.render(res, v, "/diagnosis/surveys", "diagnosis/survey-xlsform", "diagnosis.survey.xlsform",
                new FormPage(u.id(), u.originalName(), form.formId(), rows, rows.isEmpty()));
    }

    private void addFromForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        int added = surveys.addFromForm(form(u), v.form().all("question"), v.t().lang(), v.actor(), v.address());
        v.flash("diagnosis.survey.xlsform.added", added);
        Visit.redirect(res, "/diagnosis/surveys/questionnaire");
    }

    // ---- import

    public record JobLine(String id, String fileName, String status, String rows) {
    }

    public record ImportStart(long maxMegabytes, List<JobLine> jobs, boolean hasJobs) {
    }

    /** The upload form, and the imports of this run of the kit (a running one is found again here). */
    private void importStart(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Translator t = v.t();
        List<JobLine> jobs = surveys.jobs().stream().map(j -> new JobLine(j.id(), j.fileName(), jobStatus(t, j),
                t.number(j.rows()))).toList();
        pages.render(res, v, "/diagnosis/surveys", "diagnosis/survey-import", "diagnosis.survey.import",
                new ImportStart(uploads.maxBytes() / (1024 * 1024), jobs, !jobs.isEmpty()));
    }

    private static String jobStatus(Translator t, SurveyImport j) {
        return switch (j.phase()) {
            case RUNNING -> t.t("diagnosis.survey.job.status.running", j.percent());
            case DONE -> t.t(j.stored() ? "diagnosis.survey.job.status.stored" : "diagnosis.survey.job.status.notStored");
            case FAILED -> t.t("diagnosis.survey.job.status.failed");
            case CANCELLED -> t.t("diagnosis.survey.job.status.cancelled");
        };
    }

    /** Receives the file (raw body, as kit.js sends it) and opens it once: a file that is no table is refused now. */
    private void upload(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.receive(req, v);
        try (Sheet sheet = Sheets.open(u.file())) {
            sheet.header();
            sheet.next();
        } catch (SheetProblem p) {
            uploads.discard(u);
            json(res, Json.object(Map.of("error", v.t().t(p.key(), p.args().toArray()))));
            return;
        }
        json(res, Json.object(Map.of("redirect", "/diagnosis/surveys/import/" + u.id())));
    }

    private static void json(ServerResponse res, String body) {
        res.header(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(body);
    }

    public record FieldChoice(String field, String label, List<Option> columns) {
    }

    public record MappingPage(String uploadId, String fileName, List<FieldChoice> fields, List<FieldChoice> questions,
            boolean consentAll, String error) {
    }

    public record ErrorRow(String row, String column, String value, String reason) {
    }

    /** A survey import's page: its progress while it runs, then what it did. */
    public record JobPage(String id, String uploadId, String fileName, boolean running, boolean checking,
            int percent, String progress, boolean done, boolean stored, boolean failed, boolean cancelled,
            String problem, String rows, String added, String duplicate, String rejected, String areaUnknown,
            List<ErrorRow> errors, boolean hasErrors, boolean moreErrors) {
    }

    static final List<String> FIELDS = List.of("key", "area", "sex", "age", "disability", "weight", "consent");

    private void mappingPage(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        renderMapping(res, Status.OK_200, v, u, guess(header(u)), null);
    }

    private static List<String> header(Uploads.Upload u) {
        try (Sheet sheet = Sheets.open(u.file())) {
            return sheet.header();
        }
    }

    /** Preselects columns by name: a question's code or the export's {@code group/code}; Kobo/ODK key columns. */
    private Map<String, String> guess(List<String> header) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String key : List.of("KEY", "_uuid", "meta/instanceID", "instanceID")) {
            if (header.contains(key) && !m.containsKey("key")) {
                m.put("key", key);
            }
        }
        for (String h : header) {
            String last = h.contains("/") ? h.substring(h.lastIndexOf('/') + 1) : h;
            for (String f : FIELDS) {
                if (!f.equals("key") && last.equalsIgnoreCase(f)) {
                    m.putIfAbsent(f, h);
                }
            }
            for (Question q : surveys.questions()) {
                if (last.equalsIgnoreCase(q.code())) {
                    m.putIfAbsent("q_" + q.code(), h);
                }
            }
        }
        return m;
    }

    private void renderMapping(ServerResponse res, Status status, Visit v, Uploads.Upload u, Map<String, String> chosen,
            String error) {
        Translator t = v.t();
        List<String> header;
        try {
            header = header(u);
        } catch (SheetProblem p) {
            throw new Problem(422, p.key(), p.args().toArray());
        }
        List<String> columns = new ArrayList<>(header);
        // split select-multiple columns (HHITEMS/Computer …) are offered by their prefix too
        header.stream().filter(h -> h.contains("/")).map(h -> h.substring(0, h.lastIndexOf('/'))).distinct()
                .filter(p -> !columns.contains(p)).forEach(columns::add);
        List<FieldChoice> fields = FIELDS.stream().map(f -> new FieldChoice(f, t.t("diagnosis.survey.field." + f),
                columnOptions(t, columns, chosen.get(f)))).toList();
        Map<String, String> texts = surveys.texts();
        List<FieldChoice> qs = surveys.questions().stream().map(q -> new FieldChoice("q_" + q.code(),
                SurveyService.label(t, texts, q.code(), ""), columnOptions(t, columns, chosen.get("q_" + q.code()))))
                .toList();
        pages.render(res, status, v, "/diagnosis/surveys", "diagnosis/survey-mapping", "diagnosis.survey.import",
                new MappingPage(u.id(), u.originalName(), fields, qs, "yes".equals(chosen.get("consentAll")), error));
    }

    private static List<Option> columnOptions(Translator t, List<String> columns, String chosen) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", t.t("diagnosis.survey.notInFile"), chosen == null || chosen.isEmpty()));
        columns.forEach(c -> out.add(new Option(c, c, c.equals(chosen))));
        return out;
    }

    private void runImport(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Form f = v.form();
        Map<String, String> chosen = new LinkedHashMap<>();
        FIELDS.forEach(x -> chosen.put(x, f.get(x)));
        Map<String, String> questions = new LinkedHashMap<>();
        for (Question q : surveys.questions()) {
            chosen.put("q_" + q.code(), f.get("q_" + q.code()));
            if (!f.get("q_" + q.code()).isEmpty()) {
                questions.put(q.code(), f.get("q_" + q.code()));
            }
        }
        chosen.put("consentAll", f.has("consentAll") ? "yes" : "");
        ImportMapping m = new ImportMapping(f.get("key"), f.get("area"), f.get("sex"), f.get("age"), f.get("disability"),
                f.get("weight"), f.get("consent"), f.has("consentAll"), questions);
        SurveyImport job;
        try {
            job = surveys.startImport(u.id(), u.file(), u.originalName(), m, v.t(), mode(f.get("mode")), v.actor(),
                    v.address());
        } catch (Problem p) {
            if (p.status() != 422) {
                throw p;
            }
            renderMapping(res, Status.create(422), v, u, chosen, v.t().t(p.messageKey(), p.args()));
            return;
        }
        Visit.redirect(res, "/diagnosis/surveys/jobs/" + job.id());
    }

    private static SurveyImport.Mode mode(String s) {
        return switch (s) {
            case "good" -> SurveyImport.Mode.GOOD;
            case "all" -> SurveyImport.Mode.ALL;
            default -> SurveyImport.Mode.CHECK;
        };
    }

    private SurveyImport jobOf(ServerRequest req) {
        return surveys.job(req.path().pathParameters().get("job")).orElseThrow(Problem::notFound);
    }

    private void jobPage(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        SurveyImport j = jobOf(req);
        Translator t = v.t();
        List<ImportError> all = j.errors();
        List<ErrorRow> rows = all.stream().limit(50).map(e -> new ErrorRow(t.number(e.row()), e.column(), e.value(),
                t.t(e.reasonKey(), e.args().toArray()))).toList();
        SurveyImport.Phase p = j.phase();
        String problem = j.problemKey() == null ? null : t.t(j.problemKey(), j.problemArgs().toArray());
        pages.render(res, v, "/diagnosis/surveys", "diagnosis/survey-job", "diagnosis.survey.job.title",
                new JobPage(j.id(), j.uploadId(), j.fileName(), j.running(), j.mode() == SurveyImport.Mode.CHECK,
                        j.percent(), progressText(t, j), p == SurveyImport.Phase.DONE, j.stored(),
                        p == SurveyImport.Phase.FAILED, p == SurveyImport.Phase.CANCELLED, problem, t.number(j.rows()),
                        t.number(j.added()), t.number(j.duplicate()), t.number(j.rejected()), t.number(j.areaUnknown()),
                        rows, !rows.isEmpty(), all.size() > rows.size()));
    }

    private static String progressText(Translator t, SurveyImport j) {
        return t.t("diagnosis.survey.job.progress", j.percent(), t.number(j.rows()));
    }

    /** For the progress bar: the page polls this and reloads itself when the import stops running. */
    private void jobStatus(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        SurveyImport j = jobOf(req);
        json(res, Json.object(Map.of("phase", j.phase().name().toLowerCase(java.util.Locale.ROOT), "running",
                j.running(), "percent", j.percent(), "rows", j.rows(), "text", progressText(v.t(), j))));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        SurveyImport j = jobOf(req);
        surveys.cancel(j);
        Visit.redirect(res, "/diagnosis/surveys/jobs/" + j.id());
    }

    /** The rejected rows in the user's language; cells that look like formulas are neutralised by CsvOut. */
    private void errorsCsv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        SurveyImport j = jobOf(req);
        Translator t = v.t();
        try (CsvOut out = CsvOut.download(res, "survey-import-errors.csv")) {
            out.row(List.of(t.t("diagnosis.survey.csv.row"), t.t("diagnosis.survey.csv.column"),
                    t.t("diagnosis.survey.csv.value"), t.t("diagnosis.survey.csv.reason")));
            for (ImportError e : j.errors()) {
                out.row(List.of(e.row(), e.column(), e.value(), t.t(e.reasonKey(), e.args().toArray())));
            }
        }
    }
}
