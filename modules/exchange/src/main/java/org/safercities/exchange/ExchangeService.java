package org.safercities.exchange;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;


import org.safercities.crypto.OpenPgp;
import org.safercities.crypto.Secrets;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.CoalitionFigures;
import org.safercities.platform.links.DiagnosisFigures;
import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.links.StrategyFigures;
import org.safercities.platform.setup.CityProfile;
import org.safercities.platform.setup.CityService;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;

/**
 * The sending side of step 6: the review report of a cycle (pre-filled from strategy, partnerships and monitoring
 * through platform.links, saved with an optimistic version) and the export of a period (built by
 * {@link ExportBuilder}, sealed by {@link OfficeKeys} to every recipient of the {@link KeyBook}, written to a folder
 * by a background job, recorded). Every change is audited in the transaction that makes it.
 */
final class ExchangeService {

    private static final Logger LOG = Logger.getLogger(ExchangeService.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Store store;
    private final AuditLog audit;
    private final CityService city;
    private final AreaService areas;
    private final ModuleLinks links;
    private final ExchangeStore sql;
    private final OfficeKeys officeKeys;
    private final KeyBook keys;
    private final Clock clock;
    private final int threshold;
    private final Path data;
    private final String kitVersion;
    private final Map<String, ExportJob> jobs = new ConcurrentHashMap<>();
    /** Ended exports remembered for their status pages; older ones are forgotten when the next one starts. */
    static final int ENDED_JOBS_KEPT = 5;

    ExchangeService(Store store, AuditLog audit, CityService city, AreaService areas, ModuleLinks links,
            ExchangeStore sql, OfficeKeys officeKeys, KeyBook keys, Clock clock, int threshold, Path data,
            String kitVersion) {
        this.store = store;
        this.audit = audit;
        this.city = city;
        this.areas = areas;
        this.links = links;
        this.sql = sql;
        this.officeKeys = officeKeys;
        this.keys = keys;
        this.clock = clock;
        this.threshold = threshold;
        this.data = data;
        this.kitVersion = kitVersion;
    }

    KeyBook keys() {
        return keys;
    }

    int threshold() {
        return threshold;
    }

    String cityName() {
        return city.profile().map(CityProfile::name).orElse("City");
    }

    String currency() {
        return city.profile().map(CityProfile::currency).orElse("XXX");
    }

    /** The office key, made on first need (the keys page, an export, an import) and its making audited. */
    ExchangeStore.OfficeKeyRow officeKey() {
        return officeKeys.key(cityName());
    }

    int thisYear() {
        return LocalDate.now(clock).getYear();
    }

    // ---------------------------------------------------------------------------------------------- review

    /** The cycles one may report on: saved ones, the strategy's years and the years with incidents, up to this year. */
    List<Integer> cycles() {
        TreeSet<Integer> years = new TreeSet<>(store.read(sql::reviewCycles));
        int now = thisYear();
        years.add(now);
        links.find(StrategyFigures.class).flatMap(StrategyFigures::current).ifPresent(s -> {
            for (int y = s.fromYear(); y <= Math.min(s.toYear(), now); y++) {
                years.add(y);
            }
        });
        links.find(DiagnosisFigures.class).ifPresent(d -> d.incidentYears().stream().filter(y -> y <= now).forEach(years::add));
        return List.copyOf(years.descendingSet());
    }

    static boolean validCycle(int cycle) {
        return cycle >= 1900 && cycle <= 2200;
    }

    /** What the other modules say of a cycle: a proposed report, and for each field where it came from. */
    record Prefill(Review review, Map<String, String> sources, List<String> missing) {
    }

    Optional<Review> saved(int cycle) {
        return store.read(c -> sql.review(c, cycle));
    }

    /**
     * The report the other modules propose for {@code cycle}, in the reader's language: measures (the strategy's
     * actions), difficulties (indicators off track), the practices recorded, focal points of the two bodies, the
     * year's budget, the partners with a role. {@code missing} names, in words, the modules that are off.
     */
    Prefill prefill(int cycle, Translator t) {
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        Optional<StrategyFigures> strategy = links.find(StrategyFigures.class);
        Optional<ActionDirectory> actions = links.find(ActionDirectory.class);
        Optional<CoalitionFigures> coalition = links.find(CoalitionFigures.class);
        Optional<IndicatorValues> indicators = links.find(IndicatorValues.class);

        StringBuilder measures = new StringBuilder();
        long funds = 0;
        if (strategy.isPresent()) {
            Optional<StrategyFigures.Summary> s = strategy.get().current();
            if (s.isPresent()) {
                StrategyFigures.Summary x = s.get();
                measures.append(t.t("exchange.review.prefill.strategy", x.versionNumber(),
                        t.t("exchange.review.status." + x.status()), year(x.fromYear()), year(x.toYear()), x.priorities(),
                        x.objectives(), x.actions())).append('\n');
                x.actionsByStatus().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> measures
                        .append("- ").append(t.t("exchange.review.actionStatus." + e.getKey())).append(": ")
                        .append(e.getValue()).append('\n'));
            }
            for (StrategyFigures.BudgetLine l : strategy.get().budget()) {
                if (l.year() == cycle) {
                    funds += l.amountMinor();
                }
            }
            sources.put("funds", t.t("exchange.review.source.budget", year(cycle)));
            sources.put("measures", t.t("exchange.review.source.strategy"));
        } else {
            missing.add(t.t("exchange.review.missing.strategy"));
        }
        Set<Long> partners = new LinkedHashSet<>();
        if (actions.isPresent()) {
            Set<String> titles = new LinkedHashSet<>();
            for (ActionDirectory.ActionRole r : actions.get().roles()) {
                titles.add(r.actionTitle());
                partners.add(r.actorId());
            }
            if (!titles.isEmpty()) {
                measures.append(t.t("exchange.review.prefill.actions")).append('\n');
                titles.forEach(x -> measures.append("- ").append(x).append('\n'));
            }
        }
        int focalPoints = 0;
        if (coalition.isPresent()) {
            Set<Long> members = new LinkedHashSet<>();
            for (CoalitionFigures.BodyFigures b : coalition.get().bodies(LocalDate.of(cycle, 1, 1), LocalDate.of(cycle, 12, 31))) {
                b.focalPoints().forEach(f -> members.add(f.actorId()));
            }
            focalPoints = members.size();
            partners.addAll(members);
            sources.put("focalPoints", t.t("exchange.review.source.coalition", year(cycle)));
            sources.put("partnersEngaged", t.t("exchange.review.source.partners"));
        } else {
            missing.add(t.t("exchange.review.missing.partnerships"));
        }
        StringBuilder difficulties = new StringBuilder();
        if (indicators.isPresent()) {
            Map<String, String> names = new LinkedHashMap<>();
            indicators.get().indicators(t.lang()).forEach(i -> names.put(i.code(), i.name()));
            for (IndicatorValues.Progress p : indicators.get().progress()) {
                if ("off_track".equals(p.status())) {
                    difficulties.append("- ").append(t.t("exchange.review.prefill.offTrack", p.indicator(),
                            names.getOrDefault(p.indicator(), p.indicator()))).append('\n');
                }
            }
            sources.put("difficulties", t.t("exchange.review.source.monitoring"));
        } else {
            missing.add(t.t("exchange.review.missing.monitoring"));
        }
        StringBuilder practices = new StringBuilder();
        List<Practice> own = store.read(sql::practices).stream().filter(Practice::own).toList();
        if (!own.isEmpty()) {
            practices.append(t.t("exchange.review.prefill.practices", own.size())).append('\n');
            own.forEach(p -> practices.append("- ").append(p.title()).append('\n'));
        }
        sources.put("practicesNote", t.t("exchange.review.source.library"));
        Review r = new Review(cycle, measures.toString().strip(), difficulties.toString().strip(), "",
                practices.toString().strip(), 0, 0, focalPoints, funds, partners.size(), null, null, 0, false);
        return new Prefill(r, sources, missing);
    }

