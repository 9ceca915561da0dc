package org.safercities.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The export pages: choose a period and a folder, see what will go out, start the job, follow its progress, the
 * list of past exports (and its CSV), the sealed file as a download. Staff see the list; the coordination exports.
 */
final class ExportRoutes implements HttpService {

    private final ExchangeService service;
    private final Pages pages;

    ExportRoutes(ExchangeService service, Pages pages) {
        this.service = service;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exchange/export", this::page)
                .post("/exchange/export", this::start)
                .get("/exchange/export/jobs/{job}", this::job)
                .get("/exchange/export/jobs/{job}/status", this::status)
                .get("/exchange/export/{id}/file", this::file)
                .get("/exchange/exports.csv", this::csv);
    }

    record Part(String name, String what) {
    }

    record SummaryView(int fromYear, int toYear, List<Part> parts, String incidents, String values, String strategy,
            String review, String practices, String recipients, boolean noRecipient, int threshold) {
    }

    record ExportRow(long id, String created, String by, String period, String size, String sha256, String signer,
            List<String> recipients, String writtenTo, String fileName, boolean fileThere, String fileUrl) {
    }

    record Page(boolean canExport, Map<String, String> values, Map<String, String> errors, boolean refused,
            SummaryView summary, List<ExportRow> exports, boolean hasExports, String defaultFolder) {
    }

    private void page(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        String year = Integer.toString(service.thisYear() - 1);
        String from = Visit.query(req, "fromYear").orElse(year);
        String to = Visit.query(req, "toYear").orElse(from);
        render(res, Status.OK_200, v, Map.of("fromYear", from, "toYear", to,
                "folder", Visit.query(req, "folder").orElse("")), Map.of());
    }

    private void render(ServerResponse res, Status status, Visit v, Map<String, String> values, Map<String, String> errors) {
        Translator t = v.t();
        FieldErrors period = service.period(values.get("fromYear"), values.get("toYear"));
        SummaryView summary = null;
        if (period.isEmpty()) {
            ExchangeService.Summary s = service.summary((int) Form.wholeNumber(values.get("fromYear")),
                    (int) Form.wholeNumber(values.get("toYear")));
            summary = new SummaryView(s.fromYear(), s.toYear(), List.of(
                    new Part("export.json", t.t("exchange.export.part.json")),
                    new Part("incidents.csv", t.t("exchange.export.part.incidents")),
                    new Part("indicator-values.csv", t.t("exchange.export.part.values")),
                    new Part("good-practices.csv", t.t("exchange.export.part.practices")),
                    new Part("manifest.json", t.t("exchange.export.part.manifest"))),
                    t.t("exchange.export.sum.incidents", t.number(s.incidentCells()), t.number(s.incidentSuppressed())),
                    t.t("exchange.export.sum.values", t.number(s.values()), t.number(s.valuesSuppressed()),
                            t.number(s.indicators())),
                    t.t(s.strategy() ? "exchange.export.sum.strategy" : "exchange.export.sum.noStrategy"),
                    s.reviewCycle() == null ? t.t("exchange.export.sum.noReview")
                            : t.t("exchange.export.sum.review", Integer.toString(s.reviewCycle())),
                    t.t("exchange.export.sum.practices", t.number(s.practices())),
                    t.t("exchange.export.sum.recipients", t.number(s.recipients())), s.recipients() == 0,
                    service.threshold());
        }
        List<ExportRow> rows = new ArrayList<>();
        for (ExchangeStore.ExportRow x : service.exports()) {
            boolean there = Files.isRegularFile(Path.of(x.writtenTo()).resolve(x.fileName()));
            rows.add(new ExportRow(x.id(), t.dateTime(x.createdAt()), x.createdBy(), period(x), size(t, x.bytes()),
                    x.sha256(), OpenPgp.grouped(x.signer()),
                    x.recipients().isEmpty() ? List.of() : List.of(x.recipients().split(",")).stream().map(OpenPgp::grouped).toList(),
                    x.writtenTo(), x.fileName(), there, "/exchange/export/" + x.id() + "/file"));
        }
        pages.render(res, status, v, "/exchange/export", "exchange/export", "exchange.export.title",
                new Page(v.is(Role.COORDINATION), values, errors, !errors.isEmpty(), summary, rows, !rows.isEmpty(),
                        service.defaultFolder().toString()));
    }

