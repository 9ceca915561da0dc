package org.safercities.partnerships;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Uploads;
import org.safercities.platform.web.Visit;

/**
 * Importing actors from CSV, as the platform imports areas: the browser sends the file as the raw request body
 * (kit.js, with the CSRF token and file name in headers); a damaged file is refused at once with its reason;
 * the preview says what each line will do and lets the user merge or skip each possible duplicate; the import
 * is all or nothing. Editors only.
 */
final class ImportRoutes implements HttpService {

    static final String IMPORT = "/partnerships/import";

    public record StartPage(long maxMegabytes, String columns) {
    }

    public record PreviewRow(int line, String name, String type, boolean isNew, long duplicateId, String duplicateName,
            boolean skip, List<String> errors) {
        public boolean hasErrors() {
            return !errors.isEmpty();
        }
    }

    public record PreviewPage(String uploadId, String fileName, String encoding, String separator, String summary,
            boolean importable, String refusal, List<PreviewRow> rows, List<PreviewRow> errorRows) {
    }

    private final PartnershipService service;
    private final Uploads uploads;
    private final Pages pages;

    ImportRoutes(PartnershipService service, Uploads uploads, Pages pages) {
        this.service = service;
        this.uploads = uploads;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(IMPORT, this::start)
                .post(IMPORT, this::upload)
                .get(IMPORT + "/{upload}", this::preview)
                .post(IMPORT + "/{upload}", this::commit);
    }

    private void start(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        pages.render(res, v, PartnershipRoutes.ACTORS, "partnerships/import", "partnerships.import.title",
                new StartPage(uploads.maxBytes() / (1024 * 1024), String.join(", ", ActorCsv.COLUMNS)));
    }

    /** Receives the file and reads it once, so that a damaged file is refused now, before any preview. */
    private void upload(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.receive(req, v);
        try {
            ActorCsv.read(u.file());
        } catch (Problem p) {
            uploads.discard(u);
            throw p;
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(Json.object(Map.of("redirect", IMPORT + "/" + u.id())));
    }

    private void preview(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        ActorCsv.Parsed file = ActorCsv.read(u.file());
        render(res, Status.OK_200, v, u, file, service.planImport(file, v.t()), Map.of(), null);
    }

    private void commit(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.find(req.path().pathParameters().get("upload"), v);
        ActorCsv.Parsed file = ActorCsv.read(u.file());
        ActorImport.Plan plan = service.planImport(file, v.t());
        Map<Integer, ActorImport.Choice> choices = choices(v.form(), plan);
        if (!plan.importable()) {
            render(res, Status.create(422), v, u, file, plan, choices,
                    v.t().t("partnerships.import.notImportable", plan.errors()));
            return;
        }
        PartnershipService.Imported done = service.importActors(plan, choices, u.originalName(), v.actor(), v.address());
        uploads.discard(u);
        v.flash("partnerships.import.done", done.added(), done.merged(), done.skipped());
        Visit.redirect(res, PartnershipRoutes.ACTORS);
    }

    /** The user's choice for each duplicate line: field {@code line<N>} = merge or skip (merge when absent). */
    private static Map<Integer, ActorImport.Choice> choices(Form f, ActorImport.Plan plan) {
        Map<Integer, ActorImport.Choice> out = new HashMap<>();
        for (ActorImport.Row r : plan.rows()) {
            if (r.isDuplicate() && "skip".equals(f.get("line" + r.line()))) {
                out.put(r.line(), ActorImport.Choice.SKIP);
            }
        }
        return out;
    }

    private void render(ServerResponse res, Status status, Visit v, Uploads.Upload u, ActorCsv.Parsed file,
            ActorImport.Plan plan, Map<Integer, ActorImport.Choice> choices, String refusal) {
        Translator t = v.t();
        List<PreviewRow> rows = new ArrayList<>();
        for (ActorImport.Row r : plan.rows()) {
            String type = Codes.TYPES.contains(r.form().type()) ? t.t("partnerships.type." + r.form().type()) : r.form().type();
            rows.add(new PreviewRow(r.line(), r.form().name(), type, !r.isDuplicate(),
                    r.isDuplicate() ? r.duplicate().id() : 0, r.isDuplicate() ? r.duplicate().name() : "",
                    choices.get(r.line()) == ActorImport.Choice.SKIP, r.errors()));
        }
        long added = plan.rows().stream().filter(r -> !r.isDuplicate()).count();
        String summary = t.t("partnerships.import.summary", t.number(plan.rows().size()), t.number(added),
                t.number(plan.duplicates()), t.number(plan.errors()));
        String separator = switch (file.separator()) {
            case '\t' -> t.t("partnerships.import.tab");
            default -> Character.toString(file.separator());
        };
        pages.render(res, status, v, PartnershipRoutes.ACTORS, "partnerships/import-preview", "partnerships.import.previewTitle",
                new PreviewPage(u.id(), u.originalName(), file.encoding(), separator, summary, plan.importable(), refusal,
                        rows, rows.stream().filter(r -> !r.errors().isEmpty()).toList()));
    }
}
