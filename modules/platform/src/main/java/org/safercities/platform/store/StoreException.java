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
}