    /** A year as text: MessageFormat would group its digits ("2 025" in French). */
    static String year(int y) {
        return Integer.toString(y);
    }

    /** Saves the typed report; errors by field, {@code version} when someone saved since the page was read. */
    FieldErrors saveReview(int cycle, ReviewForm f, String actor, String address) {
        FieldErrors e = f.validate();
        long version = org.safercities.platform.web.Form.wholeNumber(f.version());
        if (!e.isEmpty()) {
            return e;
        }
        // a page of a report not saved yet carries no version (""); once saved, the version it was read at
        Optional<Review> existing = saved(cycle);
        if (existing.isPresent() && existing.get().version() != version) {
            return e.add("version", "exchange.review.stale");
        }
        Review r = new Review(cycle, f.measures().strip(), f.difficulties().strip(), f.assistance().strip(),
                f.practicesNote().strip(), (int) f.number(f.toolsShared()), (int) f.number(f.toolsPiloted()),
                (int) f.number(f.focalPoints()), f.number(f.funds()) * 100, (int) f.number(f.partnersEngaged()),
                clock.instant(), actor, (int) Math.max(0, version), true);
        boolean ok = store.tx(c -> {
            if (!sql.saveReview(c, r, (int) version, existing.isPresent())) {
                return false;
            }
            audit.append(c, new AuditLog.Event(actor, address, existing.isPresent() ? "exchange.review.update"
                    : "exchange.review.create", "exchange_review", Integer.toString(cycle), "ok",
                    "version " + (existing.isPresent() ? version + 1 : 0)));
            return true;
        });
        if (!ok) {
            e.add("version", "exchange.review.stale");
        }
        return e;
    }

