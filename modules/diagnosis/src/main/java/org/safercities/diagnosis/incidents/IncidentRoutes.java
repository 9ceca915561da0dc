package org.safercities.diagnosis.incidents;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.diagnosis.incidents.ImportRoutes.Choice;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * Single incidents: the list (newest first, by source and area), typing one in, correcting or deleting one.
 * Records about victims: office staff who edit data only; every change is in the audit log.
 */
public final class IncidentRoutes implements HttpService {

    private static final int PAGE = 50;

    private final IncidentService incidents;
    private final AreaService areas;
    private final Pages pages;

    public IncidentRoutes(IncidentService incidents, AreaService areas, Pages pages) {
        this.incidents = incidents;
        this.areas = areas;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/diagnosis/incidents", this::list)
                .get("/diagnosis/incidents/new", this::blank)
                .post("/diagnosis/incidents", this::create)
                .get("/diagnosis/incidents/{id}", this::edit)
                .post("/diagnosis/incidents/{id}", this::update)
                .post("/diagnosis/incidents/{id}/delete", this::delete);
    }

    public record Line(long id, String date, String category, String local, String sex, String age, String place,
            String area, String source) {
    }

    public record ListPage(List<Line> rows, boolean empty, List<Choice> sources, List<Choice> areas, String total,
            String prev, String next) {
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Translator t = v.t();
        Long source = Visit.query(req, "source").filter(s -> !s.isBlank()).map(Form::wholeNumber).orElse(null);
        String areaParam = Visit.query(req, "area").orElse("");
        boolean unknown = areaParam.equals("unknown");
        Long area = !unknown && !areaParam.isBlank() ? Form.wholeNumber(areaParam) : null;
        int offset = (int) Math.min(Visit.query(req, "from").filter(s -> !s.isBlank()).map(Form::wholeNumber).orElse(0L),
                10_000_000);
        Map<Long, String> sourceNames = new LinkedHashMap<>();
        incidents.sources().forEach(s -> sourceNames.put(s.id(), s.name()));
        List<Line> rows = new ArrayList<>();
        for (Incident i : incidents.incidents(source, area, unknown, offset, PAGE)) {
            IncidentRow r = i.row();
            rows.add(new Line(i.id(), ImportRoutes.dateText(t, r), ImportRoutes.iccsLabel(t, r.iccs()),
                    r.localCategory(), t.t("diagnosis.sex." + r.sex()), r.age() != null ? r.age().toString()
                            : ImportRoutes.ageText(t, r.ageBand()), t.t(Codes.placeKey(r.place())),
                    areaName(t, r.areaId()), sourceNames.getOrDefault(i.sourceId(), "")));
        }
        List<Choice> sourceChoices = new ArrayList<>();
        sourceChoices.add(new Choice("", t.t("diagnosis.incident.allSources"), source == null));
        sourceNames.forEach((id, name) -> sourceChoices.add(new Choice(id.toString(), name, id.equals(source))));
        List<Choice> areaChoices = areaChoices(t, area, true);
        areaChoices.add(1, new Choice("unknown", t.t("diagnosis.area.unknown"), unknown));
        String base = "/diagnosis/incidents?source=" + (source == null ? "" : source) + "&area=" + areaParam + "&from=";
        pages.render(res, v, "/diagnosis/incidents", "diagnosis/incidents", "diagnosis.incident.list",
                new ListPage(rows, rows.isEmpty(), sourceChoices, areaChoices, t.number(incidents.counts().total()),
                        offset > 0 ? base + Math.max(0, offset - PAGE) : null,
                        rows.size() == PAGE ? base + (offset + PAGE) : null));
    }

