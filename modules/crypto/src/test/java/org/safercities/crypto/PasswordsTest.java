package org.safercities.crypto;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class PasswordsTest {

    private static final Passwords FAST = new Passwords(new Passwords.Params(1024, 1, 1));

    @Test
    void defaultsAreOneOfOwaspsEqualConfigurations() {
        // OWASP Password Storage Cheat Sheet, Argon2id: m (KiB) and t of equal defence, p = 1
        java.util.Map<Integer, Integer> owasp = java.util.Map.of(47104, 1, 19456, 2, 12288, 3, 9216, 4, 7168, 5);
        Passwords.Params p = Passwords.DEFAULT;
        assertTrue(owasp.containsKey(p.memoryKib()), "m = " + p.memoryKib());
        assertTrue(p.iterations() >= owasp.get(p.memoryKib()), "t = " + p.iterations());
        assertEquals(1, p.parallelism());
        // a hash must fit in the launcher's 24 MB young generation's eden (-Xmn24m, about 19 MB) with room to spare
        assertTrue(p.memoryKib() <= 12 * 1024);
    }

    @Test
    void hashVerifiesOnlyTheSamePassword() {
        String stored = FAST.hash("correct horse battery".toCharArray());
        assertTrue(stored.startsWith("$argon2id$v=19$m=1024,t=1,p=1$"));
        assertTrue(FAST.verify("correct horse battery".toCharArray(), stored));
        assertFalse(FAST.verify("correct horse batterx".toCharArray(), stored));
    }

    @Test
    void saltMakesEveryHashDifferent() {
        assertNotEquals(FAST.hash("same password".toCharArray()), FAST.hash("same password".toCharArray()));
    }

    @Test
    void matchesTheReferenceArgon2idVector() {
        // RFC 9106 does not give an Argon2id vector in PHC form; this one is from the reference implementation
        // (phc-winner-argon2): password "password", salt "somesalt", m=64 KiB, t=2, p=1, 32 bytes.
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(FAST.verify("password".toCharArray(), reference));
        assertFalse(FAST.verify("Password".toCharArray(), reference));
    }

    @Test
    void rehashWhenParametersChange() {
        String weak = FAST.hash("a password here".toCharArray());
        Passwords current = new Passwords(new Passwords.Params(2048, 1, 1));
        assertTrue(current.needsRehash(weak));
        assertFalse(current.needsRehash(current.hash("a password here".toCharArray())));
        assertTrue(current.verify("a password here".toCharArray(), weak), "old hashes still verify");
    }

    @Test
    void malformedStoredHashNeverMatches() {
        for (String bad : new String[] {null, "", "$argon2i$v=19$m=1024,t=1,p=1$c29tZXNhbHQ$abc", "$argon2id$v=19$m=x$a$b",
                "plain-text-password"}) {
            assertFalse(FAST.verify("plain-text-password".toCharArray(), bad), String.valueOf(bad));
            assertTrue(FAST.needsRehash(bad));
        }
    }

    @Test
    void tokensAre128BitsAndComparedSafely() {
        String t = Secrets.token(16);
        assertEquals(22, t.length());
        assertTrue(Secrets.sameToken(t, new String(t)));
        assertFalse(Secrets.sameToken(t, Secrets.token(16)));
        assertFalse(Secrets.sameToken(t, null));
    }
}
