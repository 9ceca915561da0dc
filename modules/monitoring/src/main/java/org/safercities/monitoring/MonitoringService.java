package org.safercities.monitoring;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.safercities.platform.Problem;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.links.DiagnosisFigures;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.links.StrategyFigures;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The rules of monitoring: the catalogue, values entered (checked) and computed (cached), baselines, targets,
 * the "halve by 2030" trajectory, progress, evaluation notes, and what is hidden outside the office.
 */
public final class MonitoringService {

    static final int MAX_SOURCE = 300;
    static final int MAX_TEXT = 2000;

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final CityService city;
    private final ModuleLinks links;
    private final Clock clock;
    private final int threshold;
    private final MonitoringStore db = new MonitoringStore();
    private final Catalogue catalogue;
    /** Rises with every change the module writes (values, targets, notes, indicators, settings). */
    private final AtomicLong writes = new AtomicLong();
    private volatile ComputedEntry computed;
    private volatile Snapshot snapshot;

    public MonitoringService(Store store, AuditLog audit, AreaService areas, CityService city, ModuleLinks links,
            Clock clock, int threshold) {
        this.store = store;
        this.audit = audit;
        this.areas = areas;
        this.city = city;
        this.links = links;
        this.clock = clock;
        this.threshold = threshold;
        this.catalogue = new Catalogue(links, store, db);
    }

    // ---- the catalogue

    public List<Indicator> indicators() {
        return catalogue.all();
    }

    public Indicator indicator(String code) {
        return catalogue.find(code).orElseThrow(Problem::notFound);
    }

    public int threshold() {
        return threshold;
    }

    public String currency() {
        return city.profile().map(p -> p.currency()).orElse("XXX");
    }

    /** What the office types to add a local indicator. */
    public record IndicatorForm(String code, String name, String definition, String unit, String direction,
            String frequency, List<String> disaggregations, String min, String max) {
    }

    public FieldErrors addLocal(IndicatorForm f, String lang, String actor, String address) {
        FieldErrors e = new FieldErrors();
        String code = f.code().strip();
        if (!Indicator.validCode(code)) {
            e.add("code", "monitoring.error.code");
        } else if (catalogue.all().stream().anyMatch(i -> i.code().equalsIgnoreCase(code))) {
            e.add("code", "monitoring.error.codeTaken", code);
        }
        text(f.name(), 300, true, "name", e);
        text(f.definition(), MAX_TEXT, true, "definition", e);
        text(f.unit(), 60, true, "unit", e);
        if (!Indicator.DIRECTIONS.contains(f.direction())) {
            e.add("direction", "monitoring.error.choice");
        }
        if (!Indicator.FREQUENCIES.contains(f.frequency())) {
            e.add("frequency", "monitoring.error.choice");
        }
        if (!Indicator.DISAGGREGATIONS.containsAll(f.disaggregations())) {
            e.add("disaggregations", "monitoring.error.choice");
        }
        Double min = optionalNumber(f.min(), "min", e);
        Double max = optionalNumber(f.max(), "max", e);
        if (min != null && max != null && min > max) {
            e.add("max", "monitoring.error.minMax");
        }
        if (!e.isEmpty()) {
            return e;
        }
        Indicator i = new Indicator(code, "local", Map.of(lang, f.name().strip()), Map.of(lang, f.definition().strip()),
                f.unit().strip(), f.direction(), f.frequency(),
                Indicator.DISAGGREGATIONS.stream().filter(f.disaggregations()::contains).toList(), Indicator.Method.ENTERED,
                min, max);
        boolean added = store.tx(c -> {
            if (db.indicatorExists(c, code)) {
                return false;
            }
            db.insertIndicator(c, i, lang, actor, clock.instant());
            log(c, actor, address, "monitoring.indicator.create", "monitoring_indicator", code, f.name().strip());
            return true;
        });
        if (!added) {
            e.add("code", "monitoring.error.codeTaken", code);
        }
        changed();
        return e;
    }

    // ---- values

