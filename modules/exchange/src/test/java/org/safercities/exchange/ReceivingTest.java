package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import jakarta.json.Json;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;

/**
 * The receiving service on a real Derby database: a good export is stored with its practices as read-only received
 * ones; every bad file (tampered, unsigned, unknown signer, not for us, not OpenPGP, wrong schema, bad hash, no
 * manifest, too big, a zip bomb, twice the same) is refused with its own reason and changes no table.
 */
class ReceivingTest {

    private ExchangeDb db;
    private Path dir;
    private Store store;
    private AuditLog audit;
    private OfficeKeys keys;
    private ExchangeStore.OfficeKeyRow us;
    private Senders.Office nairobi;
    private final ExchangeStore sql = new ExchangeStore();

    @BeforeEach
    void open() throws Exception {
        db = new ExchangeDb();
        dir = db.dir;
        store = db.store;
        audit = new AuditLog(store, Clock.systemUTC());
        keys = new OfficeKeys(store, sql, audit);
        us = keys.key("National forum");
        nairobi = Senders.office("Nairobi", "KE");
        Senders.trust(store, nairobi, "Nairobi safety office");
    }

    @AfterEach
    void close() throws Exception {
        db.close();
    }

    private Receiving receiving(long cap) {
        return new Receiving(store, audit, sql, keys, () -> "National forum", Clock.systemUTC(), cap);
    }

    private Path file(byte[] bytes) throws Exception {
        Path p = Files.createTempFile(dir, "received", ".zip.gpg");
        Files.write(p, bytes);
        return p;
    }

    private byte[] goodZip() throws Exception {
        return Senders.zip(Senders.content(nairobi, 2025, List.of(Senders.value("16.1.1", "2025", 3.2, 140L)),
                "Lights on the market lanes"));
    }

    private long count(String table) {
        return scalar("SELECT COUNT(*) FROM " + table);
    }

    private long scalar(String query) {
        long n = store.read(c -> {
            try (var rs = c.createStatement().executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
            }
        });
        return n;
    }

    private long audited(String action) {
        return scalar("SELECT COUNT(*) FROM platform_audit WHERE action = '" + action + "'");
    }

    /** Refused with {@code key}; nothing stored; one more refusal in the audit log. */
    private void refused(String key, byte[] file, long cap) throws Exception {
        long received = count("exchange_received");
        long practices = count("exchange_practice");
        long refusals = audited("exchange.received.refused");
        Path p = file(file);
        Receiving.Refused r = assertThrows(Receiving.Refused.class, () -> receiving(cap).receive(p, "x.zip.gpg", "forum", "127.0.0.1"));
        assertEquals(key, r.key(), r.getMessage());
        assertEquals(received, count("exchange_received"), key + ": nothing received");
        assertEquals(practices, count("exchange_practice"), key + ": no practice stored");
        assertEquals(refusals + 1, audited("exchange.received.refused"), key + ": audited");
        try (var files = Files.list(db.folder.uploads())) {
            assertEquals(0, files.count(), key + ": no decrypted copy left behind");
        }
    }

    @Test
    void aGoodExportIsStoredWithItsSignerAndItsPracticesReadOnly() throws Exception {
        byte[] sealed = Senders.seal(nairobi, goodZip(), us.publicKey());
        long id = receiving(Receiving.DEFAULT_MAX_PLAIN_BYTES).receive(file(sealed), "export.zip.gpg", "forum", "127.0.0.1");
        ExchangeStore.ReceivedRow r = store.read(c -> sql.received(c, id)).orElseThrow();
        assertEquals("Nairobi", r.city());
        assertEquals("KE", r.country());
        assertEquals(2025, r.fromYear());
        assertEquals(nairobi.key().fingerprint(), r.signer());
        assertEquals("Nairobi safety office", r.signerLabel());
        assertEquals("forum", r.receivedBy());
        assertEquals(Receiving.sha256(file(sealed)), r.fileSha256());
        assertTrue(r.content().contains("\"16.1.1\""));
        List<Practice> practices = store.read(sql::practices);
        assertEquals(1, practices.size());
        assertEquals("Lights on the market lanes", practices.get(0).title());
        assertEquals("Nairobi", practices.get(0).city());
        assertEquals(id, practices.get(0).receivedId());
        assertFalse(practices.get(0).own());
        assertEquals(1, audited("exchange.received.create"));
        refused("exchange.import.duplicate", sealed, Receiving.DEFAULT_MAX_PLAIN_BYTES);
    }

