package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;

/** Two offices with their keys in their own databases: one seals for the other, which opens it; strangers cannot. */
class OfficeKeysTest {

    private ExchangeDb db;
    private Store store;

    @BeforeEach
    void open() throws Exception {
        db = new ExchangeDb();
        store = db.store;
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    @Test
    void theOfficeKeyIsMadeOnceAndSealsWhatTheRecipientOpens() throws Exception {
        OfficeKeys keys = new OfficeKeys(store, new ExchangeStore(), new AuditLog(store, Clock.systemUTC()));
        var ours = keys.key("Demo City");
        assertEquals(ours, keys.key("Demo City"), "made on first need, then kept");
        assertEquals(1, (int) store.read(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM platform_audit WHERE action = 'exchange.officekey.create'")) {
                rs.next();
                return rs.getInt(1);
            }
        }), "its making audited once, in the transaction that stores it");
        assertEquals(ours.fingerprint(), OpenPgp.readSecretKey(ours.secretKey(), ours.passphrase().toCharArray()).fingerprint());
        var forum = OpenPgp.generateKey("National forum", "forum pass".toCharArray());
        var forumRow = new ExchangeStore.OfficeKeyRow(forum.fingerprint(), forum.userId(), forum.created(),
                forum.armouredPublicKey(), forum.armouredSecretKey(), "forum pass");
        byte[] plain = "export zip bytes".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        OfficeKeys.seal(ours, new ByteArrayInputStream(plain), "export.zip", sealed, List.of(forum.armouredPublicKey()));

        ByteArrayOutputStream opened = new ByteArrayOutputStream();
        var v = OfficeKeys.open(forumRow, new ByteArrayInputStream(sealed.toByteArray()), opened, List.of(ours.publicKey()));
        assertArrayEquals(plain, opened.toByteArray());
        assertEquals(ours.fingerprint(), v.signerFingerprint());

        var unknown = assertThrows(OpenPgp.PgpException.class, () -> OfficeKeys.open(forumRow,
                new ByteArrayInputStream(sealed.toByteArray()), new ByteArrayOutputStream(), List.of()));
        assertEquals(OpenPgp.PgpException.Reason.UNKNOWN_SIGNER, unknown.reason());
        var notForUs = assertThrows(OpenPgp.PgpException.class, () -> OfficeKeys.open(ours,
                new ByteArrayInputStream(sealed.toByteArray()), new ByteArrayOutputStream(), List.of(ours.publicKey())));
        assertEquals(OpenPgp.PgpException.Reason.NOT_FOR_US, notForUs.reason());

        byte[] tampered = sealed.toByteArray().clone();
        tampered[tampered.length / 2] ^= 0x01;
        ByteArrayOutputStream partial = new ByteArrayOutputStream();
        var broken = assertThrows(OpenPgp.PgpException.class, () -> OfficeKeys.open(forumRow,
                new ByteArrayInputStream(tampered), partial, List.of(ours.publicKey())));
        assertTrue(java.util.Set.of(OpenPgp.PgpException.Reason.TAMPERED, OpenPgp.PgpException.Reason.BAD_SIGNATURE,
                OpenPgp.PgpException.Reason.NOT_OPENPGP).contains(broken.reason()), broken.reason().toString());
    }
}
