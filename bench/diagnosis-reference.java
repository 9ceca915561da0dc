// The reference of bench/diagnosis-import.sh and bench/diagnosis-surveys.sh: Derby's own bulk import
// (SYSCS_UTIL.SYSCS_IMPORT_TABLE) loading the same rows into a plain table with matching columns (no key, no
// index) on an empty database: incidents as plain comma CSV (bench/diagnosis-data.java writes both files in one
// pass) into 7 columns, or the Kobo-style survey file without its header line into 16. Run it in its own JVM
// with the kit's heap flags:
//   java -Xmx128m -cp derby.jar:derbyshared.jar bench/diagnosis-reference.java incidents|surveys DB_FOLDER FILE
// Prints one line: REFERENCE rows=N ms=T (T: the CALL alone, boot and table creation not counted).
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public class DiagnosisReference {
    public static void main(String[] args) throws Exception {
        String table = switch (args[0]) {
            case "incidents" -> "BENCH_INCIDENT";
            case "surveys" -> "BENCH_SURVEY";
            default -> throw new IllegalArgumentException("incidents or surveys, not " + args[0]);
        };
        String db = java.nio.file.Path.of(args[1]).toAbsolutePath().toString();
        String file = java.nio.file.Path.of(args[2]).toAbsolutePath().toString();
        long rows;
        long ms;
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db + ";create=true")) {
            try (Statement s = c.createStatement()) {
                s.execute(table.equals("BENCH_INCIDENT") ? """
                        CREATE TABLE bench_incident (
                          occurred_at TIMESTAMP,
                          category    VARCHAR(200),
                          sex         VARCHAR(16),
                          age         SMALLINT,
                          place       VARCHAR(64),
                          longitude   DOUBLE,
                          latitude    DOUBLE)""" : """
                        CREATE TABLE bench_survey (
                          started VARCHAR(40), ended VARCHAR(40), response_key VARCHAR(64), ward VARCHAR(40),
                          sex VARCHAR(16), age VARCHAR(8), disability VARCHAR(8), weight DOUBLE,
                          safe_after_dark VARCHAR(40), violence_physical VARCHAR(16), violence_psychological VARCHAR(16),
                          violence_sexual VARCHAR(16), harassment VARCHAR(16), harassment_place VARCHAR(80),
                          sexual_violence_non_partner VARCHAR(16), reported VARCHAR(16))""");
            }
            long t0 = System.nanoTime();
            try (CallableStatement cs = c.prepareCall(
                    "CALL SYSCS_UTIL.SYSCS_IMPORT_TABLE(NULL, ?, ?, ',', '\"', 'UTF-8', 0)")) {
                cs.setString(1, table);
                cs.setString(2, file);
                cs.execute();
            }
            ms = (System.nanoTime() - t0) / 1_000_000;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
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
