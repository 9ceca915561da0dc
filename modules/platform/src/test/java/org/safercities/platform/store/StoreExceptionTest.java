package org.safercities.platform.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import org.junit.jupiter.api.Test;

/** Which failures a caller may run again: those where Derby rolled the transaction back for a lock, and no other. */
class StoreExceptionTest {

    @Test
    void derbysLockTimeOutContentionAndDeadlockAreLostLocksAndNothingElseIs() {
        // as a bulk import procedure throws it: 38000 around the lock time-out
        assertTrue(StoreException.lostLock(new StoreException("x", new SQLException("wrapped", "38000", 0,
                new SQLTransactionRollbackException("A lock could not be obtained", "40XL1")))));
        assertTrue(StoreException.lostLock(new SQLTransactionRollbackException("deadlock", "40001")));
        SQLException chained = new SQLException("batch", "XJ001");
        chained.setNextException(new SQLTransactionRollbackException("deadlock", "40001"));
        assertTrue(StoreException.lostLock(new StoreException("x", chained)));
        assertFalse(StoreException.lostLock(new StoreException("x", new SQLException("no table", "42X05"))));
        assertFalse(StoreException.lostLock(new StoreException("x", new SQLException("duplicate", "23505"))));
        assertFalse(StoreException.lostLock(new IllegalStateException("no")));
    }
}
