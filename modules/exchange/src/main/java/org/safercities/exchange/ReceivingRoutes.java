package org.safercities.exchange;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

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
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Uploads;
import org.safercities.platform.web.Visit;

/**
 * Importing a received export (upload of the sealed file, as kit.js sends it) and the pages of what was received.
 * Importing is for those who edit the office's data (EDITORS, as diagnosis imports); reading is for everyone signed
 * in: a received export holds aggregates only.
 */
final class ReceivingRoutes implements HttpService {

    private final Receiving receiving;
    private final ExchangeStore sql;
    private final org.safercities.platform.store.Store store;
    private final Uploads uploads;
    private final Pages pages;
    private final org.safercities.platform.links.ModuleLinks links;

    ReceivingRoutes(Receiving receiving, ExchangeStore sql, org.safercities.platform.store.Store store, Uploads uploads,
            Pages pages, org.safercities.platform.links.ModuleLinks links) {
        this.receiving = receiving;
        this.sql = sql;
        this.store = store;
        this.uploads = uploads;
        this.pages = pages;
        this.links = links;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exchange/import", this::importPage)
                .post("/exchange/import", this::importFile)
                .get("/exchange/received", this::list)
                .get("/exchange/received.csv", this::csv)
                .get("/exchange/received/{id}", this::received);
    }

    // ---- import

    record ImportPage(long maxMegabytes, long maxPlainMegabytes, String error, int senders) {
    }

    private void importPage(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        renderImport(res, Status.OK_200, v, null);
    }

    private void renderImport(ServerResponse res, Status status, Visit v, String error) {
        int senders = store.read(c -> sql.keys(c, "sender")).size();
        pages.render(res, status, v, "/exchange/import", "exchange/import", "exchange.import.title",
                new ImportPage(uploads.maxBytes() / (1024 * 1024), Receiving.megabytes(receiving.maxPlainBytes()), error,
                        senders));
    }

    private void importFile(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Uploads.Upload u = uploads.receive(req, v);
        long id;
        try {
            id = receiving.receive(u.file(), u.originalName(), v.actor(), v.address());
        } catch (Receiving.Refused r) {
            String message = v.t().t(r.key(), r.args());
            if (wantsJson(req)) {
                res.status(Status.create(422));
                res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
                res.send(Json.object(Map.of("error", message)));
            } else {
                renderImport(res, Status.create(422), v, message);
            }
            return;
        } finally {
            uploads.discard(u);
        }
        ExchangeStore.ReceivedRow r = store.read(c -> sql.received(c, id)).orElseThrow();
        v.flash("exchange.import.done", r.city(), r.signerLabel());
        String to = "/exchange/received/" + id;
        if (wantsJson(req)) {
            res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
            res.send(Json.object(Map.of("redirect", to)));
        } else {
            Visit.redirect(res, to);
        }
    }

    private static boolean wantsJson(ServerRequest req) {
        String accept = req.headers().first(HeaderNames.ACCEPT).orElse("");
        return accept.contains("application/json") && !accept.contains("text/html");
    }

    // ---- the list

    record ListRow(long id, String city, String country, String period, String signer, String fingerprint,
            String signedAt, String receivedAt, String receivedBy) {
    }

    record ListPage(List<ListRow> rows, boolean hasRows, boolean canImport) {
    }

    private List<ListRow> rows(Translator t) {
        List<ListRow> rows = new ArrayList<>();
        for (ExchangeStore.ReceivedRow r : store.read(c -> sql.received(c))) {
            rows.add(new ListRow(r.id(), r.city(), r.country(), period(r), r.signerLabel(), OpenPgp.grouped(r.signer()),
                    t.dateTime(r.signedAt()), t.dateTime(r.receivedAt()), r.receivedBy()));
        }
        return rows;
    }

