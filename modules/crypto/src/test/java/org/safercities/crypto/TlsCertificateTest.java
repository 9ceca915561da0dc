package org.safercities.crypto;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Signature;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCertificateTest {

    @TempDir
    Path dir;

    @Test
    void madeOnceKeptAndReadBackWithTheSameFingerprint() throws Exception {
        TlsCertificate made = TlsCertificate.loadOrCreate(dir, List.of("office-pc", "192.168.1.20", "127.0.0.1"));
        assertTrue(made.fingerprint().matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), made.fingerprint());
        TlsCertificate again = TlsCertificate.loadOrCreate(dir, List.of("another-name"));
        assertEquals(made.fingerprint(), again.fingerprint(), "kept, not remade: colleagues keep checking the same fingerprint");
        assertEquals(TlsCertificate.fingerprint(TlsCertificate.unpem(Files.readString(dir.resolve("kit.crt")))), made.fingerprint(),
                "the fingerprint is that of the file a colleague's browser receives");

        // the key read back belongs to the certificate, and the certificate names this PC
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(again.privateKey());
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        s.initVerify(again.certificate().getPublicKey());
        s.update(new byte[] {1, 2, 3});
        assertTrue(s.verify(sig));
        again.certificate().checkValidity();
        again.certificate().verify(again.certificate().getPublicKey());
        var alt = again.certificate().getSubjectAlternativeNames().stream().map(l -> l.get(1).toString()).toList();
        assertEquals(List.of("office-pc", "192.168.1.20", "127.0.0.1"), alt);
        assertTrue(again.certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "for a TLS server");
        assertFalse(Files.exists(dir.resolve("kit.crt.tmp")));
    }

    @Test
    void aDamagedCertificateIsReportedNotSilentlyReplaced() throws Exception {
        TlsCertificate.loadOrCreate(dir, List.of("pc"));
        Files.writeString(dir.resolve("kit.key"), "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, () -> TlsCertificate.loadOrCreate(dir, List.of("pc")));
        assertTrue(e.getMessage().contains("Delete the folder's kit.crt and kit.key"), e.getMessage());
        Files.delete(dir.resolve("kit.crt"));
        assertThrows(IOException.class, () -> TlsCertificate.loadOrCreate(dir, List.of("pc")), "half a pair is not remade either");
    }

    @Test
    void localNamesHoldLoopbackAndNoHostIsResolved() {
        List<String> names = TlsCertificate.localNames();
        assertTrue(names.contains("localhost") && names.contains("127.0.0.1"), names.toString());
        assertTrue(TlsCertificate.isAddress("10.0.0.1") && TlsCertificate.isAddress("fe80::1") && !TlsCertificate.isAddress("pc-1"));
    }
}