    /** What the office types to enter a value; every field as typed. */
    public record ValueForm(String period, String areaId, String sex, String ageBand, String value, String low,
            String high, String count, String source, String quality) {
    }

    /**
     * Checks and stores a value; nothing is stored when any field is wrong (the errors say which, in the user's
     * language through their keys).
     */
    public FieldErrors enter(String code, ValueForm f, String actor, String address) {
        Indicator ind = indicator(code);
        FieldErrors e = new FieldErrors();
        String period = period(f.period(), "period", e);
        long area = 0;
        if (!f.areaId().isBlank()) {
            Optional<Area> a = parseLong(f.areaId()).flatMap(areas::byId);
            if (a.isEmpty()) {
                e.add("areaId", "monitoring.error.area");
            } else if (!ind.by("area")) {
                e.add("areaId", "monitoring.error.notBy");
            } else if (a.get().parentId() != null) {
                area = a.get().id(); // the root is the whole city
            }
        }
        String sex = f.sex().strip();
        if (!sex.isEmpty() && !List.of("F", "M", "O", "U").contains(sex)) {
            e.add("sex", "monitoring.error.choice");
        } else if (!sex.isEmpty() && !ind.by("sex")) {
            e.add("sex", "monitoring.error.notBy");
        }
        String band = f.ageBand().strip();
        if (!band.isEmpty() && !AGE_BANDS.contains(band)) {
            e.add("ageBand", "monitoring.error.choice");
        } else if (!band.isEmpty() && !ind.by("age")) {
            e.add("ageBand", "monitoring.error.notBy");
        }
        Double value = number(f.value(), "value", e);
        if (value != null) {
            inRange(ind, value, "value", e);
        }
        Double low = optionalNumber(f.low(), "low", e);
        Double high = optionalNumber(f.high(), "high", e);
        if (value != null && (low != null && low > value || high != null && high < value)) {
            e.add(low != null && low > value ? "low" : "high", "monitoring.error.interval");
        }
        if ((low == null) != (high == null) && !e.has("low") && !e.has("high")) {
            e.add(low == null ? "low" : "high", "monitoring.error.bothBounds");
        }
        Long count = null;
        if (!f.count().isBlank()) {
            count = parseLong(f.count().strip().replace(" ", "").replace("\u00a0", "").replace(",", "")).filter(n -> n >= 0)
                    .orElse(null);
            if (count == null) {
                e.add("count", "monitoring.error.count");
            }
        }
        text(f.source(), MAX_SOURCE, true, "source", e);
        if (!Value.QUALITIES.contains(f.quality())) {
            e.add("quality", "monitoring.error.choice");
        }
        if (!e.isEmpty()) {
            return e;
        }
        Value v = new Value(0, ind.code(), period, area, sex, band, value, low, high, count, "entered", f.source().strip(),
                f.quality());
        boolean stored = store.tx(c -> {
            if (db.valueExists(c, v)) {
                return false;
            }
            long id = db.insertValue(c, v, actor, clock.instant());
            log(c, actor, address, "monitoring.value.create", "monitoring_value", Long.toString(id),
                    v.key() + " = " + value);
            return true;
        });
        if (!stored) {
            e.add("period", "monitoring.error.duplicate", period);
        }
        changed();
        return e;
    }

    public String deleteValue(long id, String actor, String address) {
        String code = store.tx(c -> {
            Value v = db.value(c, id).orElseThrow(Problem::notFound);
            db.deleteValue(c, id);
            log(c, actor, address, "monitoring.value.delete", "monitoring_value", Long.toString(id), v.key());
            return v.indicator();
        });
        changed();
        return code;
    }

    /** The value must lie in the indicator's range (a percent 0–100, a rate 0–100,000, the local limits). */
    private static void inRange(Indicator i, double v, String field, FieldErrors e) {
        if (i.min() != null && v < i.min() || i.max() != null && v > i.max()) {
            e.add(field, "monitoring.error.range", i.min() == null ? "−∞" : plain(i.min()),
                    i.max() == null ? "∞" : plain(i.max()));
        }
    }

    private static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    // ---- targets

