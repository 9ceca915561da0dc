package org.safercities.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.safercities.crypto.OpenPgp;
import org.safercities.crypto.Secrets;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;

/**
 * The office's own OpenPGP key and the envelope of an export. The key is made on first need and kept in the
 * database (exchange_office_key), so that it lives in the data folder and goes into every backup with the rest
 * (Backups zips db/ only). Its secret part is protected by a random passphrase kept beside it: an officer can sign
 * an export without knowing PGP, and the store's encryption at rest, when on, protects both (docs/admin-guide.md).
 */
final class OfficeKeys {

    private final Store store;
    private final ExchangeStore sql;
    private final AuditLog audit;

    OfficeKeys(Store store, ExchangeStore sql, AuditLog audit) {
        this.store = store;
        this.sql = sql;
        this.audit = audit;
    }

    /**
     * The office key, made now if there is none yet: stored and its making audited in one transaction. Synchronized:
     * the keys page, an export and an import share this instance, and two first needs at once must make one key.
     */
    synchronized ExchangeStore.OfficeKeyRow key(String cityName) {
        return store.tx(c -> {
            var existing = sql.officeKey(c);
            if (existing.isPresent()) {
                return existing.get();
            }
            String passphrase = Secrets.token(24);
            OpenPgp.OfficeKey k = OpenPgp.generateKey("Safer Cities Kit office: " + cityName, passphrase.toCharArray());
            var row = new ExchangeStore.OfficeKeyRow(k.fingerprint(), k.userId(), k.created() == null ? Instant.now()
                    : k.created(), k.armouredPublicKey(), k.armouredSecretKey(), passphrase);
            sql.insertOfficeKey(c, row);
            audit.append(c, new AuditLog.Event("kit", "-", "exchange.officekey.create", "exchange_office_key", "1", "ok",
                    row.fingerprint() + " " + row.userId()));
            return row;
        });
    }

    /** Encrypts {@code plain} to every recipient and signs it with the office key. */
    static void seal(ExchangeStore.OfficeKeyRow key, InputStream plain, String fileName, OutputStream out,
            List<String> recipients) throws IOException, OpenPgp.PgpException {
        OpenPgp.encryptAndSign(plain, fileName, out, recipients, key.secretKey(), key.passphrase().toCharArray(), false);
    }

    /** Decrypts with the office key and verifies against the known senders. */
    static OpenPgp.Verified open(ExchangeStore.OfficeKeyRow key, InputStream in, OutputStream plain,
            List<String> senders) throws IOException, OpenPgp.PgpException {
        return OpenPgp.decryptAndVerify(in, plain, key.secretKey(), key.passphrase().toCharArray(), senders);
    }
}
