package org.safercities.platform.lan;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.safercities.crypto.TlsCertificate;
import org.safercities.platform.Browser;
import org.safercities.platform.TestKit;
import org.safercities.platform.setup.Demo;
import org.safercities.platform.web.Sessions;

/** The office network over real HTTPS, with a client that trusts only the fingerprint the kit shows. */
class LanTest {

    TestKit kit;

    @AfterEach
    void stop() throws IOException {
        if (kit != null) {
            kit.close();
        }
    }

    /** Trusts exactly one certificate, by its SHA-256 fingerprint, as a colleague checking it in the browser. */
    static SSLContext pinned(String fingerprint) throws Exception {
        X509TrustManager pin = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                if (!TlsCertificate.fingerprint(chain[0].getEncoded()).equals(fingerprint)) {
                    throw new CertificateException("not the kit's certificate");
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("no client certificates");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {pin}, null);
        return ssl;
    }

    @Test
    void theOfficeNetworkIsServedOverHttpsWithAPinnedCertificateSecureCookiesAndTheFingerprintPage() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("lan"), Map.of("demo", "true", "server.lan", "true"));
        String fingerprint = kit.kit.tlsFingerprint().orElseThrow();
        assertTrue(Files.isRegularFile(kit.data.resolve("tls/kit.crt")) && Files.isRegularFile(kit.data.resolve("tls/kit.key")),
                "the certificate is kept in the data folder");
        String base = "https://127.0.0.1:" + kit.kit.port();

        Browser b = new Browser(base, pinned(fingerprint));
        assertEquals(200, b.get("/health").statusCode());
        HttpResponse<String> in = b.signIn("demo-admin", Demo.PASSWORD);
        assertEquals(303, in.statusCode(), in.body());
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(Sessions.COOKIE + "="))
                .findFirst().orElseThrow();
        assertTrue(cookie.contains("; Secure"), "the session cookie is Secure over HTTPS: " + cookie);
        String page = b.get("/network").body();
        assertTrue(page.contains(fingerprint), "the administrator sees the fingerprint to give colleagues");
        assertTrue(page.contains("https://"), "and the addresses to open");

        // a client that expects another certificate (a machine answering in the kit's place) gets no connection,
        // and neither does one that trusts only the usual authorities
        String other = TlsCertificate.fingerprint(new byte[] {1});
        HttpClient wrong = HttpClient.newBuilder().sslContext(pinned(other)).build();
        assertThrows(SSLHandshakeException.class, () -> wrong.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));
        assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(base + "/health")).build(), HttpResponse.BodyHandlers.ofString()));
        // plain HTTP on the same port gets no page
        assertThrows(IOException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + kit.kit.port() + "/health")).build(),
                HttpResponse.BodyHandlers.ofString()));

        // a restart keeps the certificate: colleagues check the same fingerprint
        kit.restart(Map.of("demo", "true", "server.lan", "true"));
        assertEquals(fingerprint, kit.kit.tlsFingerprint().orElseThrow());
    }

    @Test
    void plainHttpIsRefusedOnAnyAddressButLoopbackWithAMessageAndTheFolderStaysFree() throws Exception {
        Path data = Files.createTempDirectory("lan-refused");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TestKit.start(data, Map.of("server.host", "0.0.0.0")));
        assertTrue(e.getMessage().contains("plain HTTP only on 127.0.0.1") && e.getMessage().contains("--lan"), e.getMessage());
        assertFalse(Files.exists(data.resolve("tls")), "no certificate without --lan");
        kit = TestKit.start(data, Map.of("demo", "true"));
        assertTrue(kit.kit.tlsFingerprint().isEmpty());
        Browser b = kit.signedIn("demo-admin", Demo.PASSWORD);
        String page = b.get("/network").body();
        assertTrue(page.contains("--lan"), "the page says how to share the kit");
        assertEquals(403, kit.signedIn(Demo.COORDINATOR, Demo.PASSWORD).get("/network").statusCode(), "administrators only");
    }
}
