package org.safercities.diagnosis.incidents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.safercities.diagnosis.geo.AreaLocator;
import org.safercities.diagnosis.sheets.AreaNames;
import org.safercities.diagnosis.sheets.Sheet;
import org.safercities.diagnosis.sheets.SheetProblem;
import org.safercities.platform.Problem;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;
import org.safercities.platform.store.StoreException;

/**
 * Incident records: sources with their saved mappings, imports (checked, then loaded in the background, undone
 * as a whole), single incidents typed in or corrected, and the pre-computed counts kept in step with all of it.
 * The module's public API for the analysis is {@link #counts()}.
 */
public final class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class.getName());
    private static final String MANUAL_SOURCE = "—";

    private final Store store;
    private final AuditLog audit;
    private final AreaService areas;
    private final Clock clock;
    private final IncidentStore sql = new IncidentStore();
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    // one import at a time: an old office PC has two cores, and the web pages must stay quick meanwhile
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "incident-import");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    // an import's counts load beside its rows (see runLoad): the second core of an old office PC
    private final ExecutorService countLoader = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "incident-import-counts");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        return t;
    });
    private final List<Runnable> countListeners = new ArrayList<>();
    private volatile CountCube cube = CountCube.EMPTY;
    private volatile List<SourceSummary> summaries; // a scan of every incident: kept until the counts change

    public IncidentService(Store store, AuditLog audit, AreaService areas, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.areas = areas;
        this.clock = clock;
    }

    /** The counts per area × ICCS × sex × age band × month, as of the last change. */
    public CountCube counts() {
        return cube;
    }

    /** Told after every change of the counts (the analysis drops its cached tables). */
    public void onCountsChanged(Runnable listener) {
        countListeners.add(listener);
    }

    /** At start: imports a power cut interrupted are removed whole, then the counts are read into memory. */
    public void storeReady() {
        store.tx(c -> {
            for (long id : sql.interruptedImports(c)) {
                int removed = sql.deleteIncidentsOfImport(c, id);
                sql.finishImport(c, id, "failed", 0, 0, 0, 0, 0, clock.instant(), "interrupted");
                LOG.warning(() -> "Import " + id + " was interrupted; its " + removed + " rows were removed");
            }
            return null;
        });
        reloadCounts();
        worker.submit(this::indexImports); // after a power cut between an import's commit and its index
    }

    /** Builds the row-number index of every import table that lacks it (see IncidentStore#indexImport). */
    private void indexImports() {
        for (long importId : store.read(sql::importTables).keySet()) {
            indexImport(importId);
        }
    }

    private void indexImport(long importId) {
        long start = System.nanoTime();
        try {
            if (store.tx(c -> sql.indexImport(c, importId))) {
                LOG.info(() -> "Import " + importId + ": indexes built in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            }
        } catch (RuntimeException e) {
            // an import undone meanwhile, or a full disk: the rows stay reachable by a scan, and the next start retries
            LOG.log(Level.WARNING, "Indexing import " + importId + " failed", e);
        }
    }

    void reloadCounts() {
        CountCube.Builder b = new CountCube.Builder();
        store.read(c -> {
            sql.forEachCount(c, b::add);
            return null;
        });
        cube = b.build();
        summaries = null;
        countListeners.forEach(Runnable::run);
    }

    // ---- sources

    public List<Source> sources() {
        return store.read(sql::sources);
    }

    public Optional<Source> source(long id) {
        return store.read(c -> sql.source(c, id));
    }

    public long createSource(String name, String kind, String actor, String address) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 200) {
            throw new Problem(422, "diagnosis.source.nameRequired");
        }
        if (!Codes.SOURCE_KINDS.contains(kind)) {
            throw new Problem(422, "diagnosis.source.kindRequired");
        }
        return store.tx(c -> {
            if (sql.sourceByName(c, n).isPresent()) {
                throw new Problem(409, "diagnosis.source.exists", n);
            }
            long id = sql.insertSource(c, n, kind, null, clock.instant());
            audit(c, actor, address, "diagnosis.source.create", "diagnosis_source", id, n);
            return id;
        });
    }

    public Map<String, Map<String, String>> valueMaps(long sourceId) {
        return store.read(c -> sql.valueMaps(c, sourceId)).all();
    }

    // ---- imports

    /** Starts checking a file against a source's mapping; the mapping is saved with the source for next time. */
    public ImportJob check(String jobId, Path file, String fileName, long sourceId, Mapping mapping, String actor) {
        store.tx(c -> {
            sql.source(c, sourceId).orElseThrow(Problem::notFound);
            sql.saveMapping(c, sourceId, mapping);
            return null;
        });
        ImportJob job = new ImportJob(jobId, file, fileName, sourceId, mapping, actor);
        forgetOldJobs();
        jobs.put(jobId, job);
        worker.submit(() -> runCheck(job));
        return job;
    }

    public Optional<ImportJob> job(String id) {
        return Optional.ofNullable(id == null ? null : jobs.get(id));
    }

    /** How many imports of this run are remembered, whatever their phase; more are forgotten, oldest first. */
    static final int JOBS_KEPT = 10;

    /**
     * Forgets the oldest imports that are not running once more than {@link #JOBS_KEPT} are remembered, with
     * the files they still have (the upload, its rejected rows, the prepared rows): each holds victims' records,
     * and a job that failed, was cancelled or was left checked stayed, with its values, until the kit stopped.
     */
    private void forgetOldJobs() {
        List<ImportJob> old = jobs.values().stream().filter(j -> !j.running())
                .sorted(java.util.Comparator.comparingLong((ImportJob j) -> j.created).reversed()).toList();
        for (ImportJob j : old.subList(Math.min(old.size(), Math.max(0, JOBS_KEPT - 1)), old.size())) {
            jobs.remove(j.id);
            deleteQuietly(j.file);
            deleteQuietly(j.errorFile);
            deletePrepared(j);
        }
    }

    int jobsRemembered() {
        return jobs.size();
    }

    public void cancel(ImportJob job) {
        job.cancel();
    }

    /** Import nothing: the job and its file are forgotten. */
    public void discard(ImportJob job) {
        if (job.running()) {
            throw new Problem(409, "diagnosis.import.stillRunning");
        }
        jobs.remove(job.id);
        deleteQuietly(job.errorFile);
        deletePrepared(job);
    }

    /** The user's corrections of the value mapping, saved with the source before the rows are loaded. */
    public void saveValues(long sourceId, List<String[]> fieldLocalCode, String actor, String address) {
        store.tx(c -> {
            for (String[] v : fieldLocalCode) {
                sql.putValue(c, sourceId, v[0], v[1], v[2]);
            }
            audit(c, actor, address, "diagnosis.source.values", "diagnosis_source", sourceId,
                    fieldLocalCode.size() + " values");
            return null;
        });
    }

    /** Loads the good rows of a checked file (the rows with errors stay out). */
    public void load(ImportJob job, String address) {
        if (job.phase() != ImportJob.Phase.CHECKED) {
            throw new Problem(409, "diagnosis.import.notChecked");
        }
        job.phase = ImportJob.Phase.LOADING;
        job.progress = 0;
        worker.submit(() -> runLoad(job, address));
    }

    public List<ImportRecord> imports() {
        return store.read(c -> sql.imports(c, 100));
    }

    /** Removes every incident of an import, and its counts, in one transaction. */
    public void undo(long importId, String actor, String address) {
        store.tx(c -> {
            ImportRecord r = sql.importRecord(c, importId).orElseThrow(Problem::notFound);
            if (!r.undoable()) {
                throw new Problem(409, "diagnosis.import.notUndoable");
            }
            if (!sql.hasCountTable(c, importId)) {
                sql.addCountsOfImport(c, importId, -1);
            }
            int removed = sql.deleteIncidentsOfImport(c, importId);
            sql.setImportStatus(c, importId, "undone", clock.instant());
            audit(c, actor, address, "diagnosis.import.undo", "diagnosis_import", importId,
                    r.fileName() + ": " + removed + " rows");
            return null;
        });
        reloadCounts();
    }

    private void runCheck(ImportJob job) {
        Prepared p = null;
        try (Sheet sheet = job.open(); BufferedWriter errors = ImportJob.errorWriter(job.errorFile)) {
            List<String> header = sheet.header();
            List<String> missing = RowReader.missingColumns(job.mapping, header);
            if (!missing.isEmpty() || job.mapping.date().isEmpty()) {
                job.fail("diagnosis.import.missingColumns", List.of(String.join(", ", missing)));
                return;
            }
            p = readRows(job, sheet, errors);
            job.prepared = p;
            job.progress = 1;
            job.phase = ImportJob.Phase.CHECKED;
        } catch (Cancelled e) {
            job.phase = ImportJob.Phase.CANCELLED;
        } catch (SheetProblem e) {
            job.fail(e);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            LOG.log(Level.WARNING, "Checking " + job.fileName + " failed", e);
            job.fail("diagnosis.import.failed", List.of());
        } finally {
            if (job.phase != ImportJob.Phase.CHECKED) {
                deletePrepared(job);
            }
        }
    }

    /**
     * Reads every row of a file against the source's mapping, as it stands now, and writes the new clean rows
     * and their counts for the bulk load: the check pass does it (with {@code errors}, counting for the pages),
     * and the load pass again only if what the rows were checked against has changed since.
     */
    private Prepared readRows(ImportJob job, Sheet sheet, BufferedWriter errors) throws IOException {
        boolean checking = errors != null;
        List<String> header = sheet.header();
        Basis basis = basis(job.sourceId);
        ValueMaps values = store.read(c -> sql.valueMaps(c, job.sourceId));
        Fingerprints.Known known = store.read(c -> sql.fingerprints(c, job.sourceId));
        RowReader reader = reader(job.mapping, header, values, checking ? job::sawValue : v -> { });
        Path rowsFile = job.file.resolveSibling(job.id + ".load.csv");
        Path countFile = job.file.resolveSibling(job.id + ".counts.csv");
        ImportCounts counts = new ImportCounts();
        long read = 0;
        long duplicate = 0;
        long rejected = 0;
        long unknownArea = 0;
        long added;
        try (LoadFile out = new LoadFile(rowsFile)) {
            String[] cells;
            while ((cells = sheet.next()) != null) {
                if (job.cancelRequested) {
                    throw new Cancelled();
                }
                read++;
                RowReader.Result r = reader.read(cells, sheet.rowNumber());
                if (r.incident() == null) {
                    rejected++;
                    if (checking) {
                        job.rowsRejected++;
                        for (RowError e : r.errors()) {
                            writeError(errors, e);
                            if (job.firstErrors.size() < ImportJob.ERRORS_SHOWN) {
                                job.firstErrors.add(e);
                            }
                        }
                    }
                } else {
                    boolean old = known.contains(r.incident().fingerprint());
                    if (old) {
                        duplicate++;
                    } else {
                        out.write(r.incident());
                        counts.add(r.incident());
                        if (r.incident().areaId() == null) {
                            unknownArea++;
                        }
                    }
                    if (checking) {
                        job.rowsGood++;
                        job.rowsDuplicate += old ? 1 : 0;
                        job.areaUnknown += r.incident().areaId() == null ? 1 : 0;
                        job.countValues(r, cells, header);
                    }
                }
                if ((read & 1023) == 0) {
                    job.progress = (checking ? 1 : 0.7) * sheet.progress();
                }
                if (checking) {
                    job.rowsRead = read;
                }
            }
            added = out.rows();
        }
        counts.write(countFile);
        Basis checked = checking ? basis.with(values, job.newValues()) : basis;
        return new Prepared(rowsFile, countFile, counts.areas(), read, added, duplicate, rejected, unknownArea, checked);
    }

    /** What a file's rows were checked against: the value mapping used, the source's rows, the area tree. */
    record Basis(Map<String, String> values, String knownRows, List<Area> areas) {

        /** With the mapping the rows were read with: the source's saved values and the first guesses. */
        Basis with(ValueMaps saved, List<ImportJob.NewValue> guessed) {
            Map<String, String> used = new HashMap<>();
            saved.all().forEach((field, m) -> m.forEach((local, code) -> used.put(field + '\u001f' + local, code)));
            for (ImportJob.NewValue v : guessed) {
                used.put(v.field() + '\u001f' + v.local(), v.guess());
            }
            return new Basis(used, knownRows, areas);
        }

        /** True when rows read now would come out the same: every value still maps to the same code. */
        boolean stillHolds(Basis now, ValueMaps saved) {
            if (!knownRows.equals(now.knownRows) || !areas.equals(now.areas)) {
                return false;
            }
            for (Map.Entry<String, String> e : values.entrySet()) {
                int sep = e.getKey().indexOf('\u001f');
                String code = saved.code(e.getKey().substring(0, sep), e.getKey().substring(sep + 1));
                // a value still unmapped (code null) is read again with the same first guess
                if (code != null && !code.equals(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The clean rows of a file, ready for the bulk load, with their figures. */
    record Prepared(Path rows, Path counts, List<Long> areas, long read, long added, long duplicate, long rejected,
            long unknownArea, Basis basis) {
    }

    private Basis basis(long sourceId) {
        return new Basis(Map.of(), store.read(c -> sql.knownRowsVersion(c, sourceId)), areas.all());
    }

    private void runLoad(ImportJob job, String address) {
        long importId = store.tx(c -> sql.insertImport(c, job.sourceId, job.fileName, job.startedBy, clock.instant()));
        job.importId = importId;
        try {
            Prepared p = job.prepared;
            ValueMaps saved = store.read(c -> sql.valueMaps(c, job.sourceId));
            if (p == null || !p.basis().stillHolds(basis(job.sourceId), saved)) {
                // the user changed the value mapping (or another import of the source came in): read again
                deletePrepared(job);
                try (Sheet sheet = job.open()) {
                    p = readRows(job, sheet, null);
                }
                job.prepared = p;
            }
            job.progress = 0.7;
            Prepared rows = p;
            // rows and counts load side by side, each in a transaction of its own on its own core; neither waits
            // for the other while holding locks (Derby's bulk import locks catalogue rows until it commits). Only
            // imports marked done are read, which the last, short transaction says once both are in.
            if (rows.added() > 0) {
                store.tx(c -> {
                    sql.createImportTables(c, importId);
                    return null;
                });
            }
            if (rows.added() > 0) {
                sideBySide(countLoader, () -> store.tx(c -> {
                    sql.bulkLoad(c, importId, rows.rows());
                    return null;
                }), () -> store.tx(c -> {
                    sql.bulkLoadCounts(c, importId, rows.counts());
                    return null;
                }));
            }
            job.progress = 0.9;
            if (job.cancelRequested) {
                throw new Cancelled();
            }
            store.tx(c -> {
                if (rows.added() > 0) {
                    sql.addImportAreas(c, importId, rows.areas());
                }
                sql.finishImport(c, importId, "done", (int) rows.read(), (int) rows.added(), (int) rows.duplicate(),
                        (int) rows.rejected(), (int) rows.unknownArea(), clock.instant(), null);
                audit(c, job.startedBy, address, "diagnosis.import.load", "diagnosis_import", importId,
                        job.fileName + ": " + rows.added() + " added, " + rows.duplicate() + " already there, "
                                + rows.rejected() + " rejected");
                return null;
            });
            job.rowsRead = rows.read();
            job.rowsGood = rows.added() + rows.duplicate();
            job.rowsDuplicate = rows.duplicate();
            job.rowsRejected = rows.rejected();
            job.areaUnknown = rows.unknownArea();
            reloadCounts();
            job.progress = 1;
            job.phase = ImportJob.Phase.DONE;
            // the uploaded file holds victims' records: it does not stay on disk once its rows are in the store
            deleteQuietly(job.file);
            deleteQuietly(job.errorFile);
            deletePrepared(job);
            indexImport(importId); // the import shows done; its rows can be opened one by one quickly afterwards
        } catch (Cancelled e) {
            abandon(importId, "cancelled", null);
            job.phase = ImportJob.Phase.CANCELLED;
        } catch (SheetProblem p) {
            abandon(importId, "failed", p.key());
            job.fail(p);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            // out of memory too: the transaction rolled back, and the page must say so rather than spin forever
            LOG.log(Level.WARNING, "Loading " + job.fileName + " failed", e);
            abandon(importId, "failed", String.valueOf(e.getMessage()));
            job.fail("diagnosis.import.failed", List.of());
        } finally {
            deletePrepared(job);
        }
    }

    /**
     * Runs {@code here} on this thread and {@code beside} on {@code second}, each its own transaction, and returns
     * once both are in. Derby's bulk import reads the catalogue before it loads, and two of them starting at the
     * same moment were seen to wait on each other's catalogue locks until the lock timeout (then the whole import
     * failed; Derby's deadlock detection did not see it, once in about five test runs; that cause is now avoided
     * by {@link IncidentStore#createImportTables}, and this stays for any other lock they may contend for). The one that
     * lost is rolled back whole by its transaction, so it runs again, alone, once the other is done: nothing is
     * loaded twice or half. Any other failure is thrown as it came, after both have ended.
     */
    static void sideBySide(ExecutorService second, Runnable here, Runnable beside) {
        Future<?> besideDone = second.submit(beside);
        RuntimeException hereLost = null;
        try {
            try {
                here.run();
            } catch (RuntimeException e) {
                if (!StoreException.lostLock(e)) {
                    throw e;
                }
                hereLost = e;
            }
            try {
                await(besideDone);
            } catch (RuntimeException e) {
                if (!StoreException.lostLock(e)) {
                    throw e;
                }
                LOG.log(Level.WARNING, "a bulk load lost a lock to the other one; it runs again alone: " + e.getMessage());
                beside.run();
            }
            if (hereLost != null) {
                LOG.log(Level.WARNING, "a bulk load lost a lock to the other one; it runs again alone: " + hereLost.getMessage());
                here.run();
            }
        } finally {
            awaitQuietly(besideDone); // whatever happened, the other load has ended (loaded or not) before any clean-up
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private static void awaitQuietly(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.FINE, "the counts of an import failed", e.getCause());
        }
    }

    private static void deletePrepared(ImportJob job) {
        deleteQuietly(job.file.resolveSibling(job.id + ".load.csv"));
        deleteQuietly(job.file.resolveSibling(job.id + ".counts.csv"));
        job.prepared = null;
    }

    /** An import that did not finish leaves nothing behind (Derby's bulk import may have committed its rows). */
    private void abandon(long importId, String status, String message) {
        store.tx(c -> {
            sql.deleteIncidentsOfImport(c, importId);
            sql.finishImport(c, importId, status, 0, 0, 0, 0, 0, clock.instant(), message);
            return null;
        });
    }

    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super(null, null, false, false);
        }
    }

    private RowReader reader(Mapping mapping, List<String> header, ValueMaps values, Consumer<String[]> newValue) {
        return new RowReader(mapping, header, values, locator(), areaNames(), newValue);
    }

    /** The boundaries of every area that has one (the deepest containing a point wins). */
    AreaLocator locator() {
        List<AreaLocator.Boundary> boundaries = new ArrayList<>();
        for (Area a : areas.all()) {
            if (a.hasGeometry()) {
                areas.geometry(a.id()).ifPresent(g -> boundaries.add(new AreaLocator.Boundary(a.id(), a.level(), g)));
            }
        }
        return new AreaLocator(boundaries);
    }

    AreaNames areaNames() {
        Map<Long, List<String>> names = new HashMap<>();
        for (Area a : areas.all()) {
            List<String> n = new ArrayList<>();
            n.add(a.name());
            n.add(a.code());
            if (a.altName() != null) {
                n.add(a.altName());
            }
            names.put(a.id(), n);
        }
        return new AreaNames(names, Map.of());
    }

    private static void writeError(BufferedWriter w, RowError e) throws IOException {
        w.write(e.row() + "\t" + oneLine(e.column()) + "\t" + oneLine(e.value()) + "\t" + e.reasonKey() + "\n");
    }

    private static String oneLine(String s) {
        String t = s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** The rejected rows of a checked file: row, column, value, message key. */
    public List<RowError> allErrors(ImportJob job) {
        List<RowError> out = new ArrayList<>();
        try (var lines = Files.lines(job.errorFile)) {
            lines.forEach(l -> {
                String[] p = l.split("\t", -1);
                if (p.length == 4) {
                    out.add(new RowError(Long.parseLong(p[0]), p[1], p[2], p[3]));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    // ---- single incidents

    public List<Incident> incidents(Long sourceId, Long areaId, boolean areaUnknown, int offset, int limit) {
        return store.read(c -> sql.incidents(c, sourceId, areaId, areaUnknown, offset, limit));
    }

    public Optional<Incident> incident(long id) {
        return store.read(c -> sql.incident(c, id));
    }

    /** Typed in: kept under the source chosen, or the source of manual entries. */
    public long create(Long sourceId, IncidentRow row, String actor, String address) {
        long id = store.tx(c -> {
            long source = sourceId != null ? sourceId : manualSource(c);
            sql.source(c, source).orElseThrow(() -> new Problem(422, "diagnosis.source.kindRequired"));
            long newId = sql.insertIncident(c, source, row);
            sql.addCount(c, null, row, 1);
            audit(c, actor, address, "diagnosis.incident.create", "diagnosis_incident", newId, describe(row));
            return newId;
        });
        reloadCounts();
        return id;
    }

    public void update(long id, int version, IncidentRow row, String actor, String address) {
        store.tx(c -> {
            Incident old = sql.incident(c, id).orElseThrow(Problem::notFound);
            if (!sql.updateIncident(c, id, version, row)) {
                throw new Problem(409, "diagnosis.incident.conflict");
            }
            if (old.importId() != null && row.areaId() != null) {
                sql.addImportAreas(c, old.importId(), List.of(row.areaId()));
            }
            sql.addCount(c, old.importId(), old.row(), -1);
            sql.addCount(c, old.importId(), row, 1);
            audit(c, actor, address, "diagnosis.incident.update", "diagnosis_incident", id,
                    describe(old.row()) + " → " + describe(row));
            return null;
        });
        reloadCounts();
    }

    public void delete(long id, int version, String actor, String address) {
        store.tx(c -> {
            Incident old = sql.incident(c, id).orElseThrow(Problem::notFound);
            if (!sql.deleteIncident(c, id, version)) {
                throw new Problem(409, "diagnosis.incident.conflict");
            }
            sql.addCount(c, old.importId(), old.row(), -1);
            audit(c, actor, address, "diagnosis.incident.delete", "diagnosis_incident", id, describe(old.row()));
            return null;
        });
        reloadCounts();
    }

    private long manualSource(Connection c) throws SQLException {
        Optional<Source> s = sql.sourceByName(c, MANUAL_SOURCE);
        return s.isPresent() ? s.get().id() : sql.insertSource(c, MANUAL_SOURCE, "other", null, clock.instant());
    }

    /** What an audit entry says of an incident: its codes, never free text that could name a victim. */
    private static String describe(IncidentRow r) {
        return r.date() + " " + r.iccs() + " " + r.sex() + " " + r.ageBand() + " " + r.place() + " area "
                + (r.areaId() == null ? "unknown" : r.areaId());
    }

    /** The sources with their number of incidents and dates, as of the last change. */
    public List<SourceSummary> sourceSummaries() {
        List<SourceSummary> s = summaries;
        if (s == null) {
            s = store.read(sql::sourceSummaries);
            summaries = s;
        }
        return s;
    }

    public long count() {
        return store.read(sql::countIncidents);
    }

    private void audit(Connection c, String actor, String address, String action, String type, long id, String detail)
            throws SQLException {
        audit.append(c, new AuditLog.Event(actor, address, action, type, Long.toString(id), "ok", detail));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(Level.FINE, "could not delete " + p, e);
        }
    }

    /**
     * Adds generated incidents as one import of a source (created if needed), through the same bulk load as a
     * file: the demo city's synthetic records and the benchmark use it.
     */
    public long addGenerated(String sourceName, String kind, Iterable<IncidentRow> rows, String actor) throws IOException {
        long sourceId = store.tx(c -> {
            Optional<Source> s = sql.sourceByName(c, sourceName);
            return s.isPresent() ? s.get().id() : sql.insertSource(c, sourceName, kind, null, clock.instant());
        });
        long importId = store.tx(c -> sql.insertImport(c, sourceId, sourceName, actor, clock.instant()));
        Path file = Files.createTempFile(store.folder().uploads(), "generated-", ".csv");
        Path countFile = Files.createTempFile(store.folder().uploads(), "generated-", ".counts.csv");
        try {
            int n;
            ImportCounts counts = new ImportCounts();
            try (LoadFile out = new LoadFile(file)) {
                for (IncidentRow r : rows) {
                    out.write(r);
                    counts.add(r);
                }
                n = out.rows();
            }
            counts.write(countFile);
            store.tx(c -> {
                sql.createImportTables(c, importId);
                sql.bulkLoad(c, importId, file);
                sql.bulkLoadCounts(c, importId, countFile);
                sql.addImportAreas(c, importId, counts.areas());
                sql.finishImport(c, importId, "done", n, n, 0, 0, 0, clock.instant(), null);
                audit(c, actor, "-", "diagnosis.import.load", "diagnosis_import", importId, sourceName + ": " + n);
                return null;
            });
        } finally {
            deleteQuietly(file);
            deleteQuietly(countFile);
        }
        reloadCounts();
        indexImport(importId);
        return importId;
    }

    /** For tests and the benchmark: waits until the import thread has nothing left to do. */
    public void awaitIdle() {
        try {
            worker.submit(() -> { }).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
