package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.LogCapture;
import org.safercities.platform.RawHttp;
import org.safercities.platform.RouteTable;
import org.safercities.platform.TestKit;
import org.safercities.platform.setup.Demo;
import org.safercities.platform.web.Sessions;

/**
 * Sends malformed and random requests on raw sockets to a kit with every module (the demo city): odd methods,
 * paths and encodings, broken headers, form, multipart, JSON and raw upload bodies to every POST route of the
 * route tables and every form the signed-in pages show, signed in (with the right CSRF token or a wrong one) and
 * not. It fails on any answer of 500 or more, on any request the server did not answer in time, and on any
 * SEVERE line in the log (a server error however it was answered).
 *
 * <p>{@code -Dfuzz.requests=N} (10,000 by default) and {@code -Dfuzz.seed=S} (printed at the start) replay a run.
 */
class MalformedRequestFuzzTest {

    static final int REQUESTS = Integer.getInteger("fuzz.requests", 10_000);
    static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    static TestKit kit;
    static LogCapture log;
    static List<String> targets;
    static List<Crawl.PageForm> forms;
    static String cookie;
    static String csrf;

    @BeforeAll
    static void start() throws Exception {
        log = LogCapture.install();
        kit = TestKit.start(Files.createTempDirectory("fuzz"), Map.of("demo", "true"), Main.MODULES);
        Browser coordinator = kit.signedIn(Demo.COORDINATOR, Demo.PASSWORD);
        Crawl crawl = Crawl.of(coordinator, 150);
        forms = crawl.forms;
        List<String> all = new ArrayList<>(crawl.pages);
        for (RouteTable.Route r : RouteTable.of(kit.kit)) {
            String example = crawl.example(r, RouteTable.of(kit.kit));
            all.add(example != null ? example : r.path().replaceAll("\\{[^}]+}", "1"));
            all.add(r.method() + " " + r.path()); // the route itself, to be asked with its own method
        }
        targets = List.copyOf(all);
        coordinator.get("/");
        cookie = coordinator.cookie(Sessions.COOKIE);
        csrf = coordinator.csrf;
    }

    @AfterAll
    static void stop() throws Exception {
        log.close();
        kit.close();
    }

    static final String[] METHODS = {"GET", "POST", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
        "CONNECT", "get", "PRI", "GET\0", "P\u0001ST", "XYZZY", "", "G E T", "POST\t", "\u00e9T"};
    static final String[] TYPES = {"application/x-www-form-urlencoded", "application/x-www-form-urlencoded; charset=ISO-8859-1",
        "multipart/form-data; boundary=XyZ", "multipart/form-data", "application/octet-stream", "application/json",
        "text/plain", "text/xml", "application/x-www-form-urlencoded; charset=bogus", ";;;", "\u00ff/\u00fe", ""};
    static final String[] WEIRD = {"", "%", "%zz", "%00", "%C0%AF", "%ED%A0%80", "..%2F..%2Fetc%2Fpasswd", "\u00e9",
        "<script>alert(1)</script>", "' OR 1=1 --", "=cmd|'/c calc'!A1", "9".repeat(30), "-1", "0", "1e309", "NaN",
        "\u202e", "\ud83d\ude00", "a".repeat(5000), "null", "[]", "{}", "1,2", "2026-02-30", "9999-99-99", "%2e%2e"};

    record Sent(String summary, byte[] bytes) {
    }

    static String pick(Random r, String[] a) {
        return a[r.nextInt(a.length)];
    }

