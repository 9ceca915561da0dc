// The reference of bench/diagnosis-import.sh: Derby's own bulk import (SYSCS_UTIL.SYSCS_IMPORT_TABLE) loading the
// same incident rows, as plain comma CSV (bench/diagnosis-data.java writes both files in one pass), into a plain
// table with matching columns (no key, no index) on an empty database. Run it in its own JVM with -Xmx128m:
//   java -Xmx128m -cp derby.jar:derbyshared.jar bench/diagnosis-reference.java DB_FOLDER FILE
// Prints one line: REFERENCE rows=N ms=T (T: the CALL alone, boot and table creation not counted).
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class DiagnosisReference {
    public static void main(String[] args) throws Exception {
        String db = java.nio.file.Path.of(args[0]).toAbsolutePath().toString();
        String file = java.nio.file.Path.of(args[1]).toAbsolutePath().toString();
        long rows;
        long ms;
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db + ";create=true")) {
            try (Statement s = c.createStatement()) {
                s.execute("""
                        CREATE TABLE bench_incident (
                          occurred_at TIMESTAMP,
                          category    VARCHAR(200),
                          sex         VARCHAR(16),
                          age         SMALLINT,
                          place       VARCHAR(64),
                          longitude   DOUBLE,
                          latitude    DOUBLE)""");
            }
            long t0 = System.nanoTime();
            try (CallableStatement cs = c.prepareCall(
                    "CALL SYSCS_UTIL.SYSCS_IMPORT_TABLE(NULL, 'BENCH_INCIDENT', ?, ',', '\"', 'UTF-8', 0)")) {
                cs.setString(1, file);
                cs.execute();
            }
            ms = (System.nanoTime() - t0) / 1_000_000;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bench_incident")) {
                rs.next();
                rows = rs.getLong(1);
            }
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true");
        } catch (SQLException expected) {
            // Derby reports a clean shutdown as an exception
        }
        System.out.printf("REFERENCE rows=%d ms=%d%n", rows, ms);
    }
}
