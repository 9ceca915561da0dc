package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;
import org.safercities.platform.store.DataFolder;
import org.safercities.platform.web.FieldErrors;

/**
 * The service under the pages, on a real kit (demo city, exchange alone): the key book's refusals, the period and
 * folder checks, an export refused without a recipient, a job whose folder vanished fails with nothing recorded.
 */
class ExchangeServiceTest {

    static TestKit kit;
    static ExchangeService service;

    @BeforeAll
    static void start() throws Exception {
        ExchangeModule[] module = new ExchangeModule[1];
        kit = TestKit.start(Files.createTempDirectory("exchange-service"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("exchange", p -> module[0] = new ExchangeModule(p))));
        service = module[0].service();
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static FieldErrors add(String kind, String armoured) {
        return service.keys().add(kind, "", armoured.getBytes(StandardCharsets.UTF_8), service.officeKey().fingerprint(),
                "test", "-");
    }

    @Test
    void fileNamesAreSafe() {
        assertEquals("nairobi-city", ExchangeService.slug("Nairobi City"));
        assertEquals("bogota-d-c", ExchangeService.slug("Bogotá D.C."));
        assertEquals("city", ExchangeService.slug("القاهرة"), "a name with no Latin letters");
    }

    @Test
    void periodsAndFoldersAreChecked() throws Exception {
        assertTrue(service.period("2024", "2025").isEmpty());
        assertEquals("exchange.export.toBeforeFrom", service.period("2025", "2024").keyOf("toYear"));
        assertEquals("exchange.export.badYear", service.period("twenty", "2024").keyOf("fromYear"));
        FieldErrors e = new FieldErrors();
        assertEquals(service.defaultFolder(), service.folder("", e));
        assertTrue(Files.isDirectory(kit.data.resolve("exports")), "the default folder is made on first need");
        Path file = Files.createTempFile("not-a-folder", ".txt");
        for (Map.Entry<String, String> bad : List.of(Map.entry("usb", "exchange.export.folderAbsolute"),
                Map.entry(file.toString(), "exchange.export.folderMissing"),
                Map.entry("/no/such/stick", "exchange.export.folderMissing"),
                Map.entry("/proc", "exchange.export.folderNotWritable"))) {
            FieldErrors x = new FieldErrors();
            assertNull(service.folder(bad.getKey(), x), bad.getKey());
            assertEquals(bad.getValue(), x.keyOf("folder"), bad.getKey());
        }
        Files.delete(file);
    }

    @Test
    void theKeyBookRefusesWhatCannotServeAndKeepsEachKeyOncePerKind() throws Exception {
        assertEquals("exchange.keys.notKey", add(KeyBook.RECIPIENT, "hello").keyOf("key"));
        assertEquals("exchange.keys.empty", add(KeyBook.RECIPIENT, "").keyOf("key"));
        var k = OpenPgp.generateKey("Mombasa office <m@example.org>", "m".toCharArray());
        assertEquals("exchange.keys.secret", add(KeyBook.SENDER, k.armouredSecretKey()).keyOf("key"));
        assertEquals("exchange.keys.ownKey", add(KeyBook.RECIPIENT, service.officeKey().publicKey()).keyOf("key"));
        byte[] big = new byte[KeyBook.MAX_BYTES + 1];
        assertEquals("exchange.keys.tooLarge", service.keys().add(KeyBook.RECIPIENT, "", big, "", "test", "-").keyOf("key"));
        assertEquals("exchange.keys.labelTooLong", service.keys().add(KeyBook.SENDER, "x".repeat(201),
                k.armouredPublicKey().getBytes(StandardCharsets.UTF_8), "", "test", "-").keyOf("label"));
        assertTrue(add(KeyBook.SENDER, k.armouredPublicKey()).isEmpty());
        assertEquals("exchange.keys.duplicate", add(KeyBook.SENDER, k.armouredPublicKey()).keyOf("key"));
        assertTrue(add(KeyBook.RECIPIENT, k.armouredPublicKey()).isEmpty(), "the same key may be of both kinds");
        KeyBook.Entry sender = service.keys().list(KeyBook.SENDER).get(0);
        assertEquals("Mombasa office <m@example.org>", sender.label(), "the user id when no name is typed");
        assertFalse(service.keys().delete(KeyBook.RECIPIENT, sender.id() + 1_000_000, "test", "-"), "no such key");
        assertTrue(service.keys().delete(KeyBook.SENDER, sender.id(), "test", "-"));
        assertTrue(service.keys().list(KeyBook.SENDER).isEmpty());
        service.keys().list(KeyBook.RECIPIENT).forEach(r -> service.keys().delete(KeyBook.RECIPIENT, r.id(), "test", "-"));
    }

    @Test
    void aRecipientKeyThatCannotEncryptIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("exchange-gpg-sign-only");
        try {
            Path home = Files.createDirectory(dir.resolve("home"), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            List<String> base = List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty", "--pinentry-mode",
                    "loopback", "--passphrase", "");
            List<String> gen = new ArrayList<>(base);
            gen.addAll(List.of("--quick-gen-key", "Signing only <sign@example.org>", "ed25519", "sign", "never"));
            assertEquals(0, new ProcessBuilder(gen).redirectErrorStream(true).start().waitFor());
            List<String> export = new ArrayList<>(base);
            export.addAll(List.of("--armor", "--export", "sign@example.org"));
            Process p = new ProcessBuilder(export).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            assertEquals(0, p.waitFor());
            assertEquals("exchange.keys.cannotEncrypt", add(KeyBook.RECIPIENT, out.toString(StandardCharsets.UTF_8)).keyOf("key"));
            assertTrue(add(KeyBook.SENDER, out.toString(StandardCharsets.UTF_8)).isEmpty(), "it may sign as a sender");
            service.keys().list(KeyBook.SENDER).forEach(s -> service.keys().delete(KeyBook.SENDER, s.id(), "test", "-"));
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", dir.resolve("home").toString(), "--kill", "all").start().waitFor();
            DataFolder.deleteTree(dir);
        }
    }

    @Test
    void anExportNeedsARecipientAndAJobWhoseFolderVanishedRecordsNothing() throws Exception {
        FieldErrors e = new FieldErrors();
        assertTrue(service.start("2024", "2024", "", "test", "-", e).isEmpty());
        assertEquals("exchange.export.noRecipient", e.keyOf("recipients"));

        var forum = OpenPgp.generateKey("Forum <f@example.org>", "f".toCharArray());
        assertTrue(add(KeyBook.RECIPIENT, forum.armouredPublicKey()).isEmpty());
        long before = kit.scalar("SELECT COUNT(*) FROM exchange_export");
        Path gone = Files.createTempDirectory("usb-pulled-out");
        Files.delete(gone);
        var job = new ExchangeService.ExportJob(2024, 2024, gone, "test");
        service.run(job, "-");
        assertEquals(ExchangeService.ExportJob.Phase.FAILED, job.phase);
        assertEquals("exchange.export.writeFailed", job.problemKey);
        assertEquals(before, kit.scalar("SELECT COUNT(*) FROM exchange_export"));
        try (var s = Files.list(service.defaultFolder())) {
            assertEquals(List.of(), s.toList(), "the temporary zip is removed");
        }
        service.keys().list(KeyBook.RECIPIENT).forEach(r -> service.keys().delete(KeyBook.RECIPIENT, r.id(), "test", "-"));
    }
}
