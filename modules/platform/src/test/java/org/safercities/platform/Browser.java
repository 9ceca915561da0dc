package org.safercities.platform;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser stand-in over real HTTP: keeps cookies, reads the CSRF token of the last page, sends Origin. */
public final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final String base;
    private final HttpClient http;
    private final CookieManager cookies = new CookieManager();
    public String csrf;

    public Browser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** A browser over HTTPS that trusts what {@code ssl} trusts (LanTest pins the kit's certificate). */
    public Browser(String base, javax.net.ssl.SSLContext ssl) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).sslContext(ssl).build();
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** Follows redirects (GET), as a browser does after a 303. */
    public HttpResponse<String> follow(HttpResponse<String> r) {
        int hops = 0;
        while (r.statusCode() >= 300 && r.statusCode() < 400 && hops++ < 5) {
            String loc = r.headers().firstValue("Location").orElseThrow();
            r = get(loc.startsWith("http") ? URI.create(loc).getRawPath() + (URI.create(loc).getRawQuery() == null ? "" : "?" + URI.create(loc).getRawQuery()) : loc);
        }
        return r;
    }

    /** Posts a form with the current CSRF token (read from the last page) and the kit's own Origin. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (csrf != null) {
            all.putIfAbsent("_csrf", csrf);
        }
        return postRaw(path, all, Map.of("Origin", base));
    }

    /** Posts a form whose fields may repeat (check boxes, rows of a table), with the CSRF token and Origin. */
    public HttpResponse<String> postAll(String path, List<Map.Entry<String, String>> fields) {
        List<Map.Entry<String, String>> all = new ArrayList<>(fields);
        if (csrf != null) {
            all.add(Map.entry("_csrf", csrf));
        }
        return send(path, all, Map.of("Origin", base));
    }

    public HttpResponse<String> postRaw(String path, Map<String, String> fields, Map<String, String> headers) {
        return send(path, List.copyOf(fields.entrySet()), headers);
    }

    private HttpResponse<String> send(String path, List<Map.Entry<String, String>> fields, Map<String, String> headers) {
        StringBuilder body = new StringBuilder();
        for (Map.Entry<String, String> f : fields) {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(f.getValue(), StandardCharsets.UTF_8));
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(b::header);
        return send(b.build());
    }

    /** Uploads a file as kit.js does: raw body, CSRF token and file name in headers. */
    public HttpResponse<String> upload(String path, Path file) throws IOException {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/octet-stream")
                .header("Accept", "application/json")
                .header("X-CSRF-Token", csrf)
                .header("X-File-Name", URLEncoder.encode(file.getFileName().toString(), StandardCharsets.UTF_8))
                .header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofFile(file)).build());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Matcher m = CSRF.matcher(r.body());
            if (m.find()) {
                csrf = m.group(1);
            }
            return r;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs in through the real form; returns the response of the POST. */
    public HttpResponse<String> signIn(String username, String password) {
        get("/login");
        return post("/login", Map.of("username", username, "password", password));
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }
}
