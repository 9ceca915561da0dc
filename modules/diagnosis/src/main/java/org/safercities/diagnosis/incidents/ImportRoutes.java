package org.safercities.diagnosis.incidents;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.diagnosis.sheets.CellValues;
import org.safercities.diagnosis.sheets.CellValues.DateOrder;
import org.safercities.diagnosis.sheets.Sheet;
import org.safercities.diagnosis.sheets.SheetProblem;
import org.safercities.diagnosis.sheets.Sheets;
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
 * Importing incident files: upload → map the columns (saved per source) with a preview → check every row in
 * the background → correct the value mapping and read the errors → load the good rows, or nothing. Imports can
 * be undone as a whole. Office staff who edit data only (administrator, coordinator, analyst).
 */
public final class ImportRoutes implements HttpService {

    private static final int PREVIEW_ROWS = 8;

    private final IncidentService incidents;
    private final AreaService areas;
    private final Uploads uploads;
    private final Pages pages;

    public ImportRoutes(IncidentService incidents, AreaService areas, Uploads uploads, Pages pages) {
        this.incidents = incidents;
        this.areas = areas;
        this.uploads = uploads;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/diagnosis/import", this::start)
                .post("/diagnosis/import", this::upload)
                .get("/diagnosis/import/{upload}", this::mapping)
                .post("/diagnosis/import/{upload}", this::check)
                .get("/diagnosis/jobs/{job}", this::job)
                .get("/diagnosis/jobs/{job}/status", this::status)
                .get("/diagnosis/jobs/{job}/errors.csv", this::errors)
                .post("/diagnosis/jobs/{job}/load", this::load)
                .post("/diagnosis/jobs/{job}/cancel", this::cancel)
                .post("/diagnosis/jobs/{job}/discard", this::discard)
                .post("/diagnosis/imports/{id}/undo", this::undo)
                .get("/diagnosis/sources/{id}", this::source)
                .post("/diagnosis/sources/{id}", this::saveSource);
    }

    public record Choice(String value, String label, boolean selected) {
    }

    public record SourceRow(long id, String name, String kind) {
    }

    public record HistoryRow(long id, String source, String file, String status, String started, String by,
            String added, String duplicate, String rejected, String areaUnknown, boolean undoable) {
    }

    public record StartPage(long maxMegabytes, List<HistoryRow> history, boolean hasHistory, List<SourceRow> sources,
            boolean hasSources) {
    }

    private void start(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Translator t = v.t();
        List<HistoryRow> history = new ArrayList<>();
        for (ImportRecord r : incidents.imports()) {
            history.add(new HistoryRow(r.id(), r.sourceName(), r.fileName(), t.t("diagnosis.import.status." + r.status()),
                    t.dateTime(r.startedAt()), r.startedBy(), t.number(r.rowsAdded()), t.number(r.rowsDuplicate()),
                    t.number(r.rowsRejected()), t.number(r.areaUnknown()), r.undoable()));
        }
        List<SourceRow> sources = incidents.sources().stream()
                .map(s -> new SourceRow(s.id(), s.name(), t.t(Codes.kindKey(s.kind())))).toList();
        pages.render(res, v, "/diagnosis/import", "diagnosis/import", "diagnosis.import.title",
                new StartPage(uploads.maxBytes() / (1024 * 1024), history, !history.isEmpty(), sources,
                        !sources.isEmpty()));
    }

