package org.safercities.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.crypto.OpenPgp.KeyInfo;
import org.safercities.crypto.OpenPgp.OfficeKey;
import org.safercities.crypto.OpenPgp.PgpException;
import org.safercities.crypto.OpenPgp.PgpException.Reason;
import org.safercities.crypto.OpenPgp.Verified;

/**
 * OpenPgp against the real programs: GnuPG 2.2 (gnupg), Sequoia (sq) and RNP (rnp), each in a temporary home.
 * They must be installed (.ci/run installs them); a missing one fails the test with the package to install.
 */
class OpenPgpInteropTest {

    @TempDir
    static Path dir;
    static String gpg;
    static Map<String, String> env;

    /** The office that signs (ours), and the receiving side (ours too: the national forum runs the kit). */
    static final char[] PASS_OFFICE = "office passphrase ü".toCharArray();
    static final char[] PASS_FORUM = "forum passphrase".toCharArray();
    static final OfficeKey OFFICE = OpenPgp.generateKey("Safer Cities office <office@example.org>", PASS_OFFICE);
    static final OfficeKey FORUM = OpenPgp.generateKey("National forum <forum@example.org>", PASS_FORUM);
    static final String GPG_PASS = "gpg passphrase";

    static byte[] plain;

    @BeforeAll
    static void gnupgHome() throws Exception {
        gpg = Tools.need("gpg", "gnupg");
        Path home = dir.resolve("gnupg");
        Files.createDirectory(home, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        env = Map.of("GNUPGHOME", home.toString());
        Files.writeString(dir.resolve("forum-pass"), new String(PASS_FORUM));
        Files.writeString(dir.resolve("gpg-pass"), GPG_PASS);
        Files.writeString(dir.resolve("office.asc"), OFFICE.armouredPublicKey());
        Files.writeString(dir.resolve("forum.asc"), FORUM.armouredPublicKey());
        Files.writeString(dir.resolve("forum-secret.asc"), FORUM.armouredSecretKey());
        ok(gpgRun("--import", "office.asc"));
        // gpg imports our passphrase-protected secret key with the passphrase
        ok(gpgRun("--passphrase-file", "forum-pass", "--import", "forum-secret.asc"));
        StringBuilder json = new StringBuilder("{\"city\":\"Medellín\",\"rows\":[");
        Random r = new Random(3);
        for (int i = 0; i < 3000; i++) {
            json.append(i == 0 ? "" : ",").append("{\"ward\":\"Comuna ").append(r.nextInt(16))
                    .append("\",\"category\":\"Hurto\",\"n\":").append(r.nextInt(500)).append(",\"note\":\"安全 أمان\"}");
        }
        plain = json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (gpg != null) {
            Tools.run(dir, env, null, "gpgconf", "--kill", "all");   // the gpg-agent this home started
        }
    }

    static Tools.Result gpgRun(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(gpg, "--batch", "--no-tty", "--pinentry-mode", "loopback",
                "--status-file", "status"));
        cmd.addAll(List.of(args));
        return Tools.run(dir, env, null, cmd.toArray(String[]::new));
    }

    static Tools.Result ok(Tools.Result r) {
        assertEquals(0, r.exit(), r.toString());
        return r;
    }

