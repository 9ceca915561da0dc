package org.safercities.platform.areas;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Uploads;
import org.safercities.platform.web.Visit;

/**
 * Importing boundaries (GeoJSON) and population (CSV): upload, choose what each field means with a preview
 * of what will happen to every row, then import all or nothing. The choices travel in the query string, so
 * "preview" is a plain GET and the page survives a reload.
 */
public final class AreaImportRoutes implements HttpService {

    private final AreaService areas;
    private final AreaImport areaImport;
    private final PopulationImport populationImport;
    private final Uploads uploads;
    private final Pages pages;

    public record Choice(String value, String label, boolean selected) {
    }

    public record PreviewRow(int number, String code, String name, String altName, String parent, String action,
            String error) {
    }

    public record ImportStartPage(long maxMegabytes) {
    }

    public record BoundaryMappingPage(String uploadId, String fileName, String crsNote, int features,
            List<Choice> codeChoices, List<Choice> nameChoices, List<Choice> altChoices, String altLang,
            List<Choice> parentChoices, List<Choice> fixedParents, boolean updateExisting, List<Choice> populationChoices,
            String populationYear, boolean previewed, String summary, boolean importable, List<PreviewRow> rows,
            String more, String error) {
    }

    public record PopulationError(String line, String column, String value, String reason) {
    }

