package org.safercities.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;
import org.junit.jupiter.api.Test;

import org.safercities.crypto.OpenPgp.KeyInfo;
import org.safercities.crypto.OpenPgp.OfficeKey;
import org.safercities.crypto.OpenPgp.PgpException;
import org.safercities.crypto.OpenPgp.PgpException.Reason;
import org.safercities.crypto.OpenPgp.Verified;

/** OpenPgp on its own: keys, round trips, every refusal, every flipped byte. gpg, sq and rnp: {@link OpenPgpInteropTest}. */
class OpenPgpTest {

    static final char[] PASS_A = "office A passphrase".toCharArray();
    static final char[] PASS_B = "national forum passphrase".toCharArray();
    /** The default S2K count for one key (so its path is tested); cheap counts for the rest, which unlock often. */
    static final OfficeKey A = OpenPgp.generateKey("Safer Cities office A <a@example.org>", PASS_A);
    static final OfficeKey B = OpenPgp.generateKey("National forum B <b@example.org>", PASS_B, 0x10);
    static final OfficeKey C = OpenPgp.generateKey("Someone else C <c@example.org>", "c".toCharArray(), 0x10);

    static final byte[] EXPORT = ("{\"city\":\"Bogotá\",\"period\":\"2026-Q3\",\"incidents\":[{\"ward\":\"Usaquén\",\"n\":41},"
            + "{\"ward\":\"Chapinero\",\"n\":17}],\"note\":\"中文 العربية\"}").getBytes(StandardCharsets.UTF_8);