    static byte[] export(byte[] data, List<String> to, boolean armour) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenPgp.encryptAndSign(new ByteArrayInputStream(data), "export-2026-Q3.json", out, to,
                OFFICE.armouredSecretKey(), PASS_OFFICE, armour);
        return out.toByteArray();
    }

    static String keyId(String fingerprint) {
        return fingerprint.substring(24);
    }

    /** A gpg key with passphrase GPG_PASS, no expiry: its fingerprint. */
    static String gpgKey(String userId, String algo, String usage) throws Exception {
        return gpgKey(userId, algo, usage, "never");
    }

    static String gpgKey(String userId, String algo, String usage, String expire, String... moreArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of(moreArgs));
        args.addAll(List.of("--passphrase-file", "gpg-pass", "--quick-gen-key", userId, algo, usage, expire));
        ok(gpgRun(args.toArray(String[]::new)));
        return fingerprintOf(userId);
    }

    static String fingerprintOf(String userId) throws Exception {
        String listing = ok(gpgRun("--with-colons", "--list-keys", "=" + userId)).outText();
        Matcher m = Pattern.compile("(?m)^fpr:+([0-9A-F]{40}):").matcher(listing);
        assertTrue(m.find(), listing);
        return m.group(1);
    }

    static String exported(String fingerprint) throws Exception {
        return ok(gpgRun("--armor", "--export", fingerprint)).outText();
    }

    // ------------------------------------------------------------------------------------------------ gpg reads us

    @Test
    void gpgDecryptsOurExportAndReportsAGoodSignatureFromTheOffice() throws Exception {
        for (boolean armour : new boolean[]{false, true}) {
            Path msg = dir.resolve(armour ? "export.asc" : "export.pgp");
            Files.write(msg, export(plain, List.of(FORUM.armouredPublicKey()), armour));
            Tools.Result r = ok(gpgRun("--passphrase-file", "forum-pass", "--decrypt", msg.getFileName().toString()));
            assertArrayEquals(plain, r.out());
            assertTrue(r.status().contains("[GNUPG:] GOODSIG " + keyId(OFFICE.fingerprint()) + " " + OFFICE.userId()), r.toString());
            assertTrue(r.status().contains("[GNUPG:] VALIDSIG " + OFFICE.fingerprint()), r.toString());
            assertTrue(r.status().contains("[GNUPG:] DECRYPTION_INFO 2 9"), "MDC (2) and AES-256 (9): " + r);
            assertTrue(r.status().contains("[GNUPG:] GOODMDC"), r.toString());
            assertTrue(r.status().contains("[GNUPG:] DECRYPTION_OKAY"), r.toString());
            assertTrue(r.status().contains(" export-2026-Q3.json"), "the file name travels: " + r.status());
            assertTrue(r.err().contains("Good signature from \"" + OFFICE.userId() + "\""), r.err());
            // VALIDSIG fpr date time expiry version reserved pubkey-algo hash-algo class: a v4 EdDSA (22) SHA-512 (10)
            // signature of a binary document (00)
            assertTrue(Pattern.compile("VALIDSIG " + OFFICE.fingerprint() + " \\S+ \\d+ 0 4 0 22 10 00 ")
                    .matcher(r.status()).find(), r.status());
            String packets = gpgRun("--passphrase-file", "forum-pass", "--list-packets", msg.getFileName().toString()).outText();
            assertTrue(packets.contains("compressed packet: algo=1"), "ZIP: " + packets);
        }
    }

    @Test
    void gpgVerifiesOurDetachedSignatureAndRefusesChangedData() throws Exception {
        Files.write(dir.resolve("profile.json"), plain);
        Files.writeString(dir.resolve("profile.json.asc"),
                OpenPgp.signDetached(new ByteArrayInputStream(plain), OFFICE.armouredSecretKey(), PASS_OFFICE));
        Tools.Result r = ok(gpgRun("--verify", "profile.json.asc", "profile.json"));
        assertTrue(r.status().contains("[GNUPG:] VALIDSIG " + OFFICE.fingerprint()), r.toString());
        byte[] changed = plain.clone();
        changed[100] ^= 1;
        Files.write(dir.resolve("profile-changed.json"), changed);
        Tools.Result bad = gpgRun("--verify", "profile.json.asc", "profile-changed.json");
        assertNotEquals(0, bad.exit(), bad.toString());
        assertTrue(bad.status().contains("[GNUPG:] BADSIG"), bad.toString());
    }

    @Test
    void flippedCopiesAreRefusedByGpgAndByTheKit() throws Exception {
        byte[] msg = export(plain, List.of(FORUM.armouredPublicKey()), false);
        int keyPacketEnd = 2 + (msg[1] & 0xff);   // new-format header, one-octet length: our ECDH key packet
        assertTrue((msg[0] & 0xff) == 0xC1 && (msg[1] & 0xff) < 192, "an ECDH key packet first");
        Random r = new Random(2026);
        for (int k = 0; k < 8; k++) {
            int i = keyPacketEnd + r.nextInt(msg.length - keyPacketEnd);
            if (k == 0) {
                i = msg.length - 1;   // the last byte of the MDC
            } else if (k == 1) {
                i = keyPacketEnd + 8;   // early in the encrypted data
            }
            byte[] copy = msg.clone();
            copy[i] ^= (byte) (1 << r.nextInt(8));
            Files.write(dir.resolve("flipped.pgp"), copy);
            Tools.Result g = gpgRun("--passphrase-file", "forum-pass", "--decrypt", "flipped.pgp");
            assertNotEquals(0, g.exit(), "gpg accepted byte " + i + " flipped: " + g);
            int at = i;
            PgpException e = assertThrows(PgpException.class, () -> OpenPgp.decryptAndVerify(new ByteArrayInputStream(copy),
                    new ByteArrayOutputStream(), FORUM.armouredSecretKey(), PASS_FORUM, List.of(OFFICE.armouredPublicKey())),
                    "byte " + at);
            assertTrue(e.reason() == Reason.TAMPERED || e.reason() == Reason.NOT_OPENPGP, "byte " + i + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ we read gpg

    @Test
    void theKitReadsWhatGpgEncryptedAndSignedToOurKey() throws Exception {
        String ed = gpgKey("UN-Habitat test <ed25519@example.org>", "future-default", "default");
        String rsa = gpgKey("UN-Habitat RSA test <rsa@example.org>", "rsa3072", "sign");
        Files.write(dir.resolve("report.json"), plain);
        for (String signer : List.of(ed, rsa)) {
            for (boolean armour : new boolean[]{false, true}) {
                Files.deleteIfExists(dir.resolve("report.json.gpg"));
                ok(gpgRun("--passphrase-file", "gpg-pass", "--trust-model", "always", "--encrypt", "--sign",
                        armour ? "--armor" : "--no-armor", "--recipient", FORUM.fingerprint(), "--local-user", signer,
                        "--output", "report.json.gpg", "report.json"));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                Verified v = OpenPgp.decryptAndVerify(Files.newInputStream(dir.resolve("report.json.gpg")), out,
                        FORUM.armouredSecretKey(), PASS_FORUM, List.of(OFFICE.armouredPublicKey(), exported(signer)));
                assertArrayEquals(plain, out.toByteArray());
                assertEquals(signer, v.signerFingerprint());
                assertEquals("report.json", v.fileName());
                // the same file, when the signer is not among the known ones: said in words
                PgpException e = assertThrows(PgpException.class, () -> OpenPgp.decryptAndVerify(
                        Files.newInputStream(dir.resolve("report.json.gpg")), new ByteArrayOutputStream(),
                        FORUM.armouredSecretKey(), PASS_FORUM, List.of(OFFICE.armouredPublicKey())));
                assertEquals(Reason.UNKNOWN_SIGNER, e.reason());
                assertTrue(e.getMessage().contains(signer) && e.getMessage().contains(OFFICE.userId()), e.getMessage());
            }
            Files.deleteIfExists(dir.resolve("report.json.sig"));
            ok(gpgRun("--passphrase-file", "gpg-pass", "--armor", "--detach-sign", "--local-user", signer,
                    "--output", "report.json.sig", "report.json"));
            Verified d = OpenPgp.verifyDetached(new ByteArrayInputStream(plain),
                    Files.readString(dir.resolve("report.json.sig")), List.of(exported(signer)));
            assertEquals(signer, d.signerFingerprint());
        }
    }

    @Test
    void gpgMadeKeysAreReadAndOurExportToAnRsaRecipientDecryptsInGpg() throws Exception {
        String ed = gpgKey("Forum ed25519 <fe@example.org>", "future-default", "default");
        KeyInfo edInfo = OpenPgp.readPublicKey(exported(ed));
        assertEquals(ed, edInfo.fingerprint());
        assertEquals("Forum ed25519 <fe@example.org>", edInfo.userId());
        assertTrue(edInfo.canEncrypt() && edInfo.canSign());

        // RSA 3072 as gpg makes it: a signing primary, then an encryption subkey
        String rsa = gpgKey("UN-Habitat <unhabitat@example.org>", "rsa3072", "sign");
        KeyInfo signOnly = OpenPgp.readPublicKey(exported(rsa));
        assertTrue(signOnly.canSign());
        assertFalse(signOnly.canEncrypt());
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class,
                () -> export(plain, List.of(exported(rsa)), false)).reason(), "a key that cannot encrypt is no recipient");
        ok(gpgRun("--passphrase-file", "gpg-pass", "--quick-add-key", rsa, "rsa3072", "encr", "never"));
        KeyInfo rsaInfo = OpenPgp.readPublicKey(exported(rsa));
        assertEquals(rsa, rsaInfo.fingerprint());
        assertTrue(rsaInfo.canEncrypt() && rsaInfo.canSign());

        Files.write(dir.resolve("to-rsa.pgp"), export(plain, List.of(exported(rsa)), false));
        Tools.Result r = ok(gpgRun("--passphrase-file", "gpg-pass", "--decrypt", "to-rsa.pgp"));
        assertArrayEquals(plain, r.out());
        assertTrue(r.status().contains("[GNUPG:] GOODSIG " + keyId(OFFICE.fingerprint())), r.toString());
        assertTrue(r.err().contains("encrypted with 3072-bit RSA key"), r.err());

        // the kit signs with gpg's RSA secret key too (PKCS #1 over the JDK's SHA-512), and gpg checks it
        String rsaSecret = ok(gpgRun("--passphrase-file", "gpg-pass", "--armor", "--export-secret-keys", rsa)).outText();
        Files.write(dir.resolve("rsa-signed.json"), plain);
        Files.writeString(dir.resolve("rsa-signed.json.asc"),
                OpenPgp.signDetached(new ByteArrayInputStream(plain), rsaSecret, GPG_PASS.toCharArray()));
        Tools.Result v = ok(gpgRun("--verify", "rsa-signed.json.asc", "rsa-signed.json"));
        assertTrue(Pattern.compile("VALIDSIG \\S+ \\S+ \\d+ 0 4 0 1 10 00 " + rsa).matcher(v.status()).find(),
                "RSA (1) SHA-512 (10) by the primary: " + v.status());

        // gpg's secret key export: refused as a public key, read as a secret key with its passphrase
        String secret = ok(gpgRun("--passphrase-file", "gpg-pass", "--armor", "--export-secret-keys", ed)).outText();
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(secret)).reason());
        assertEquals(ed, OpenPgp.readSecretKey(secret, GPG_PASS.toCharArray()).fingerprint());
        assertEquals(Reason.WRONG_PASSPHRASE, assertThrows(PgpException.class,
                () -> OpenPgp.readSecretKey(secret, "not it".toCharArray())).reason());
    }

    @Test
    void expiredRevokedAndWeakGpgKeysAreRefused() throws Exception {
        String expired = gpgKey("Expired <old@example.org>", "future-default", "default", "1y",
                "--faked-system-time", "20200101T000000!");
        PgpException e = assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(exported(expired)));
        assertEquals(Reason.BAD_KEY, e.reason());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());

        String revoked = gpgKey("Revoked <rev@example.org>", "future-default", "default");
        String cert = Files.readString(Path.of(env.get("GNUPGHOME"), "openpgp-revocs.d", revoked + ".rev"))
                .replace(":-----BEGIN", "-----BEGIN");   // gpg guards its stored revocation with a colon
        Files.writeString(dir.resolve("revoke.asc"), cert);
        ok(gpgRun("--import", "revoke.asc"));
        e = assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(exported(revoked)));
        assertEquals(Reason.BAD_KEY, e.reason());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());

        String weak = gpgKey("Weak <weak@example.org>", "rsa1024", "default");
        e = assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(exported(weak)));
        assertEquals(Reason.BAD_KEY, e.reason());
        assertTrue(e.getMessage().contains("1024"), e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ sq and rnp

    /** sq 0.27 asks for a key's password on a terminal only: it gets an unprotected copy of the forum's key. */
    static String unprotected(OfficeKey key, char[] pass) throws Exception {
        PGPSecretKeyRing ring = PgpKeys.parseSecret(key.armouredSecretKey());
        PGPSecretKeyRing clear = PGPSecretKeyRing.copyWithNewPassword(ring,
                new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(pass), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var a = new org.bouncycastle.bcpg.ArmoredOutputStream(out)) {
            clear.encode(a);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void sqDecryptsOurExportAndChecksTheSignature() throws Exception {
        String sq = Tools.need("sq", "sq");
        Files.writeString(dir.resolve("forum-clear.asc"), unprotected(FORUM, PASS_FORUM));
        for (boolean armour : new boolean[]{false, true}) {
            byte[] msg = export(plain, List.of(FORUM.armouredPublicKey()), armour);
            Files.write(dir.resolve("sq-export"), msg);
            Tools.Result r = Tools.run(dir, Map.of(), null, sq, "decrypt", "--recipient-key", "forum-clear.asc",
                    "--signer-cert", "office.asc", "sq-export");
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(plain, r.out());
            assertTrue(r.err().contains("Good signature") || r.err().contains("1 good signature"), r.err());

            byte[] copy = msg.clone();
            copy[copy.length / 2] ^= 0x10;
            Files.write(dir.resolve("sq-flipped"), copy);
            Tools.Result bad = Tools.run(dir, Map.of(), null, sq, "decrypt", "--recipient-key", "forum-clear.asc",
                    "--signer-cert", "office.asc", "sq-flipped");
            assertNotEquals(0, bad.exit(), bad.toString());
        }
        Files.write(dir.resolve("sq-data"), plain);
        Files.writeString(dir.resolve("sq-data.asc"),
                OpenPgp.signDetached(new ByteArrayInputStream(plain), OFFICE.armouredSecretKey(), PASS_OFFICE));
        Tools.Result v = Tools.run(dir, Map.of(), null, sq, "verify", "--detached", "sq-data.asc",
                "--signer-cert", "office.asc", "sq-data");
        assertEquals(0, v.exit(), v.toString());

        // and a key sq made is a recipient we can encrypt to, that sq then decrypts
        Tools.Result gen = Tools.run(dir, Map.of(), null, sq, "key", "generate", "--userid", "Sq user <sq@example.org>",
                "--export", "sq-key.asc");
        assertEquals(0, gen.exit(), gen.toString());
        Tools.Result certOut = Tools.run(dir, Map.of(), null, sq, "key", "extract-cert", "sq-key.asc");
        assertEquals(0, certOut.exit(), certOut.toString());
        KeyInfo sqInfo = OpenPgp.readPublicKey(certOut.outText());
        assertTrue(sqInfo.canEncrypt() && sqInfo.canSign(), sqInfo.toString());
        Files.write(dir.resolve("to-sq"), export(plain, List.of(certOut.outText()), false));
        Tools.Result r = Tools.run(dir, Map.of(), null, sq, "decrypt", "--recipient-key", "sq-key.asc",
                "--signer-cert", "office.asc", "to-sq");
        assertEquals(0, r.exit(), r.toString());
        assertArrayEquals(plain, r.out());

        // what sq encrypts to our key and signs with its own (armoured, its default) is read by the kit
        Files.write(dir.resolve("sq-plain.json"), plain);
        Tools.Result enc = Tools.run(dir, Map.of(), null, sq, "encrypt", "--recipient-cert", "forum.asc",
                "--signer-key", "sq-key.asc", "--output", "from-sq.asc", "sq-plain.json");
        assertEquals(0, enc.exit(), enc.toString());
        ByteArrayOutputStream fromSq = new ByteArrayOutputStream();
        Verified v2 = OpenPgp.decryptAndVerify(Files.newInputStream(dir.resolve("from-sq.asc")), fromSq,
                FORUM.armouredSecretKey(), PASS_FORUM, List.of(certOut.outText()));
        assertArrayEquals(plain, fromSq.toByteArray());
        assertEquals(sqInfo.fingerprint(), v2.signerFingerprint());
    }

    @Test
    void rnpDecryptsOurExportAndChecksTheSignature() throws Exception {
        String rnp = Tools.need("rnp", "rnp");
        String rnpkeys = Tools.need("rnpkeys", "rnp");
        Path home = dir.resolve("rnp");
        Files.createDirectories(home);
        for (String f : List.of("office.asc", "forum-secret.asc")) {
            Tools.Result imp = Tools.run(dir, Map.of(), null, rnpkeys, "--homedir", home.toString(), "--import", f);
            assertEquals(0, imp.exit(), imp.toString());
        }
        for (boolean armour : new boolean[]{false, true}) {
            byte[] msg = export(plain, List.of(FORUM.armouredPublicKey()), armour);
            Files.write(dir.resolve("rnp-export"), msg);
            Tools.Result r = Tools.run(dir, Map.of(), null, rnp, "--homedir", home.toString(), "--notty",
                    "--password", new String(PASS_FORUM), "--decrypt", "rnp-export", "--output", "-");
            assertEquals(0, r.exit(), r.toString());
            assertArrayEquals(plain, r.out());
            assertTrue(r.err().contains("Good signature") && r.err().contains(OFFICE.userId()), r.err());

            byte[] copy = msg.clone();
            copy[copy.length / 2] ^= 0x10;
            Files.write(dir.resolve("rnp-flipped"), copy);
            Tools.Result bad = Tools.run(dir, Map.of(), null, rnp, "--homedir", home.toString(), "--notty",
                    "--password", new String(PASS_FORUM), "--decrypt", "rnp-flipped", "--output", "-");
            assertNotEquals(0, bad.exit(), bad.toString());
        }
        Files.write(dir.resolve("rnp-data"), plain);
        Files.writeString(dir.resolve("rnp-data.asc"),
                OpenPgp.signDetached(new ByteArrayInputStream(plain), OFFICE.armouredSecretKey(), PASS_OFFICE));
        Tools.Result v = Tools.run(dir, Map.of(), null, rnp, "--homedir", home.toString(), "--notty",
                "--verify", "rnp-data.asc", "--source", "rnp-data");
        assertEquals(0, v.exit(), v.toString());
    }
}
