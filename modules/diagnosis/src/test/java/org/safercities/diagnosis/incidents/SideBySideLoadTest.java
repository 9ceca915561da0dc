package org.safercities.diagnosis.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safercities.platform.TestKit;
import org.safercities.platform.store.Store;
import org.safercities.platform.store.StoreException;

/**
 * An import's rows and counts load side by side; when the two transactions lock each other out, the one Derby
 * gives up on runs again alone and both end loaded exactly once. A real deadlock on a real Derby database: each
 * transaction writes one table and then the other's.
 */
class SideBySideLoadTest {

    private TestKit kit;
    private Store store;
    private final ExecutorService second = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() throws Exception {
        kit = TestKit.demo();
        store = kit.kit.store();
        store.tx(c -> {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE lock_a (n INT)");
                st.execute("CREATE TABLE lock_b (n INT)");
                // the test need not wait Derby's default 20 s before it looks for the deadlock
                st.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.deadlockTimeout', '1')");
                st.execute("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.waitTimeout', '3')");
            }
            return null;
        });
    }

    @AfterEach
    void stop() throws Exception {
        second.shutdownNow();
        second.awaitTermination(10, TimeUnit.SECONDS);
        kit.close();
    }

    /** Writes {@code first}, waits until the other transaction has written its table, then writes {@code then}. */
    private Runnable load(String first, String then, CyclicBarrier bothHold, AtomicInteger attempts) {
        return () -> store.tx(c -> {
            insert(c, first);
            if (attempts.incrementAndGet() == 1) { // only the first attempt meets the other: a rerun runs alone
                try {
                    bothHold.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            insert(c, then);
            return null;
        });
    }

    /** Locks the whole table as Derby's bulk import does, then adds a row. */
    private static void insert(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("LOCK TABLE " + table + " IN EXCLUSIVE MODE");
            st.executeUpdate("INSERT INTO " + table + " VALUES (1)");
        }
    }

    @Test
    void theLoadThatLostTheLockRunsAgainAloneAndNothingIsLoadedTwice() {
        CyclicBarrier bothHold = new CyclicBarrier(2);
        AtomicInteger rowsAttempts = new AtomicInteger();
        AtomicInteger countsAttempts = new AtomicInteger();
        IncidentService.sideBySide(second, load("lock_a", "lock_b", bothHold, rowsAttempts),
                load("lock_b", "lock_a", bothHold, countsAttempts));
        assertEquals(3, rowsAttempts.get() + countsAttempts.get(), "one of the two ran twice");
        // each load wrote one row in each table, once: the lost attempt left nothing behind
        assertEquals(2, kit.scalar("SELECT COUNT(*) FROM lock_a"));
        assertEquals(2, kit.scalar("SELECT COUNT(*) FROM lock_b"));
    }

    /**
     * Many imports' two bulk loads, side by side as the import runs them but without the rerun: neither may ever
     * wait on the other for the catalogue (before {@link IncidentStore#createImportTables} had Derby compile its
     * column query, one in about 25 imports timed out: Derby rechecks that query's plan every hundredth run).
     */
    @Test
    void importsLoadSideBySideWithoutWaitingOnEachOtherForTheCatalogue() throws Exception {
        Path dir = Files.createTempDirectory(kit.data, "loads");
        Path rows = dir.resolve("rows.csv");
        Path counts = dir.resolve("counts.csv");
        StringBuilder r = new StringBuilder();
        StringBuilder n = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            r.append(i).append(',').append(1000 + i).append(",2024-03-15,D,,0502,,F,,UNK,street,,,\n");
            n.append(i).append(",0502,F,UNK,202403,1\n");
        }
        Files.writeString(rows, r);
        Files.writeString(counts, n);
        IncidentStore sql = new IncidentStore();
        for (long importId = 900_001; importId <= 900_120; importId++) {
            long id = importId;
            store.tx(c -> {
                sql.createImportTables(c, id);
                return null;
            });
            var countsIn = second.submit(() -> store.tx(c -> {
                sql.bulkLoadCounts(c, id, counts);
                return null;
            }));
            try {
                store.tx(c -> {
                    sql.bulkLoad(c, id, rows);
                    return null;
                });
                countsIn.get();
            } catch (Exception e) { // a lost lock (waitTimeout is 3 s)
                throw new AssertionError("import " + (id - 900_000) + " of the run lost a lock", e);
            }
            assertEquals(300, kit.scalar("SELECT COUNT(*) FROM " + IncidentStore.importTable(id)));
            assertEquals(300, kit.scalar("SELECT COUNT(*) FROM " + IncidentStore.countTable(id)));
        }
    }

    @Test
    void anyOtherFailureIsThrownAsItCameAfterBothHaveEnded() {
        AtomicInteger besideRan = new AtomicInteger();
        StoreException e = assertThrows(StoreException.class, () -> IncidentService.sideBySide(second,
                () -> store.tx(c -> {
                    insert(c, "no_such_table");
                    return null;
                }),
                () -> store.tx(c -> {
                    insert(c, "lock_b");
                    return besideRan.incrementAndGet();
                })));
        assertFalse(StoreException.lostLock(e));
        assertEquals(1, besideRan.get());
        assertEquals(1, kit.scalar("SELECT COUNT(*) FROM lock_b"));
        assertEquals(0, kit.scalar("SELECT COUNT(*) FROM lock_a"));
    }
}
