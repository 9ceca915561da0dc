package org.safercities.diagnosis.incidents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.safercities.diagnosis.sheets.Sheet;
import org.safercities.diagnosis.sheets.SheetProblem;
import org.safercities.diagnosis.sheets.Sheets;

/**
 * One file on its way into a source: first checked (every row read and mapped, nothing written), then, if the
 * user chooses, loaded. Runs on the import thread; the pages read its state, which is why the fields the pages
 * read are volatile. A reload of the page finds the job again by its id.
 */
public final class ImportJob {

    public enum Phase { CHECKING, CHECKED, LOADING, DONE, FAILED, CANCELLED }

    /** A local value the source has not mapped yet, how often it occurs and the first guess of its code. */
    public record NewValue(String field, String local, String guess, long rows) {
    }

    static final int ERRORS_SHOWN = 50;

    final String id;
    final Path file;
    final String fileName;
    final long sourceId;
    final Mapping mapping;
    final String startedBy;
    final Path errorFile;
    /** When the job was made (System.nanoTime), to forget the oldest first. */
    final long created = System.nanoTime();

    volatile Phase phase = Phase.CHECKING;
    volatile double progress;
    volatile boolean cancelRequested;
    volatile String problemKey;
    volatile List<Object> problemArgs = List.of();
    volatile long rowsRead;
    volatile long rowsGood;
    volatile long rowsRejected;
    volatile long rowsDuplicate;
    volatile long areaUnknown;
    volatile Long importId;
    /** The clean rows the check pass wrote, until they are loaded or the job is discarded. */
    volatile IncidentService.Prepared prepared;
    final List<RowError> firstErrors = Collections.synchronizedList(new ArrayList<>());
    final Map<String, NewValue> newValues = Collections.synchronizedMap(new LinkedHashMap<>());
    private static final String[] VALUE_FIELDS = {"category", "sex", "place", "area"};
    // field → local value → rows, for the values the source has not mapped yet (the page reads it meanwhile)
    private final Map<String, Map<String, AtomicLong>> valueRows = new ConcurrentHashMap<>();
    private int[] valueColumns; // per VALUE_FIELDS, the file's column (-1: not mapped), found once

    ImportJob(String id, Path file, String fileName, long sourceId, Mapping mapping, String startedBy) {
        this.id = id;
        this.file = file;
        this.fileName = fileName;
        this.sourceId = sourceId;
        this.mapping = mapping;
        this.startedBy = startedBy;
        this.errorFile = file.resolveSibling(id + ".errors.csv");
    }

    public String id() {
        return id;
    }

    public Phase phase() {
        return phase;
    }

    public int percent() {
        return (int) Math.round(progress * 100);
    }

    public boolean running() {
        return phase == Phase.CHECKING || phase == Phase.LOADING;
    }

    public String fileName() {
        return fileName;
    }

    public long sourceId() {
        return sourceId;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public long rowsGood() {
        return rowsGood;
    }

    public long rowsRejected() {
        return rowsRejected;
    }

    public long rowsDuplicate() {
        return rowsDuplicate;
    }

    public long rowsNew() {
        return rowsGood - rowsDuplicate;
    }

    public long areaUnknown() {
        return areaUnknown;
    }

    public Long importId() {
        return importId;
    }

    public String problemKey() {
        return problemKey;
    }

    public List<Object> problemArgs() {
        return problemArgs;
    }

    public List<RowError> firstErrors() {
        synchronized (firstErrors) {
            return List.copyOf(firstErrors);
        }
    }

    public List<NewValue> newValues() {
        synchronized (newValues) {
            List<NewValue> out = new ArrayList<>();
            for (NewValue v : newValues.values()) {
                AtomicLong n = valueRows.getOrDefault(v.field(), Map.of()).get(v.local());
                out.add(new NewValue(v.field(), v.local(), v.guess(), n == null ? 0 : n.get()));
            }
            return out;
        }
    }

    void cancel() {
        cancelRequested = true;
    }

    /** The first time a value appears, and then every row it appears in, for the value table's counts. */
    void sawValue(String[] fieldLocalGuess) {
        synchronized (newValues) {
            String key = fieldLocalGuess[0] + '\u001f' + fieldLocalGuess[1];
            Map<String, AtomicLong> ofField = valueRows.computeIfAbsent(fieldLocalGuess[0], f -> new ConcurrentHashMap<>());
            if (!ofField.containsKey(fieldLocalGuess[1]) && ofField.size() >= NEW_VALUES_PER_FIELD) {
                // a column of addresses or names mapped as the area or category: every row a new value, each kept
                // for the mapping page until the heap ran out. No one maps thousands of words by hand anyway.
                throw new SheetProblem("diagnosis.import.tooManyValues", columnOf(fieldLocalGuess[0]), NEW_VALUES_PER_FIELD);
            }
            newValues.putIfAbsent(key, new NewValue(fieldLocalGuess[0], fieldLocalGuess[1], fieldLocalGuess[2], 0));
            ofField.computeIfAbsent(fieldLocalGuess[1], k -> new AtomicLong());
        }
    }

    /** New words kept per field for the mapping page; past it the check stops and says which column. */
    static final int NEW_VALUES_PER_FIELD = 1_000;

    private String columnOf(String field) {
        return switch (field) {
            case "category" -> mapping.category();
            case "sex" -> mapping.sex();
            case "place" -> mapping.place();
            case "area" -> mapping.area();
            default -> field;
        };
    }

    /** Counts the rows of every new value (the reader reports a value only once, the table wants how often). */
    void countValues(RowReader.Result r, String[] cells, List<String> header) {
        if (valueRows.isEmpty() || r.incident() == null) {
            return;
        }
        if (valueColumns == null) {
            String[] columns = {mapping.category(), mapping.sex(), mapping.place(), mapping.area()};
            valueColumns = new int[columns.length];
            for (int k = 0; k < columns.length; k++) {
                valueColumns[k] = columns[k].isEmpty() ? -1 : header.indexOf(columns[k]);
            }
        }
        for (int k = 0; k < VALUE_FIELDS.length; k++) {
            int i = valueColumns[k];
            Map<String, AtomicLong> rows = i < 0 || i >= cells.length ? null : valueRows.get(VALUE_FIELDS[k]);
            AtomicLong n = rows == null ? null : rows.get(cells[i].strip());
            if (n != null) {
                n.incrementAndGet();
            }
        }
    }

    /** Opens the job's file; a file that is no table fails the job with the reader's reason. */
    Sheet open() {
        return Sheets.open(file);
    }

    void fail(String key, List<Object> args) {
        problemKey = key;
        problemArgs = args;
        phase = Phase.FAILED;
    }

    void fail(SheetProblem p) {
        fail(p.key(), p.args());
    }

    /** Every rejected row goes to the error file (read back in the user's language when downloaded). */
    static BufferedWriter errorWriter(Path file) {
        try {
            return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
