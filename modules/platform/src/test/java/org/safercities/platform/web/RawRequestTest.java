package org.safercities.platform.web;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.platform.LogCapture;
import org.safercities.platform.RawHttp;
import org.safercities.platform.TestKit;

/**
 * Requests no browser sends, written byte by byte on a raw socket: whatever Helidon's parser refuses before the
 * routing is a 4xx, and an answer of 500 or more always leaves a line in the log (issue #10).
 */
class RawRequestTest {

    static TestKit kit;
    static LogCapture log;

    @BeforeAll
    static void start() throws Exception {
        log = LogCapture.install();
        kit = TestKit.demo();
    }

    @AfterAll
    static void stop() throws Exception {
        log.close();
        kit.close();
    }

    @Test
    void aMethodWithANulByteIsABadRequestAndIsLogged() throws Exception {
        int before = log.size();
        RawHttp.Answer a = RawHttp.send(kit.kit.port(), "GET\0 / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertEquals(400, a.status(), a.text());
        assertTrue(a.text().contains("nosniff"), "the security headers are on this answer too");
        assertTrue(log.since(before).stream().anyMatch(l -> l.contains("could not be read") && l.contains("400")),
                "the refusal is in the log: " + log.since(before));
        assertEquals(200, RawHttp.send(kit.kit.port(), "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").status(),
                "the server goes on answering");
    }

    @Test
    void requestLinesAndHeadersTheParserRefusesAreAll4xx() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("control byte in the method", "G\u0001T / HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("DEL in the method", "GE\u007fT / HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("NUL in the path", "GET /\0 HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("no version", "GET /\r\nHost: a\r\n\r\n");
        cases.put("unknown version", "GET / HTTP/7.3\r\nHost: a\r\n\r\n");
        cases.put("space in the path", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("header without a colon", "GET / HTTP/1.1\r\nHost: a\r\nBroken\r\n\r\n");
        cases.put("NUL in a header name", "GET / HTTP/1.1\r\nHost: a\r\nX-\0: 1\r\n\r\n");
        cases.put("two Host headers", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n");
        cases.put("bad Host port", "GET / HTTP/1.1\r\nHost: a:x\r\n\r\n");
        cases.put("Content-Length not a number", "POST /login HTTP/1.1\r\nHost: a\r\nContent-Length: ten\r\n\r\n");
        cases.put("bad chunk size", "POST /login HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\n\r\nzz\r\nabc\r\n0\r\n\r\n");
        cases.put("bad percent escape", "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("bad query escape", "GET /login?lang=%e HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("a very long header", "GET / HTTP/1.1\r\nHost: a\r\nX-Long: " + "a".repeat(40_000) + "\r\n\r\n");
        cases.put("a very long path", "GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        cases.put("unknown content encoding", "POST /login HTTP/1.1\r\nHost: a\r\nContent-Encoding: zip\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 3\r\n\r\na=b");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            int before = log.size();
            RawHttp.Answer a = RawHttp.send(kit.kit.port(), c.getValue());
            if (a.status() >= 500 && log.since(before).isEmpty()) {
                wrong.add(c.getKey() + ": " + a.statusLine() + " and nothing logged");
            } else if (a.status() >= 500 || a.status() == -1 && !a.text().isEmpty()) {
                wrong.add(c.getKey() + ": " + a.statusLine());
            }
        }
        assertTrue(wrong.isEmpty(), "answers that are not a client error:\n" + String.join("\n", wrong));
    }

    @Test
    void aBrokenFormBodyIsABadRequestNotAServerError() throws Exception {
        org.safercities.platform.Browser b = kit.signedIn(org.safercities.platform.setup.Demo.COORDINATOR,
                org.safercities.platform.setup.Demo.PASSWORD);
        b.get("/areas/new");
        String token = java.net.URLEncoder.encode(b.csrf, java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST /areas HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + Sessions.COOKIE + "=" + b.cookie(Sessions.COOKIE)
                + "\r\nConnection: close\r\n";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("a broken %-escape", "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 21\r\n\r\nname=%ZZ&_csrf=" + "x".repeat(6));
        bodies.put("an unknown charset", "Content-Type: application/x-www-form-urlencoded; charset=bogus\r\nContent-Length: "
                + (6 + token.length()) + "\r\n\r\n_csrf=" + token);
        bodies.put("a body shorter than its length", "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 500\r\n\r\n_csrf=" + token);
        for (Map.Entry<String, String> c : bodies.entrySet()) {
            RawHttp.Answer a = RawHttp.send(kit.kit.port(), head + c.getValue());
            assertEquals(400, a.status(), c.getKey() + ": " + a.statusLine());
        }
        RawHttp.Answer empty = RawHttp.send(kit.kit.port(), head
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 0\r\n\r\n");
        assertEquals(403, empty.status(), "an empty form has no token: " + empty.statusLine());
    }
}
