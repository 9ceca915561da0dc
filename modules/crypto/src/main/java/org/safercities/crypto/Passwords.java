package org.safercities.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashing in the PHC string format ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}),
 * so that a stored hash carries its own parameters and can be re-hashed when they change.
 *
 * <p>Each hash takes {@code memoryKib} of heap: at most {@link #MAX_CONCURRENT} run at once so that
 * a burst of logins cannot exhaust a 128 MB heap.
 */
public final class Passwords {

    /**
     * m=7 MiB, t=5, p=1: one of the five Argon2id configurations OWASP's Password Storage Cheat Sheet lists as
     * equal in defence (19 MiB/t=2, 12/3, 9/4, 7/5, 46/1), the one that trades memory for time. The kit's heap is
     * 128 MB with a 20 MB eden: a 19 MiB hash did not fit in it, so every sign-in pushed 19 MB of blocks into the
     * old generation, which grew by that much per sign-in until a full collection (docs/RELIABILITY.md,
     * "Memory"). 7 MiB fits, and dies young. Hashes made with 19 MiB are re-hashed at the next sign-in.
     */
    public static final Params DEFAULT = new Params(7 * 1024, 5, 1);
    static final int MAX_CONCURRENT = 2;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    private final Params params;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore permits = new Semaphore(MAX_CONCURRENT, true);
    /**
     * A hash of nobody, made at the first sign-in attempt of any user (known or not, so its cost tells nothing):
     * one full Argon2 run that start-up need not pay on a 2-core PC.
     */
    private volatile String dummyHash;

    public record Params(int memoryKib, int iterations, int parallelism) {
        public Params {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1) {
                throw new IllegalArgumentException("invalid Argon2 parameters");
            }
        }
    }

    public Passwords(Params params) {
        this.params = params;

    }

    public Passwords() {
        this(DEFAULT);
    }

    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = derive(password, salt, params);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + params.memoryKib() + ",t=" + params.iterations() + ",p=" + params.parallelism()
                + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Constant-time check; a malformed stored hash never matches. */
    public boolean verify(char[] password, String stored) {
        Parsed parsed = Parsed.of(stored);
        if (parsed == null) {
            return false;
        }
        byte[] actual = derive(password, parsed.salt(), parsed.params());
        return MessageDigest.isEqual(actual, parsed.hash());
    }

    /**
     * Spends the same time as {@link #verify} against a hash of nobody, so that an unknown user name takes
     * as long to refuse as a wrong password.
     */
    public void verifyNobody(char[] password) {
        verify(password, nobody());
    }

    /** Makes the hash of nobody if it is not there yet; the sign-in code calls it before every check. */
    public String nobody() {
        String d = dummyHash;
        if (d == null) {
            synchronized (this) {
                if (dummyHash == null) {
                    dummyHash = hash("not a password of anyone".toCharArray());
                }
                d = dummyHash;
            }
        }
        return d;
    }

    /** True when the stored hash was made with other parameters than the current ones (re-hash at login). */
    public boolean needsRehash(String stored) {
        Parsed parsed = Parsed.of(stored);
        return parsed == null || !parsed.params().equals(params);
    }

    private byte[] derive(char[] password, byte[] salt, Params p) {
        Argon2Parameters argon = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKib())
                .withIterations(p.iterations())
                .withParallelism(p.parallelism())
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(argon);
        byte[] out = new byte[HASH_BYTES];
        byte[] secret = new String(password).getBytes(StandardCharsets.UTF_8);
        permits.acquireUninterruptibly();
        try {
            generator.generateBytes(secret, out);
        } finally {
            permits.release();
            java.util.Arrays.fill(secret, (byte) 0);
        }
        return out;
    }

    private record Parsed(Params params, byte[] salt, byte[] hash) {
        static Parsed of(String stored) {
            if (stored == null) {
                return null;
            }
            String[] parts = stored.split("\\$");
            // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
            if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
                return null;
            }
            try {
                int m = 0, t = 0, p = 0;
                for (String kv : parts[3].split(",")) {
                    String[] pair = kv.split("=", 2);
                    int value = Integer.parseInt(pair[1]);
                    switch (pair[0]) {
                        case "m" -> m = value;
                        case "t" -> t = value;
                        case "p" -> p = value;
                        default -> { return null; }
                    }
                }
                Base64.Decoder b64 = Base64.getDecoder();
                return new Parsed(new Params(m, t, p), b64.decode(parts[4]), b64.decode(parts[5]));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
