package org.safercities.diagnosis.walks;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.PlatformServices;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.ActorDirectory;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The safety walks' pages. Everyone signed in sees the list, the scores and the points; only STAFF (office staff
 * and the technical group, who organise the walks) see the findings, the fixes and who should act — free text
 * that may name people — and only they export, add, change and delete walks.
 */
public final class WalkRoutes implements HttpService {

    static final String WALKS = "/diagnosis/walks";
    static final java.util.Set<Role> READ = Role.ALL;
    static final java.util.Set<Role> WRITE = Role.STAFF;

    private final WalkService walks;
    private final AreaService areas;
    private final Pages pages;

    public record Option(String value, String label, boolean selected) {
    }

    public record WalkRow(long id, String date, String time, String area, String place, String participants,
            String mean) {
    }

    public record ListPage(List<Option> areas, List<Option> years, List<WalkRow> rows, String count, boolean canEdit,
            String csvUrl) {
    }

    public record Cell(String name, String label, String value) {
    }

    public record ParticipantRow(String sex, List<Cell> cells, String total) {
    }

    public record ScoreRow(String parameter, String score, String meaning) {
    }

    public record WalkPage(long id, String date, String time, String area, String place, String point,
            List<String> bands, List<ParticipantRow> participants, String participantsTotal, List<ScoreRow> scores,
            String mean, boolean showText, List<String> findings, List<String> fixes, String actionBy, String actorName,
            boolean canEdit) {
    }

    public record Choice(String value, String label, boolean checked) {
    }

    public record ParameterField(String code, String label, String hint, List<Choice> choices, String error) {
    }

    public record FormPage(Long id, boolean isNew, int version, Map<String, String> values, List<Option> areas,
            List<ParameterField> parameters, List<String> bands, List<ParticipantRow> participants,
            boolean hasActors, List<Option> actors, Map<String, String> errors) {
    }

    public WalkRoutes(PlatformServices platform) {
        this.walks = new WalkService(platform);
        this.areas = platform.areas();
        this.pages = platform.pages();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(WALKS, this::list)
                .get(WALKS + ".csv", this::export)
                .get(WALKS + "/new", this::newForm)
                .post(WALKS, this::create)
                .get(WALKS + "/{id}", this::show)
                .get(WALKS + "/{id}/edit", this::editForm)
                .post(WALKS + "/{id}", this::update)
                .post(WALKS + "/{id}/delete", this::delete);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        Translator t = v.t();
        Long area = areaFilter(req);
        Integer year = yearFilter(req);
        List<WalkRow> rows = walks.walks(area, year).stream().map(w -> new WalkRow(w.id(), t.date(w.date()), w.time(),
                areaName(w.areaId()), w.place(), t.number(w.participantsTotal()), t.number(w.meanScore(), 1))).toList();
        List<Option> years = walks.years().stream().map(y -> new Option(Integer.toString(y), Integer.toString(y),
                year != null && y.intValue() == year)).toList();
        pages.render(res, v, WALKS, "diagnosis/walks", "diagnosis.walk.listTitle", new ListPage(areaOptions(area),
                years, rows, t.t("diagnosis.walk.count", t.number(rows.size())), v.is(WRITE),
                v.is(WRITE) ? WALKS + ".csv" + query(area, year) : null));
    }

