package org.safercities.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
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
import org.bouncycastle.openpgp.operator.PGPDataDecryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptor;
import org.bouncycastle.openpgp.operator.PGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;
import org.bouncycastle.openpgp.operator.bc.BcPGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyConverter;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;

/**
 * Bouncy Castle's {@code operator.bc} classes with the JDK's own SHA-1/SHA-2 in place of Bouncy Castle's Java
 * digests. The JDK's are compiled to the CPU's SHA instructions (SHA-NI, AVX2): the passphrase's S2K (65 MB of
 * SHA-256 per unlock) and the signature's SHA-512 of a whole export are then several times faster. Bouncy Castle's
 * signer also hashed the data twice (once for the signature, once for the digest prefix); here it is hashed once
 * and the signature made over the digest, which is what Ed25519 "legacy" and RSA PKCS #1 sign in OpenPGP.
 * The same for the symmetric layer of SEIPD v1 (AES in CFB mode with a zero IV, and its SHA-1 MDC): Bouncy Castle
 * runs CFB byte by byte in Java, the JDK's {@code AES/CFB/NoPadding} uses the CPU's AES instructions.
 * Only the JDK's built-in providers are used: nothing is registered. Other algorithms fall back to Bouncy Castle.
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

    // ------------------------------------------------------------------------------------------------ SEIPD v1

    private static boolean aes(int algorithm) {
        return algorithm == SymmetricKeyAlgorithmTags.AES_128 || algorithm == SymmetricKeyAlgorithmTags.AES_192
                || algorithm == SymmetricKeyAlgorithmTags.AES_256;
    }

    /** SEIPD v1 with an MDC, AES in the JDK. Only integrity-protected, non-AEAD encryption is offered. */
    static PGPDataEncryptorBuilder encryptor(int algorithm, SecureRandom random) {
        if (!aes(algorithm)) {
            throw new IllegalArgumentException("AES only");
        }
        BcPGPDataEncryptorBuilder bc = new BcPGPDataEncryptorBuilder(algorithm).setWithIntegrityPacket(true)
                .setSecureRandom(random);
        return new PGPDataEncryptorBuilder() {
            @Override
            public int getAlgorithm() {
                return algorithm;
            }

            @Override
            public int getAeadAlgorithm() {
                return bc.getAeadAlgorithm();
            }

            @Override
            public int getChunkSize() {
                return bc.getChunkSize();
            }

            @Override
            public boolean isV5StyleAEAD() {
                return bc.isV5StyleAEAD();
            }

            @Override
            public PGPDataEncryptor build(byte[] keyBytes) {
                return new PGPDataEncryptor() {
                    @Override
                    public OutputStream getOutputStream(OutputStream out) {
                        return new CipherOut(out, cfb(Cipher.ENCRYPT_MODE, keyBytes));
                    }

                    @Override
                    public PGPDigestCalculator getIntegrityCalculator() {
                        return new JdkDigest(HashAlgorithmTags.SHA1, "SHA-1");
                    }

                    @Override
                    public int getBlockSize() {
                        return 16;
                    }
                };
            }

            @Override
            public PGPDataEncryptor build(byte[] keyBytes, byte[] iv) {
                throw new UnsupportedOperationException("no AEAD here");
            }

            @Override
            public SecureRandom getSecureRandom() {
                return random;
            }

            @Override
            public PGPDataEncryptorBuilder setWithIntegrityPacket(boolean withIntegrityPacket) {
                if (!withIntegrityPacket) {
                    throw new UnsupportedOperationException("always with an MDC");
                }
                return this;
            }

            @Override
            public PGPDataEncryptorBuilder setWithAEAD(int aeadAlgorithm, int chunkSize) {
                throw new UnsupportedOperationException("no AEAD here");
            }

            @Override
            public PGPDataEncryptorBuilder setUseV5AEAD() {
                throw new UnsupportedOperationException("no AEAD here");
            }

            @Override
            public PGPDataEncryptorBuilder setUseV6AEAD() {
                throw new UnsupportedOperationException("no AEAD here");
            }
        };
    }

    /** Bouncy Castle's public-key decryption, with SEIPD v1 + AES decrypted by the JDK. */
    static BcPublicKeyDataDecryptorFactory decryptor(PGPPrivateKey key) {
        return new BcPublicKeyDataDecryptorFactory(key) {
            @Override
            public PGPDataDecryptor createDataDecryptor(boolean withIntegrityPacket, int encAlgorithm, byte[] key)
                    throws PGPException {
                if (!withIntegrityPacket || !aes(encAlgorithm)) {
                    return super.createDataDecryptor(withIntegrityPacket, encAlgorithm, key);
                }
                return new PGPDataDecryptor() {
                    @Override
                    public InputStream getInputStream(InputStream in) {
                        return new CipherIn(in, cfb(Cipher.DECRYPT_MODE, key));
                    }

                    @Override
                    public int getBlockSize() {
                        return 16;
                    }

                    @Override
                    public PGPDigestCalculator getIntegrityCalculator() {
                        return new JdkDigest(HashAlgorithmTags.SHA1, "SHA-1");
                    }
                };
            }
        };
    }

    /** AES in CFB mode with a zero IV, as SEIPD v1 uses it (the random prefix does the IV's work). */
    private static Cipher cfb(int mode, byte[] key) {
        try {
            Cipher c = Cipher.getInstance("AES/CFB/NoPadding");
            c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(new byte[16]));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES/CFB cannot be used: " + e.getMessage(), e);
        }
    }

    private static final int CHUNK = 1 << 16;

    /** Encrypts what is written; close() writes the last bytes and closes the stream below (as BC's does). */
    private static final class CipherOut extends OutputStream {
        private final OutputStream out;
        private final Cipher cipher;
        private final byte[] buf = new byte[CHUNK + 32];
        private boolean closed;

        CipherOut(OutputStream out, Cipher cipher) {
            this.out = out;
            this.cipher = cipher;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                while (len > 0) {
                    int n = Math.min(len, CHUNK);
                    int m = cipher.update(b, off, n, buf, 0);
                    out.write(buf, 0, m);
                    off += n;
                    len -= n;
                }
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                int m = cipher.doFinal(buf, 0);
                out.write(buf, 0, m);
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed: " + e.getMessage(), e);
            }
            out.close();
        }
    }

    /** Decrypts what is read, in chunks of 64 KiB. */
    private static final class CipherIn extends InputStream {
        private final InputStream in;
        private final Cipher cipher;
        private final byte[] ibuf = new byte[CHUNK];
        private final byte[] obuf = new byte[CHUNK + 32];
        private int opos;
        private int olen;
        private boolean eof;

        CipherIn(InputStream in, Cipher cipher) {
            this.in = in;
            this.cipher = cipher;
        }

        private boolean fill() throws IOException {
            try {
                while (opos == olen) {
                    if (eof) {
                        return false;
                    }
                    int n = in.read(ibuf);
                    opos = 0;
                    if (n < 0) {
                        olen = cipher.doFinal(obuf, 0);
                        eof = true;
                    } else {
                        olen = cipher.update(ibuf, 0, n, obuf, 0);
                    }
                }
                return true;
            } catch (GeneralSecurityException e) {
                throw new IOException("decryption failed: " + e.getMessage(), e);
            }
        }

        @Override
        public int read() throws IOException {
            return fill() ? obuf[opos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, olen - opos);
            System.arraycopy(obuf, opos, b, off, n);
            opos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
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