    public record PopulationMappingPage(String uploadId, String fileName, String encoding, String separator,
            List<Choice> areaChoices, String year, boolean wide, String bandSummary, List<Choice> sexChoices,
            List<Choice> ageChoices, List<Choice> personsChoices, boolean skipUnknown, boolean previewed,
            String summary, boolean importable, List<PopulationError> errors, String more, String errorsCsv,
            String error) {
        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    public AreaImportRoutes(AreaService areas, AreaImport areaImport, PopulationImport populationImport,
            Uploads uploads, Pages pages) {
        this.areas = areas;
        this.areaImport = areaImport;
        this.populationImport = populationImport;
        this.uploads = uploads;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/areas/import", this::start)
                .post("/areas/import", this::uploadBoundaries)
                .get("/areas/import/{upload}", this::boundaryMapping)
                .post("/areas/import/{upload}", this::importBoundaries)
                .post("/population/import", this::uploadPopulation)
                .get("/population/import/{upload}", this::populationMapping)
                .get("/population/import/{upload}/errors.csv", this::populationErrors)
                .post("/population/import/{upload}", this::importPopulation);
    }

    private void start(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        pages.render(res, v, "/areas/import", "platform/import", "platform.import.title",
                new ImportStartPage(uploads.maxBytes() / (1024 * 1024)));
    }

    private void uploadBoundaries(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        accept(req, res, v, GeoJsonFile::read, "/areas/import/");
    }

    /**
     * Receives an upload and reads it once with {@code check}, so that a bad file is refused now, with its
     * reason, before any mapping; then sends the browser to the mapping page.
     */
    private void accept(ServerRequest req, ServerResponse res, Visit v, java.util.function.Consumer<java.nio.file.Path> check,
            String mappingPage) {
        Uploads.Upload u = uploads.receive(req, v);
        try {
            check.accept(u.file());
        } catch (Problem p) {
            uploads.discard(u);
            throw p;
        }
        AreaRoutes.json(res, Json.object(Map.of("redirect", mappingPage + u.id())));
    }

    private void boundaryMapping(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Map<String, String> q = queryOf(req);
        renderBoundaries(res, Status.OK_200, v, u, q, q.containsKey("code"), null);
    }

    private void importBoundaries(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Map<String, String> q = formOf(v);
        GeoJsonFile.Parsed file = GeoJsonFile.read(u.file());
        AreaImport.Mapping m = boundaryMapping(file, q);
        AreaImport.Plan plan = areaImport.plan(file, m);
        if (!plan.importable()) {
            renderBoundaries(res, Status.create(422), v, u, q, true, v.t().t("platform.areaImport.notImportable", plan.errors()));
            return;
        }
        int[] counts = areaImport.commit(file, m, u.originalName(), v.actor(), v.address());
        uploads.discard(u);
        v.flash("platform.areaImport.done", counts[0], counts[1]);
        Visit.redirect(res, "/areas");
    }

    private AreaImport.Mapping boundaryMapping(GeoJsonFile.Parsed file, Map<String, String> q) {
        List<String> props = file.propertyNames();
        String code = q.getOrDefault("code", guess(props, "pcode", "code", "cve", "id"));
        String name = q.getOrDefault("name", guess(props, "name", "nom", "nombre"));
        long fixed = Form.wholeNumber(q.getOrDefault("under", areas.root().map(a -> Long.toString(a.id())).orElse("")));
        int year = (int) Form.wholeNumber(q.getOrDefault("populationYear", ""));
        return new AreaImport.Mapping(code, name, q.getOrDefault("alt", ""), q.getOrDefault("altLang", ""),
                q.getOrDefault("parent", ""), fixed, "on".equals(q.get("update")), q.getOrDefault("population", ""), year);
    }

    private void renderBoundaries(ServerResponse res, Status status, Visit v, Uploads.Upload u, Map<String, String> q,
            boolean preview, String error) {
        Translator t = v.t();
        GeoJsonFile.Parsed file = GeoJsonFile.read(u.file());
        AreaImport.Mapping m = boundaryMapping(file, q);
        List<String> props = new ArrayList<>();
        props.add(GeoJsonFile.FEATURE_ID);
        props.addAll(file.propertyNames());
        List<PreviewRow> rows = new ArrayList<>();
        String summary = null;
        boolean importable = false;
        String more = null;
        if (preview) {
            if (!m.populationProperty().isEmpty() && (m.populationYear() < 1900 || m.populationYear() > 2100)) {
                error = t.t("platform.population.badYear");
            } else {
                AreaImport.Plan plan = areaImport.plan(file, m);
                importable = plan.importable();
                summary = t.t("platform.areaImport.summary", plan.toCreate(), plan.toUpdate(), plan.errors());
                // errors first, so that a long file shows what to fix at the top
                List<AreaImport.Row> shown = new ArrayList<>(plan.rows().stream().filter(r -> !r.ok()).toList());
                plan.rows().stream().filter(AreaImport.Row::ok).forEach(shown::add);
                for (AreaImport.Row r : shown.subList(0, Math.min(shown.size(), AreaImport.PREVIEW_ROWS))) {
                    rows.add(new PreviewRow(r.number(), r.code(), r.name(), r.altName(),
                            r.parentCode() == null ? areas.byId(m.fixedParentId()).map(Area::name).orElse("") : r.parentCode(),
                            t.t("platform.areaImport.action." + r.action()),
                            r.ok() ? null : t.t(r.errorKey(), r.errorValue() == null ? "" : r.errorValue())));
                }
                if (shown.size() > AreaImport.PREVIEW_ROWS) {
                    more = t.t("platform.areaImport.more", shown.size() - AreaImport.PREVIEW_ROWS);
                }
            }
        }
        List<Choice> fixedParents = areas.depthFirst().stream().map(a -> new Choice(Long.toString(a.id()),
                "\u2003".repeat(a.level()) + a.name() + " (" + a.code() + ")", a.id() == m.fixedParentId())).toList();
        pages.render(res, status, v, "/areas/import", "platform/import-boundaries", "platform.import.title",
                new BoundaryMappingPage(u.id(), u.originalName(),
                        file.crsNoteKey() == null ? null : t.t(file.crsNoteKey(), file.crsName()), file.features().size(),
                        choices(props, m.codeProperty(), false, t), choices(props, m.nameProperty(), false, t),
                        choices(file.propertyNames(), m.altNameProperty(), true, t), m.altNameLang(),
                        choices(file.propertyNames(), m.parentProperty(), true, t), fixedParents, m.updateExisting(),
                        choices(file.propertyNames(), m.populationProperty(), true, t),
                        m.populationYear() > 0 ? Integer.toString(m.populationYear()) : "", preview, summary, importable,
                        rows, more, error));
    }

    private static List<Choice> choices(List<String> names, String selected, boolean withNone, Translator t) {
        List<Choice> out = new ArrayList<>();
        if (withNone) {
            out.add(new Choice("", t.t("platform.import.none"), selected.isEmpty()));
        }
        for (String n : names) {
            out.add(new Choice(n, n.equals(GeoJsonFile.FEATURE_ID) ? t.t("platform.import.featureId") : n, n.equals(selected)));
        }
        return out;
    }

    /** The mapping choices of a preview (GET) … */
    private static Map<String, String> queryOf(ServerRequest req) {
        Map<String, String> q = new java.util.HashMap<>();
        for (String name : req.query().names()) {
            q.put(name, req.query().get(name));
        }
        return q;
    }

    private static String queryString(Map<String, String> q) {
        StringBuilder sb = new StringBuilder();
        new java.util.TreeMap<>(q).forEach((k, v) -> sb.append(sb.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(k, java.nio.charset.StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8)));
        return sb.toString();
    }

    /** … and of the confirmation (POST): the same names. */
    private static Map<String, String> formOf(Visit v) {
        Map<String, String> q = new java.util.HashMap<>();
        v.form().fields().forEach((k, vals) -> q.put(k, vals.isEmpty() ? "" : vals.get(0).strip()));
        return q;
    }

    /** The first property whose name contains one of the hints, as a starting point for the user. */
    static String guess(List<String> names, String... hints) {
        for (String hint : hints) {
            for (String n : names) {
                if (n.toLowerCase(Locale.ROOT).contains(hint)) {
                    return n;
                }
            }
        }
        return names.isEmpty() ? GeoJsonFile.FEATURE_ID : names.get(0);
    }

    private void uploadPopulation(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        accept(req, res, v, populationImport::shape, "/population/import/");
    }

    private void populationMapping(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Map<String, String> q = queryOf(req);
        renderPopulation(res, Status.OK_200, v, u, q, q.containsKey("area"), null);
    }

    private PopulationImport.Mapping populationMapping(PopulationImport.Shape s, Map<String, String> q) {
        String areaGuess = populationImport.guessAreaColumn(s);
        return new PopulationImport.Mapping(q.getOrDefault("area", areaGuess != null ? areaGuess : guess(s.headers(), "pcode", "code", "area")),
                (int) Form.wholeNumber(q.getOrDefault("year", "")), q.getOrDefault("sex", guess(s.headers(), "sex")),
                q.getOrDefault("age", guess(s.headers(), "age")), q.getOrDefault("persons", guess(s.headers(), "pop", "persons", "count")),
                "on".equals(q.get("skipUnknown")));
    }

    private void renderPopulation(ServerResponse res, Status status, Visit v, Uploads.Upload u, Map<String, String> q,
            boolean preview, String error) {
        Translator t = v.t();
        PopulationImport.Shape s = populationImport.shape(u.file());
        PopulationImport.Mapping m = populationMapping(s, q);
        String summary = null;
        boolean importable = false;
        List<PopulationError> errors = new ArrayList<>();
        String more = null;
        if (preview) {
            try {
                PopulationImport.Plan plan = populationImport.plan(u.file(), s, m);
                importable = plan.importable(m.skipUnknownAreas());
                summary = t.t("platform.population.summary", plan.rows(), plan.values(), plan.unknownAreas(),
                        plan.errors().size(), plan.blankRows());
                for (PopulationImport.RowError e : plan.errors().subList(0, Math.min(plan.errors().size(), 25))) {
                    errors.add(new PopulationError(Long.toString(e.line()), e.column(), e.value(), t.t(e.reasonKey())));
                }
                if (plan.errors().size() > 25) {
                    more = t.t("platform.areaImport.more", plan.errors().size() - 25);
                }
            } catch (Problem p) {
                error = t.t(p.messageKey(), p.args());
            }
        }
        String bands = s.bands().isEmpty() ? null
                : t.t("platform.population.bandsFound", s.bands().size(),
                        String.join(", ", s.bands().stream().map(PopulationImport.BandColumn::header).limit(6).toList()));
        pages.render(res, status, v, "/areas/import", "platform/import-population", "platform.import.title",
                new PopulationMappingPage(u.id(), u.originalName(), s.detected().charset().displayName(),
                        s.detected().separator() == '\t' ? "TAB" : String.valueOf(s.detected().separator()),
                        choices(s.headers(), m.areaColumn(), false, t), m.year() > 0 ? Integer.toString(m.year()) : "",
                        !s.bands().isEmpty(), bands, choices(s.headers(), m.sexColumn(), false, t),
                        choices(s.headers(), m.ageColumn(), false, t), choices(s.headers(), m.personsColumn(), false, t),
                        m.skipUnknownAreas(), preview, summary, importable, errors, more,
                        errors.isEmpty() ? null : "/population/import/" + u.id() + "/errors.csv?" + queryString(q), error));
    }

    private void populationErrors(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Map<String, String> q = queryOf(req);
        PopulationImport.Shape s = populationImport.shape(u.file());
        PopulationImport.Plan plan = populationImport.plan(u.file(), s, populationMapping(s, q));
        try (CsvOut csv = CsvOut.download(res, "population-import-errors.csv")) {
            csv.row(List.of(v.t().t("platform.import.line"), v.t().t("platform.import.column"),
                    v.t().t("platform.import.value"), v.t().t("platform.import.reason")));
            for (PopulationImport.RowError e : plan.errors()) {
                csv.row(List.of(e.line(), e.column(), e.value(), v.t().t(e.reasonKey())));
            }
        }
    }

    private void importPopulation(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        Map<String, String> q = formOf(v);
        PopulationImport.Shape s = populationImport.shape(u.file());
        PopulationImport.Mapping m = populationMapping(s, q);
        try {
            int values = populationImport.commit(u.file(), s, m, u.originalName(), v.actor(), v.address());
            uploads.discard(u);
            v.flash("platform.population.done", values, Integer.toString(m.year()));
            Visit.redirect(res, "/areas");
        } catch (Problem p) {
            if (p.status() != 422) {
                throw p;
            }
            renderPopulation(res, Status.create(422), v, u, q, true, v.t().t(p.messageKey(), p.args()));
        }
    }
}