    public record TargetForm(String baseline, String baselinePeriod, String target, String targetPeriod, String version) {
    }

    public FieldErrors setTarget(String code, TargetForm f, String actor, String address) {
        Indicator ind = indicator(code);
        FieldErrors e = new FieldErrors();
        Double baseline = optionalNumber(f.baseline(), "baseline", e);
        String baselinePeriod = period(f.baselinePeriod(), "baselinePeriod", e);
        Double target = number(f.target(), "target", e);
        String targetPeriod = period(f.targetPeriod(), "targetPeriod", e, true);
        if (baseline != null) {
            inRange(ind, baseline, "baseline", e);
        }
        if (target != null) {
            inRange(ind, target, "target", e);
        }
        if (baselinePeriod != null && targetPeriod != null && Periods.time(targetPeriod) <= Periods.time(baselinePeriod)) {
            e.add("targetPeriod", "monitoring.error.targetBeforeBaseline");
        }
        if (baseline == null && baselinePeriod != null && Progress.at(snapshot().values(), code, baselinePeriod) == null) {
            e.add("baseline", "monitoring.error.noBaselineValue", baselinePeriod);
        }
        int version = parseLong(f.version()).map(Long::intValue).orElse(0);
        if (!e.isEmpty()) {
            return e;
        }
        put(new Target(code, baseline, baselinePeriod, target, targetPeriod, "linear", 0), version, actor, address, e);
        return e;
    }

    /**
     * R§18e: halve by 2030. The baseline is the one set, else the earliest city-wide value; the target is half of it
     * in 2030. Only for an indicator where lower is better.
     */
    public FieldErrors halve(String code, String version, String actor, String address) {
        Indicator ind = indicator(code);
        FieldErrors e = new FieldErrors();
        if (!ind.direction().equals("down")) {
            e.add("halve", "monitoring.error.halveUp");
            return e;
        }
        Snapshot s = snapshot();
        Progress p = s.progress().get(code);
        Double baseline = p.baseline();
        String baselinePeriod = p.baselinePeriod();
        if (baseline == null) {
            Optional<Value> first = s.values().stream().filter(v -> v.indicator().equals(code) && v.cityWide())
                    .min(Comparator.comparingDouble(v -> Periods.time(v.period())));
            if (first.isEmpty()) {
                e.add("halve", "monitoring.error.halveNoBaseline");
                return e;
            }
            baseline = first.get().value();
            baselinePeriod = first.get().period();
        }
        if (Periods.year(baselinePeriod) >= 2030) {
            e.add("halve", "monitoring.error.halveLate");
            return e;
        }
        put(new Target(code, baseline, baselinePeriod, baseline / 2, "2030", "halve2030", 0),
                parseLong(version).map(Long::intValue).orElse(0), actor, address, e);
        return e;
    }

    private void put(Target t, int version, String actor, String address, FieldErrors e) {
        boolean ok = store.tx(c -> {
            if (!db.putTarget(c, t, version, actor, clock.instant())) {
                return false;
            }
            log(c, actor, address, "monitoring.target.set", "monitoring_target", t.indicator(),
                    t.baseline() + "@" + t.baselinePeriod() + " → " + t.target() + "@" + t.targetPeriod() + " " + t.trajectory());
            return true;
        });
        if (!ok) {
            e.add("version", "monitoring.error.stale");
        }
        changed();
    }

    public Optional<Target> target(String code) {
        return Optional.ofNullable(snapshot().targets().get(code));
    }

    // ---- notes

    public record NoteForm(String period, String worked, String where, String why) {
    }

    public FieldErrors addNote(String code, NoteForm f, String actor, String address) {
        indicator(code);
        FieldErrors e = new FieldErrors();
        String period = period(f.period(), "period", e);
        text(f.worked(), MAX_TEXT, true, "worked", e);
        text(f.where(), 500, false, "where", e);
        text(f.why(), MAX_TEXT, false, "why", e);
        if (!e.isEmpty()) {
            return e;
        }
        store.tx(c -> {
            long id = db.insertNote(c, new Note(0, code, period, f.worked().strip(), f.where().strip(), f.why().strip(), actor,
                    clock.instant()));
            log(c, actor, address, "monitoring.note.create", "monitoring_note", Long.toString(id), code + " " + period);
            return null;
        });
        changed();
        return e;
    }

