package org.safercities.crypto;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignature;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

import org.safercities.crypto.OpenPgp.PgpException.Reason;

/**
 * OpenPGP for the kit's exports, in the form GnuPG 2.2 reads (see ../shared/STACK.md and this module's README):
 * v4 keys (legacy Ed25519 primary for certifying and signing, legacy X25519 encryption subkey), the secret key
 * protected with AES-256 and an iterated and salted SHA-256 S2K, messages encrypted with AES-256 in SEIPD v1 with
 * a modification detection code, compressed (ZIP), signed with SHA-512 by a one-pass signature inside the
 * encryption. Only Bouncy Castle's lightweight ({@code operator.bc}) classes are used: no JCE provider.
 *
 * <p>Static methods, no state. Every failure the caller should explain to a person is a {@link PgpException}
 * whose {@link PgpException.Reason} the caller translates; {@link IOException} is left for the caller's own
 * streams (a full disk, an unreadable file).
 */
public final class OpenPgp {

    /** Why an OpenPGP operation was refused. {@link #getMessage()} is English detail for logs and developers. */
    public static final class PgpException extends Exception {
        public enum Reason {
            /** Not OpenPGP data at all, truncated, or an OpenPGP object of another kind than expected. */
            NOT_OPENPGP,
            /** A key that cannot be used here: a secret key given as a public one, revoked, expired, weak, … */
            BAD_KEY,
            /** The passphrase does not unlock the secret key. */
            WRONG_PASSPHRASE,
            /** The message is not encrypted to our key (or not encrypted at all). */
            NOT_FOR_US,
            /** The message was changed after it was made: integrity check (MDC) or packet damage. */
            TAMPERED,
            /** The message carries no signature. */
            NOT_SIGNED,
            /** Signed by a key that is not among the known signers. */
            UNKNOWN_SIGNER,
            /** The signature does not match the content, or the signer's key may not sign (revoked, expired). */
            BAD_SIGNATURE
        }

        private final Reason reason;

        public PgpException(Reason reason, String message) {
            this(reason, message, null);
        }

        public PgpException(Reason reason, String message, Throwable cause) {
            super(reason + ": " + message, cause);
            this.reason = Objects.requireNonNull(reason);
        }

        public Reason reason() {
            return reason;
        }
    }

    /** The office's own key pair: both halves armoured; the secret half is protected by the passphrase. */
    public record OfficeKey(String fingerprint, String userId, Instant created,
                            String armouredPublicKey, String armouredSecretKey) {
        @Override
        public String toString() {   // never the secret key, even protected, in a log line
            return "OfficeKey[" + fingerprint + ", " + userId + ", " + created + "]";
        }
    }

    public record KeyInfo(String fingerprint, String userId, Instant created, boolean canEncrypt, boolean canSign) {
    }

    /** Who signed (primary key fingerprint and user ID of the known signer), when, and the name the sender gave. */
    public record Verified(String signerFingerprint, String signerUserId, Instant signedAt, String fileName) {
    }

    /** AES-256 for messages and for the secret key's protection. */
    static final int CIPHER = SymmetricKeyAlgorithmTags.AES_256;
    static final int HASH = HashAlgorithmTags.SHA512;
    static final int COMPRESSION = CompressionAlgorithmTags.ZIP;
    static final int COMPRESSION_LEVEL = java.util.zip.Deflater.DEFAULT_COMPRESSION;
    /**
     * S2K iteration count byte for the secret key: 0xFF = 65,011,712 bytes hashed with SHA-256 per unlock, the
     * largest count OpenPGP can encode (RFC 4880 3.7.1.3) and what gpg 2.2 exports keys with on this kind of machine
     * (gpg-agent calibrates its own count to 100 ms and caps it there). About 0.1 s here with the JDK's SHA-256.
     */
    static final int S2K_COUNT = 0xFF;
    private static final int BUFFER = 1 << 16;
    private static final int MAX_FILE_NAME_BYTES = 255;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final PGPContentVerifierBuilderProvider VERIFIERS = PgpOperators.VERIFIERS;
    private static final PGPDigestCalculatorProvider DIGESTS = PgpOperators.DIGESTS;

    private OpenPgp() {
    }

    // ------------------------------------------------------------------------------------------------ keys

