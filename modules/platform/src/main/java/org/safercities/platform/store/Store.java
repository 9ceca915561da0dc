package org.safercities.platform.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.safercities.platform.Problem;

/**
 * The embedded Derby database in {@code <data>/db}, and its three states: {@code setup} (no database yet),
 * {@code locked} (encrypted at rest, waiting for the passphrase) and {@code ready}.
 *
 * <p>Connections come from a small pool with a fair queue: under virtual threads an unfair queue gave a
 * p99 of 1.5 s (STACK.md). Derby keeps its default durability (a commit is on disk when it returns).
 */
public final class Store implements AutoCloseable {

    public enum State {
        SETUP, LOCKED, READY;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final Logger LOG = Logger.getLogger(Store.class.getName());
    /** Derby's own choice would be DES (56-bit): ask for AES-256 explicitly (STACK.md). */
    private static final String ENCRYPTION = "AES/CBC/NoPadding";

    private final DataFolder folder;
    private final int poolSize;
    private volatile State state;
    private volatile BlockingQueue<Connection> pool;
    private final List<Connection> all = new ArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Properties bootProperties;

    public Store(DataFolder folder, int poolSize) {
        this.folder = folder;
        this.poolSize = poolSize;
        configureDerby(folder);
        Path db = folder.database();
        if (!Files.isDirectory(db)) {
            state = State.SETUP;
        } else if (isEncrypted(db)) {
            state = State.LOCKED;
        } else {
            state = State.LOCKED; // until open() boots it
        }
    }

    static void configureDerby(DataFolder folder) {
        System.setProperty("derby.system.home", folder.root().toString());
        // Resolved against derby.system.home unless absolute: keep derby.log out of the working folder.
        System.setProperty("derby.stream.error.file", folder.logs().resolve("derby.log").toString());
        System.setProperty("derby.infolog.append", "true");
        System.setProperty("derby.language.sequence.preallocator", "1000");
    }

    public State state() {
        return state;
    }

    public DataFolder folder() {
        return folder;
    }

    /** True when the database on disk is encrypted at rest (read from Derby's own service.properties). */
    public boolean encrypted() {
        return Files.isDirectory(folder.database()) && isEncrypted(folder.database());
    }

    static boolean isEncrypted(Path db) {
        Path service = db.resolve("service.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(service)) {
            p.load(in);
        } catch (IOException e) {
            return false;
        }
        return "true".equals(p.getProperty("dataEncryption"));
    }

    private String url(Path db) {
        return "jdbc:derby:" + db.toString();
    }

    /**
     * Creates the database aside ({@code db.creating-*}) and moves it into place only once it is complete, so
     * that a kill during creation never leaves a folder that cannot start (Derby's XBM0A).
     *
     * @param bootPassword null for no encryption at rest
     */
    public synchronized void create(char[] bootPassword) {
        if (state != State.SETUP) {
            throw new IllegalStateException("store exists");
        }
        Path aside = folder.root().resolve("db.creating-" + System.nanoTime());
        Properties props = new Properties();
        props.setProperty("create", "true");
        if (bootPassword != null) {
            props.setProperty("dataEncryption", "true");
            props.setProperty("encryptionAlgorithm", ENCRYPTION);
            props.setProperty("encryptionKeyLength", "256");
            props.setProperty("bootPassword", new String(bootPassword));
        }
        try {
            DriverManager.getConnection(url(aside), props).close();
            shutdown(aside);
            Files.move(aside, folder.database(), StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | IOException e) {
            throw new StoreException("could not create the database", e);
        }
        state = State.LOCKED;
        boot(bootPassword);
    }

    /** Boots an existing database; a wrong passphrase is a {@link Problem} the unlock page shows. */
    public synchronized void boot(char[] bootPassword) {
        if (state == State.READY) {
            return;
        }
        Properties props = new Properties();
        if (bootPassword != null) {
            props.setProperty("bootPassword", new String(bootPassword));
        }
        Connection first;
        try {
            first = open(props);
        } catch (SQLException e) {
            if (isWrongPassword(e)) {
                throw new Problem(403, "platform.unlock.wrongPassphrase");
            }
            if (isInUse(e)) {
                throw new StoreException("The database is in use by another program", e);
            }
            throw new StoreException("could not open the database", e);
        }
        bootProperties = props;
        all.add(first);
        pool = new ArrayBlockingQueue<>(poolSize, true, List.of(first));
        opened.set(1);
        state = State.READY;
    }

    private static boolean isWrongPassword(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                String st = s.getSQLState();
                // XBM06: wrong boot password; XJ040 wraps it at a cold boot; XBM0J missing encryption key
                if ("XBM06".equals(st) || "XBM0J".equals(st) || "XBCXK".equals(st) || "XBCXL".equals(st)) {
                    return true;
                }
            }
        }
        String msg = String.valueOf(e.getMessage()) + (e.getNextException() == null ? "" : e.getNextException().getMessage());
        return msg.contains("boot password") || msg.contains("Boot password");
    }

    private static boolean isInUse(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "XSDB6".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    public <T> T tx(SqlWork<T> work) {
        Connection c = take();
        boolean ok = false;
        try {
            c.setAutoCommit(false);
            T result = work.run(c);
            c.commit();
            ok = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException(e.getMessage(), e);
        } finally {
            if (!ok) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is still returned; Derby rolls back on the next statement anyway
                }
            }
            pool.offer(c);
        }
    }

    /** Reads in a transaction of its own (read committed). */
    public <T> T read(SqlWork<T> work) {
        return tx(work);
    }

    private Connection open(Properties props) throws SQLException {
        Connection c = DriverManager.getConnection(url(folder.database()), props);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        return c;
    }

    /**
     * A connection from the pool. The pool starts with one (start-up does not wait for the others) and grows
     * to {@code poolSize} when all are busy.
     */
    private Connection take() {
        BlockingQueue<Connection> p = pool;
        if (p == null || state != State.READY) {
            throw new Problem(503, "platform.error.storeNotReady");
        }
        Connection idle = p.poll();
        if (idle != null) {
            return idle;
        }
        if (opened.incrementAndGet() <= poolSize) {
            try {
                Connection c = open(bootProperties);
                synchronized (all) {
                    all.add(c);
                }
                return c;
            } catch (SQLException e) {
                opened.decrementAndGet();
                throw new StoreException("could not open a connection", e);
            }
        }
        opened.decrementAndGet();
        try {
            Connection c = p.poll(30, TimeUnit.SECONDS);
            if (c == null) {
                throw new Problem(503, "platform.error.busy");
            }
            return c;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(503, "platform.error.busy");
        }
    }

    /** Derby's online backup: a consistent copy of the database while the kit keeps running. */
    public void backupTo(Path target) {
        tx(c -> {
            try (var call = c.prepareCall("CALL SYSCS_UTIL.SYSCS_BACKUP_DATABASE(?)")) {
                call.setString(1, target.toString());
                call.execute();
            }
            return null;
        });
    }

    @Override
    public synchronized void close() {
        if (state != State.READY) {
            return;
        }
        state = State.LOCKED;
        synchronized (all) {
            closeAll(all);
            all.clear();
        }
        pool = null;
        opened.set(0);
        bootProperties = null;
        shutdown(folder.database());
    }

    /** Shuts down this one database; shutting the whole engine down deregisters the driver (STACK.md). */
    private void shutdown(Path db) {
        try {
            DriverManager.getConnection(url(db) + ";shutdown=true").close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                LOG.log(Level.WARNING, "database shutdown: " + e.getSQLState(), e);
            }
        }
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection c : connections) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
