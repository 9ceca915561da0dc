package org.safercities.exchange;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp;
import org.safercities.platform.store.DataFolder;

/** GnuPG 2.2 decrypts a real export zip sealed for a gpg-made recipient key, checks the signature, gets the zip back. */
class GpgReadsExportTest {

    private static int gpg(Path dir, List<String> args, ByteArrayOutputStream out) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gpg", "--homedir", dir.resolve("home").toString(), "--batch",
                "--no-tty", "--pinentry-mode", "loopback", "--passphrase", "recipient pass"));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        if (out != null) {
            out.write(stdout);
        }
        return p.waitFor();
    }

    @Test
    void gpgDecryptsAndVerifiesAnExportOfThisModule() throws Exception {
        Path dir = Files.createTempDirectory("exchange-gpg");
        try {
            Files.createDirectory(dir.resolve("home"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            assertEquals(0, gpg(dir, List.of("--quick-gen-key", "UN-Habitat test <un@example.org>", "default", "default", "never"), null));
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            assertEquals(0, gpg(dir, List.of("--armor", "--export", "un@example.org"), pub));
            var office = OpenPgp.generateKey("Demo City office", "office pass".toCharArray());
            var officeRow = new ExchangeStore.OfficeKeyRow(office.fingerprint(), office.userId(), office.created(),
                    office.armouredPublicKey(), office.armouredSecretKey(), "office pass");
            Files.writeString(dir.resolve("office.asc"), office.armouredPublicKey());
            assertEquals(0, gpg(dir, List.of("--import", "office.asc"), null));

            ByteArrayOutputStream zip = new ByteArrayOutputStream();
            ExportBuilder.zip(ExportBuilderTest.content(true), zip);
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            OfficeKeys.seal(officeRow, new ByteArrayInputStream(zip.toByteArray()), "export-2025.zip", sealed,
                    List.of(pub.toString()));
            Files.write(dir.resolve("export.pgp"), sealed.toByteArray());

            ByteArrayOutputStream opened = new ByteArrayOutputStream();
            assertEquals(0, gpg(dir, List.of("--status-fd", "2", "--decrypt", "export.pgp"), opened),
                    Files.readString(dir.resolve("err.txt")));
            assertArrayEquals(zip.toByteArray(), opened.toByteArray(), "gpg gives back the very zip");
            String status = Files.readString(dir.resolve("err.txt"));
            assertTrue(status.contains("[GNUPG:] GOODSIG"), status);
            assertTrue(status.contains("VALIDSIG " + office.fingerprint()), status);
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", dir.resolve("home").toString(), "--kill", "all").start().waitFor();
            DataFolder.deleteTree(dir);
        }
    }
}