    /**
     * A fingerprint in groups of four ("ABCD 1234 …"), as gpg prints it, so that people read and compare it aloud;
     * spaces and colons in the input are ignored, letters made capitals; {@code null} gives "".
     */
    public static String grouped(String fingerprint) {
        String f = fingerprint == null ? "" : fingerprint.replaceAll("[\\s:]", "").toUpperCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < f.length(); i += 4) {
            out.append(i == 0 ? "" : " ").append(f, i, Math.min(f.length(), i + 4));
        }
        return out.toString();
    }

    /**
     * A new office key: v4 legacy Ed25519 primary (certify, sign) and legacy X25519 subkey (encrypt), no expiry,
     * self-signed with SHA-512, preferences AES-256/SHA-512/ZIP, secret parts protected by {@code passphrase}.
     *
     * @throws IllegalArgumentException for a blank user ID or an empty passphrase
     */
    public static OfficeKey generateKey(String userId, char[] passphrase) {
        return generateKey(userId, passphrase, S2K_COUNT);
    }

    static OfficeKey generateKey(String userId, char[] passphrase, int s2kCount) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("the key needs a user ID (the office's name and address)");
        }
        if (passphrase == null || passphrase.length == 0) {
            throw new IllegalArgumentException("the office key must be protected by a passphrase");
        }
        try {
            Date now = new Date(System.currentTimeMillis() / 1000 * 1000);
            PGPKeyPairGenerator gen = new BcPGPKeyPairGeneratorProvider().setSecureRandom(RANDOM)
                    .get(PublicKeyPacket.VERSION_4, now);
            PGPKeyPair primary = gen.generateLegacyEd25519KeyPair();
            PGPKeyPair encryption = gen.generateLegacyX25519KeyPair();

            PGPSignatureSubpacketGenerator self = new PGPSignatureSubpacketGenerator();
            self.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            self.setPreferredSymmetricAlgorithms(false, new int[]{SymmetricKeyAlgorithmTags.AES_256,
                    SymmetricKeyAlgorithmTags.AES_192, SymmetricKeyAlgorithmTags.AES_128});
            self.setPreferredHashAlgorithms(false, new int[]{HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384,
                    HashAlgorithmTags.SHA256});
            self.setPreferredCompressionAlgorithms(false, new int[]{CompressionAlgorithmTags.ZIP,
                    CompressionAlgorithmTags.ZLIB, CompressionAlgorithmTags.UNCOMPRESSED});
            self.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);
            self.setPrimaryUserID(false, true);
            self.setIssuerFingerprint(false, primary.getPublicKey());

            PGPSignatureSubpacketGenerator sub = new PGPSignatureSubpacketGenerator();
            sub.setKeyFlags(true, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            sub.setIssuerFingerprint(false, primary.getPublicKey());

            PGPDigestCalculator sha1 = DIGESTS.get(HashAlgorithmTags.SHA1);   // the secret key checksum (S2K usage 254)
            PBESecretKeyEncryptor protect = new BcPBESecretKeyEncryptorBuilder(CIPHER,
                    DIGESTS.get(HashAlgorithmTags.SHA256), s2kCount).setSecureRandom(RANDOM).build(passphrase);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                    userId, sha1, self.generate(), null,
                    PgpOperators.signer(primary.getPublicKey(), HASH), protect);
            rings.addSubKey(encryption, sub.generate(), null);
            PGPSecretKeyRing secret = rings.generateSecretKeyRing();
            PGPPublicKeyRing pub = rings.generatePublicKeyRing();
            return new OfficeKey(PgpKeys.fingerprint(pub.getPublicKey()), userId, now.toInstant(),
                    armour(pub.getEncoded()), armour(secret.getEncoded()));
        } catch (PGPException | IOException e) {
            throw new IllegalStateException("OpenPGP key generation failed: " + e.getMessage(), e);
        }
    }

    /** A recipient's or signer's public key, checked: refuses secret keys, junk, and keys with nothing usable. */
    public static KeyInfo readPublicKey(String armoured) throws PgpException {
        PgpKeys.Checked c = PgpKeys.check(PgpKeys.parsePublic(armoured), Instant.now());
        return new KeyInfo(c.fingerprint(), c.userId(), c.created(), c.canEncrypt(), c.canSign());
    }

    /** A secret key, checked with its passphrase (every secret part present must open with it). */
    public static KeyInfo readSecretKey(String armoured, char[] passphrase) throws PgpException {
        PGPSecretKeyRing ring = PgpKeys.parseSecret(armoured);
        PgpKeys.Checked c = PgpKeys.check(ring.toCertificate(), Instant.now());
        boolean any = false;
        for (PGPSecretKey k : ring) {
            if (!k.isPrivateKeyEmpty()) {
                unlock(k, passphrase);
                any = true;
            }
        }
        if (!any) {
            throw new PgpException(Reason.BAD_KEY, "key " + c.describe() + " holds no secret part (a gpg stub?)");
        }
        return new KeyInfo(c.fingerprint(), c.userId(), c.created(),
                c.encryptionKeys().stream().anyMatch(k -> hasSecret(ring, k)),
                c.signingKeys().stream().anyMatch(k -> hasSecret(ring, k)));
    }

    // ------------------------------------------------------------------------------------------------ messages

    /** Encrypts to every recipient (AES-256, MDC) and signs (SHA-512) with the signer's secret key. */
    public static void encryptAndSign(InputStream plain, String fileName, OutputStream out,
                                      List<String> recipientPublicKeys, String signerSecretKey, char[] passphrase,
                                      boolean armour) throws IOException, PgpException {
        encryptAndSign(plain, fileName, out, recipientPublicKeys, signerSecretKey, passphrase, armour,
                COMPRESSION, COMPRESSION_LEVEL);
    }

    /** The same with another compression (the benchmark compares them). */
    static void encryptAndSign(InputStream plain, String fileName, OutputStream out, List<String> recipientPublicKeys,
                               String signerSecretKey, char[] passphrase, boolean armour, int compression, int level)
            throws IOException, PgpException {
        Objects.requireNonNull(plain, "plain");
        Objects.requireNonNull(out, "out");
        byte[] name = (fileName == null ? "" : fileName).getBytes(StandardCharsets.UTF_8);
        if (name.length > MAX_FILE_NAME_BYTES) {
            throw new IllegalArgumentException("file name longer than " + MAX_FILE_NAME_BYTES + " bytes in UTF-8");
        }
        if (recipientPublicKeys == null || recipientPublicKeys.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient is needed");
        }
        Instant now = Instant.now();
        List<PGPPublicKey> to = new ArrayList<>();
        for (String r : recipientPublicKeys) {
            PgpKeys.Checked c = PgpKeys.check(PgpKeys.parsePublic(r), now);
            if (!c.canEncrypt()) {
                throw new PgpException(Reason.BAD_KEY, "recipient key " + c.describe() + " has no key for encryption");
            }
            to.add(c.encryptionKeys().get(0));
        }
        Signer signer = signer(signerSecretKey, passphrase, now);
        try {
            OutputStream target = armour ? armourStream(out) : new Unclosable(out);
            PGPEncryptedDataGenerator encGen = new PGPEncryptedDataGenerator(PgpOperators.encryptor(CIPHER, RANDOM));
            for (PGPPublicKey k : to) {
                encGen.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(k).setSecureRandom(RANDOM));
            }
            OutputStream encOut = encGen.open(target, new byte[BUFFER]);
            PGPCompressedDataGenerator compGen = compression == CompressionAlgorithmTags.UNCOMPRESSED ? null
                    : new PGPCompressedDataGenerator(compression, level);
            OutputStream inner = compGen == null ? encOut : compGen.open(encOut, new byte[BUFFER]);
            PGPSignatureGenerator sig = signer.generator();
            sig.generateOnePassVersion(false).encode(inner);
            PGPLiteralDataGenerator litGen = new PGPLiteralDataGenerator();
            OutputStream lit = litGen.open(inner, PGPLiteralData.BINARY, new String(name, StandardCharsets.UTF_8),
                    new Date(), new byte[BUFFER]);
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = plain.read(buf)) > 0) {
                lit.write(buf, 0, n);
                sig.update(buf, 0, n);
            }
            litGen.close();
            sig.generate().encode(inner);
            if (compGen != null) {
                compGen.close();
            }
            encGen.close();
            target.close();
            out.flush();
        } catch (PGPException e) {
            throw new IllegalStateException("OpenPGP encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts with our secret key and verifies against the known signers. The plain bytes are written to
     * {@code plain} as they come: callers write to a temporary file and use it only when this returns normally.
     * The integrity check (MDC) is decided before anything about the signature, so a damaged file is TAMPERED
     * whatever its damage looks like.
     */
    public static Verified decryptAndVerify(InputStream in, OutputStream plain, String ownSecretKey, char[] passphrase,
                                            List<String> knownSignerPublicKeys) throws IOException, PgpException {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(plain, "plain");
        Instant now = Instant.now();
        PGPSecretKeyRing own = PgpKeys.parseSecret(ownSecretKey);
        PgpKeys.check(own.toCertificate(), now);
        List<Known> known = known(knownSignerPublicKeys, now);
        Source src = new Source(in);
        try {
            return decrypt(src, plain, own, passphrase, known);
        } catch (OutputFailure f) {
            throw f.getCause();
        } catch (PgpException e) {
            if (src.failure != null) {
                throw src.failure;
            }
            throw e;
        }
    }

    /** An ASCII-armoured detached signature (SHA-512) of {@code data}. */
    public static String signDetached(InputStream data, String signerSecretKey, char[] passphrase)
            throws IOException, PgpException {
        Signer signer = signer(signerSecretKey, passphrase, Instant.now());
        try {
            PGPSignatureGenerator gen = signer.generator();
            byte[] buf = new byte[BUFFER];
            int n;
            while ((n = data.read(buf)) > 0) {
                gen.update(buf, 0, n);
            }
            return armour(gen.generate().getEncoded());
        } catch (PGPException e) {
            throw new IllegalStateException("OpenPGP signature failed: " + e.getMessage(), e);
        }
    }

    /** Verifies a detached signature (as gpg --detach-sign makes) of {@code data} against the known signers. */
    public static Verified verifyDetached(InputStream data, String armouredSignature,
                                          List<String> knownSignerPublicKeys) throws IOException, PgpException {
        Instant now = Instant.now();
        List<Known> known = known(knownSignerPublicKeys, now);
        if (armouredSignature == null || armouredSignature.isBlank()) {
            throw new PgpException(Reason.NOT_OPENPGP, "the signature text is empty");
        }
        List<PGPSignature> sigs = new ArrayList<>();
        Source text = new Source(new java.io.ByteArrayInputStream(armouredSignature.getBytes(StandardCharsets.UTF_8)));
        try (InputStream in = binary(text, "PGP SIGNATURE")) {
            BcPGPObjectFactory f = new BcPGPObjectFactory(in);
            Object o;
            while ((o = f.nextObject()) != null) {
                if (o instanceof PGPSignatureList list) {
                    list.forEach(sigs::add);
                } else if (!(o instanceof PGPMarker)) {
                    throw new PgpException(Reason.NOT_OPENPGP, "the signature text holds an OpenPGP "
                            + o.getClass().getSimpleName().replace("PGP", "") + ", not a signature");
                }
            }
        } catch (IOException | RuntimeException e) {
            if (armourDamage(e) != null) {
                throw new PgpException(Reason.BAD_SIGNATURE, "the signature's armour was changed: " + e.getMessage(), e);
            }
            throw new PgpException(Reason.NOT_OPENPGP, "the signature text is not OpenPGP: " + e.getMessage(), e);
        }
        if (sigs.isEmpty()) {
            throw new PgpException(Reason.NOT_OPENPGP, "the signature text holds no OpenPGP signature");
        }
        List<Check> checks = new ArrayList<>();
        for (PGPSignature s : sigs) {
            Check c = check(s.getKeyID(), s.getSignatureType(), s.getHashAlgorithm(), known);
            if (c.key != null) {
                try {
                    s.init(VERIFIERS, c.key);
                } catch (PGPException | RuntimeException e) {
                    throw new PgpException(Reason.BAD_SIGNATURE, "the signature cannot be checked: " + e.getMessage(), e);
                }
                c.signature = s;
                checks.add(c);
            } else if (c.refusal != null) {
                throw c.refusal;
            }
        }
        if (checks.isEmpty()) {
            throw unknownSigner(sigs.get(0), known);
        }
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = data.read(buf)) > 0) {
            for (Check c : checks) {
                c.signature.update(buf, 0, n);
            }
        }
        for (Check c : checks) {
            if (!verifies(c.signature::verify)) {
                throw new PgpException(Reason.BAD_SIGNATURE, "the signature by " + c.signer.checked.describe()
                        + " does not match the data: the data or the signature was changed");
            }
        }
        Check first = checks.get(0);
        return verified(first, null);
    }

    // ------------------------------------------------------------------------------------------------ decryption

    private static Verified decrypt(Source src, OutputStream plain, PGPSecretKeyRing own, char[] passphrase,
                                    List<Known> known) throws PgpException, IOException {
        // 1. The outer layer: (armour), key packets, the encrypted data packet.
        InputStream decoded;
        BcPGPObjectFactory outer;
        PGPEncryptedDataList list;
        Recorder head;
        try {
            decoded = binary(src, "PGP MESSAGE");
            head = new Recorder(decoded);
            outer = new BcPGPObjectFactory(head);
            Object o = nextObject(outer);
            head.stop();
            if (o == null) {
                throw new PgpException(Reason.NOT_OPENPGP, "the file holds no OpenPGP message (empty?)");
            }
            if (!(o instanceof PGPEncryptedDataList l)) {
                if (o instanceof PGPPublicKeyRing || o instanceof PGPSecretKeyRing) {
                    throw new PgpException(Reason.NOT_OPENPGP, "the file holds a key, not a message");
                }
                throw new PgpException(Reason.NOT_FOR_US, "the message is not encrypted");
            }
            list = l;
        } catch (IOException | RuntimeException e) {
            throw outerFailure(src, e);
        }
        // 2. Our key packet, our key.
        PGPPublicKeyEncryptedData ours = null;
        PGPSecretKey key = null;
        List<String> to = new ArrayList<>();
        for (Iterator<PGPEncryptedData> it = list.getEncryptedDataObjects(); it.hasNext(); ) {
            PGPEncryptedData d = it.next();
            if (d instanceof PGPPublicKeyEncryptedData p) {
                to.add(PgpKeys.keyId(p.getKeyID()));
                PGPSecretKey k = p.getKeyID() == 0 ? null : own.getSecretKey(p.getKeyID());
                if (k != null && !k.isPrivateKeyEmpty() && ours == null) {
                    ours = p;
                    key = k;
                }
            }
        }
        if (ours == null) {
            throw new PgpException(Reason.NOT_FOR_US, "the message is not encrypted to this office's key "
                    + PgpKeys.fingerprint(own.getPublicKey()) + (to.isEmpty() ? " (only to a password)" : " but to key IDs " + to));
        }
        String damage = KeyPackets.problem(head.bytes(), ours.getKeyID());
        if (damage != null) {
            throw new PgpException(Reason.TAMPERED, "the key packet for this office is damaged: " + damage);
        }
        if (!ours.isIntegrityProtected()) {
            throw new PgpException(Reason.TAMPERED, "the message has no integrity protection (no MDC): refused");
        }
        PGPPrivateKey priv = unlock(key, passphrase);
        InputStream clear;
        try {
            clear = ours.getDataStream(PgpOperators.decryptor(priv));
        } catch (PGPException | RuntimeException e) {
            throw damaged(src, e, "the session key cannot be decrypted");
        }
        // 3. Inside: (compression), one-pass signatures, literal data, signatures. Any failure here is first checked
        //    against the MDC: if that fails, the file was changed.
        Inner inner = new Inner();
        try {
            readInner(clear, plain, known, inner);
        } catch (OutputFailure f) {
            throw f;
        } catch (PgpException | PGPException | IOException | RuntimeException e) {
            drainAndCheck(src, clear, ours, e);
            if (e instanceof PgpException p) {
                throw p;
            }
            throw new PgpException(Reason.NOT_OPENPGP, "unexpected content inside the encryption: " + e.getMessage(), e);
        }
        drainAndCheck(src, clear, ours, null);
        try {
            if (nextObject(outer) != null) {
                throw new PgpException(Reason.NOT_OPENPGP, "more data follows the encrypted message");
            }
            while (decoded.read() >= 0) {
                // the end of the armour (its checksum) is read here
            }
        } catch (IOException | RuntimeException e) {
            throw outerFailure(src, e);
        }
        // 4. The signature, now that the content is known to be what was sent.
        if (inner.checks.isEmpty()) {
            if (inner.refusal != null) {
                throw inner.refusal;
            }
            if (inner.firstSignature != null) {
                throw unknownSigner(inner.firstSignature, known);
            }
            throw new PgpException(Reason.NOT_SIGNED, "the message is encrypted but not signed");
        }
        for (Check c : inner.checks) {
            if (c.signature == null) {
                throw new PgpException(Reason.BAD_SIGNATURE, "the signature announced by "
                        + c.signer.checked.describe() + " is missing at the end of the message");
            }
            boolean ok = c.onePass != null ? verifies(() -> c.onePass.verify(c.signature)) : verifies(c.signature::verify);
            if (!ok) {
                throw new PgpException(Reason.BAD_SIGNATURE, "the signature by " + c.signer.checked.describe()
                        + " does not match the content");
            }
        }
        return verified(inner.checks.get(0), inner.fileName);
    }

    /** What was found inside the encryption. */
    private static final class Inner {
        final List<Check> checks = new ArrayList<>();
        PGPSignature firstSignature;
        PgpException refusal;
        String fileName;
    }

    private static void readInner(InputStream clear, OutputStream plain, List<Known> known, Inner inner)
            throws IOException, PGPException, PgpException {
        BcPGPObjectFactory f = new BcPGPObjectFactory(clear);
        Object o = nextObject(f);
        if (o instanceof PGPCompressedData c) {
            f = new BcPGPObjectFactory(c.getDataStream());
            o = nextObject(f);
        }
        List<PGPOnePassSignature> onePass = new ArrayList<>();
        while (o instanceof PGPOnePassSignatureList l) {
            for (int i = 0; i < l.size(); i++) {
                onePass.add(l.get(i));
            }
            o = nextObject(f);
        }
        List<PGPSignature> prefix = new ArrayList<>();
        if (onePass.isEmpty() && o instanceof PGPSignatureList l) {   // old style: signature before the data
            l.forEach(prefix::add);
            o = nextObject(f);
        }
        if (!(o instanceof PGPLiteralData literal)) {
            throw new PgpException(Reason.NOT_OPENPGP, "the message holds no data ("
                    + (o == null ? "nothing" : o.getClass().getSimpleName()) + " instead)");
        }
        for (PGPOnePassSignature op : onePass) {
            Check c = check(op.getKeyID(), op.getSignatureType(), op.getHashAlgorithm(), known);
            if (c.key != null) {
                op.init(VERIFIERS, c.key);
                c.onePass = op;
                inner.checks.add(c);
            } else if (c.refusal != null && inner.refusal == null) {
                inner.refusal = c.refusal;
            }
        }
        for (PGPSignature s : prefix) {
            Check c = check(s.getKeyID(), s.getSignatureType(), s.getHashAlgorithm(), known);
            if (c.key != null) {
                s.init(VERIFIERS, c.key);
                c.signature = s;
                inner.checks.add(c);
            } else if (c.refusal != null && inner.refusal == null) {
                inner.refusal = c.refusal;
            }
            if (inner.firstSignature == null) {
                inner.firstSignature = s;
            }
        }
        inner.fileName = literal.getFileName();
        InputStream data = literal.getInputStream();
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = data.read(buf)) >= 0) {
            for (Check c : inner.checks) {
                if (c.onePass != null) {
                    c.onePass.update(buf, 0, n);
                } else {
                    c.signature.update(buf, 0, n);
                }
            }
            try {
                plain.write(buf, 0, n);
            } catch (IOException e) {
                throw new OutputFailure(e);
            }
        }
        if (!onePass.isEmpty()) {
            o = nextObject(f);
            if (!(o instanceof PGPSignatureList sigs)) {
                throw new PgpException(Reason.NOT_OPENPGP, "the message announces a signature but holds none");
            }
            for (PGPSignature s : sigs) {
                if (inner.firstSignature == null) {
                    inner.firstSignature = s;
                }
                for (Check c : inner.checks) {
                    if (c.onePass != null && c.signature == null && s.getKeyID() == c.onePass.getKeyID()) {
                        c.signature = s;
                        break;
                    }
                }
            }
            if (inner.firstSignature == null) {
                throw new PgpException(Reason.NOT_OPENPGP, "the message announces a signature but holds none");
            }
        }
        if (nextObject(f) != null) {
            throw new PgpException(Reason.NOT_OPENPGP, "unexpected packets after the signed data");
        }
    }

    /**
     * Reads the decrypted stream to its end and checks the MDC. Throws TAMPERED when it fails or cannot be read;
     * NOT_OPENPGP when the file simply ends too early (truncated).
     */
    private static void drainAndCheck(Source src, InputStream clear, PGPPublicKeyEncryptedData data, Exception earlier)
            throws PgpException {
        boolean ok;
        try {
            byte[] buf = new byte[BUFFER];
            while (clear.read(buf) >= 0) {
                // to the end: the MDC is the last 22 bytes
            }
            ok = data.verify();
        } catch (PGPException | IOException | RuntimeException e) {
            throw damaged(src, e, "the encrypted data is damaged");
        }
        if (!ok) {
            throw new PgpException(Reason.TAMPERED,
                    "the integrity check (MDC) failed: the file was changed after it was encrypted", earlier);
        }
    }

    /**
     * The caller's bytes as binary OpenPGP: armour (a first byte '-') is decoded strictly ({@link StrictArmour}),
     * binary (a first byte with its high bit set, as every packet header has) is passed on, anything else refused.
     */
    private static InputStream binary(Source src, String label) throws IOException, PgpException {
        java.io.PushbackInputStream peek = new java.io.PushbackInputStream(src, 1);
        int first = peek.read();
        if (first < 0) {
            throw new PgpException(Reason.NOT_OPENPGP, "the file is empty");
        }
        peek.unread(first);
        if (first == '-') {
            try {
                return new StrictArmour(peek, label);
            } catch (StrictArmour.ArmourException e) {
                throw new PgpException(Reason.NOT_OPENPGP, e.getMessage(), e);
            }
        }
        if ((first & 0x80) == 0) {
            throw new PgpException(Reason.NOT_OPENPGP, "the file is neither binary OpenPGP nor armoured");
        }
        return peek;
    }

    private static StrictArmour.ArmourException armourDamage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StrictArmour.ArmourException a) {
                return a;
            }
        }
        return null;
    }

    private static PgpException damaged(Source src, Throwable e, String what) {
        if (armourDamage(e) != null) {
            return new PgpException(Reason.TAMPERED, "the armour was changed: " + armourDamage(e).getMessage(), e);
        }
        if (src.eof && isEof(e)) {
            return new PgpException(Reason.NOT_OPENPGP, "the file ends before the message does (truncated?)", e);
        }
        return new PgpException(Reason.TAMPERED, what + ": " + e.getMessage(), e);
    }

    private static PgpException outerFailure(Source src, Throwable e) {
        if (armourDamage(e) != null) {
            return new PgpException(Reason.TAMPERED, "the armour was changed: " + armourDamage(e).getMessage(), e);
        }
        if (src.eof && isEof(e)) {
            return new PgpException(Reason.NOT_OPENPGP, "the file ends before the message does (truncated?)", e);
        }
        return new PgpException(Reason.NOT_OPENPGP, "not an OpenPGP message: " + e.getMessage(), e);
    }

    private static boolean isEof(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EOFException) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && (m.contains("premature end") || m.contains("truncated") || m.contains("unexpected end"))) {
                return true;
            }
        }
        return false;
    }

    private static Object nextObject(BcPGPObjectFactory f) throws IOException {
        Object o;
        do {
            o = f.nextObject();
        } while (o instanceof PGPMarker);
        return o;
    }

    // ------------------------------------------------------------------------------------------------ signers

    /** A known signer's certificate, usable or with the reason it is not. */
    private record Known(PGPPublicKeyRing ring, PgpKeys.Checked checked, PgpException unusable) {
    }

    /** One signature to verify: the known signer, the key, and the one-pass header or the signature itself. */
    private static final class Check {
        Known signer;
        PGPPublicKey key;
        PgpException refusal;
        PGPOnePassSignature onePass;
        PGPSignature signature;
    }

    private static List<Known> known(List<String> keys, Instant now) throws PgpException {
        List<Known> known = new ArrayList<>();
        if (keys == null) {
            return known;
        }
        for (String text : keys) {
            PGPPublicKeyRing ring = PgpKeys.parsePublic(text);
            try {
                known.add(new Known(ring, PgpKeys.check(ring, now), null));
            } catch (PgpException e) {
                known.add(new Known(ring, null, e));
            }
        }
        return known;
    }

    /** Finds the signing key among the known signers; sets a refusal for a known but unusable one. */
    private static Check check(long keyId, int type, int hash, List<Known> known) {
        Check c = new Check();
        for (Known k : known) {
            if (k.ring.getPublicKey(keyId) == null) {
                continue;
            }
            String who = k.checked != null ? k.checked.describe() : PgpKeys.fingerprint(k.ring.getPublicKey());
            if (k.checked == null) {
                c.refusal = new PgpException(Reason.BAD_SIGNATURE, "signed by " + who + ", whose key cannot be used: "
                        + k.unusable.getMessage(), k.unusable);
                return c;
            }
            PGPPublicKey key = k.checked.signingKey(keyId);
            if (key == null) {
                c.refusal = new PgpException(Reason.BAD_SIGNATURE, "signed by " + who
                        + " with a key that may not sign (revoked, expired or not a signing key)");
                return c;
            }
            if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
                c.refusal = new PgpException(Reason.BAD_SIGNATURE, "signed by " + who
                        + " with a signature of type " + type + ", not a document signature");
                return c;
            }
            if (hash == HashAlgorithmTags.MD5 || hash == HashAlgorithmTags.SHA1 || hash == HashAlgorithmTags.RIPEMD160) {
                c.refusal = new PgpException(Reason.BAD_SIGNATURE, "signed by " + who
                        + " with a weak hash algorithm (" + hash + "): refused");
                return c;
            }
            c.signer = k;
            c.key = key;
            return c;
        }
        return c;
    }

    private static PgpException unknownSigner(PGPSignature s, List<Known> known) {
        String issuer = null;
        if (s.getHashedSubPackets() != null && s.getHashedSubPackets().getIssuerFingerprint() != null) {
            issuer = java.util.HexFormat.of().withUpperCase()
                    .formatHex(s.getHashedSubPackets().getIssuerFingerprint().getFingerprint());
        }
        List<String> names = new ArrayList<>();
        for (Known k : known) {
            names.add(k.checked != null ? k.checked.describe() : PgpKeys.fingerprint(k.ring.getPublicKey()));
        }
        return new PgpException(Reason.UNKNOWN_SIGNER, "signed by key "
                + (issuer != null ? issuer : "ID " + PgpKeys.keyId(s.getKeyID()))
                + ", which is not among the known signers " + (names.isEmpty() ? "(none given)" : names));
    }

    private static Verified verified(Check c, String fileName) {
        return new Verified(c.signer.checked.fingerprint(), c.signer.checked.userId(),
                c.signature.getCreationTime().toInstant(), fileName);
    }

    private interface Verification {
        boolean run() throws PGPException;
    }

    private static boolean verifies(Verification v) {
        try {
            return v.run();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }

    /** The signing half of a secret key ring, unlocked. */
    private record Signer(PgpKeys.Checked checked, PGPPublicKey key, PGPPrivateKey priv) {
        PGPSignatureGenerator generator() throws PGPException {
            PGPSignatureGenerator gen = new PGPSignatureGenerator(PgpOperators.signer(key, HASH), key);
            PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
            hashed.setSignatureCreationTime(false, new Date());
            hashed.setIssuerFingerprint(false, key);
            gen.setHashedSubpackets(hashed.generate());
            PGPSignatureSubpacketGenerator unhashed = new PGPSignatureSubpacketGenerator();
            unhashed.setIssuerKeyID(false, key.getKeyID());
            gen.setUnhashedSubpackets(unhashed.generate());
            gen.init(PGPSignature.BINARY_DOCUMENT, priv);
            return gen;
        }
    }

    private static Signer signer(String secretKey, char[] passphrase, Instant now) throws PgpException {
        PGPSecretKeyRing ring = PgpKeys.parseSecret(secretKey);
        PgpKeys.Checked c = PgpKeys.check(ring.toCertificate(), now);
        for (PGPPublicKey k : c.signingKeys()) {
            PGPSecretKey s = ring.getSecretKey(k.getKeyID());
            if (s != null && !s.isPrivateKeyEmpty()) {
                return new Signer(c, k, unlock(s, passphrase));
            }
        }
        throw new PgpException(Reason.BAD_KEY, "key " + c.describe() + " has no secret key that may sign");
    }

    private static boolean hasSecret(PGPSecretKeyRing ring, PGPPublicKey k) {
        PGPSecretKey s = ring.getSecretKey(k.getKeyID());
        return s != null && !s.isPrivateKeyEmpty();
    }

    private static PGPPrivateKey unlock(PGPSecretKey key, char[] passphrase) throws PgpException {
        if (key.getKeyEncryptionAlgorithm() == SymmetricKeyAlgorithmTags.NULL) {
            throw new PgpException(Reason.BAD_KEY, "secret key " + PgpKeys.keyId(key.getKeyID())
                    + " is not protected by a passphrase: refused");
        }
        try {
            PGPPrivateKey p = key.extractPrivateKey(
                    new BcPBESecretKeyDecryptorBuilder(DIGESTS).build(passphrase == null ? new char[0] : passphrase));
            if (p == null) {
                throw new PgpException(Reason.BAD_KEY, "secret key " + PgpKeys.keyId(key.getKeyID()) + " is empty");
            }
            return p;
        } catch (PGPException | RuntimeException e) {
            throw new PgpException(Reason.WRONG_PASSPHRASE, "the passphrase does not unlock secret key "
                    + PgpKeys.keyId(key.getKeyID()), e);
        }
    }

    // ------------------------------------------------------------------------------------------------ streams

    private static String armour(byte[] encoded) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (OutputStream a = armourStream(buf)) {
            a.write(encoded);
        }
        return buf.toString(StandardCharsets.US_ASCII);
    }

    /** Armour without a Version header (it says nothing useful and tells an attacker the library). */
    private static OutputStream armourStream(OutputStream out) {
        return ArmoredOutputStream.builder().clearHeaders().build(new Unclosable(out));
    }

    /** The caller's stream stays open: the caller made it and closes it. */
    private static final class Unclosable extends java.io.FilterOutputStream {
        Unclosable(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** The caller's input: remembers whether it ended and whether it failed (then the failure is the caller's). */
    private static final class Source extends FilterInputStream {
        boolean eof;
        IOException failure;

        Source(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                eof |= b < 0;
                return b;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                eof |= n < 0;
                return n;
            } catch (IOException e) {
                failure = e;
                throw e;
            }
        }
    }

    /** Keeps the first bytes read through it (the key packets that start a message) until stopped. */
    private static final class Recorder extends FilterInputStream {
        private static final int LIMIT = 1 << 16;
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
        private boolean on = true;

        Recorder(InputStream in) {
            super(in);
        }

        void stop() {
            on = false;
        }

        byte[] bytes() {
            return seen.toByteArray();
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (on && b >= 0 && seen.size() < LIMIT) {
                seen.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (on && n > 0) {
                seen.write(b, off, Math.min(n, Math.max(0, LIMIT - seen.size())));
            }
            return n;
        }
    }

    /** A failure writing to the caller's output stream: passed on as the caller's IOException, never as TAMPERED. */
    private static final class OutputFailure extends RuntimeException {
        OutputFailure(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
