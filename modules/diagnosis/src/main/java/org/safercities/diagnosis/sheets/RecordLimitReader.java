package org.safercities.diagnosis.sheets;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Stops a runaway record before it fills the memory: the CSV parser buffers a whole field, so a 10-million
 * character line or a quote never closed would otherwise grow until the JVM dies. Counts the characters handed
 * to the parser since the last complete record ({@link #recordDone}); the parser reads ahead by its buffer, so
 * the limit is approximate by a few kilobytes, which does not matter at this size.
 */
final class RecordLimitReader extends FilterReader {

    private final int limit;
    private long sinceRecord;
    private long recordStartRow;

    RecordLimitReader(Reader in, int limit) {
        super(in);
        this.limit = limit;
    }

    /** The parser finished a record: the next one starts counting from the characters already read ahead. */
    void recordDone(long row) {
        sinceRecord = 0;
        recordStartRow = row + 1;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            count(1);
        }
        return c;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = super.read(cbuf, off, len);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(int n) {
        sinceRecord += n;
        if (sinceRecord > limit + 64L * 1024) {
            throw new SheetProblem("diagnosis.sheet.rowTooLong", Math.max(1, recordStartRow), limit);
        }
    }
}