    static byte[] export(byte[] plain, boolean armour, List<String> to, OfficeKey signer, char[] pass) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenPgp.encryptAndSign(new ByteArrayInputStream(plain), "export-2026-Q3.json", out, to, signer.armouredSecretKey(),
                pass, armour);
        return out.toByteArray();
    }

    static Verified open(byte[] message, ByteArrayOutputStream plain, OfficeKey own, char[] pass, List<String> signers)
            throws Exception {
        return OpenPgp.decryptAndVerify(new ByteArrayInputStream(message), plain, own.armouredSecretKey(), pass, signers);
    }

    static Reason refusal(byte[] message, OfficeKey own, char[] pass, List<String> signers) {
        PgpException e = assertThrows(PgpException.class, () -> open(message, new ByteArrayOutputStream(), own, pass, signers));
        assertNotNull(e.getMessage());
        return e.reason();
    }

    // ------------------------------------------------------------------------------------------------ keys

    @Test
    void fingerprintsAreShownInGroupsOfFourAsGpgPrintsThem() {
        assertEquals("ABCD 1234 EF", OpenPgp.grouped("abcd1234ef"));
        assertEquals("ABCD 1234", OpenPgp.grouped("AB:CD 12:34"));
        assertEquals("", OpenPgp.grouped(null));
    }

    @Test
    void generatedKeyCanSignAndEncryptAndOpensOnlyWithItsPassphrase() throws Exception {
        assertTrue(A.fingerprint().matches("[0-9A-F]{40}"), A.fingerprint());
        assertTrue(A.armouredPublicKey().startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----"));
        assertTrue(A.armouredSecretKey().startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----"));
        assertFalse(A.armouredPublicKey().contains("Version:"), "no library name in the armour");
        assertFalse(A.toString().contains("PRIVATE"), "toString never shows the secret key");
        assertTrue(Duration.between(A.created(), Instant.now()).abs().toMinutes() < 5);

        KeyInfo pub = OpenPgp.readPublicKey(A.armouredPublicKey());
        assertEquals(new KeyInfo(A.fingerprint(), A.userId(), A.created(), true, true), pub);
        assertEquals(pub, OpenPgp.readSecretKey(A.armouredSecretKey(), PASS_A));
        assertEquals(Reason.WRONG_PASSPHRASE,
                assertThrows(PgpException.class, () -> OpenPgp.readSecretKey(A.armouredSecretKey(), PASS_B)).reason());
        assertEquals(Reason.WRONG_PASSPHRASE,
                assertThrows(PgpException.class, () -> OpenPgp.readSecretKey(A.armouredSecretKey(), new char[0])).reason());
        assertNotEquals(A.fingerprint(), B.fingerprint());
    }

    @Test
    void generatedKeyIsV4Ed25519WithX25519SubkeyAndProtectedWithAes256IteratedS2k() throws Exception {
        PGPPublicKeyRing ring = PgpKeys.parsePublic(A.armouredPublicKey());
        List<PGPPublicKey> keys = new ArrayList<>();
        ring.getPublicKeys().forEachRemaining(keys::add);
        assertEquals(2, keys.size());
        assertEquals(4, keys.get(0).getVersion());
        assertEquals(PGPPublicKey.EDDSA_LEGACY, keys.get(0).getAlgorithm());
        assertEquals(PGPPublicKey.ECDH, keys.get(1).getAlgorithm());
        var secret = PgpKeys.parseSecret(A.armouredSecretKey());
        secret.forEach(k -> {
            assertEquals(SymmetricKeyAlgorithmTags.AES_256, k.getKeyEncryptionAlgorithm());
            assertEquals(254, k.getS2KUsage(), "SHA-1 checked secret key, as gpg writes it");
            assertEquals(org.bouncycastle.bcpg.S2K.SALTED_AND_ITERATED, k.getS2K().getType());
            assertEquals(org.bouncycastle.bcpg.HashAlgorithmTags.SHA256, k.getS2K().getHashAlgorithm());
            assertEquals(65_011_712L, k.getS2K().getIterationCount(), "0xFF in RFC 4880's encoding, the most it encodes");
        });
    }

    @Test
    void refusesWrongKindsOfKeyText() {
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(A.armouredSecretKey())).reason());
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class, () -> OpenPgp.readSecretKey(A.armouredPublicKey(), PASS_A)).reason());
        for (String junk : new String[]{"", "   ", "hello world", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nAAAA\n-----END PGP PUBLIC KEY BLOCK-----\n",
                A.armouredPublicKey().substring(0, A.armouredPublicKey().length() / 2),
                new String(EXPORT, StandardCharsets.UTF_8)}) {
            assertEquals(Reason.NOT_OPENPGP, assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(junk)).reason(), junk);
        }
        assertEquals(Reason.NOT_OPENPGP, assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(null)).reason());
        // two keys in one file: the recipient must be one key
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class, () -> OpenPgp.readPublicKey(
                joinArmoured(A.armouredPublicKey(), B.armouredPublicKey()))).reason());
        assertThrows(IllegalArgumentException.class, () -> OpenPgp.generateKey("x", new char[0]));
        assertThrows(IllegalArgumentException.class, () -> OpenPgp.generateKey(" ", PASS_A));
    }

    static String joinArmoured(String a, String b) throws Exception {
        ByteArrayOutputStream bin = new ByteArrayOutputStream();
        bin.write(PgpKeys.parsePublic(a).getEncoded());
        bin.write(PgpKeys.parsePublic(b).getEncoded());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var arm = new org.bouncycastle.bcpg.ArmoredOutputStream(out)) {
            arm.write(bin.toByteArray());
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------------------------------------ round trips

    @Test
    void roundTripBinaryAndArmouredToEveryRecipient() throws Exception {
        for (boolean armour : new boolean[]{false, true}) {
            byte[] msg = export(EXPORT, armour, List.of(B.armouredPublicKey(), C.armouredPublicKey()), A, PASS_A);
            assertEquals(armour, new String(msg, 0, 27, StandardCharsets.US_ASCII).equals("-----BEGIN PGP MESSAGE-----"));
            for (OfficeKey to : List.of(B, C)) {
                ByteArrayOutputStream plain = new ByteArrayOutputStream();
                Verified v = open(msg, plain, to, to == B ? PASS_B : "c".toCharArray(),
                        List.of(C.armouredPublicKey(), A.armouredPublicKey()));
                assertArrayEquals(EXPORT, plain.toByteArray());
                assertEquals(A.fingerprint(), v.signerFingerprint());
                assertEquals(A.userId(), v.signerUserId());
                assertEquals("export-2026-Q3.json", v.fileName());
                assertTrue(Duration.between(v.signedAt(), Instant.now()).abs().toMinutes() < 5);
            }
        }
    }

    @Test
    void emptyAndLargerContentSurvive() throws Exception {
        byte[] big = new byte[3 * (1 << 16) + 123];   // more than one partial-length chunk at every layer
        new Random(7).nextBytes(big);
        for (byte[] plain : new byte[][]{new byte[0], big}) {
            byte[] msg = export(plain, false, List.of(B.armouredPublicKey()), A, PASS_A);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            open(msg, out, B, PASS_B, List.of(A.armouredPublicKey()));
            assertArrayEquals(plain, out.toByteArray());
        }
    }

    @Test
    void detachedSignatureVerifiesAndCatchesChanges() throws Exception {
        String sig = OpenPgp.signDetached(new ByteArrayInputStream(EXPORT), A.armouredSecretKey(), PASS_A);
        assertTrue(sig.startsWith("-----BEGIN PGP SIGNATURE-----"), sig);
        Verified v = OpenPgp.verifyDetached(new ByteArrayInputStream(EXPORT), sig, List.of(B.armouredPublicKey(), A.armouredPublicKey()));
        assertEquals(A.fingerprint(), v.signerFingerprint());
        assertNull(v.fileName());
        byte[] changed = EXPORT.clone();
        changed[5] ^= 1;
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(PgpException.class,
                () -> OpenPgp.verifyDetached(new ByteArrayInputStream(changed), sig, List.of(A.armouredPublicKey()))).reason());
        PgpException unknown = assertThrows(PgpException.class,
                () -> OpenPgp.verifyDetached(new ByteArrayInputStream(EXPORT), sig, List.of(B.armouredPublicKey())));
        assertEquals(Reason.UNKNOWN_SIGNER, unknown.reason());
        assertTrue(unknown.getMessage().contains(A.fingerprint()), unknown.getMessage());
        assertTrue(unknown.getMessage().contains(B.userId()), "names the known signers: " + unknown.getMessage());
        assertEquals(Reason.NOT_OPENPGP, assertThrows(PgpException.class,
                () -> OpenPgp.verifyDetached(new ByteArrayInputStream(EXPORT), "not a signature", List.of(A.armouredPublicKey()))).reason());
        assertEquals(Reason.NOT_OPENPGP, assertThrows(PgpException.class,
                () -> OpenPgp.verifyDetached(new ByteArrayInputStream(EXPORT), A.armouredPublicKey(), List.of(A.armouredPublicKey()))).reason());
        assertEquals(Reason.WRONG_PASSPHRASE, assertThrows(PgpException.class,
                () -> OpenPgp.signDetached(new ByteArrayInputStream(EXPORT), A.armouredSecretKey(), PASS_B)).reason());
        // the signature file itself changed anywhere, its armour lines included: never verified
        for (int i = 0; i < sig.length(); i++) {
            char[] c = sig.toCharArray();
            c[i] ^= 0x01;
            String changedSig = new String(c);
            int at = i;
            PgpException e = assertThrows(PgpException.class, () -> OpenPgp.verifyDetached(new ByteArrayInputStream(EXPORT),
                    changedSig, List.of(A.armouredPublicKey())), "character " + at);
            assertTrue(e.reason() == Reason.BAD_SIGNATURE || e.reason() == Reason.NOT_OPENPGP
                    || e.reason() == Reason.UNKNOWN_SIGNER, "character " + i + ": " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ refusals

    @Test
    void refusesMessagesNotForUsWrongPassphraseUnknownSignerAndJunk() throws Exception {
        byte[] msg = export(EXPORT, false, List.of(B.armouredPublicKey()), A, PASS_A);
        assertEquals(Reason.NOT_FOR_US, refusal(msg, C, "c".toCharArray(), List.of(A.armouredPublicKey())));
        assertEquals(Reason.WRONG_PASSPHRASE, refusal(msg, B, PASS_A, List.of(A.armouredPublicKey())));

        PgpException unknown = assertThrows(PgpException.class, () -> open(msg, new ByteArrayOutputStream(), B, PASS_B,
                List.of(C.armouredPublicKey())));
        assertEquals(Reason.UNKNOWN_SIGNER, unknown.reason());
        assertTrue(unknown.getMessage().contains(A.fingerprint()), "says who signed: " + unknown.getMessage());
        assertTrue(unknown.getMessage().contains(C.userId()), "says who was expected: " + unknown.getMessage());
        assertEquals(Reason.UNKNOWN_SIGNER, refusal(msg, B, PASS_B, List.of()));

        for (byte[] junk : new byte[][]{new byte[0], "hello".getBytes(StandardCharsets.US_ASCII), EXPORT,
                A.armouredPublicKey().getBytes(StandardCharsets.US_ASCII), new byte[]{(byte) 0xC1, 0x05, 1, 2}}) {
            assertEquals(Reason.NOT_OPENPGP, refusal(junk, B, PASS_B, List.of(A.armouredPublicKey())), new String(junk));
        }
        // the secret key parameter must be a secret key, the recipients public keys that can encrypt
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class, () -> OpenPgp.decryptAndVerify(
                new ByteArrayInputStream(msg), new ByteArrayOutputStream(), B.armouredPublicKey(), PASS_B, List.of())).reason());
        assertEquals(Reason.BAD_KEY, assertThrows(PgpException.class,
                () -> export(EXPORT, false, List.of(B.armouredSecretKey()), A, PASS_A)).reason());
        assertEquals(Reason.WRONG_PASSPHRASE, assertThrows(PgpException.class,
                () -> export(EXPORT, false, List.of(B.armouredPublicKey()), A, PASS_B)).reason());
    }

    @Test
    void refusesUnsignedAndUnprotectedMessages() throws Exception {
        PGPPublicKey bEnc = PgpKeys.check(PgpKeys.parsePublic(B.armouredPublicKey()), Instant.now()).encryptionKeys().get(0);
        byte[] unsigned = encryptWithoutSignature(bEnc, true);
        assertEquals(Reason.NOT_SIGNED, refusal(unsigned, B, PASS_B, List.of(A.armouredPublicKey())));
        byte[] noMdc = encryptWithoutSignature(bEnc, false);
        assertEquals(Reason.TAMPERED, refusal(noMdc, B, PASS_B, List.of(A.armouredPublicKey())));
    }

    /** A message made with Bouncy Castle directly: literal data only, with or without the MDC. */
    static byte[] encryptWithoutSignature(PGPPublicKey to, boolean mdc) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PGPEncryptedDataGenerator enc = new PGPEncryptedDataGenerator(
                new BcPGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256).setWithIntegrityPacket(mdc));
        enc.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(to));
        try (OutputStream e = enc.open(out, new byte[4096]);
             OutputStream lit = new PGPLiteralDataGenerator().open(e, PGPLiteralData.BINARY, "x.json", EXPORT.length, new Date())) {
            lit.write(EXPORT);
        }
        return out.toByteArray();
    }

    @Test
    void failureOfTheCallersOutputIsAnIOExceptionNotTampering() throws Exception {
        byte[] msg = export(EXPORT, false, List.of(B.armouredPublicKey()), A, PASS_A);
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        IOException e = assertThrows(IOException.class, () -> OpenPgp.decryptAndVerify(new ByteArrayInputStream(msg), full,
                B.armouredSecretKey(), PASS_B, List.of(A.armouredPublicKey())));
        assertEquals("No space left on device", e.getMessage());
    }

    // ------------------------------------------------------------------------------------------------ tampering

    /** Every single byte of a small binary export flipped in turn: never a normal return. */
    @Test
    void everyFlippedByteOfABinaryExportIsRefused() throws Exception {
        byte[] msg = export(EXPORT, false, List.of(B.armouredPublicKey()), A, PASS_A);
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < msg.length; i++) {
            for (int mask : new int[]{0x01, 0x02, 0x04, 0x80}) {
                byte[] copy = msg.clone();
                copy[i] ^= (byte) mask;
                try {
                    Reason r = refusalAt(copy, i);
                    seen.merge(r, 1, Integer::sum);
                    assertTrue(r == Reason.TAMPERED || r == Reason.NOT_OPENPGP || r == Reason.NOT_FOR_US
                            || r == Reason.BAD_SIGNATURE, "byte " + i + " gave " + r);
                } catch (AssertionError e) {
                    accepted.add(i + "^" + mask + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), accepted, "of " + msg.length + " bytes");
        // most of the file is inside the encryption: those flips are caught by the MDC
        assertTrue(seen.getOrDefault(Reason.TAMPERED, 0) > msg.length, "reasons: " + seen);
    }

    private static Reason refusalAt(byte[] copy, int i) {
        try {
            open(copy, new ByteArrayOutputStream(), B, PASS_B, List.of(A.armouredPublicKey()));
        } catch (PgpException e) {
            return e.reason();
        } catch (Exception e) {
            throw new AssertionError("byte " + i + ": " + e, e);
        }
        throw new AssertionError("byte " + i + " flipped, yet the message was accepted");
    }

    /**
     * Every byte of a small armoured export changed in turn: the BEGIN and END lines, line endings, the checksum
     * line and Base64's padding bits included (Bouncy Castle's own armour reader lets those pass).
     */
    @Test
    void everyFlippedByteOfAnArmouredExportIsRefused() throws Exception {
        byte[] msg = export(EXPORT, true, List.of(B.armouredPublicKey()), A, PASS_A);
        List<String> accepted = new ArrayList<>();
        for (int i = 0; i < msg.length; i++) {
            for (int mask : new int[]{0x01, 0x02, 0x20, 0x80}) {
                byte[] copy = msg.clone();
                copy[i] ^= (byte) mask;
                try {
                    Reason r = refusalAt(copy, i);
                    assertTrue(r == Reason.TAMPERED || r == Reason.NOT_OPENPGP || r == Reason.NOT_FOR_US,
                            "byte " + i + " gave " + r);
                } catch (AssertionError e) {
                    accepted.add(i + "^" + mask + " ('" + (char) msg[i] + "'): " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), accepted, "of " + msg.length + " bytes");
    }

    @Test
    void armourWithCrLfLineEndingsOrWithoutChecksumIsRead() throws Exception {
        byte[] msg = export(EXPORT, true, List.of(B.armouredPublicKey()), A, PASS_A);
        String text = new String(msg, StandardCharsets.US_ASCII);
        String crlf = text.replace("\n", "\r\n");
        String noCrc = text.replaceAll("\n=[A-Za-z0-9+/]{4}\n", "\n");
        assertNotEquals(text, noCrc, "the export carries a checksum line");
        for (String variant : List.of(crlf, noCrc, text.substring(0, text.length() - 1))) {
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            open(variant.getBytes(StandardCharsets.US_ASCII), plain, B, PASS_B, List.of(A.armouredPublicKey()));
            assertArrayEquals(EXPORT, plain.toByteArray());
        }
        // a header line is allowed (gpg --comment writes one), text around the armour is not
        String comment = text.replaceFirst("-----\n\n", "-----\nComment: export of 2026-Q3\n\n");
        open(comment.getBytes(StandardCharsets.US_ASCII), new ByteArrayOutputStream(), B, PASS_B, List.of(A.armouredPublicKey()));
        assertEquals(Reason.NOT_OPENPGP, refusal(("Hello\n" + text).getBytes(StandardCharsets.US_ASCII), B, PASS_B,
                List.of(A.armouredPublicKey())));
        assertEquals(Reason.TAMPERED, refusal((text + "P.S.\n").getBytes(StandardCharsets.US_ASCII), B, PASS_B,
                List.of(A.armouredPublicKey())));
    }

    /** A larger armoured export, a seeded sample of positions inside its Base64 body. */
    @Test
    void flippedCharactersOfAnArmouredExportAreRefused() throws Exception {
        byte[] big = new byte[200_000];
        new Random(11).nextBytes(big);
        byte[] msg = export(big, true, List.of(B.armouredPublicKey(), C.armouredPublicKey()), A, PASS_A);
        String text = new String(msg, StandardCharsets.US_ASCII);
        int start = text.indexOf("\n\n") + 2;
        int end = text.indexOf("\n=");
        if (end < 0) {
            end = text.indexOf("-----END");
        }
        Random r = new Random(42);
        for (int k = 0; k < 60; k++) {
            int i = start + r.nextInt(end - start);
            if (msg[i] == '\n') {
                continue;
            }
            byte[] copy = msg.clone();
            copy[i] = (byte) (copy[i] == 'A' ? 'B' : 'A');   // another Base64 character: other bytes decoded
            refusalAt(copy, i);
        }
    }

    /** Cut anywhere: refused, as an incomplete file (NOT_OPENPGP) or as damage. */
    @Test
    void truncatedExportsAreRefused() throws Exception {
        byte[] msg = export(EXPORT, false, List.of(B.armouredPublicKey()), A, PASS_A);
        Map<Reason, Integer> seen = new EnumMap<>(Reason.class);
        for (int len = 0; len < msg.length; len++) {
            byte[] cut = java.util.Arrays.copyOf(msg, len);
            seen.merge(refusalAt(cut, len), 1, Integer::sum);
        }
        assertTrue(seen.getOrDefault(Reason.NOT_OPENPGP, 0) > msg.length / 2, "reasons: " + seen);
        assertEquals(Reason.NOT_OPENPGP, refusal(java.util.Arrays.copyOf(msg, msg.length - 1), B, PASS_B,
                List.of(A.armouredPublicKey())));
    }
}