    // ---- settings

    /** The year the survey estimates are shown for (the survey does not carry dates in the figures). */
    public int surveyYear() {
        return snapshot().surveyYear();
    }

    public FieldErrors setSurveyYear(String text, String actor, String address) {
        FieldErrors e = new FieldErrors();
        Optional<Long> y = parseLong(text.strip());
        int now = LocalDate.now(clock).getYear();
        if (y.isEmpty() || y.get() < Periods.FIRST_YEAR || y.get() > now) {
            e.add("surveyYear", "monitoring.error.surveyYear", now);
            return e;
        }
        store.tx(c -> {
            db.putSetting(c, "survey.year", Long.toString(y.get()));
            log(c, actor, address, "monitoring.setting.surveyYear", "monitoring_setting", "survey.year", "" + y.get());
            return null;
        });
        changed();
        return e;
    }

    // ---- what pages read

    /**
     * Everything the pages show, made once per version of what it is made of: the computed values (per version of
     * the diagnosis figures, the strategy's budget, the area tree and the survey year) and the module's own rows
     * (per write).
     */
    public record Snapshot(long writes, ComputedEntry computed, List<Value> values, Set<String> hidden,
            Map<String, Target> targets, Map<String, Progress> progress, List<Note> notes, int surveyYear,
            List<Indicator> indicators) {

        public List<Value> of(String code) {
            return values.stream().filter(v -> v.indicator().equals(code) || v.indicator().startsWith(code + ":")).toList();
        }
    }

    /** The computed values and what they were made from. */
    public record ComputedEntry(long diagnosisVersion, Object budget, Object tree, int surveyYear, String currency,
            Computed.Result result, Map<Long, Long> parentOf, Population population) {
    }

    public Snapshot snapshot() {
        Snapshot s = snapshot;
        long w = writes.get();
        List<Indicator> indicators = catalogue.all();
        if (s != null && s.writes() == w && s.indicators().equals(indicators)) {
            ComputedEntry c = computed(s.surveyYear());
            if (c == s.computed()) {
                return s;
            }
        }
        s = build(w, indicators);
        snapshot = s;
        return s;
    }

