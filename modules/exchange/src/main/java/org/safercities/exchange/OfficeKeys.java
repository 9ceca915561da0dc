package org.safercities.exchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

import org.safercities.crypto.OpenPgp;
import org.safercities.crypto.Secrets;
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

    OfficeKeys(Store store, ExchangeStore sql) {
        this.store = store;
        this.sql = sql;
    }

    /** The office key, made now (and stored in the same transaction) if there is none yet. */
    ExchangeStore.OfficeKeyRow key(String cityName) {
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