    private void export(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(WRITE);
        List<String> header = new ArrayList<>(List.of("id", "date", "time", "area_code", "area", "place", "longitude",
                "latitude"));
        WalkCodes.SEXES.forEach(s -> WalkCodes.AGE_BANDS.forEach(b -> header.add("participants_" + s + "_" + b)));
        header.add("participants_total");
        header.addAll(WalkCodes.PARAMETERS);
        header.addAll(List.of("mean_score", "findings", "fixes", "action_by", "partner"));
        try (CsvOut csv = CsvOut.download(res, "safety-walks.csv")) {
            csv.row(header);
            for (Walk w : walks.walks(areaFilter(req), yearFilter(req))) {
                List<Object> row = new ArrayList<>(List.of(w.id(), w.date().toString(), w.time(),
                        areas.byId(w.areaId()).map(Area::code).orElse(""), areaName(w.areaId()), w.place(),
                        w.lon() == null ? "" : w.lon(), w.lat() == null ? "" : w.lat()));
                WalkCodes.SEXES.forEach(s -> WalkCodes.AGE_BANDS.forEach(b -> row.add(w.participants(s, b))));
                row.add(w.participantsTotal());
                WalkCodes.PARAMETERS.forEach(p -> row.add(w.scores().get(p)));
                row.addAll(List.of(String.format(Locale.ROOT, "%.2f", w.meanScore()), w.findings(), w.fixes(),
                        w.actionBy(), w.actorName() == null ? "" : w.actorName()));
                csv.row(row);
            }
        }
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(READ);
        Walk w = walks.require(id(req));
        Translator t = v.t();
        List<ScoreRow> scores = WalkCodes.PARAMETERS.stream().map(p -> new ScoreRow(t.t("diagnosis.walk.param." + p),
                Integer.toString(w.scores().get(p)), t.t("diagnosis.walk.score." + p + "." + w.scores().get(p)))).toList();
        List<ParticipantRow> people = WalkCodes.SEXES.stream().map(s -> new ParticipantRow(t.t("diagnosis.walk.sex." + s),
                WalkCodes.AGE_BANDS.stream().map(b -> new Cell("", "", t.number(w.participants(s, b)))).toList(),
                t.number(w.participants(s)))).toList();
        boolean staff = v.is(WRITE);
        pages.render(res, v, WALKS, "diagnosis/walk", "diagnosis.walk.title", new WalkPage(w.id(), t.date(w.date()),
                w.time(), areaName(w.areaId()), w.place(), w.hasPoint() ? t.t("diagnosis.walk.pointLine",
                        t.number(w.lon(), 5), t.number(w.lat(), 5)) : null, bandLabels(t), people,
                t.number(w.participantsTotal()), scores, t.number(w.meanScore(), 2), staff, staff ? lines(w.findings()) : List.of(),
                staff ? lines(w.fixes()) : List.of(), staff ? w.actionBy() : "", w.actorName(), staff));
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        WalkForm blank = WalkForm.blank(LocalDate.now());
        Long area = areaFilter(req);
        if (area != null) {
            blank = new WalkForm(blank.date(), blank.time(), area.toString(), "", "", "", blank.scores(),
                    blank.participants(), "", "", "", "");
        }
        renderForm(res, Status.OK_200, v, null, 0, blank, new FieldErrors());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        WalkForm form = WalkForm.of(v.form());
        FieldErrors e = walks.validate(form);
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, null, 0, form, e);
            return;
        }
        long id = walks.create(form, v.actor(), v.address());
        v.flash("platform.saved");
        Visit.redirect(res, WALKS + "/" + id);
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Walk w = walks.require(id(req));
        renderForm(res, Status.OK_200, v, w.id(), w.version(), WalkForm.of(w), new FieldErrors());
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Walk w = walks.require(id(req));
        WalkForm form = WalkForm.of(v.form());
        int version = (int) v.form().number("version");
        FieldErrors e = walks.validate(form);
        if (!e.isEmpty()) {
            renderForm(res, Status.create(422), v, w.id(), version, form, e);
            return;
        }
        try {
            walks.update(w.id(), version, form, v.actor(), v.address());
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            renderForm(res, Status.CONFLICT_409, v, w.id(), version, form, new FieldErrors().add("form", p.messageKey()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, WALKS + "/" + w.id());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(WRITE);
        Walk w = walks.delete(id(req), v.actor(), v.address());
        v.flash("diagnosis.walk.deleted", v.t().date(w.date()));
        Visit.redirect(res, WALKS);
    }

    // ---- page building

    private void renderForm(ServerResponse res, Status status, Visit v, Long id, int version, WalkForm f, FieldErrors e) {
        Translator t = v.t();
        Map<String, String> errors = e.in(t);
        Map<String, String> values = new HashMap<>(Map.of("date", f.date(), "time", f.time(), "place", f.place(),
                "lon", f.lon(), "lat", f.lat(), "findings", f.findings(), "fixes", f.fixes(), "actionBy", f.actionBy()));
        List<ParameterField> parameters = WalkCodes.PARAMETERS.stream().map(p -> new ParameterField(p,
                t.t("diagnosis.walk.param." + p), t.t("diagnosis.walk.hint." + p),
                java.util.stream.IntStream.rangeClosed(0, WalkCodes.MAX_SCORE).mapToObj(n -> new Choice(
                        Integer.toString(n), t.t("diagnosis.walk.score." + p + "." + n),
                        Integer.toString(n).equals(f.scores().get(p)))).toList(), errors.get(p))).toList();
        List<ParticipantRow> people = WalkCodes.SEXES.stream().map(s -> new ParticipantRow(t.t("diagnosis.walk.sex." + s),
                WalkCodes.AGE_BANDS.stream().map(b -> new Cell(WalkCodes.cell(s, b), t.t("diagnosis.walk.cellLabel",
                        t.t("diagnosis.walk.sex." + s), t.t("diagnosis.walk.band." + b)),
                        f.participants().getOrDefault(WalkCodes.cell(s, b), ""))).toList(), "")).toList();
        List<Option> actors = new ArrayList<>();
        java.util.Optional<ActorDirectory> directory = walks.actors();
        directory.ifPresent(d -> {
            actors.add(new Option("", t.t("diagnosis.walk.noActor"), f.actorId().isBlank()));
            d.actors().forEach(a -> actors.add(new Option(Long.toString(a.id()), a.name(),
                    Long.toString(a.id()).equals(f.actorId()))));
        });
        List<Option> areaOptions = areaOptions(Form.wholeNumber(f.areaId()));
        pages.render(res, status, v, WALKS, "diagnosis/walk-form", id == null ? "diagnosis.walk.new" : "diagnosis.walk.edit",
                new FormPage(id, id == null, version, values, areaOptions, parameters, bandLabels(t), people,
                        directory.isPresent(), actors, errors));
    }

    private List<Option> areaOptions(Long selected) {
        return areas.depthFirst().stream().map(a -> new Option(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(),
                selected != null && a.id() == selected)).toList();
    }

    /** Text as lines, so the template keeps the writer's line breaks without raw HTML. */
    private static List<String> lines(String text) {
        return text.isBlank() ? List.of() : List.of(text.split("\\R"));
    }

    private static List<String> bandLabels(Translator t) {
        return WalkCodes.AGE_BANDS.stream().map(b -> t.t("diagnosis.walk.band." + b)).toList();
    }

    private String areaName(long id) {
        return areas.byId(id).map(Area::name).orElse("");
    }

    private static Long areaFilter(ServerRequest req) {
        long area = Visit.query(req, "area").map(Form::wholeNumber).orElse(-1L);
        return area < 0 ? null : area;
    }

    private static Integer yearFilter(ServerRequest req) {
        long year = Visit.query(req, "year").map(Form::wholeNumber).orElse(-1L);
        return year < 1 || year > 9999 ? null : (int) year;
    }

    private static String query(Long area, Integer year) {
        List<String> parts = new ArrayList<>();
        if (area != null) {
            parts.add("area=" + area);
        }
        if (year != null) {
            parts.add("year=" + year);
        }
        return parts.isEmpty() ? "" : "?" + String.join("&", parts);
    }

    private static long id(ServerRequest req) {
        return Form.wholeNumber(req.path().pathParameters().get("id"));
    }
}