    @Test
    void theSameFileImportedFourTimesAtOnceIsStoredOnceAndTheOthersAreToldItIsAlreadyThere() throws Exception {
        byte[] sealed = Senders.seal(nairobi, goodZip(), us.publicKey());
        Receiving r = receiving(Receiving.DEFAULT_MAX_PLAIN_BYTES);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                Path copy = file(sealed);
                answers.add(pool.submit(() -> {
                    start.await();
                    try {
                        return "stored " + r.receive(copy, "export.zip.gpg", "forum", "127.0.0.1");
                    } catch (Receiving.Refused e) {
                        return e.key();
                    }
                }));
            }
            start.countDown();
        }
        List<String> said = new java.util.ArrayList<>();
        for (var a : answers) {
            said.add(a.get());
        }
        assertEquals(1, said.stream().filter(a -> a.startsWith("stored ")).count(), said.toString());
        assertEquals(3, said.stream().filter("exchange.import.duplicate"::equals).count(), said.toString());
        assertEquals(1, count("exchange_received"));
    }

    @Test
    void aCitysLaterExportReplacesThePracticesOfItsEarlierOnes() throws Exception {
        Senders.Office mombasa = Senders.office("Mombasa", "KE");
        Senders.trust(store, mombasa, "Mombasa office");
        Receiving r = receiving(Receiving.DEFAULT_MAX_PLAIN_BYTES);
        r.receive(file(Senders.seal(nairobi, goodZip(), us.publicKey())), "a", "forum", "-");
        r.receive(file(Senders.seal(mombasa, Senders.zip(Senders.content(mombasa, 2025, List.of(), "Ferry lights")),
                us.publicKey())), "b", "forum", "-");
        long later = r.receive(file(Senders.seal(nairobi, Senders.zip(Senders.content(nairobi, 2026, List.of(),
                "Night buses")), us.publicKey())), "c", "forum", "-");
        List<Practice> practices = store.read(sql::practices);
        assertEquals(List.of("Ferry lights", "Night buses"), practices.stream().map(Practice::title).sorted().toList(),
                "Nairobi's earlier list is replaced, Mombasa's kept");
        assertEquals(later, practices.stream().filter(p -> p.city().equals("Nairobi")).findFirst().orElseThrow().receivedId());
        assertEquals(3, count("exchange_received"), "every export is kept");
    }

    @Test
    void everyBrokenEnvelopeIsRefusedForItsOwnReason() throws Exception {
        byte[] zip = goodZip();
        byte[] sealed = Senders.seal(nairobi, zip, us.publicKey());
        long cap = Receiving.DEFAULT_MAX_PLAIN_BYTES;
        byte[] flipped = sealed.clone();
        flipped[flipped.length / 2] ^= 0x01;
        refused("exchange.import.tampered", flipped, cap);
        Senders.Office stranger = Senders.office("Elsewhere", "TZ");
        refused("exchange.import.unknownSigner", Senders.seal(stranger, zip, us.publicKey()), cap);
        Senders.Office other = Senders.office("Other forum", "UG");
        refused("exchange.import.notForUs", Senders.seal(nairobi, zip, other.publicKey()), cap);
        refused("exchange.import.notOpenpgp", zip, cap);
        refused("exchange.import.notOpenpgp", "hello, not an export".getBytes(StandardCharsets.UTF_8), cap);
        refused("exchange.import.unsigned", Senders.unsignedByGpg(zip, us.publicKey(), us.fingerprint()), cap);
        refused("exchange.import.tooBig", sealed, 1024);
    }

    @Test
    void everyBrokenExportInsideAGoodEnvelopeIsRefused() throws Exception {
        long cap = Receiving.DEFAULT_MAX_PLAIN_BYTES;
        Map<String, byte[]> parts = Senders.unzip(goodZip());

        // export.json that breaks the schema, with a manifest whose hashes are right for it
        var broken = Senders.unzip(goodZip());
        var json = Json.createReader(new java.io.StringReader(new String(broken.get("export.json"), StandardCharsets.UTF_8))).readObject();
        broken.put("export.json", Senders.edit(json, "incidents", Json.createValue("none")).toString().getBytes(StandardCharsets.UTF_8));
        refused("exchange.import.schemaInvalid", Senders.seal(nairobi, Senders.rezip(broken, m -> m), us.publicKey()), cap);

        // a part changed after the manifest was written
        var changed = Senders.unzip(goodZip());
        byte[] csv = changed.get("incidents.csv").clone();
        csv[csv.length - 3] ^= 0x01;
        changed.put("incidents.csv", csv);
        refused("exchange.import.badHash", Senders.seal(nairobi, zipAsIs(changed), us.publicKey()), cap);

        refused("exchange.import.noManifest", Senders.seal(nairobi, Senders.rezip(parts, null), us.publicKey()), cap);
        refused("exchange.import.schemaVersion", Senders.seal(nairobi, Senders.rezip(parts,
                m -> Senders.edit(m, "schemaVersion", Json.createValue("9.0"))), us.publicKey()), cap);
        refused("exchange.import.manifestMismatch", Senders.seal(nairobi, Senders.rezip(parts,
                m -> Senders.edit(m, "city", Json.createValue("Mombasa"))), us.publicKey()), cap);
        var extra = Senders.unzip(goodZip());
        byte[] manifest = extra.remove("manifest.json");
        extra.put("notes.txt", "not listed".getBytes(StandardCharsets.UTF_8));
        extra.put("manifest.json", manifest);
        refused("exchange.import.extraPart", Senders.seal(nairobi, zipAsIs(extra), us.publicKey()), cap);
        refused("exchange.import.notExport", Senders.seal(nairobi, "not a zip".getBytes(StandardCharsets.UTF_8),
                us.publicKey()), cap);
    }

    @Test
    void aZipBombIsRefusedWhileUnzippingNotAfter() throws Exception {
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bomb)) {
            zip.putNextEntry(new ZipEntry("export.json"));
            byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 8; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
        }
        assertTrue(bomb.size() < 64 * 1024, "8 MB of zeros zip to a few kilobytes: " + bomb.size());
        refused("exchange.import.tooBig", Senders.seal(nairobi, bomb.toByteArray(), us.publicKey()), 1024 * 1024);
    }

    /** The parts zipped as they are, the manifest included unchanged. */
    private static byte[] zipAsIs(Map<String, byte[]> parts) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var p : parts.entrySet()) {
                zip.putNextEntry(new ZipEntry(p.getKey()));
                zip.write(p.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
