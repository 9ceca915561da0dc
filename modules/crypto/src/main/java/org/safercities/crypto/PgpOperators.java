package org.safercities.crypto;

import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.Signer;
import org.bouncycastle.crypto.digests.Prehash;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.digests.SHA224Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA384Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.RSADigestSigner;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.operator.PGPContentSigner;
import org.bouncycastle.openpgp.operator.PGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifier;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilder;
import org.bouncycastle.openpgp.operator.PGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;

/**
 * Bouncy Castle's {@code operator.bc} classes with the JDK's own SHA-1/SHA-2 in place of Bouncy Castle's Java
 * digests. The JDK's are compiled to the CPU's SHA instructions (SHA-NI, AVX2): the passphrase's S2K (33.5 MB of
 * SHA-256 per unlock) and the signature's SHA-512 of a whole export are then several times faster. Bouncy Castle's
 * signer also hashed the data twice (once for the signature, once for the digest prefix); here it is hashed once
 * and the signature made over the digest, which is what Ed25519 "legacy" and RSA PKCS #1 sign in OpenPGP.
 * Only the JDK's built-in provider is used: nothing is registered. Other algorithms fall back to Bouncy Castle.
 */
final class PgpOperators {

    private PgpOperators() {
    }

    private static final BcPGPDigestCalculatorProvider BC_DIGESTS = new BcPGPDigestCalculatorProvider();
    private static final BcPGPContentVerifierBuilderProvider BC_VERIFIERS = new BcPGPContentVerifierBuilderProvider();
    private static final BcPGPKeyConverter KEYS = new BcPGPKeyConverter();

    /** Digest calculators (S2K, secret key checksums, signatures) on the JDK's digests. */
    static final PGPDigestCalculatorProvider DIGESTS = algorithm -> {
        String name = jdkName(algorithm);
        return name == null ? BC_DIGESTS.get(algorithm) : new JdkDigest(algorithm, name);
    };

    /** Signature verifiers that hash with the JDK, for Ed25519 (legacy and RFC 9580) and RSA keys. */
    static final PGPContentVerifierBuilderProvider VERIFIERS = (keyAlgorithm, hashAlgorithm) -> {
        if (!prehashable(keyAlgorithm, hashAlgorithm)) {
            return BC_VERIFIERS.get(keyAlgorithm, hashAlgorithm);
        }
        return new PGPContentVerifierBuilder() {
            @Override
            public PGPContentVerifier build(PGPPublicKey publicKey) throws PGPException {
                AsymmetricKeyParameter key = KEYS.getPublicKey(publicKey);
                PGPDigestCalculator digest = DIGESTS.get(hashAlgorithm);
                return new PGPContentVerifier() {
                    @Override
                    public OutputStream getOutputStream() {
                        return digest.getOutputStream();
                    }

                    @Override
                    public int getHashAlgorithm() {
                        return hashAlgorithm;
                    }

                    @Override
                    public int getKeyAlgorithm() {
                        return keyAlgorithm;
                    }

                    @Override
                    public long getKeyID() {
                        return publicKey.getKeyID();
                    }

                    @Override
                    public boolean verify(byte[] expected) {
                        Signer s = signer(keyAlgorithm, hashAlgorithm);
                        s.init(false, key);
                        byte[] hash = digest.getDigest();
                        s.update(hash, 0, hash.length);
                        return s.verifySignature(expected);
                    }
                };
            }
        };
    };

    /** A content signer that hashes with the JDK and signs the digest once (falls back to Bouncy Castle's). */
    static PGPContentSignerBuilder signer(PGPPublicKey key, int hashAlgorithm) {
        int keyAlgorithm = key.getAlgorithm();
        if (!prehashable(keyAlgorithm, hashAlgorithm)) {
            return new BcPGPContentSignerBuilder(keyAlgorithm, hashAlgorithm);
        }
        return (signatureType, privateKey) -> contentSigner(signatureType, privateKey, keyAlgorithm, hashAlgorithm);
    }

