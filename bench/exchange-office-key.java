// Reads the office's OpenPGP key out of a stopped kit's data folder for bench/exchange-export.sh, so that gpg can
// sign with the very key the kit signs with (plain JDBC on the kit's embedded Derby; never do this to a real
// office's data: the secret key and its passphrase are what the kit keeps to itself):
//   java -cp kit/target/safercities-kit.jar bench/exchange-office-key.java DATA_FOLDER OUT_DIR
// Writes OUT_DIR/office.sec (armoured, passphrase-protected), OUT_DIR/office.pass and OUT_DIR/office.pub.
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

public class ExchangeOfficeKey {
    public static void main(String[] args) throws Exception {
        String db = Path.of(args[0], "db").toAbsolutePath().toString();
        Path out = Path.of(args[1]);
        try (Connection c = DriverManager.getConnection("jdbc:derby:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT secret_key, passphrase, public_key, fingerprint FROM exchange_office_key")) {
            if (!rs.next()) {
                throw new IllegalStateException("no office key in " + db + ": no export was made");
            }
            Files.writeString(out.resolve("office.sec"), rs.getString(1));
            Files.writeString(out.resolve("office.pass"), rs.getString(2));
            Files.writeString(out.resolve("office.pub"), rs.getString(3));
            System.out.println("office key " + rs.getString(4));
        }
        try {
            DriverManager.getConnection("jdbc:derby:;shutdown=true");
        } catch (java.sql.SQLException expected) {
            // Derby says it shut down with an exception
        }
    }
}
