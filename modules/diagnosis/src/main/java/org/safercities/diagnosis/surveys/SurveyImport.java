package org.safercities.diagnosis.surveys;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One export on its way into the store, checked and stored in batches on the survey import thread. The pages
 * read its state while it runs (hence the volatile fields) and find it again by its id after a reload. Its
 * outcome stays in memory until the kit stops: the rows it stored are in the store, the rest is a report.
 */
public final class SurveyImport {

    public enum Phase { RUNNING, DONE, FAILED, CANCELLED }

    /** What the user chose on the mapping page: check only, the good rows, or everything or nothing. */
    public enum Mode { CHECK, GOOD, ALL }

    /** Rejected rows kept for the page and the CSV; beyond this the page says the list is cut. */
    static final int ERRORS_KEPT = 10_000;

    final String id;
    final String uploadId;
    final Path file;
    final String fileName;
    final ImportMapping mapping;
    final Mode mode;
    final String startedBy;
    final String address;
    final long startedAt = System.nanoTime(); // orders the list of this run's imports

    volatile Phase phase = Phase.RUNNING;
    volatile double progress;
    volatile boolean cancelRequested;
    volatile boolean stored;
    volatile String problemKey;
    volatile List<Object> problemArgs = List.of();
    volatile long rows;
    volatile long added;
    volatile long duplicate;
    volatile long rejected;
    volatile long areaUnknown;
    final List<ImportError> errors = Collections.synchronizedList(new ArrayList<>());

    SurveyImport(String id, String uploadId, Path file, String fileName, ImportMapping mapping, Mode mode, String startedBy,
            String address) {
        this.id = id;
        this.uploadId = uploadId;
        this.file = file;
        this.fileName = fileName;
        this.mapping = mapping;
        this.mode = mode;
        this.startedBy = startedBy;
        this.address = address;
    }

    public String id() {
        return id;
    }

    /** The upload the rows come from: its mapping page can be posted again (after a check, say). */
    public String uploadId() {
        return uploadId;
    }

    public String fileName() {
        return fileName;
    }

    public Mode mode() {
        return mode;
    }

    public Phase phase() {
        return phase;
    }

    public boolean running() {
        return phase == Phase.RUNNING;
    }

    public int percent() {
        return (int) Math.floor(progress * 100);
    }

    /** Whether the rows are in the store (false for a check, a refusal, a cancel or a failure). */
    public boolean stored() {
        return stored;
    }

    public long rows() {
        return rows;
    }

    public long added() {
        return added;
    }

    public long duplicate() {
        return duplicate;
    }

    public long rejected() {
        return rejected;
    }

    public long areaUnknown() {
        return areaUnknown;
    }

    public String problemKey() {
        return problemKey;
    }

    public List<Object> problemArgs() {
        return problemArgs;
    }

    public List<ImportError> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    /** More rows were rejected than the list keeps. */
    public boolean errorsCut() {
        return rejected > 0 && errors.size() >= ERRORS_KEPT;
    }

    void reject(List<ImportError> rowErrors) {
        rejected++;
        if (errors.size() < ERRORS_KEPT) {
            errors.addAll(rowErrors);
        }
    }

    void fail(String key, List<Object> args) {
        problemKey = key;
        problemArgs = args;
        phase = Phase.FAILED;
    }
}