    private static PGPContentSigner contentSigner(int signatureType, PGPPrivateKey privateKey, int keyAlgorithm,
                                                  int hashAlgorithm) throws PGPException {
        AsymmetricKeyParameter key = KEYS.getPrivateKey(privateKey);
        PGPDigestCalculator digest = DIGESTS.get(hashAlgorithm);
        return new PGPContentSigner() {
            private byte[] hash;

            private byte[] hash() {
                if (hash == null) {
                    hash = digest.getDigest();
                }
                return hash;
            }

            @Override
            public OutputStream getOutputStream() {
                return digest.getOutputStream();
            }

            @Override
            public byte[] getSignature() {
                Signer s = signer(keyAlgorithm, hashAlgorithm);
                s.init(true, key);
                byte[] h = hash();
                s.update(h, 0, h.length);
                try {
                    return s.generateSignature();
                } catch (CryptoException e) {
                    throw new IllegalStateException("unable to create signature", e);
                }
            }

            @Override
            public byte[] getDigest() {
                return hash();
            }

            @Override
            public int getType() {
                return signatureType;
            }

            @Override
            public int getHashAlgorithm() {
                return hashAlgorithm;
            }

            @Override
            public int getKeyAlgorithm() {
                return keyAlgorithm;
            }

            @Override
            public long getKeyID() {
                return privateKey.getKeyID();
            }
        };
    }

    private static boolean prehashable(int keyAlgorithm, int hashAlgorithm) {
        return jdkName(hashAlgorithm) != null && switch (keyAlgorithm) {
            case PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.RSA_GENERAL,
                 PublicKeyAlgorithmTags.RSA_SIGN -> true;
            default -> false;
        };
    }

    /** The signature over an already computed digest: what Bouncy Castle's signers do after their own hashing. */
    private static Signer signer(int keyAlgorithm, int hashAlgorithm) {
        if (keyAlgorithm == PublicKeyAlgorithmTags.RSA_GENERAL || keyAlgorithm == PublicKeyAlgorithmTags.RSA_SIGN) {
            return new RSADigestSigner(Prehash.forDigest(bcDigest(hashAlgorithm)));
        }
        return new Ed25519Signer();
    }

    private static Digest bcDigest(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.SHA1 -> new SHA1Digest();
            case HashAlgorithmTags.SHA224 -> new SHA224Digest();
            case HashAlgorithmTags.SHA256 -> new SHA256Digest();
            case HashAlgorithmTags.SHA384 -> new SHA384Digest();
            case HashAlgorithmTags.SHA512 -> new SHA512Digest();
            default -> throw new IllegalArgumentException("hash " + algorithm);
        };
    }

    private static String jdkName(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            default -> null;
        };
    }

    /**
     * A JDK digest behind Bouncy Castle's calculator interface. Small writes (the S2K writes salt and passphrase a
     * million times) are gathered in a buffer so that the digest sees whole blocks.
     */
    private static final class JdkDigest implements PGPDigestCalculator {
        private final int algorithm;
        private final MessageDigest md;
        private final byte[] buf = new byte[8192];
        private int n;
        private final OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                if (n == buf.length) {
                    drain();
                }
                buf[n++] = (byte) b;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                if (len >= buf.length) {
                    drain();
                    md.update(b, off, len);
                    return;
                }
                if (n + len > buf.length) {
                    drain();
                }
                System.arraycopy(b, off, buf, n, len);
                n += len;
            }
        };

        JdkDigest(int algorithm, String name) {
            this.algorithm = algorithm;
            try {
                this.md = MessageDigest.getInstance(name);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no " + name, e);
            }
        }

        private void drain() {
            if (n > 0) {
                md.update(buf, 0, n);
                n = 0;
            }
        }

        @Override
        public int getAlgorithm() {
            return algorithm;
        }

        @Override
        public OutputStream getOutputStream() {
            return out;
        }

        @Override
        public byte[] getDigest() {
            drain();
            return md.digest();
        }

        @Override
        public void reset() {
            n = 0;
            md.reset();
        }
    }
}