    /** Receives the file and opens it once, so that a file that is no table is refused now with its reason. */
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
        json(res, Json.object(Map.of("redirect", "/diagnosis/import/" + u.id())));
    }

    public record PreviewRow(long row, List<String> cells, String date, String category, String sex, String age,
            String place, String area, String error) {
    }

    public record MappingPage(String uploadId, String fileName, String dialect, List<Choice> sources,
            boolean newSource, String newName, List<Choice> kinds, List<ColumnChoice> columns, List<Choice> orders,
            List<Choice> zones, boolean midnightUnknown, boolean ageZeroUnknown, boolean decimalComma,
            List<Choice> fixedCategories, List<String> header, List<PreviewRow> preview, String error,
            Map<String, String> errors) {
    }

    /** One kit field and the file's columns to choose from. */
    public record ColumnChoice(String field, String label, boolean required, List<Choice> options) {
    }

    private void mapping(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Optional<Long> sourceId = Visit.query(req, "source").filter(s -> !s.isBlank()).map(Form::wholeNumber);
        renderMapping(res, Status.OK_200, v, u, sourceId.orElse(null), null, null, Map.of());
    }

    private void renderMapping(ServerResponse res, Status status, Visit v, Uploads.Upload u, Long sourceId,
            Mapping typed, String error, Map<String, String> fieldErrors) {
        Translator t = v.t();
        List<Source> sources = incidents.sources();
        Source chosen = sourceId == null ? null : sources.stream().filter(s -> s.id() == sourceId).findFirst().orElse(null);
        List<String> header;
        List<String[]> sample = new ArrayList<>();
        List<Long> rowNumbers = new ArrayList<>();
        Sheet.Dialect dialect;
        try (Sheet sheet = Sheets.open(u.file())) {
            header = sheet.header();
            dialect = sheet.dialect();
            String[] row;
            try {
                while (sample.size() < PREVIEW_ROWS && (row = sheet.next()) != null) {
                    sample.add(row);
                    rowNumbers.add(sheet.rowNumber());
                }
            } catch (SheetProblem p) {
                // the rows before the broken one still show; the check will stop at it with this reason
                error = error != null ? error : t.t(p.key(), p.args().toArray());
            }
        }
        Mapping m = typed != null ? typed
                : chosen != null && chosen.mapping() != null && !chosen.mapping().date().isEmpty()
                        && RowReader.missingColumns(chosen.mapping(), header).isEmpty() ? chosen.mapping()
                        : guessed(header, dialect, sample);
        List<Choice> sourceChoices = new ArrayList<>();
        sourceChoices.add(new Choice("", t.t("diagnosis.import.newSource"), chosen == null));
        for (Source s : sources) {
            sourceChoices.add(new Choice(Long.toString(s.id()), s.name(), chosen != null && s.id() == chosen.id()));
        }
        List<ColumnChoice> columns = List.of(
                column(t, "date", true, m.date(), header), column(t, "time", false, m.time(), header),
                column(t, "category", false, m.category(), header), column(t, "sex", false, m.sex(), header),
                column(t, "age", false, m.age(), header), column(t, "place", false, m.place(), header),
                column(t, "area", false, m.area(), header), column(t, "longitude", false, m.longitude(), header),
                column(t, "latitude", false, m.latitude(), header));
        List<Choice> orders = new ArrayList<>();
        for (DateOrder o : DateOrder.values()) {
            orders.add(new Choice(o.name(), t.t("diagnosis.import.order." + o.name()), o == m.dateOrder()));
        }
        List<Choice> zones = new ArrayList<>();
        for (String z : ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") && !z.startsWith("Etc/")
                && !z.startsWith("SystemV/")).sorted().toList()) {
            zones.add(new Choice(z, z, z.equals(m.zone())));
        }
        zones.add(0, new Choice("UTC", "UTC", "UTC".equals(m.zone())));
        List<Choice> fixed = new ArrayList<>();
        fixed.add(new Choice("", t.t("diagnosis.import.fromColumn"), m.fixedCategory().isEmpty()));
        for (String code : Codes.ICCS) {
            if (!code.equals("unknown")) {
                fixed.add(new Choice(code, iccsLabel(t, code), code.equals(m.fixedCategory())));
            }
        }
        List<Choice> kinds = Codes.SOURCE_KINDS.stream()
                .map(k -> new Choice(k, t.t(Codes.kindKey(k)), k.equals("police"))).toList();
        pages.render(res, status, v, "/diagnosis/import", "diagnosis/import-mapping", "diagnosis.import.mappingTitle",
                new MappingPage(u.id(), u.originalName(),
                        t.t("diagnosis.import.dialect", dialect.encoding(),
                                dialect.separator() == 0 ? "—" : separatorName(t, dialect.separator())),
                        sourceChoices, chosen == null, "", kinds, columns, orders, zones, m.midnightUnknown(),
                        m.ageZeroUnknown(), m.decimalComma(), fixed, header, preview(t, m, header, sample, rowNumbers),
                        error, fieldErrors));
    }

    private static Mapping guessed(List<String> header, Sheet.Dialect dialect, List<String[]> sample) {
        Mapping g = Mapping.guess(header, dialect.decimalComma());
        int dateColumn = header.indexOf(g.date());
        if (dateColumn < 0) {
            return g;
        }
        List<String> dates = sample.stream().map(r -> dateColumn < r.length ? r[dateColumn] : "").toList();
        DateOrder order = CellValues.guessOrder(dates);
        return new Mapping(g.date(), g.time(), order, g.zone(), g.midnightUnknown(), g.category(), g.fixedCategory(),
                g.sex(), g.age(), g.ageZeroUnknown(), g.place(), g.area(), g.longitude(), g.latitude(),
                g.decimalComma());
    }

    private static String separatorName(Translator t, char c) {
        return switch (c) {
            case ',' -> t.t("diagnosis.import.separator.comma");
            case ';' -> t.t("diagnosis.import.separator.semicolon");
            case '\t' -> t.t("diagnosis.import.separator.tab");
            default -> String.valueOf(c);
        };
    }

    private static ColumnChoice column(Translator t, String field, boolean required, String chosen, List<String> header) {
        List<Choice> options = new ArrayList<>();
        options.add(new Choice("", t.t("diagnosis.import.noColumn"), chosen.isEmpty()));
        for (String h : header) {
            options.add(new Choice(h, h, h.equals(chosen)));
        }
        return new ColumnChoice(field, t.t("diagnosis.import.field." + field), required, options);
    }

    /** The first rows as the kit will read them, so that a wrong mapping shows before anything is checked. */
    private List<PreviewRow> preview(Translator t, Mapping m, List<String> header, List<String[]> sample,
            List<Long> rowNumbers) {
        List<PreviewRow> out = new ArrayList<>();
        if (m.date().isEmpty() || !RowReader.missingColumns(m, header).isEmpty()) {
            return out;
        }
        ValueMaps none = new ValueMaps();
        RowReader reader = new RowReader(m, header, none, incidents.locator(), incidents.areaNames(), x -> { });
        for (int i = 0; i < sample.size(); i++) {
            String[] cells = sample.get(i);
            RowReader.Result r = reader.read(cells, rowNumbers.get(i));
            List<String> shown = new ArrayList<>();
            for (int c = 0; c < header.size(); c++) {
                shown.add(c < cells.length ? cells[c] : "");
            }
            if (r.incident() == null) {
                RowError e = r.errors().get(0);
                out.add(new PreviewRow(rowNumbers.get(i), shown, "", "", "", "", "", "",
                        t.t(e.reasonKey()) + " (" + e.column() + ": " + e.value() + ")"));
            } else {
                IncidentRow x = r.incident();
                out.add(new PreviewRow(rowNumbers.get(i), shown, dateText(t, x), iccsLabel(t, x.iccs()),
                        t.t("diagnosis.sex." + x.sex()), ageText(t, x.ageBand()),
                        t.t(Codes.placeKey(x.place())), areaName(t, x.areaId()), ""));
            }
        }
        return out;
    }

    static String dateText(Translator t, IncidentRow x) {
        String d = x.precision() == 'M' ? x.date().toString().substring(0, 7) : t.date(x.date());
        if (x.minute() != null) {
            d += String.format(" %02d:%02d", x.minute() / 60, x.minute() % 60);
        }
        return d;
    }

    static String ageText(Translator t, String band) {
        if (band.equals("unknown")) {
            return t.t("diagnosis.ageBand.unknown");
        }
        if (band.endsWith("+")) {
            return t.t("diagnosis.ageBand.over", band.substring(0, band.length() - 1));
        }
        return t.t("diagnosis.ageBand.years", Integer.parseInt(band.substring(0, 2)), Integer.parseInt(band.substring(3)));
    }

    static String iccsLabel(Translator t, String code) {
        return code.equals("unknown") ? t.t("diagnosis.iccs.unknown") : code + " " + t.t("diagnosis.iccs." + code);
    }

    private String areaName(Translator t, Long id) {
        if (id == null) {
            return t.t("diagnosis.area.unknown");
        }
        return areas.byId(id).map(Area::name).orElse("?");
    }

    private void check(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Form f = v.form();
        Mapping m = new Mapping(f.get("date"), f.get("time"), order(f.get("dateOrder")), f.get("zone"),
                f.has("midnightUnknown"), f.get("category"), f.get("fixedCategory"), f.get("sex"), f.get("age"),
                f.has("ageZeroUnknown"), f.get("place"), f.get("area"), f.get("longitude"), f.get("latitude"),
                f.has("decimalComma"));
        Long sourceId = f.get("source").isBlank() ? null : Form.wholeNumber(f.get("source"));
        Map<String, String> errors = new LinkedHashMap<>();
        if (m.date().isEmpty()) {
            errors.put("date", v.t().t("diagnosis.import.dateRequired"));
        }
        if (m.category().isEmpty() && m.fixedCategory().isEmpty()) {
            errors.put("category", v.t().t("diagnosis.import.categoryRequired"));
        }
        if (!m.fixedCategory().isEmpty() && !Codes.isIccs(m.fixedCategory())) {
            errors.put("category", v.t().t("diagnosis.import.categoryRequired"));
        }
        if (m.longitude().isEmpty() != m.latitude().isEmpty()) {
            errors.put("longitude", v.t().t("diagnosis.import.bothCoordinates"));
        }
        if (sourceId == null && f.get("newName").isBlank()) {
            errors.put("source", v.t().t("diagnosis.source.nameRequired"));
        }
        if (!errors.isEmpty()) {
            renderMapping(res, Status.create(422), v, u, sourceId, m, v.t().t("diagnosis.import.fixErrors"), errors);
            return;
        }
        if (sourceId == null) {
            try {
                sourceId = incidents.createSource(f.get("newName"), f.get("kind"), v.actor(), v.address());
            } catch (Problem p) {
                renderMapping(res, Status.create(p.status()), v, u, null, m, v.t().t(p.messageKey(), p.args()),
                        Map.of("source", v.t().t(p.messageKey(), p.args())));
                return;
            }
        }
        ImportJob job = incidents.check(u.id(), u.file(), u.originalName(), sourceId, m, v.actor());
        Visit.redirect(res, "/diagnosis/jobs/" + job.id());
    }

    private static DateOrder order(String s) {
        try {
            return DateOrder.valueOf(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            return DateOrder.AUTO;
        }
    }

    public record ErrorLine(long row, String column, String value, String reason) {
    }

    public record ValueLine(String field, String fieldLabel, String local, String rows, List<Choice> codes) {
    }

    public record JobPage(String id, String fileName, String source, boolean running, boolean checking,
            boolean checked, boolean loading, boolean done, boolean failed, boolean cancelled, int percent,
            String problem, String read, String good, String rejected, String duplicate, String newRows,
            String areaUnknown, List<ErrorLine> errors, boolean hasErrors, boolean moreErrors,
            List<ValueLine> values, boolean hasValues, boolean canLoad, Long importId) {
    }

    private ImportJob jobOf(ServerRequest req, Visit v) {
        return incidents.job(req.path().pathParameters().get("job")).orElseThrow(Problem::notFound);
    }

    private void job(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ImportJob job = jobOf(req, v);
        Translator t = v.t();
        ImportJob.Phase p = job.phase();
        List<ErrorLine> errors = job.firstErrors().stream()
                .map(e -> new ErrorLine(e.row(), e.column(), e.value(), t.t(e.reasonKey()))).toList();
        List<ValueLine> values = new ArrayList<>();
        if (p == ImportJob.Phase.CHECKED) {
            for (ImportJob.NewValue nv : job.newValues()) {
                values.add(new ValueLine(nv.field(), t.t("diagnosis.import.field." + nv.field()), nv.local(),
                        t.number(nv.rows()), codeChoices(t, nv.field(), nv.guess())));
            }
        }
        String source = incidents.source(job.sourceId()).map(Source::name).orElse("");
        String problem = job.problemKey() == null ? null : t.t(job.problemKey(), job.problemArgs().toArray());
        pages.render(res, v, "/diagnosis/import", "diagnosis/import-job", "diagnosis.import.jobTitle",
                new JobPage(job.id(), job.fileName(), source, job.running(), p == ImportJob.Phase.CHECKING,
                        p == ImportJob.Phase.CHECKED, p == ImportJob.Phase.LOADING, p == ImportJob.Phase.DONE,
                        p == ImportJob.Phase.FAILED, p == ImportJob.Phase.CANCELLED, job.percent(), problem,
                        t.number(job.rowsRead()), t.number(job.rowsGood()), t.number(job.rowsRejected()),
                        t.number(job.rowsDuplicate()), t.number(job.rowsNew()), t.number(job.areaUnknown()), errors,
                        !errors.isEmpty(), job.rowsRejected() > errors.size(), values, !values.isEmpty(),
                        job.rowsNew() > 0, job.importId()));
    }

    private List<Choice> codeChoices(Translator t, String field, String guess) {
        List<Choice> out = new ArrayList<>();
        switch (field) {
            case RowReader.CATEGORY -> Codes.ICCS.forEach(c -> out.add(new Choice(c, iccsLabel(t, c), c.equals(guess))));
            case RowReader.SEX -> Codes.SEXES.forEach(c -> out.add(new Choice(c, t.t("diagnosis.sex." + c), c.equals(guess))));
            case RowReader.PLACE -> Codes.PLACES.forEach(c -> out.add(new Choice(c, t.t(Codes.placeKey(c)), c.equals(guess))));
            default -> {
                out.add(new Choice("", t.t("diagnosis.area.unknown"), true));
                for (Area a : areas.depthFirst()) {
                    out.add(new Choice(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name() + " (" + a.code() + ")",
                            false));
                }
            }
        }
        return out;
    }

    /** For the progress bar: the page polls this and reloads itself when the phase changes. */
    private void status(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ImportJob job = jobOf(req, v);
        json(res, Json.object(Map.of("phase", job.phase().name().toLowerCase(), "running", job.running(),
                "percent", job.percent(), "rows", job.rowsRead(),
                "text", v.t().t("diagnosis.import.progress", job.percent(), v.t().number(job.rowsRead())))));
    }

    private void errors(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ImportJob job = jobOf(req, v);
        Translator t = v.t();
        try (CsvOut csv = CsvOut.download(res, "import-errors.csv")) {
            csv.row(List.of(t.t("diagnosis.import.errors.row"), t.t("diagnosis.import.errors.column"),
                    t.t("diagnosis.import.errors.value"), t.t("diagnosis.import.errors.reason")));
            for (RowError e : incidents.allErrors(job)) {
                csv.row(List.of(e.row(), e.column(), e.value(), t.t(e.reasonKey())));
            }
        }
    }

    private void load(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ImportJob job = jobOf(req, v);
        List<String[]> values = valuesOf(v.form());
        if (!values.isEmpty()) {
            incidents.saveValues(job.sourceId(), values, v.actor(), v.address());
        }
        incidents.load(job, v.address());
        Visit.redirect(res, "/diagnosis/jobs/" + job.id());
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ImportJob job = jobOf(req, v);
        incidents.cancel(job);
        Visit.redirect(res, "/diagnosis/jobs/" + job.id());
    }

    private void discard(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        ImportJob job = jobOf(req, v);
        incidents.discard(job);
        try {
            uploads.discard(uploads.find(job.id(), v));
        } catch (Problem gone) {
            // already removed
        }
        v.flash("diagnosis.import.discarded");
        Visit.redirect(res, "/diagnosis/import");
    }

    private void undo(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        long id = Form.wholeNumber(req.path().pathParameters().get("id"));
        incidents.undo(id, v.actor(), v.address());
        v.flash("diagnosis.import.undone");
        Visit.redirect(res, "/diagnosis/import");
    }

    public record SourcePage(long id, String name, String kind, List<ValueLine> values, boolean hasValues) {
    }

    /** A source's value mapping, every value it has met, to correct at any time (the next imports use it). */
    private void source(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Translator t = v.t();
        Source s = incidents.source(Form.wholeNumber(req.path().pathParameters().get("id"))).orElseThrow(Problem::notFound);
        List<ValueLine> values = new ArrayList<>();
        incidents.valueMaps(s.id()).forEach((field, map) -> new java.util.TreeMap<>(map).forEach((local, code) ->
                values.add(new ValueLine(field, t.t("diagnosis.import.field." + field), local, "",
                        codeChoices(t, field, code)))));
        pages.render(res, v, "/diagnosis/import", "diagnosis/source", "diagnosis.source.title",
                new SourcePage(s.id(), s.name(), t.t(Codes.kindKey(s.kind())), values, !values.isEmpty()));
    }

    private void saveSource(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Source s = incidents.source(Form.wholeNumber(req.path().pathParameters().get("id"))).orElseThrow(Problem::notFound);
        List<String[]> values = valuesOf(v.form());
        if (!values.isEmpty()) {
            incidents.saveValues(s.id(), values, v.actor(), v.address());
        }
        v.flash("diagnosis.source.saved");
        Visit.redirect(res, "/diagnosis/sources/" + s.id());
    }

    /** The value mapping a form sends: field, local value and code, in step; codes checked against the lists. */
    private List<String[]> valuesOf(Form f) {
        List<String[]> values = new ArrayList<>();
        List<String> fields = f.all("field");
        List<String> locals = f.all("local");
        List<String> codes = f.all("code");
        if (fields.size() != locals.size() || fields.size() != codes.size()) {
            throw new Problem(400, "platform.error.badRequest");
        }
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            String code = codes.get(i);
            boolean valid = switch (field) {
                case RowReader.CATEGORY -> Codes.isIccs(code);
                case RowReader.SEX -> Codes.SEXES.contains(code);
                case RowReader.PLACE -> Codes.PLACES.contains(code);
                case RowReader.AREA -> code.isEmpty() || areas.byId(Form.wholeNumber(code)).isPresent();
                default -> false;
            };
            if (!valid) {
                throw new Problem(422, "diagnosis.import.badCode");
            }
            values.add(new String[] {field, locals.get(i), code});
        }
        return values;
    }

    static void json(ServerResponse res, String body) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(body);
    }
}