    static String weird(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(r, WEIRD);
            case 1 -> Integer.toString(r.nextInt(3) == 0 ? -r.nextInt(100) : r.nextInt(2000));
            case 2 -> randomText(r, r.nextInt(40));
            default -> pick(r, WEIRD) + randomText(r, 5);
        };
    }

    static String randomText(Random r, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int kind = r.nextInt(10);
            b.appendCodePoint(kind < 6 ? 32 + r.nextInt(95) : kind < 8 ? 0x400 + r.nextInt(0x600) : kind < 9 ? r.nextInt(32)
                    : 0x4e00 + r.nextInt(0x5000));
        }
        return b.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A body for a form: the crawled form's own fields with some values replaced, dropped, repeated or broken. */
    static byte[] formBody(Random r, Map<String, String> fields, boolean rightToken) {
        StringBuilder b = new StringBuilder();
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("_csrf", rightToken ? csrf : weird(r));
        for (Map.Entry<String, String> e : f.entrySet()) {
            int what = r.nextInt(10);
            if (what == 0 && !e.getKey().equals("_csrf")) {
                continue; // dropped
            }
            String value = what < 5 ? e.getValue() : weird(r);
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(enc(e.getKey())).append('=').append(r.nextInt(15) == 0 ? value : enc(value));
            if (what == 9) {
                b.append('&').append(enc(e.getKey())).append('=').append(enc(weird(r)));
            }
        }
        if (r.nextInt(8) == 0) {
            b.append("&").append(pick(r, new String[] {"=", "&&", "%", "a=%ZZ", "=b", "x".repeat(3000) + "=1"}));
        }
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        if (r.nextInt(10) == 0) { // invalid UTF-8 somewhere
            bytes = bytes.clone();
            if (bytes.length > 0) {
                bytes[r.nextInt(bytes.length)] = (byte) (0x80 + r.nextInt(0x7f));
            }
        }
        return bytes;
    }

    static byte[] uploadBody(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "date,category,area\n2026-01-01,theft,".concat(weird(r)).concat("\n\"unclosed,").getBytes(StandardCharsets.UTF_8);
            case 1 -> new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0}; // the start of a zip (XLSX) and nothing more
            case 2 -> "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"geometry\":".getBytes(StandardCharsets.UTF_8);
            case 3 -> new byte[] {(byte) 0xff, (byte) 0xfe, 'a', 0, ',', 0, '\n'};
            case 4 -> randomText(r, 200).getBytes(StandardCharsets.UTF_16);
            default -> {
                byte[] b = new byte[r.nextInt(4000)];
                r.nextBytes(b);
                yield b;
            }
        };
    }

    static Sent next(Random r) {
        boolean signedIn = r.nextInt(3) > 0;
        boolean rightToken = signedIn && r.nextInt(4) > 0;
        String method;
        String path;
        byte[] body = null;
        String type = null;
        Crawl.PageForm form = null;
        int shape = r.nextInt(10);
        if (shape < 4 && !forms.isEmpty()) {
            form = forms.get(r.nextInt(forms.size()));
            method = r.nextInt(10) == 0 ? pick(r, METHODS) : form.method();
            path = form.action();
        } else {
            String t = targets.get(r.nextInt(targets.size()));
            if (t.contains(" ")) {
                method = t.substring(0, t.indexOf(' '));
                path = t.substring(t.indexOf(' ') + 1).replaceAll("\\{[^}]+}", enc(weird(r)).replace("+", "%20"));
            } else {
                method = r.nextInt(3) == 0 ? pick(r, METHODS) : "GET";
                path = t;
            }
        }
        if (path.equals("/logout") && signedIn) {
            signedIn = false; // the fuzzer's own session must live through the run
            rightToken = false;
        }
        if (r.nextInt(6) == 0) { // a broken path or query
            path = switch (r.nextInt(6)) {
                case 0 -> path + "/" + weird(r).replace(" ", "%20");
                case 1 -> path + "?" + weird(r).replace(" ", "+") + "=" + enc(weird(r));
                case 2 -> path + (path.contains("?") ? "&" : "?") + "lang=" + enc(weird(r)) + "&page=" + enc(weird(r));
                case 3 -> "//" + path + "/..;/";
                case 4 -> path + "%" + Integer.toHexString(r.nextInt(256));
                default -> "/" + randomText(r, 10).replaceAll("[\\s?#]", "_");
            };
        }
        if (!method.equalsIgnoreCase("GET") && !method.equalsIgnoreCase("HEAD")) {
            int b = r.nextInt(5);
            if (form != null && b < 3) {
                type = "application/x-www-form-urlencoded";
                body = formBody(r, form.fields(), rightToken);
            } else if (b == 3) {
                type = pick(r, TYPES);
                body = type.startsWith("multipart") ? multipart(r, form == null ? Map.of() : form.fields(), rightToken) : uploadBody(r);
            } else {
                type = "application/octet-stream";
                body = uploadBody(r);
            }
        }
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        head.append(r.nextInt(30) == 0 ? "Host: " + weird(r) + "\r\n" : "Host: 127.0.0.1:" + kit.kit.port() + "\r\n");
        head.append("Connection: close\r\n");
        if (signedIn) {
            head.append("Cookie: ").append(Sessions.COOKIE).append('=').append(cookie).append("\r\n");
        } else if (r.nextInt(3) == 0) {
            head.append("Cookie: ").append(r.nextBoolean() ? Sessions.COOKIE + "=" + weird(r) : weird(r)).append("\r\n");
        }
        if (type != null && r.nextInt(12) > 0) {
            head.append("Content-Type: ").append(type).append("\r\n");
        }
        if (type != null && type.startsWith("application/octet-stream")) {
            head.append("X-CSRF-Token: ").append(rightToken ? csrf : weird(r)).append("\r\n");
            head.append("X-File-Name: ").append(r.nextBoolean() ? "data.csv" : enc(weird(r))).append("\r\n");
            head.append("Accept: application/json\r\n");
        }
        for (int i = r.nextInt(4); i > 0; i--) {
            head.append(pick(r, new String[] {"Accept-Language", "Accept", "Origin", "Sec-Fetch-Site", "Referer", "X-Requested-With",
                "Range", "If-Modified-Since", "Expect", "Content-Encoding", "X-Forwarded-For", "Upgrade"}))
                    .append(": ").append(weird(r).replaceAll("[\r\n]", "")).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (body != null) {
            int framing = r.nextInt(12);
            if (framing == 0) {
                head.append("Transfer-Encoding: chunked\r\n\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes((Integer.toHexString(body.length) + (r.nextBoolean() ? "" : "zz") + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.writeBytes(body);
                out.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else {
                long length = framing == 1 ? body.length + 1 + r.nextInt(50) : framing == 2 ? Math.max(0, body.length - 1 - r.nextInt(10))
                        : framing == 3 ? -5 : body.length;
                if (framing != 4) {
                    head.append("Content-Length: ").append(length).append("\r\n");
                }
                head.append("\r\n");
                out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
                out.writeBytes(body);
            }
        } else {
            head.append("\r\n");
            out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        }
        String summary = (signedIn ? (rightToken ? "signed in " : "signed in, wrong token ") : "anonymous ")
                + head.toString().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "·")
                + (type == null ? "" : " [" + type + ", " + body.length + " bytes]");
        return new Sent(summary.length() > 300 ? summary.substring(0, 300) + "…" : summary, out.toByteArray());
    }

    static byte[] multipart(Random r, Map<String, String> fields, boolean rightToken) {
        StringBuilder b = new StringBuilder();
        Map<String, String> f = new LinkedHashMap<>(fields);
        f.put("_csrf", rightToken ? csrf : weird(r));
        for (Map.Entry<String, String> e : f.entrySet()) {
            b.append("--XyZ\r\nContent-Disposition: form-data; name=\"").append(e.getKey()).append("\"\r\n\r\n")
                    .append(r.nextBoolean() ? e.getValue() : weird(r)).append("\r\n");
        }
        b.append("--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"").append(weird(r))
                .append("\"\r\nContent-Type: text/csv\r\n\r\n").append(randomText(r, 100));
        if (r.nextBoolean()) {
            b.append("\r\n--XyZ--\r\n");
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void noMalformedOrRandomRequestGetsAServerError() throws Exception {
        System.out.println("MalformedRequestFuzzTest: " + REQUESTS + " requests, -Dfuzz.seed=" + SEED + ", " + targets.size()
                + " targets, " + forms.size() + " forms");
        assertTrue(forms.size() > 20 && targets.size() > 100, "the crawl found the forms and routes");
        Random r = new Random(SEED);
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < REQUESTS && failures.size() < 20; i++) {
            Sent s = next(r);
            int before = log.size();
            RawHttp.Answer a;
            try {
                a = RawHttp.send(kit.kit.port(), s.bytes());
            } catch (java.net.SocketTimeoutException e) {
                failures.add("#" + i + " no answer within 15 s: " + s.summary());
                continue;
            }
            statuses.merge(a.status(), 1, Integer::sum);
            List<String> logged = log.since(before);
            List<String> severe = logged.stream().filter(l -> l.startsWith("SEVERE")).toList();
            if (a.status() >= 500) {
                failures.add("#" + i + " " + a.statusLine() + (logged.isEmpty() ? " and NOTHING LOGGED" : " logged " + logged)
                        + ": " + s.summary());
            } else if (!severe.isEmpty()) {
                failures.add("#" + i + " answered " + a.status() + " but the log has " + severe + ": " + s.summary());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("MalformedRequestFuzzTest: %.1f s, answers by status %s%n", seconds, statuses);
        assertEquals(200, kit.browser().get("/health").statusCode(), "the kit still answers");
        assertTrue(failures.isEmpty(), "server errors (replay with -Dfuzz.seed=" + SEED + "):\n" + String.join("\n", failures));
    }

    /**
     * Every field of every crawled form, one at a time, given a value far longer than any column (the other fields
     * as the page filled them, the right CSRF token), and the sign-in form's: each answer is below 500 and nothing
     * SEVERE is logged. Random values reach a field with a valid rest of the form only by chance: a sign-in name
     * of 65 characters answered 500 (its audit entry did not fit) and the random requests never hit it.
     */
    @Test
    void everyFieldTakesAnOverlongValueWithoutAServerError() {
        String overlong = "\u00e9".repeat(5_000);
        List<String> failures = new ArrayList<>();
        int sent = 0;
        Browser anonymous = kit.browser();
        anonymous.get("/login");
        for (String field : List.of("username", "password", "next")) {
            Map<String, String> f = new java.util.HashMap<>(Map.of("username", "nobody", "password", "wrong", "next", "/"));
            f.put(field, overlong);
            sent++;
            check(anonymous.post("/login", f), "POST /login " + field, failures);
        }
        Browser b = kit.signedIn(Demo.COORDINATOR, Demo.PASSWORD);
        for (Crawl.PageForm form : forms) {
            // ending the session or deleting what later forms edit would test nothing more
            if (!form.method().equalsIgnoreCase("post") || form.upload()
                    || form.action().matches(".*/(logout|delete|undo|disable|restore|revoke)(/.*)?$")) {
                continue;
            }
            for (String field : form.fields().keySet()) {
                if (field.equals("_csrf")) {
                    continue;
                }
                Map<String, String> f = new java.util.HashMap<>(form.fields());
                f.put(field, overlong);
                int before = log.size();
                sent++;
                check(b.post(form.action(), f), "POST " + form.action() + " " + field, failures);
                log.since(before).stream().filter(l -> l.startsWith("SEVERE"))
                        .forEach(l -> failures.add("POST " + form.action() + " " + field + " logged " + l));
            }
        }
        System.out.println("MalformedRequestFuzzTest: " + sent + " overlong fields sent");
        assertTrue(sent > 100, "the forms have fields: " + sent);
        assertTrue(failures.isEmpty(), "server errors:\n" + String.join("\n", failures));
    }

    private static void check(java.net.http.HttpResponse<String> r, String what, List<String> failures) {
        if (r.statusCode() >= 500) {
            failures.add(what + " answered " + r.statusCode());
        }
    }
}
