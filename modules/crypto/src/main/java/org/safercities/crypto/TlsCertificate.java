package org.safercities.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The kit's own HTTPS certificate for serving colleagues on the office network: a self-signed ECDSA P-256
 * certificate made once and kept in a folder ({@code kit.crt} and {@code kit.key}, PEM), valid ten years, for
 * this PC's name and addresses. Nobody vouches for it, so browsers warn: colleagues compare its SHA-256
 * fingerprint with the one the kit shows before they accept it.
 */
public final class TlsCertificate {

    static final String CERT = "kit.crt";
    static final String KEY = "kit.key";

    private final PrivateKey key;
    private final X509Certificate certificate;

    private TlsCertificate(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    public PrivateKey privateKey() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** SHA-256 of the certificate, as browsers show it: 32 upper-case hex pairs separated by colons. */
    public String fingerprint() {
        try {
            return fingerprint(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String fingerprint(byte[] der) {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the certificate kept in {@code folder}, or makes one for {@code names} (host names and IP addresses)
     * and keeps it there. A damaged pair is not replaced silently: colleagues would see a new fingerprint.
     */
    public static TlsCertificate loadOrCreate(Path folder, List<String> names) throws IOException {
        Path cert = folder.resolve(CERT);
        Path key = folder.resolve(KEY);
        if (Files.exists(cert) || Files.exists(key)) {
            return load(cert, key);
        }
        Files.createDirectories(folder);
        TlsCertificate made = create(names, Instant.now());
        Path tmpCert = folder.resolve(CERT + ".tmp");
        Path tmpKey = folder.resolve(KEY + ".tmp");
        try {
            Files.writeString(tmpKey, pem("PRIVATE KEY", made.key.getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(tmpCert, pem("CERTIFICATE", made.certificate.getEncoded()), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Files.move(tmpKey, key, StandardCopyOption.ATOMIC_MOVE);
        Files.move(tmpCert, cert, StandardCopyOption.ATOMIC_MOVE);
        return made;
    }

    static TlsCertificate load(Path cert, Path key) throws IOException {
        try {
            X509Certificate c;
            try (InputStream in = Files.newInputStream(cert)) {
                c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            }
            PrivateKey k = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(key,
                    StandardCharsets.US_ASCII))));
            return new TlsCertificate(k, c);
        } catch (GeneralSecurityException | IllegalArgumentException | java.nio.file.NoSuchFileException e) {
            throw new IOException("The kit's HTTPS certificate in " + cert.getParent() + " cannot be read (" + e.getMessage()
                    + "). Delete the folder's kit.crt and kit.key to make a new one; colleagues will then see a new fingerprint.", e);
        }
    }

    static TlsCertificate create(List<String> names, Instant now) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
            KeyPair pair = g.generateKeyPair();
            String cn = names.isEmpty() ? "localhost" : names.get(0);
            X500Name subject = new X500Name("CN=" + cn.replaceAll("[,+=\"\\\\<>;]", "_") + ",O=Safer Cities Kit");
            JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), subject, pair.getPublic());
            List<GeneralName> alt = new ArrayList<>();
            for (String n : names) {
                alt.add(isAddress(n) ? new GeneralName(GeneralName.iPAddress, n) : new GeneralName(GeneralName.dNSName, n));
            }
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(GeneralName[]::new)));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            X509CertificateHolder holder = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()));
            return new TlsCertificate(pair.getPrivate(), c);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make the HTTPS certificate", e);
        }
    }

    /** An IPv4 or IPv6 literal, not a name (never resolved). */
    static boolean isAddress(String n) {
        return n.matches("[0-9.]+") || n.contains(":");
    }

    /** This PC's name and its addresses on the office network, for the certificate's names. */
    public static List<String> localNames() {
        List<String> out = new ArrayList<>(List.of("localhost", "127.0.0.1"));
        try {
            String host = InetAddress.getLocalHost().getHostName();
            if (!out.contains(host) && !isAddress(host)) {
                out.add(0, host);
            }
            for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (var a : java.util.Collections.list(nic.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address && !a.isLoopbackAddress()) {
                        out.add(a.getHostAddress());
                    }
                }
            }
        } catch (IOException e) {
            // names only; the fingerprint is what colleagues check
        }
        return out;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static byte[] unpem(String text) {
        String body = text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
