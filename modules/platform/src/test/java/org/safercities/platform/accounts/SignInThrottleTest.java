package org.safercities.platform.accounts;

import static org.junit.jupiter.api.Assertions.*;

import java.net.CookieManager;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

import org.safercities.crypto.Passwords;
import org.safercities.platform.Kit;
import org.safercities.platform.TestKit;
import org.safercities.platform.setup.Demo;
import org.safercities.platform.store.DataFolder;

/**
 * 1,000 wrong passwords against one account, and 1,000 against many names from one address: the sign-in
 * throttle (5 per account, 20 per address, 15 minutes) bounds how many are <em>evaluated</em>, that is how many
 * Argon2id hashes the server computes for them, counted on the hasher itself, with a clock the test moves.
 * The timing of known against unknown user names is measured by bench/signin-timing.sh, not here.
 */
class SignInThrottleTest {

    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    /** A clock the test moves forward. */
    static final class MovingClock extends Clock {
        volatile Instant now = Instant.parse("2026-03-01T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void pass(Duration d) {
            now = now.plus(d);
        }
    }

    static Path data;
    static Kit kit;
    static Passwords hasher;
    static final MovingClock clock = new MovingClock();

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("throttle");
        hasher = Mockito.spy(new Passwords(TestKit.FAST));
        kit = Kit.start(TestKit.config(data, Map.of("demo", "true")), List.of(), "test", Map.of(), clock, hasher);
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
        DataFolder.deleteTree(data);
    }

    @BeforeEach
    void freshWindow() {
        clock.pass(Duration.ofHours(1)); // every test starts with the earlier tests' failures out of the window
        Mockito.clearInvocations(hasher);
    }

    /**
     * Password evaluations since the last count: every one ends in {@code verify}, against the account's hash or
     * (for an unknown name, through {@code verifyNobody}) against nobody's; each computes one Argon2id hash.
     */
    static long evaluations() {
        return Mockito.mockingDetails(hasher).getInvocations().stream()
                .filter(i -> i.getMethod().getName().equals("verify")).count();
    }

    /** A visitor from one address (127.0.0.N: the loopback network answers on all of them). */
    static final class Visitor {
        final HttpClient http;
        final String base = "http://127.0.0.1:" + kit.port();
        String csrf;

        Visitor(String address) throws Exception {
            http = HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
            read(http.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString()));
        }

        private void read(HttpResponse<String> r) {
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
        }

        int signIn(String user, String password) throws Exception {
            String body = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            read(r);
            return r.statusCode();
        }
    }

    @Test
    void aThousandWrongPasswordsAgainstOneAccountAreFiveEvaluationsPerWindowFromAnyAddress() throws Exception {
        Visitor[] from = new Visitor[10];
        for (int i = 0; i < from.length; i++) {
            from[i] = new Visitor("127.0.0." + (2 + i));
        }
        for (int i = 0; i < 1000; i++) {
            assertNotEquals(303, from[i % from.length].signIn(Demo.COORDINATOR, "wrong-" + i));
            if (i % 100 == 99) {
                clock.pass(Duration.ofSeconds(30)); // 1,000 tries over five minutes: all inside one window
            }
        }
        assertEquals(5, evaluations(), "five of 1,000 wrong passwords were hashed, whichever address sent them");
        assertNotEquals(303, from[0].signIn(Demo.COORDINATOR, Demo.PASSWORD), "the right password waits too");
        assertEquals(5, evaluations(), "and was not even evaluated");

        clock.pass(Duration.ofMinutes(15));
        Mockito.clearInvocations(hasher);
        for (int i = 0; i < 1000; i++) {
            from[i % from.length].signIn(Demo.COORDINATOR, "again-" + i);
        }
        assertEquals(5, evaluations(), "the next window allows five more, not more");
        clock.pass(Duration.ofMinutes(16));
        assertEquals(303, from[0].signIn(Demo.COORDINATOR, Demo.PASSWORD), "after the window the owner signs in");
    }

    @Test
    void aThousandNamesFromOneAddressAreTwentyEvaluationsPerWindow() throws Exception {
        Visitor one = new Visitor("127.0.0.40");
        for (int i = 0; i < 1000; i++) {
            one.signIn(i % 2 == 0 ? "nobody-" + i : "demo-analyst", "wrong-" + i); // unknown and known names alike
        }
        assertEquals(20, evaluations(), "20 of 1,000 tries from one address were hashed");
        Visitor other = new Visitor("127.0.0.41");
        assertEquals(303, other.signIn("demo-admin", Demo.PASSWORD), "another address is not held back");
    }

    /** A name longer than any account's (and than the audit log's column) is refused like any wrong name: it
     *  answered 500 (the audit entry did not fit) until the name was cut. */
    @Test
    void aVeryLongNameIsAWrongNameNotAServerError() throws Exception {
        Visitor one = new Visitor("127.0.0.50");
        String longName = "x".repeat(100_000);
        assertEquals(401, one.signIn(longName, "wrong"));
        assertEquals(401, one.signIn(Demo.COORDINATOR + "y".repeat(80), Demo.PASSWORD), "a real name and more is not it");
        assertEquals(303, one.signIn(Demo.COORDINATOR, Demo.PASSWORD));
        String failed = kit.store().read(c -> {
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT actor FROM platform_audit WHERE outcome = 'failed' ORDER BY seq DESC")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertEquals(64, failed.length(), "recorded, cut to the column's width");
    }
}