    private static String period(ExchangeStore.ReceivedRow r) {
        return r.fromYear() == r.toYear() ? Integer.toString(r.fromYear()) : r.fromYear() + "–" + r.toYear();
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        List<ListRow> rows = rows(v.t());
        pages.render(res, v, "/exchange/received", "exchange/received-list", "exchange.received.title",
                new ListPage(rows, !rows.isEmpty(), v.is(Role.EDITORS)));
    }

    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        try (CsvOut out = CsvOut.download(res, "received-exports.csv")) {
            out.row(List.of(t.t("exchange.received.city"), t.t("exchange.received.country"), t.t("exchange.received.period"),
                    t.t("exchange.received.signer"), t.t("exchange.received.fingerprint"), t.t("exchange.received.signedAt"),
                    t.t("exchange.received.receivedAt"), t.t("exchange.received.receivedBy")));
            for (ExchangeStore.ReceivedRow r : store.read(c -> sql.received(c))) {
                out.row(List.of(r.city(), r.country(), period(r), r.signerLabel(), OpenPgp.grouped(r.signer()),
                        r.signedAt().toString(), r.receivedAt().toString(), r.receivedBy()));
            }
        }
    }

    // ---- one received export, readable

    record Fact(String label, String value) {
    }

    record ValueRow(String indicator, String name, String period, String area, String sex, String age, String value,
            String interval, boolean suppressed) {
    }

    record IncidentRow(int year, String area, String iccs, String sex, String count, boolean suppressed, boolean total) {
    }

    record PracticeRow(String title, String problem, String intervention, String type, String groups, String evidence,
            String cost, String contactRole) {
    }

    record ReceivedPage(String city, String country, String period, String signer, String fingerprint, String signedAt,
            String receivedAt, String receivedBy, String kitVersion, String schemaVersion, String generatedAt,
            int threshold, boolean hasStrategy, List<Fact> strategy, String vision, List<ValueRow> values,
            boolean hasValues, List<IncidentRow> incidents, boolean hasIncidents, boolean hasReview, List<Fact> review,
            List<Fact> success, List<PracticeRow> practices, boolean hasPractices, String sha256) {
    }

    private void received(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        long id = Form.wholeNumber(req.path().pathParameters().get("id"));
        ExchangeStore.ReceivedRow r = store.read(c -> sql.received(c, id)).orElseThrow(Problem::notFound);
        Translator t = v.t();
        JsonObject x;
        try (JsonReader reader = jakarta.json.Json.createReader(new StringReader(r.content()))) {
            x = reader.readObject();
        }
        List<Fact> strategy = new ArrayList<>();
        String vision = "";
        boolean hasStrategy = x.get("strategy").getValueType() == JsonValue.ValueType.OBJECT;
        if (hasStrategy) {
            JsonObject s = x.getJsonObject("strategy");
            strategy.add(new Fact(t.t("exchange.received.strategyVersion"), t.number(s.getInt("versionNumber"))));
            strategy.add(new Fact(t.t("exchange.received.strategyStatus"), t.t("exchange.received.status." + s.getString("status"))));
            if (s.get("adoptedOn") instanceof JsonString d) {
                strategy.add(new Fact(t.t("exchange.received.adoptedOn"), d.getString()));
            }
            strategy.add(new Fact(t.t("exchange.received.strategyPeriod"), s.getInt("fromYear") + "–" + s.getInt("toYear")));
            strategy.add(new Fact(t.t("exchange.received.priorities"), t.number(s.getInt("priorities"))));
            strategy.add(new Fact(t.t("exchange.received.objectives"), t.number(s.getInt("objectives"))));
            strategy.add(new Fact(t.t("exchange.received.actions"), t.number(s.getInt("actions"))));
            strategy.add(new Fact(t.t("exchange.received.actionsByStatus"),
                    counts(t, s.getJsonObject("actionsByStatus"), "strategy.actionStatus.")));
            strategy.add(new Fact(t.t("exchange.received.actionsByLevel"),
                    counts(t, s.getJsonObject("actionsByLevel"), "strategy.level.")));
            strategy.add(new Fact(t.t("exchange.received.actionsByType"),
                    counts(t, s.getJsonObject("actionsByType"), "strategy.type.")));
            String currency = x.getJsonObject("city").getString("currency");
            for (JsonValue b : s.getJsonArray("budget")) {
                JsonObject line = b.asJsonObject();
                strategy.add(new Fact(t.t("exchange.received.budget", line.getInt("year"), line.getString("governmentLevel")),
                        currency + " " + t.number(line.getJsonNumber("amountMinor").longValue() / 100.0, 2)));
            }
            vision = s.getString("vision");
        }
        Map<String, String> names = new java.util.HashMap<>();
        for (JsonValue i : x.getJsonArray("indicators")) {
            names.put(i.asJsonObject().getString("code"), i.asJsonObject().getString("name"));
        }
        Rollup.builtInNames(links, t.locale().getLanguage()).forEach(names::replace);
        String suppressed = t.t("exchange.suppressed");
        List<ValueRow> values = new ArrayList<>();
        for (JsonValue i : x.getJsonArray("indicatorValues")) {
            JsonObject o = i.asJsonObject();
            boolean hidden = o.getBoolean("suppressed");
            String interval = o.get("low") instanceof JsonNumber lo && o.get("high") instanceof JsonNumber hi
                    ? number(t, lo.doubleValue()) + " – " + number(t, hi.doubleValue()) : "";
            values.add(new ValueRow(o.getString("indicator"), names.getOrDefault(o.getString("indicator"), ""),
                    o.getString("period"), o.getString("area").equals("*") ? t.t("exchange.received.wholeCity") : o.getString("area"),
                    o.getString("sex"), o.getString("ageBand"),
                    hidden ? suppressed : o.get("value") instanceof JsonNumber n ? number(t, n.doubleValue()) : "—",
                    hidden ? "" : interval, hidden));
        }
        List<IncidentRow> incidents = new ArrayList<>();
        for (JsonValue i : x.getJsonArray("incidents")) {
            JsonObject o = i.asJsonObject();
            boolean hidden = o.getBoolean("suppressed");
            String all = t.t("exchange.received.total");
            incidents.add(new IncidentRow(o.getInt("year"), o.getString("area").equals("*") ? all : o.getString("area"),
                    o.getString("iccs").equals("*") ? all : o.getString("iccs"), o.getString("sex").equals("*") ? all
                            : o.getString("sex"),
                    hidden ? suppressed : o.get("count") instanceof JsonNumber n ? t.number(n.longValue()) : "—", hidden,
                    o.getString("area").equals("*") || o.getString("iccs").equals("*")));
        }
        boolean hasReview = x.get("review").getValueType() == JsonValue.ValueType.OBJECT;
        List<Fact> review = new ArrayList<>();
        List<Fact> success = new ArrayList<>();
        if (hasReview) {
            JsonObject o = x.getJsonObject("review");
            review.add(new Fact(t.t("exchange.received.cycle"), Integer.toString(o.getInt("cycle"))));
            review.add(new Fact(t.t("exchange.received.measures"), o.getString("measures")));
            review.add(new Fact(t.t("exchange.received.difficulties"), o.getString("difficulties")));
            review.add(new Fact(t.t("exchange.received.assistance"), o.getString("assistance")));
            review.add(new Fact(t.t("exchange.received.practicesNote"), o.getString("practicesNote")));
            JsonObject s = o.getJsonObject("successIndicators");
            success.add(new Fact(t.t("exchange.received.toolsShared"), t.number(s.getInt("toolsShared"))));
            success.add(new Fact(t.t("exchange.received.toolsPiloted"), t.number(s.getInt("toolsPiloted"))));
            success.add(new Fact(t.t("exchange.received.focalPoints"), t.number(s.getInt("focalPoints"))));
            success.add(new Fact(t.t("exchange.received.funds"), x.getJsonObject("city").getString("currency") + " "
                    + t.number(s.getJsonNumber("fundsAllocatedMinor").longValue() / 100.0, 2)));
            success.add(new Fact(t.t("exchange.received.partnersEngaged"), t.number(s.getInt("partnersEngaged"))));
        }
        List<PracticeRow> practices = new ArrayList<>();
        for (JsonValue i : x.getJsonArray("goodPractices")) {
            JsonObject o = i.asJsonObject();
            practices.add(new PracticeRow(o.getString("title"), o.getString("problem"), o.getString("intervention"),
                    PracticeRoutes.typeLabel(t, o.getString("preventionType")),
                    PracticeRoutes.groupLabels(t, o.getJsonArray("targetGroups").getValuesAs(JsonString::getString)),
                    o.getString("evidence"), o.getString("cost"), o.getString("contactRole")));
        }
        pages.render(res, v, "/exchange/received", "exchange/received", "exchange.received.page",
                new ReceivedPage(r.city(), r.country(), period(r), r.signerLabel(), OpenPgp.grouped(r.signer()),
                        t.dateTime(r.signedAt()), t.dateTime(r.receivedAt()), r.receivedBy(), r.kitVersion(),
                        r.schemaVersion(), x.getString("generatedAt"), x.getJsonObject("suppression").getInt("threshold"),
                        hasStrategy, strategy, vision, values, !values.isEmpty(), incidents, !incidents.isEmpty(),
                        hasReview, review, success, practices, !practices.isEmpty(), OpenPgp.grouped(r.fileSha256())));
    }

    /** "Planned: 5, Under way: 7": the strategy module's names of the codes when its messages are there, else the codes. */
    private static String counts(Translator t, JsonObject o, String prefix) {
        List<String> parts = new ArrayList<>();
        o.forEach((k, n) -> {
            String label = t.t(prefix + k);
            parts.add((label.equals(prefix + k) ? k : label) + ": " + t.number(((JsonNumber) n).longValue()));
        });
        return String.join(", ", parts);
    }

    /** A value as read: at most two decimals, in the user's number format. */
    static String number(Translator t, double d) {
        int decimals = Math.max(0, Math.min(2, BigDecimal.valueOf(d).setScale(2, RoundingMode.HALF_EVEN)
                .stripTrailingZeros().scale()));
        return t.number(d, decimals);
    }
}
