package org.safercities.platform.store;

import java.sql.SQLException;

/** A database failure that no caller can fix: the kit answers 500 and logs it with the request id. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public String sqlState() {
        return getCause() instanceof SQLException e ? e.getSQLState() : null;
    }

    /** Derby raises 23505 for a unique key and 23503 for a foreign key that is still referenced. */
    public boolean isDuplicateKey() {
        return "23505".equals(sqlState());
    }

    public boolean isStillReferenced() {
        return "23503".equals(sqlState());
    }

    /**
     * The transaction lost a lock to another one and was rolled back whole, so running it again is safe: Derby's
     * lock time-out or its "too much contention" on an identity column (40XL1), or a deadlock it chose this
     * transaction for (40001). Derby wraps them a few levels deep (a procedure's 38000, chained exceptions).
     */
    public static boolean lostLock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            for (SQLException s = t instanceof SQLException q ? q : null; s != null; s = s.getNextException()) {
                if ("40XL1".equals(s.getSQLState()) || "40001".equals(s.getSQLState())) {
                    return true;
                }
            }
        }
        return false;
    }
}
