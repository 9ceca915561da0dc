package org.safercities.diagnosis.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