    private List<Choice> areaChoices(Translator t, Long selected, boolean withAll) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", t.t(withAll ? "diagnosis.incident.allAreas" : "diagnosis.area.unknown"), selected == null));
        for (Area a : areas.depthFirst()) {
            out.add(new Choice(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(), selected != null
                    && selected == a.id()));
        }
        return out;
    }

    private String areaName(Translator t, Long id) {
        return id == null ? t.t("diagnosis.area.unknown") : areas.byId(id).map(Area::name).orElse("?");
    }

    /** What the form holds, as typed: shown again with the reasons when something is wrong. */
    public record Values(String date, String time, String iccs, String local, String sex, String age, String place,
            String area, String longitude, String latitude, String source) {
        static Values of(Form f) {
            return new Values(f.get("date"), f.get("time"), f.get("iccs"), f.get("local"), f.get("sex"), f.get("age"),
                    f.get("place"), f.get("area"), f.get("longitude"), f.get("latitude"), f.get("source"));
        }

        static Values of(IncidentRow r, long sourceId) {
            return new Values(r.date().toString(), r.minute() == null ? "" : String.format("%02d:%02d", r.minute() / 60,
                    r.minute() % 60), r.iccs(), r.localCategory() == null ? "" : r.localCategory(),
                    String.valueOf(r.sex()), r.age() == null ? "" : r.age().toString(), r.place(),
                    r.areaId() == null ? "" : r.areaId().toString(), r.longitude() == null ? "" : r.longitude().toString(),
                    r.latitude() == null ? "" : r.latitude().toString(), Long.toString(sourceId));
        }
    }

    public record FormPage(boolean isNew, Long id, int version, Values values, Map<String, String> errors,
            List<Choice> iccs, List<Choice> sexes, List<Choice> places, List<Choice> areas, List<Choice> sources) {
    }

    private void blank(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        render(res, Status.OK_200, v, null, 0, new Values(LocalDate.now().toString(), "", "unknown", "", "U", "",
                "unknown", "", "", "", ""), Map.of());
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Incident i = incidents.incident(Form.wholeNumber(req.path().pathParameters().get("id")))
                .orElseThrow(Problem::notFound);
        render(res, Status.OK_200, v, i.id(), i.version(), Values.of(i.row(), i.sourceId()), Map.of());
    }

    private void render(ServerResponse res, Status status, Visit v, Long id, int version, Values values,
            Map<String, String> errors) {
        Translator t = v.t();
        List<Choice> iccs = Codes.ICCS.stream()
                .map(c -> new Choice(c, ImportRoutes.iccsLabel(t, c), c.equals(values.iccs()))).toList();
        List<Choice> sexes = Codes.SEXES.stream()
                .map(c -> new Choice(c, t.t("diagnosis.sex." + c), c.equals(values.sex()))).toList();
        List<Choice> places = Codes.PLACES.stream()
                .map(c -> new Choice(c, t.t(Codes.placeKey(c)), c.equals(values.place()))).toList();
        Long area = values.area().isBlank() ? null : parseOrNull(values.area());
        List<Choice> sources = new ArrayList<>();
        sources.add(new Choice("", t.t("diagnosis.incident.manualSource"), values.source().isBlank()));
        incidents.sources().forEach(s -> sources.add(new Choice(Long.toString(s.id()), s.name(),
                Long.toString(s.id()).equals(values.source()))));
        pages.render(res, status, v, "/diagnosis/incidents", "diagnosis/incident-form",
                id == null ? "diagnosis.incident.new" : "diagnosis.incident.edit",
                new FormPage(id == null, id, version, values, errors, iccs, sexes, places,
                        areaChoices(t, area, false), sources));
    }

    private static Long parseOrNull(String s) {
        try {
            return Long.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        Values values = Values.of(v.form());
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<IncidentRow> row = read(values, v.t(), errors);
        if (row.isEmpty()) {
            render(res, Status.create(422), v, null, 0, values, errors);
            return;
        }
        Long source = values.source().isBlank() ? null : Form.wholeNumber(values.source());
        long id = incidents.create(source, row.get(), v.actor(), v.address());
        v.flash("diagnosis.incident.saved");
        Visit.redirect(res, "/diagnosis/incidents/" + id);
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        long id = Form.wholeNumber(req.path().pathParameters().get("id"));
        Incident old = incidents.incident(id).orElseThrow(Problem::notFound);
        Values values = Values.of(v.form());
        int version = (int) v.form().number("version");
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<IncidentRow> row = read(values, v.t(), errors);
        if (row.isEmpty()) {
            render(res, Status.create(422), v, id, version, values, errors);
            return;
        }
        IncidentRow r = row.get();
        IncidentRow kept = new IncidentRow(old.row().fingerprint(), r.date(), r.precision(), r.minute(), r.iccs(),
                r.localCategory(), r.sex(), r.age(), r.ageBand(), r.place(), r.areaId(), r.longitude(), r.latitude());
        incidents.update(id, version, kept, v.actor(), v.address());
        v.flash("diagnosis.incident.saved");
        Visit.redirect(res, "/diagnosis/incidents/" + id);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.EDITORS);
        long id = Form.wholeNumber(req.path().pathParameters().get("id"));
        incidents.delete(id, (int) v.form().number("version"), v.actor(), v.address());
        v.flash("diagnosis.incident.deleted");
        Visit.redirect(res, "/diagnosis/incidents");
    }

    /** The form's values as an incident, or the reasons why not (in {@code errors}). */
    private Optional<IncidentRow> read(Values f, Translator t, Map<String, String> errors) {
        LocalDate date = null;
        try {
            date = LocalDate.parse(f.date().strip());
            if (date.isAfter(LocalDate.now().plusDays(1)) || date.getYear() < 1900) {
                errors.put("date", t.t("diagnosis.incident.dateRange"));
            }
        } catch (DateTimeException e) {
            errors.put("date", t.t("diagnosis.import.error.date"));
        }
        Integer minute = f.time().isBlank() ? null : RowReader.minutes(f.time());
        if (!f.time().isBlank() && minute == null) {
            errors.put("time", t.t("diagnosis.import.error.time"));
        }
        if (!Codes.isIccs(f.iccs())) {
            errors.put("iccs", t.t("diagnosis.import.badCode"));
        }
        if (!Codes.SEXES.contains(f.sex())) {
            errors.put("sex", t.t("diagnosis.import.badCode"));
        }
        if (!Codes.PLACES.contains(f.place())) {
            errors.put("place", t.t("diagnosis.import.badCode"));
        }
        Integer age = f.age().isBlank() ? null : RowReader.years(f.age().strip());
        if (!f.age().isBlank() && (age == null || age < 0 || age > 130)) {
            errors.put("age", t.t("diagnosis.incident.ageRange"));
        }
        Long area = f.area().isBlank() ? null : parseOrNull(f.area());
        if (area != null && areas.byId(area).isEmpty() || !f.area().isBlank() && area == null) {
            errors.put("area", t.t("diagnosis.import.badCode"));
        }
        Double lon = coordinate(f.longitude(), 180, "longitude", t, errors);
        Double lat = coordinate(f.latitude(), 90, "latitude", t, errors);
        if ((lon == null) != (lat == null) && !errors.containsKey("longitude") && !errors.containsKey("latitude")) {
            errors.put("longitude", t.t("diagnosis.import.bothCoordinates"));
        }
        if (f.local().length() > 200) {
            errors.put("local", t.t("diagnosis.incident.tooLong", 200));
        }
        if (!errors.isEmpty()) {
            return Optional.empty();
        }
        if (area == null && lon != null) {
            java.util.OptionalLong found = incidents.locator().locate(lon, lat);
            area = found.isPresent() ? found.getAsLong() : null;
        }
        long fingerprint = java.util.concurrent.ThreadLocalRandom.current().nextLong(); // typed in: never a duplicate
        return Optional.of(new IncidentRow(fingerprint, date, 'D', minute, f.iccs(),
                f.local().isBlank() ? null : f.local().strip(), f.sex().charAt(0), age,
                age == null ? "unknown" : Codes.ageBand(age), f.place(), area, lon, lat));
    }

    private static Double coordinate(String s, double max, String field, Translator t, Map<String, String> errors) {
        if (s.isBlank()) {
            return null;
        }
        try {
            double d = Double.parseDouble(s.strip().replace(',', '.'));
            if (Math.abs(d) > max || Double.isNaN(d)) {
                errors.put(field, t.t("diagnosis.import.error.coordinates"));
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.put(field, t.t("diagnosis.import.error.number"));
            return null;
        }
    }
}