    // ---------------------------------------------------------------------------------------------- export

    /** Everything one export of {@code from}–{@code to} holds, read now from the other modules (absent ones empty). */
    ExportBuilder.Content content(int from, int to) {
        CityProfile p = city.profile().orElseThrow();
        Optional<StrategyFigures> strategy = links.find(StrategyFigures.class);
        Optional<DiagnosisFigures> diagnosis = links.find(DiagnosisFigures.class);
        Optional<IndicatorValues> indicators = links.find(IndicatorValues.class);
        java.util.function.LongFunction<String> areaCode = id -> areas.byId(id).map(Area::code).orElse("unknown");
        List<IncidentTable.Cell> incidents = new ArrayList<>();
        if (diagnosis.isPresent()) {
            for (int y : diagnosis.get().incidentYears()) {
                if (y >= from && y <= to) {
                    incidents.addAll(IncidentTable.publish(y, diagnosis.get().incidents(y), areaCode, threshold));
                }
            }
        }
        Optional<Review> review = Optional.empty();
        for (int y = to; y >= from && review.isEmpty(); y--) {
            review = saved(y);
        }
        return new ExportBuilder.Content(kitVersion, clock.instant(), p.name(), p.country(), p.currency(), from, to,
                threshold, strategy.flatMap(StrategyFigures::current),
                strategy.map(StrategyFigures::budget).orElse(List.of()), incidents,
                indicators.map(i -> i.indicators("en")).orElse(List.of()),
                indicators.map(i -> i.values(from, to)).orElse(List.of()),
                indicators.map(IndicatorValues::progress).orElse(List.of()), review,
                store.read(sql::practices).stream().filter(Practice::own).toList(), areaCode);
    }

    /** What an export of the period will hold, for the officer to see before starting it. */
    record Summary(int fromYear, int toYear, int incidentCells, int incidentSuppressed, int values, int valuesSuppressed,
            int indicators, boolean strategy, Integer reviewCycle, int practices, int recipients) {
    }

    Summary summary(int from, int to) {
        // counted from the content, as ExportBuilder.json decides: building the export's JSON to count it made
        // the page allocate the whole export at each view (docs/RELIABILITY.md, "Memory")
        ExportBuilder.Content c = content(from, to);
        int cellsHidden = (int) c.incidents().stream().filter(x -> x.count() == null).count();
        int valuesHidden = (int) c.values().stream().filter(v -> ExportBuilder.hidden(v, c.threshold())).count();
        int practices = (int) c.practices().stream().filter(Practice::own).count();
        return new Summary(from, to, c.incidents().size(), cellsHidden, c.values().size(), valuesHidden,
                c.indicators().size(), c.strategy().isPresent(), c.review().map(Review::cycle).orElse(null),
                practices, keys.recipients().size());
    }

    /** Checks the typed period; errors on "fromYear" / "toYear". */
    FieldErrors period(String from, String to) {
        FieldErrors e = new FieldErrors();
        long f = org.safercities.platform.web.Form.wholeNumber(from);
        long t = org.safercities.platform.web.Form.wholeNumber(to);
        if (f < 1900 || f > 2200) {
            e.add("fromYear", "exchange.export.badYear");
        }
        if (t < 1900 || t > 2200) {
            e.add("toYear", "exchange.export.badYear");
        } else if (f >= 1900 && t < f) {
            e.add("toYear", "exchange.export.toBeforeFrom");
        }
        return e;
    }

