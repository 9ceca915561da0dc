package org.safercities.crypto;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;

/**
 * A strict look at the public-key encrypted session key packets (tag 1) that start a message. Bouncy Castle, like
 * GnuPG, ignores two things an attacker can change without any effect on decryption: the low bits of an MPI's bit
 * count (only the byte count derived from it is used) and the top bit of an X25519 point (RFC 7748 masks it).
 * Neither is covered by the MDC or the signature, so a file with such a byte flipped would decrypt normally. Honest
 * writers always give the exact bit count and a point below 2^255; anything else is damage.
 */
final class KeyPackets {

    private KeyPackets() {
    }

    /** Why the key packet for {@code keyId} in {@code head} is not in canonical form, or null when it is. */
    static String problem(byte[] head, long keyId) {
        try {
            int pos = 0;
            while (pos < head.length) {
                int h = head[pos] & 0xff;
                if ((h & 0x80) == 0) {
                    return "not a packet header at offset " + pos;
                }
                int tag;
                long len;
                int hdr;
                if ((h & 0x40) != 0) {   // new format
                    tag = h & 0x3f;
                    int l1 = head[pos + 1] & 0xff;
                    if (l1 < 192) {
                        len = l1;
                        hdr = 2;
                    } else if (l1 < 224) {
                        len = ((long) (l1 - 192) << 8) + (head[pos + 2] & 0xff) + 192;
                        hdr = 3;
                    } else if (l1 == 255) {
                        len = ((long) (head[pos + 2] & 0xff) << 24) | ((head[pos + 3] & 0xff) << 16)
                                | ((head[pos + 4] & 0xff) << 8) | (head[pos + 5] & 0xff);
                        hdr = 6;
                    } else {   // partial length: only the data packet may have one
                        return tag == 1 ? "a key packet with a partial length" : null;
                    }
                } else {   // old format
                    tag = (h >> 2) & 0x0f;
                    switch (h & 3) {
                        case 0 -> { len = head[pos + 1] & 0xff; hdr = 2; }
                        case 1 -> { len = ((head[pos + 1] & 0xff) << 8) | (head[pos + 2] & 0xff); hdr = 3; }
                        case 2 -> {
                            len = ((long) (head[pos + 1] & 0xff) << 24) | ((head[pos + 2] & 0xff) << 16)
                                    | ((head[pos + 3] & 0xff) << 8) | (head[pos + 4] & 0xff);
                            hdr = 5;
                        }
                        default -> { return tag == 1 ? "a key packet of indeterminate length" : null; }
                    }
                }
                if (tag != 1 && tag != 10) {
                    return null;   // the encrypted data packet: the key packets are over
                }
                int body = pos + hdr;
                if (body + len > head.length) {
                    return "a key packet longer than the data";
                }
                if (tag == 1) {
                    String p = pkesk(head, body, body + (int) len, keyId);
                    if (p != null) {
                        return p;
                    }
                }
                pos = body + (int) len;
            }
            return null;
        } catch (ArrayIndexOutOfBoundsException e) {
            return "a key packet is cut short";
        }
    }

    private static String pkesk(byte[] b, int p, int end, long keyId) {
        if ((b[p] & 0xff) != 3) {
            return null;   // not a v3 packet: not one of ours
        }
        long id = 0;
        for (int i = 1; i <= 8; i++) {
            id = (id << 8) | (b[p + i] & 0xff);
        }
        if (id != keyId) {
            return null;
        }
        int alg = b[p + 9] & 0xff;
        int q = p + 10;
        switch (alg) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT -> q = mpi(b, q);
            case PublicKeyAlgorithmTags.ECDH -> {
                int start = q + 2;
                q = mpi(b, q);
                if (q < 0) {
                    return "an MPI whose bit count does not match its value";
                }
                if (q - start == 33 && b[start] == 0x40 && (b[q - 1] & 0x80) != 0) {
                    return "the X25519 point has its top bit set";
                }
                q = q + 1 + (b[q] & 0xff);
            }
            case PublicKeyAlgorithmTags.X25519 -> {
                if ((b[q + 31] & 0x80) != 0) {
                    return "the X25519 point has its top bit set";
                }
                q = q + 32;
                q = q + 1 + (b[q] & 0xff);
            }
            default -> {
                return null;
            }
        }
        if (q < 0) {
            return "an MPI whose bit count does not match its value";
        }
        return q == end ? null : "the key packet's length does not match its content";
    }

    /** The offset after the MPI at {@code q}, or -1 when its bit count is not exactly the value's bit length. */
    private static int mpi(byte[] b, int q) {
        if (q < 0) {
            return -1;
        }
        int bits = ((b[q] & 0xff) << 8) | (b[q + 1] & 0xff);
        int bytes = (bits + 7) / 8;
        if (bytes == 0) {
            return -1;
        }
        int top = b[q + 2] & 0xff;
        int actual = (bytes - 1) * 8 + (32 - Integer.numberOfLeadingZeros(top));
        return actual == bits ? q + 2 + bytes : -1;
    }
}
