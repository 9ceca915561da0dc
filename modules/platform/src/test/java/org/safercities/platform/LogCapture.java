package org.safercities.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Keeps every log record of INFO and above while installed: to check that a failure left a line. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new ArrayList<>();

    public static LogCapture install() {
        LogCapture c = new LogCapture();
        c.setLevel(Level.INFO);
        Logger.getLogger("").addHandler(c);
        return c;
    }

    @Override
    public synchronized void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.INFO.intValue()) {
            records.add(r);
        }
    }

    public synchronized List<String> lines() {
        List<String> out = new ArrayList<>();
        for (LogRecord r : records) {
            out.add(r.getLevel() + " " + r.getLoggerName() + ": " + (r.getMessage() == null ? "" : r.getMessage())
                    + (r.getThrown() == null ? "" : " " + r.getThrown()));
        }
        return out;
    }

    /** How many lines were logged so far (to compare before and after a request). */
    public synchronized int size() {
        return records.size();
    }

    /** The lines logged since {@code from} (a {@link #size()} taken earlier). */
    public synchronized List<String> since(int from) {
        return lines().subList(Math.min(from, records.size()), records.size());
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
