package org.safercities.bench;

import io.helidon.webserver.WebServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark reference: the kit's stack with none of the kit's code.
 *
 * <pre>java -jar reference.jar --data DIR --port N</pre>
 *
 * Boots embedded Derby in DIR, makes sure a one-row table exists, then serves on 127.0.0.1:N
 * <ul>
 *   <li>{@code GET /}: reads that row from Derby (a fresh query per request, through a small pool of
 *       connections) and sends it as text: the reference for "first page read from the store";</li>
 *   <li>{@code GET /hello}: sends "Hello": the bare Helidon route, the reference for throughput.</li>
 * </ul>
 * Prints one line starting with "reference ready" when it serves.
 */
public final class Main {
    private static final String DB = "refdb";
    private static final int POOL_SIZE = 4;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        Path data = null;
        int port = 8080;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: java -jar reference.jar --data DIR --port N");
                    System.exit(2);
                }
            }
        }
        if (data == null) {
            System.err.println("usage: java -jar reference.jar --data DIR --port N");
            System.exit(2);
        }
        data = data.toAbsolutePath().normalize();
        Files.createDirectories(data);
        // Absolute paths: derby.stream.error.file is resolved against derby.system.home otherwise,
        // and derby.log would land in the working folder.
        System.setProperty("derby.system.home", data.toString());
        System.setProperty("derby.stream.error.file", data.resolve("derby.log").toString());

        String url = "jdbc:derby:" + DB + ";create=true";
        try (Connection c = DriverManager.getConnection(url)) {
            ensureTable(c);
        }
        Pool pool = new Pool(url, POOL_SIZE);

        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(r -> r
                        .get("/hello", (req, res) -> res.send("Hello"))
                        .get("/", (req, res) -> res.send(pool.readCity())))
                .build()
                .start();

        // Stop the web server first, then the database (shutdown hooks run concurrently otherwise,
        // and requests in flight fail with "No current connection").
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            pool.close();
            try {
                DriverManager.getConnection("jdbc:derby:" + DB + ";shutdown=true").close();
            } catch (SQLException e) {
                // 08006 is Derby's normal answer to shutting one database down.
                if (!"08006".equals(e.getSQLState())) {
                    System.err.println("Derby shutdown: " + e);
                }
            }
        }, "reference-shutdown"));

        System.out.printf("reference ready on http://127.0.0.1:%d/ in %d ms%n",
                server.port(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    }

    private static void ensureTable(Connection c) throws SQLException {
        try (ResultSet rs = c.getMetaData().getTables(null, null, "REF_CITY", null)) {
            if (rs.next()) {
                return;
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE ref_city (id INT NOT NULL PRIMARY KEY, name VARCHAR(200) NOT NULL)");
            s.executeUpdate("INSERT INTO ref_city (id, name) VALUES (1, 'Reference City')");
        }
    }

    /** A small fixed pool. The queue is fair: an unfair one gave second-long p99 under virtual threads. */
    private static final class Pool {
        private final BlockingQueue<Connection> idle;

        Pool(String url, int size) throws SQLException {
            idle = new ArrayBlockingQueue<>(size, true);
            for (int i = 0; i < size; i++) {
                idle.add(DriverManager.getConnection(url));
            }
        }

        String readCity() {
            Connection c;
            try {
                c = idle.poll(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for a connection", e);
            }
            if (c == null) {
                throw new IllegalStateException("no database connection free within 5 s");
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT name FROM ref_city WHERE id = ?")) {
                ps.setInt(1, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "(no row)";
                }
            } catch (SQLException e) {
                throw new IllegalStateException("query failed", e);
            } finally {
                idle.add(c);
            }
        }

        void close() {
            Connection c;
            while ((c = idle.poll()) != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing at shutdown: nothing to do
                }
            }
        }
    }
}