    private Snapshot build(long w, List<Indicator> indicators) {
        record Rows(List<Value> values, List<Target> targets, List<Note> notes, Optional<String> surveyYear) {
        }
        Rows rows = store.read(c -> new Rows(db.values(c), db.targets(c), db.notes(c), db.setting(c, "survey.year")));
        int surveyYear = rows.surveyYear().map(Integer::parseInt).orElse(LocalDate.now(clock).getYear());
        ComputedEntry comp = computed(surveyYear);
        List<Value> all = new ArrayList<>(comp.result().values());
        all.addAll(rows.values());
        all.sort(Comparator.comparing(Value::indicator).thenComparing(Value::period).thenComparingLong(Value::area)
                .thenComparing(Value::sex).thenComparing(Value::ageBand).thenComparing(Value::method));
        long root = areas.root().map(Area::id).orElse(0L);
        Set<String> hidden = Disclosure.hidden(all, comp.result().unpublished(), comp.parentOf(), root, threshold);
        Map<String, Target> targets = new HashMap<>();
        rows.targets().forEach(t -> targets.put(t.indicator(), t));
        Map<String, Progress> progress = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            progress.put(i.code(), Progress.of(i, Optional.ofNullable(targets.get(i.code())), all));
        }
        return new Snapshot(w, comp, List.copyOf(all), Set.copyOf(hidden), Map.copyOf(targets), progress,
                List.copyOf(rows.notes()), surveyYear, indicators);
    }

    /** The computed values, remade only when the figures, the budget, the area tree or the survey year changed. */
    private ComputedEntry computed(int surveyYear) {
        Optional<DiagnosisFigures> d = links.find(DiagnosisFigures.class);
        Optional<StrategyFigures> s = links.find(StrategyFigures.class);
        long dv = d.map(DiagnosisFigures::figuresVersion).orElse(0L);
        Object budget = s.map(StrategyFigures::budget).orElse(null);
        Object tree = areas.all();
        String currency = currency();
        ComputedEntry c = computed;
        if (c != null && dv != -1 && c.diagnosisVersion() == dv && c.budget() == budget && c.tree() == tree
                && c.surveyYear() == surveyYear && c.currency().equals(currency)) {
            return c;
        }
        List<Area> all = areas.all();
        Population pop = c != null && c.tree() == tree ? c.population() : new Population(all, areas.allPopulation(), areas);
        long root = areas.root().map(Area::id).orElse(0L);
        List<Long> below = all.stream().filter(a -> a.parentId() != null).map(Area::id).toList();
        Map<Long, Long> parentOf = new HashMap<>();
        all.forEach(a -> {
            if (a.parentId() != null) {
                parentOf.put(a.id(), a.parentId());
            }
        });
        int digits = digits(currency);
        Computed.Result result = Computed.compute(d.orElse(null), s.orElse(null), pop, root, below, surveyYear, digits);
        c = new ComputedEntry(dv, budget, tree, surveyYear, currency, result, Map.copyOf(parentOf), pop);
        computed = c;
        return c;
    }

    static int digits(String currency) {
        try {
            int d = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
            return d < 0 ? 0 : d;
        } catch (IllegalArgumentException e) {
            return 2;
        }
    }

    private void changed() {
        writes.incrementAndGet();
        catalogue.localChanged();
    }

    // ---- field checks

    static final List<String> AGE_BANDS = List.of("00-04", "05-09", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39",
            "40-44", "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80-84", "85-89", "90-94", "95-99",
            "100+", "unknown");

    private String period(String text, String field, FieldErrors e) {
        return period(text, field, e, false);
    }

    /** A period in its canonical form; a value's period must have begun (a target's may lie ahead). */
    private String period(String text, String field, FieldErrors e, boolean future) {
        String p = Periods.normalize(text);
        if (p == null) {
            e.add(field, "monitoring.error.period");
            return null;
        }
        if (!future && Periods.start(p).isAfter(LocalDate.now(clock))) {
            e.add(field, "monitoring.error.periodFuture");
            return null;
        }
        return p;
    }

    /**
     * A number as people type it: "12.5", "12,5" (a decimal comma), "1 234,5" or "1,234.5"; never NaN or infinite.
     */
    static Optional<Double> parseNumber(String text) {
        String s = text == null ? "" : text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
                .replace('\u2212', '-');
        if (s.isEmpty() || !s.matches("[-+]?[0-9.,]+")) {
            return Optional.empty();
        }
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            s = s.indexOf(',') == comma ? s.replace(',', '.') : s.replace(",", "");
        }
        try {
            double d = new BigDecimal(s).doubleValue();
            return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
        } catch (NumberFormatException x) {
            return Optional.empty();
        }
    }

    private static Double number(String text, String field, FieldErrors e) {
        Optional<Double> d = parseNumber(text);
        if (d.isEmpty()) {
            e.add(field, "monitoring.error.number");
        }
        return d.orElse(null);
    }

    private static Double optionalNumber(String text, String field, FieldErrors e) {
        return text == null || text.isBlank() ? null : number(text, field, e);
    }

    private static void text(String s, int max, boolean required, String field, FieldErrors e) {
        if (required && (s == null || s.isBlank())) {
            e.add(field, "monitoring.error.required");
        } else if (s != null && s.strip().length() > max) {
            e.add(field, "monitoring.error.tooLong", max);
        }
    }

    private static Optional<Long> parseLong(String s) {
        try {
            return Optional.of(Long.parseLong(s == null ? "" : s.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void log(java.sql.Connection c, String actor, String address, String action, String type, String id,
            String detail) throws java.sql.SQLException {
        audit.append(c, new AuditLog.Event(actor, address, action, type, id, "ok", detail));
    }
}