    private static String period(ExchangeStore.ExportRow x) {
        return x.fromYear() == x.toYear() ? Integer.toString(x.fromYear()) : x.fromYear() + "–" + x.toYear();
    }

    private static String size(Translator t, long bytes) {
        return bytes < 1024 * 1024 ? t.number(Math.max(1, Math.round(bytes / 1024.0))) + " KB"
                : t.number(bytes / (1024.0 * 1024.0), 1) + " MB";
    }

    private void start(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        Form f = v.form();
        FieldErrors e = new FieldErrors();
        var job = service.start(f.get("fromYear"), f.get("toYear"), f.get("folder"), v.actor(), v.address(), e);
        if (job.isEmpty()) {
            render(res, Status.create(422), v, Map.of("fromYear", f.raw("fromYear"), "toYear", f.raw("toYear"),
                    "folder", f.raw("folder")), e.in(v.t()));
            return;
        }
        Visit.redirect(res, "/exchange/export/jobs/" + job.get().id);
    }

    record JobPage(String id, String period, String folder, boolean running, int percent, String phase, boolean done,
            boolean failed, String problem, String fileName, String fileUrl, String statusUrl) {
    }

    private ExchangeService.ExportJob jobOf(ServerRequest req) {
        return service.job(req.path().pathParameters().get("job")).orElseThrow(Problem::notFound);
    }

    private void job(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        ExchangeService.ExportJob j = jobOf(req);
        Translator t = v.t();
        pages.render(res, v, "/exchange/export", "exchange/export-job", "exchange.export.jobTitle",
                new JobPage(j.id, j.fromYear == j.toYear ? Integer.toString(j.fromYear) : j.fromYear + "–" + j.toYear,
                        j.folder.toString(), j.running(), j.percent(), phase(t, j),
                        j.phase == ExchangeService.ExportJob.Phase.DONE, j.phase == ExchangeService.ExportJob.Phase.FAILED,
                        j.problemKey == null ? "" : t.t(j.problemKey), j.fileName,
                        "/exchange/export/" + j.exportId + "/file", "/exchange/export/jobs/" + j.id + "/status"));
    }

    private static String phase(Translator t, ExchangeService.ExportJob j) {
        return t.t("exchange.export.phase." + j.phase.name().toLowerCase(java.util.Locale.ROOT), j.percent());
    }

    private void status(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        ExchangeService.ExportJob j = jobOf(req);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(Json.object(Map.of("running", j.running(), "percent", j.percent(), "phase",
                j.phase.name().toLowerCase(java.util.Locale.ROOT), "text", phase(v.t(), j), "plainBytes", j.plainBytes,
                "buildMs", j.buildMillis, "sealMs", j.sealMillis)).getBytes(StandardCharsets.UTF_8));
    }

    private void file(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        long id = Form.wholeNumber(req.path().pathParameters().get("id"));
        ExchangeStore.ExportRow row = service.export(id).orElseThrow(Problem::notFound);
        Path file = service.exportFile(id).orElseThrow(() -> new Problem(404, "exchange.export.fileGone", row.writtenTo()));
        res.header(HeaderNames.CONTENT_TYPE, "application/pgp-encrypted");
        res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + row.fileName() + "\"");
        res.header(HeaderNames.CONTENT_LENGTH, Long.toString(Files.size(file)));
        try (InputStream in = Files.newInputStream(file); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        }
    }

    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        Translator t = v.t();
        try (CsvOut out = CsvOut.download(res, "exchange-exports.csv")) {
            out.row(List.of(t.t("exchange.export.col.created"), t.t("exchange.export.col.by"),
                    t.t("exchange.export.col.from"), t.t("exchange.export.col.to"), t.t("exchange.export.col.file"),
                    t.t("exchange.export.col.bytes"), "SHA-256", t.t("exchange.export.col.signer"),
                    t.t("exchange.export.col.recipients"), t.t("exchange.export.col.writtenTo")));
            for (ExchangeStore.ExportRow x : service.exports()) {
                out.row(List.of(x.createdAt().toString(), x.createdBy(), x.fromYear(), x.toYear(), x.fileName(),
                        x.bytes(), x.sha256(), x.signer(), x.recipients().replace(",", " "), x.writtenTo()));
            }
        }
    }
}