    Path defaultFolder() {
        return data.resolve("exports");
    }

    /** The folder an export goes to: the typed one (absolute, existing, writable) or {@code <data>/exports}. */
    Path folder(String typed, FieldErrors e) {
        String s = typed == null ? "" : typed.strip();
        Path folder;
        if (s.isEmpty()) {
            folder = defaultFolder();
            try {
                Files.createDirectories(folder);
            } catch (IOException x) {
                e.add("folder", "exchange.export.folderNotWritable");
                return null;
            }
        } else {
            try {
                folder = Path.of(s);
            } catch (InvalidPathException x) {
                e.add("folder", "exchange.export.folderMissing");
                return null;
            }
            if (!folder.isAbsolute()) {
                e.add("folder", "exchange.export.folderAbsolute");
                return null;
            }
            if (!Files.isDirectory(folder)) {
                e.add("folder", "exchange.export.folderMissing");
                return null;
            }
        }
        try {
            Path probe = Files.createTempFile(folder, ".safercities-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException x) {
            e.add("folder", "exchange.export.folderNotWritable");
            return null;
        }
        return folder;
    }

    /** The export job: building, sealing, writing; then done (with the export's id) or failed (with a message key). */
    static final class ExportJob {
        enum Phase { BUILDING, SEALING, WRITING, DONE, FAILED }

        final String id = Secrets.token(12);
        final long created = System.nanoTime();
        final int fromYear;
        final int toYear;
        final Path folder;
        final String actor;
        volatile Phase phase = Phase.BUILDING;
        volatile long plainBytes;
        volatile long sealedSoFar;
        volatile String problemKey;
        volatile long exportId;
        volatile String fileName;
        /** How long building the zip and sealing it took (the benchmark reads them from the status JSON). */
        volatile long buildMillis;
        volatile long sealMillis;

        ExportJob(int fromYear, int toYear, Path folder, String actor) {
            this.fromYear = fromYear;
            this.toYear = toYear;
            this.folder = folder;
            this.actor = actor;
        }

        boolean running() {
            return phase != Phase.DONE && phase != Phase.FAILED;
        }

        int percent() {
            return switch (phase) {
                case BUILDING -> 5;
                case SEALING -> plainBytes == 0 ? 10 : (int) Math.min(95, 10 + 85 * sealedSoFar / plainBytes);
                case WRITING -> 97;
                case DONE, FAILED -> 100;
            };
        }
    }

    Optional<ExportJob> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    int jobsRemembered() {
        return jobs.size();
    }

    /**
     * Starts an export in a virtual thread, or says why not (in {@code e}): a bad period or folder, no recipient,
     * another export running.
     */
    Optional<ExportJob> start(String from, String to, String folderTyped, String actor, String address, FieldErrors e) {
        FieldErrors p = period(from, to);
        mergeInto(e, p);
        Path folder = folder(folderTyped, e);
        if (keys.recipients().isEmpty()) {
            e.add("recipients", "exchange.export.noRecipient");
        }
        if (jobs.values().stream().anyMatch(ExportJob::running)) {
            e.add("recipients", "exchange.export.busy");
        }
        if (!e.isEmpty()) {
            return Optional.empty();
        }
        ExportJob job = new ExportJob((int) org.safercities.platform.web.Form.wholeNumber(from),
                (int) org.safercities.platform.web.Form.wholeNumber(to), folder, actor);
        // none runs now (checked above): of the ended ones, the page of the last few may still be open
        List<ExportJob> ended = jobs.values().stream()
                .sorted(java.util.Comparator.comparingLong((ExportJob j) -> j.created).reversed()).toList();
        ended.stream().skip(ENDED_JOBS_KEPT).forEach(j -> jobs.remove(j.id));
        jobs.put(job.id, job);
        Thread.ofVirtual().name("exchange-export-" + job.id).start(() -> run(job, address));
        return Optional.of(job);
    }

    private static void mergeInto(FieldErrors into, FieldErrors from) {
        for (String field : List.of("fromYear", "toYear")) {
            if (from.has(field)) {
                into.add(field, from.keyOf(field));
            }
        }
    }

    /** The job's work; also called directly by the benchmark and the tests (no thread). */
    void run(ExportJob job, String address) {
        Path work = null;
        Path part = null;
        try {
            ExchangeStore.OfficeKeyRow office = officeKey();
            List<KeyBook.Entry> recipients = keys.recipients();
            if (recipients.isEmpty()) {
                throw new JobProblem("exchange.export.noRecipient");
            }
            Files.createDirectories(defaultFolder());
            work = Files.createTempFile(defaultFolder(), ".export-", ".zip");
            long t0 = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(work)) {
                ExportBuilder.zip(content(job.fromYear, job.toYear), out);
            }
            job.buildMillis = (System.nanoTime() - t0) / 1_000_000;
            job.plainBytes = Files.size(work);
            job.phase = ExportJob.Phase.SEALING;
            Instant now = clock.instant();
            String name = slug(cityName()) + "-" + job.fromYear + "-" + job.toYear + "-" + STAMP.format(now) + ".zip.gpg";
            part = job.folder.resolve("." + name + ".part");
            MessageDigest sha = ExportBuilder.sha256();
            long t1 = System.nanoTime();
            try (InputStream in = new Counting(Files.newInputStream(work), job);
                 OutputStream out = new DigestOutputStream(Files.newOutputStream(part), sha)) {
                OfficeKeys.seal(office, in, name.substring(0, name.length() - 4), out,
                        recipients.stream().map(KeyBook.Entry::armoured).toList());
            }
            job.sealMillis = (System.nanoTime() - t1) / 1_000_000;
            job.phase = ExportJob.Phase.WRITING;
            Path target = job.folder.resolve(name);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException x) {
                Files.move(part, target);
            }
            part = null;
            long bytes = Files.size(target);
            String hash = HexFormat.of().formatHex(sha.digest());
            String recipientList = String.join(",", recipients.stream().map(KeyBook.Entry::fingerprint).toList());
            var row = new ExchangeStore.ExportRow(0, now, job.actor, job.fromYear, job.toYear, name, bytes, hash,
                    office.fingerprint(), recipientList, job.folder.toAbsolutePath().toString());
            job.exportId = store.tx(c -> {
                long id = sql.insertExport(c, row);
                audit.append(c, new AuditLog.Event(job.actor, address, "exchange.export.create", "exchange_export",
                        Long.toString(id), "ok", job.fromYear + "-" + job.toYear + " " + name + " " + bytes + " bytes sha256 "
                                + hash + " to " + recipients.size() + " recipient(s)"));
                return id;
            });
            job.fileName = name;
            job.phase = ExportJob.Phase.DONE;
        } catch (JobProblem x) {
            job.problemKey = x.key;
            job.phase = ExportJob.Phase.FAILED;
        } catch (IOException x) {
            LOG.log(Level.WARNING, "export " + job.id + " could not be written", x);
            job.problemKey = "exchange.export.writeFailed";
            job.phase = ExportJob.Phase.FAILED;
        } catch (OpenPgp.PgpException | RuntimeException x) {
            LOG.log(Level.WARNING, "export " + job.id + " failed", x);
            job.problemKey = "exchange.export.failed";
            job.phase = ExportJob.Phase.FAILED;
        } finally {
            deleteQuietly(work);
            deleteQuietly(part);
        }
    }

    private static final class JobProblem extends Exception {
        final String key;

        JobProblem(String key) {
            super(key);
            this.key = key;
        }
    }

    /** Counts the plain bytes read by the sealing, for the progress bar. */
    private static final class Counting extends FilterInputStream {
        private final ExportJob job;

        Counting(InputStream in, ExportJob job) {
            super(in);
            this.job = job;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                job.sealedSoFar++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                job.sealedSoFar += n;
            }
            return n;
        }
    }

    List<ExchangeStore.ExportRow> exports() {
        return store.read(sql::exports);
    }

    Optional<ExchangeStore.ExportRow> export(long id) {
        return exports().stream().filter(x -> x.id() == id).findFirst();
    }

    /** The sealed file of a past export where it was written, when it is still there. */
    Optional<Path> exportFile(long id) {
        return export(id).map(x -> Path.of(x.writtenTo()).resolve(x.fileName())).filter(Files::isRegularFile);
    }

    /** A file-name-safe form of the city's name: "Nairobi City" → "nairobi-city". */
    static String slug(String name) {
        String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.isEmpty() ? "city" : s.length() > 60 ? s.substring(0, 60) : s;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temporary file left in <data>/exports: harmless, named with a leading dot
            }
        }
    }
}
