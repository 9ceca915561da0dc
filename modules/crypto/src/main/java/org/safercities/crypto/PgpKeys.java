package org.safercities.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

import org.safercities.crypto.OpenPgp.PgpException;
import org.safercities.crypto.OpenPgp.PgpException.Reason;

/**
 * Reading OpenPGP keys and deciding what each can be used for, from the self-signatures that are verified here
 * (not from the flags a file merely claims): revoked, expired or unbound (sub)keys are never used.
 */
final class PgpKeys {

    private static final org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider VERIFIERS = PgpOperators.VERIFIERS;
    /** Smallest RSA modulus accepted (NIST: 2048 bits until 2030). */
    static final int MIN_RSA_BITS = 2048;

    private PgpKeys() {
    }

    /** A certificate whose self-signatures were checked: its usable encryption and signing keys, newest first. */
    record Checked(PGPPublicKeyRing ring, PGPPublicKey primary, String fingerprint, String userId, Instant created,
                   List<PGPPublicKey> encryptionKeys, List<PGPPublicKey> signingKeys) {
        boolean canEncrypt() {
            return !encryptionKeys.isEmpty();
        }

        boolean canSign() {
            return !signingKeys.isEmpty();
        }

        /** The key (primary or subkey) with this key id, if it is one of the usable signing keys. */
        PGPPublicKey signingKey(long keyId) {
            for (PGPPublicKey k : signingKeys) {
                if (k.getKeyID() == keyId) {
                    return k;
                }
            }
            return null;
        }

        /** Any key of this certificate with this key id, usable or not. */
        boolean holds(long keyId) {
            return ring.getPublicKey(keyId) != null;
        }

        String describe() {
            return fingerprint + " (" + userId + ")";
        }
    }

    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    }

    static String keyId(long id) {
        return String.format("%016X", id);
    }

    /** The one object an armoured (or binary) key text holds: a public or a secret key ring. */
    static Object parseOne(String text) throws PgpException {
        if (text == null || text.isBlank()) {
            throw new PgpException(Reason.NOT_OPENPGP, "the key text is empty");
        }
        List<Object> found = new ArrayList<>();
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
            Object o;
            while ((o = factory.nextObject()) != null) {
                if (o instanceof PGPMarker) {
                    continue;
                }
                if (!(o instanceof PGPPublicKeyRing) && !(o instanceof PGPSecretKeyRing)) {
                    throw new PgpException(Reason.NOT_OPENPGP, "the text holds an OpenPGP "
                            + o.getClass().getSimpleName().replace("PGP", "") + ", not a key");
                }
                found.add(o);
            }
        } catch (IOException | RuntimeException e) {
            throw new PgpException(Reason.NOT_OPENPGP, "the text is not an OpenPGP key: " + e.getMessage(), e);
        }
        if (found.isEmpty()) {
            throw new PgpException(Reason.NOT_OPENPGP, "the text holds no OpenPGP key");
        }
        if (found.size() > 1) {
            throw new PgpException(Reason.BAD_KEY, "the text holds " + found.size() + " keys; give one key per file");
        }
        return found.get(0);
    }

    static PGPPublicKeyRing parsePublic(String text) throws PgpException {
        Object o = parseOne(text);
        if (o instanceof PGPSecretKeyRing) {
            throw new PgpException(Reason.BAD_KEY,
                    "this is a secret key: ask for the public key only (gpg --armor --export, not --export-secret-keys)");
        }
        return (PGPPublicKeyRing) o;
    }

    static PGPSecretKeyRing parseSecret(String text) throws PgpException {
        Object o = parseOne(text);
        if (o instanceof PGPPublicKeyRing) {
            throw new PgpException(Reason.BAD_KEY, "this is a public key; a secret key is needed here");
        }
        return (PGPSecretKeyRing) o;
    }

    /** Checks the self-signatures of a certificate at {@code now}; BAD_KEY when no part of it can be used. */
    static Checked check(PGPPublicKeyRing ring, Instant now) throws PgpException {
        PGPPublicKey primary = ring.getPublicKey();
        String fp = fingerprint(primary);
        if (primary.getVersion() != 4) {
            throw new PgpException(Reason.BAD_KEY, "key " + fp + " is a version " + primary.getVersion()
                    + " key; only version 4 keys (what GnuPG 2.2 makes and reads) are accepted");
        }
        String weak = weakness(primary);
        if (weak != null) {
            throw new PgpException(Reason.BAD_KEY, "key " + fp + ": " + weak);
        }
        if (revoked(primary, primary, null, PGPSignature.KEY_REVOCATION)) {
            throw new PgpException(Reason.BAD_KEY, "key " + fp + " has been revoked by its owner");
        }
        // The user ID: the newest valid self-certification of each, the one marked primary first.
        String userId = null;
        PGPSignature userSig = null;
        boolean userPrimary = false;
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
            String id = ids.next();
            PGPSignature best = null;
            PGPSignature revocation = null;
            for (Iterator<PGPSignature> it = primary.getSignaturesForID(id); it.hasNext(); ) {
                PGPSignature s = it.next();
                int type = s.getSignatureType();
                boolean cert = type >= PGPSignature.DEFAULT_CERTIFICATION && type <= PGPSignature.POSITIVE_CERTIFICATION;
                if ((cert || type == PGPSignature.CERTIFICATION_REVOCATION) && verifies(s, primary, () -> s.verifyCertification(id, primary))) {
                    if (cert && (best == null || s.getCreationTime().after(best.getCreationTime()))) {
                        best = s;
                    } else if (!cert) {
                        revocation = s;
                    }
                }
            }
            if (best == null || (revocation != null && !revocation.getCreationTime().before(best.getCreationTime()))) {
                continue;
            }
            boolean isPrimary = best.getHashedSubPackets() != null && best.getHashedSubPackets().isPrimaryUserID();
            if (userId == null || (isPrimary && !userPrimary)) {
                userId = id;
                userSig = best;
                userPrimary = isPrimary;
            }
        }
        if (userId == null) {
            throw new PgpException(Reason.BAD_KEY, "key " + fp + " has no user ID certified by the key itself");
        }
        Instant created = primary.getCreationTime().toInstant();
        PGPSignatureSubpacketVector hashed = userSig.getHashedSubPackets();
        String expiry = expired(primary, hashed, now);
        if (expiry != null) {
            throw new PgpException(Reason.BAD_KEY, "key " + fp + " (" + userId + ") " + expiry);
        }
        List<PGPPublicKey> enc = new ArrayList<>();
        List<PGPPublicKey> sign = new ArrayList<>();
        int flags = flags(primary, hashed, true);
        if ((flags & KeyFlags.SIGN_DATA) != 0 && canSignAlgorithm(primary.getAlgorithm())) {
            sign.add(primary);
        }
        if ((flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0 && canEncryptAlgorithm(primary.getAlgorithm())) {
            enc.add(primary);
        }
        for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
            PGPPublicKey sub = it.next();
            if (sub.isMasterKey() || sub.getVersion() != 4 || weakness(sub) != null) {
                continue;
            }
            PGPSignature binding = null;
            for (Iterator<PGPSignature> sigs = sub.getSignaturesOfType(PGPSignature.SUBKEY_BINDING); sigs.hasNext(); ) {
                PGPSignature s = sigs.next();
                if (verifies(s, primary, () -> s.verifyCertification(primary, sub))
                        && (binding == null || s.getCreationTime().after(binding.getCreationTime()))) {
                    binding = s;
                }
            }
            if (binding == null || revoked(sub, primary, sub, PGPSignature.SUBKEY_REVOCATION)
                    || expired(sub, binding.getHashedSubPackets(), now) != null) {
                continue;
            }
            int subFlags = flags(sub, binding.getHashedSubPackets(), false);
            if ((subFlags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0 && canEncryptAlgorithm(sub.getAlgorithm())) {
                enc.add(sub);
            }
            if ((subFlags & KeyFlags.SIGN_DATA) != 0 && canSignAlgorithm(sub.getAlgorithm()) && backSigned(binding, primary, sub)) {
                sign.add(sub);
            }
        }
        Comparator<PGPPublicKey> newestFirst = Comparator.comparing(PGPPublicKey::getCreationTime).reversed();
        enc.sort(newestFirst);
        sign.sort(newestFirst);
        if (enc.isEmpty() && sign.isEmpty()) {
            throw new PgpException(Reason.BAD_KEY, "key " + fp + " (" + userId
                    + ") has no valid key for encryption or signing (revoked, expired or unsupported)");
        }
        return new Checked(ring, primary, fp, userId, created, List.copyOf(enc), List.copyOf(sign));
    }

    /** Why a key's algorithm or size is refused, or null. */
    static String weakness(PGPPublicKey key) {
        int alg = key.getAlgorithm();
        switch (alg) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT, PublicKeyAlgorithmTags.RSA_SIGN:
                return key.getBitStrength() < MIN_RSA_BITS
                        ? "RSA " + key.getBitStrength() + " bits is too short (at least " + MIN_RSA_BITS + ")" : null;
            case PublicKeyAlgorithmTags.ECDH, PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                 PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.Ed448, PublicKeyAlgorithmTags.X25519,
                 PublicKeyAlgorithmTags.X448:
                return null;
            default:
                return "public-key algorithm " + alg + " (DSA, ElGamal or other) is not accepted";
        }
    }

    static boolean canSignAlgorithm(int alg) {
        return switch (alg) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.ECDSA,
                 PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    static boolean canEncryptAlgorithm(int alg) {
        return switch (alg) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT, PublicKeyAlgorithmTags.ECDH,
                 PublicKeyAlgorithmTags.X25519, PublicKeyAlgorithmTags.X448 -> true;
            default -> false;
        };
    }

    /** Key flags of a self-signature; keys made before flags existed get what their algorithm can do. */
    private static int flags(PGPPublicKey key, PGPSignatureSubpacketVector hashed, boolean primary) {
        if (hashed != null && hashed.hasSubpacket(org.bouncycastle.bcpg.SignatureSubpacketTags.KEY_FLAGS)) {
            return hashed.getKeyFlags();
        }
        int f = 0;
        if (canSignAlgorithm(key.getAlgorithm())) {
            f |= KeyFlags.SIGN_DATA | (primary ? KeyFlags.CERTIFY_OTHER : 0);
        }
        if (canEncryptAlgorithm(key.getAlgorithm())) {
            f |= KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;
        }
        return f;
    }

    /** Null when valid at {@code at}, else the words "expired on …" or "is dated in the future". */
    static String expired(PGPPublicKey key, PGPSignatureSubpacketVector hashed, Instant at) {
        Instant created = key.getCreationTime().toInstant();
        long seconds = hashed == null ? 0 : hashed.getKeyExpirationTime();
        if (seconds > 0 && !at.isBefore(created.plusSeconds(seconds))) {
            return "expired on " + created.plusSeconds(seconds);
        }
        return null;
    }

    /** A signing subkey counts only with the embedded back-signature by the subkey (as GnuPG requires). */
    private static boolean backSigned(PGPSignature binding, PGPPublicKey primary, PGPPublicKey sub) {
        try {
            PGPSignatureSubpacketVector hashed = binding.getHashedSubPackets();
            List<PGPSignatureList> lists = new ArrayList<>();
            if (hashed != null) {
                lists.add(hashed.getEmbeddedSignatures());
            }
            if (binding.getUnhashedSubPackets() != null) {
                lists.add(binding.getUnhashedSubPackets().getEmbeddedSignatures());
            }
            for (PGPSignatureList list : lists) {
                for (PGPSignature back : list) {
                    if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                            && verifies(back, sub, () -> back.verifyCertification(primary, sub))) {
                        return true;
                    }
                }
            }
        } catch (PGPException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private static boolean revoked(PGPPublicKey key, PGPPublicKey issuer, PGPPublicKey sub, int type) {
        for (Iterator<PGPSignature> it = key.getSignaturesOfType(type); it.hasNext(); ) {
            PGPSignature s = it.next();
            if (verifies(s, issuer, () -> sub == null ? s.verifyCertification(issuer) : s.verifyCertification(issuer, sub))) {
                return true;
            }
        }
        return false;
    }

    private interface Check {
        boolean run() throws PGPException;
    }

    /** True when {@code sig} was made by {@code by} and checks; any parse or algorithm failure counts as not. */
    private static boolean verifies(PGPSignature sig, PGPPublicKey by, Check check) {
        try {
            if (sig.getKeyID() != 0 && sig.getKeyID() != by.getKeyID()) {
                return false;
            }
            sig.init(VERIFIERS, by);
            return check.run();
        } catch (PGPException | RuntimeException e) {
            return false;
        }
    }
}
