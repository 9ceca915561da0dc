package org.safercities.platform.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import io.helidon.common.buffers.DataReader;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import org.safercities.crypto.Secrets;
import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Account;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.store.Store;

/**
 * The one filter every request passes: security headers, session, language, store state (set-up, locked,
 * ready), sign-in, and CSRF on every state-changing request. Handlers can rely on what it checked.
 */
public final class WebGate implements Filter {

    /** No inline script anywhere: every script is a file under /assets. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    private static final Set<String> OPEN_PATHS = Set.of("/login", "/setup", "/unlock", "/language", "/health");
    private static final long MAX_FORM_BYTES = 1024 * 1024;

    private final Sessions sessions;
    private final Messages messages;
    private final Store store;
    private final Function<Long, Optional<Account>> accounts;
    private final Supplier<Shell.CityBanner> city;
    private final AtomicLong requests = new AtomicLong();
    private final Runnable storeOpened;

    /** @param storeOpened returns once the store has finished opening (at once, after start-up) */
    public WebGate(Sessions sessions, Messages messages, Store store, Function<Long, Optional<Account>> accounts,
            Supplier<Shell.CityBanner> city, Runnable storeOpened) {
        this.storeOpened = storeOpened;
        this.sessions = sessions;
        this.messages = messages;
        this.store = store;
        this.accounts = accounts;
        this.city = city;
    }

    /** How many requests have passed the gate (IdleMemory watches it). */
    public long requestsSeen() {
        return requests.get();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        storeOpened.run();
        String path = req.path().path();
        headers(res);
        // the kit profile's logo is shown in the header of every page, set-up and sign-in included: public like /assets
        if (path.startsWith("/assets/") || path.equals("/health") || path.equals("/kit-profile/logo.png")) {
            chain.proceed();
            return;
        }
        res.header(NO_STORE);
        Session session = sessions.find(cookie(req)).orElse(null);
        Account account = null;
        if (session != null && session.signedIn() && store.state() == Store.State.READY) {
            account = accounts.apply(session.accountId()).filter(Account::active).orElse(null);
            if (account == null) { // disabled or deleted since: the session ends
                sessions.end(session.id());
                session = null;
            }
        }
        String requestedLang = Visit.query(req, "lang").orElse(null);
        if (requestedLang != null && messages.has(requestedLang)) {
            if (session == null) {
                session = sessions.anonymous(requestedLang);
                setCookie(res, session, req.isSecure());
            } else {
                session.lang(requestedLang);
            }
        }
        Translator t = messages.translator(language(account, session, req));
        String address = req.remotePeer().host();
        Visit visit = new Visit(sessions, Long.toString(requests.incrementAndGet(), 36), address, session, account, t);
        req.context().register(visit);
        res.beforeSend(() -> {
            if (visit.newSession()) {
                setCookie(res, visit.session(), req.isSecure());
            }
        });

        if (!stateAllows(path, req, res)) {
            return;
        }
        if (req.prologue().method() != Method.GET && req.prologue().method() != Method.HEAD) {
            checkOrigin(req);
            readAndCheckToken(req, visit);
        }
        if (account == null && !OPEN_PATHS.contains(path)) {
            if (req.prologue().method() == Method.GET) {
                String next = req.query().isEmpty() ? path : path + "?" + req.query().rawValue();
                Visit.redirect(res, "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
                return;
            }
            throw new Problem(401, "platform.error.signInFirst");
        }
        chain.proceed();
    }

    private String language(Account account, Session session, RoutingRequest req) {
        if (account != null && account.lang() != null && messages.has(account.lang())) {
            return account.lang();
        }
        if (session != null && session.lang() != null) {
            return session.lang();
        }
        String accepted = messages.fromAcceptLanguage(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        if (accepted != null) {
            return accepted;
        }
        return city.get().defaultLang();
    }

    /** Set-up and locked stores only answer their own page; a ready store no longer offers them. */
    private boolean stateAllows(String path, RoutingRequest req, RoutingResponse res) {
        Store.State state = store.state();
        String only = switch (state) {
            case SETUP -> "/setup";
            case LOCKED -> "/unlock";
            case READY -> null;
        };
        if (only == null) {
            if (path.equals("/setup") || path.equals("/unlock")) {
                Visit.redirect(res, "/");
                return false;
            }
            return true;
        }
        if (path.equals(only) || path.equals("/language")) {
            return true;
        }
        if (req.prologue().method() == Method.GET) {
            Visit.redirect(res, only);
            return false;
        }
        throw new Problem(503, "platform.error.storeNotReady");
    }

    /**
     * A state-changing request must come from the kit's own pages: browsers send Sec-Fetch-Site and Origin,
     * which a forged cross-site form cannot fake.
     */
    private static void checkOrigin(RoutingRequest req) {
        String site = req.headers().first(HeaderNames.create("Sec-Fetch-Site")).orElse(null);
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new Problem(403, "platform.error.csrf");
        }
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse(null);
        // With Referrer-Policy: no-referrer, browsers send "Origin: null" on the kit's own forms. It proves
        // nothing either way: the Sec-Fetch-Site check above and the token decide.
        if (origin != null && !origin.equals("null")) {
            String host = req.headers().first(HeaderNames.HOST).orElse("");
            String expected = (req.isSecure() ? "https://" : "http://") + host;
            if (!origin.equalsIgnoreCase(expected)) {
                throw new Problem(403, "platform.error.csrf");
            }
        }
    }

    /** Forms carry the token in {@code _csrf}; uploads (sent by kit.js as the raw body) in X-CSRF-Token. */
    private void readAndCheckToken(RoutingRequest req, Visit visit) {
        Session session = visit.sessionOrNull();
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").toLowerCase(java.util.Locale.ROOT);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            long length = req.headers().contentLength().orElse(-1L);
            if (length < 0) {
                throw new Problem(411, "platform.error.lengthRequired");
            }
            if (length > MAX_FORM_BYTES) {
                throw new Problem(413, "platform.error.formTooLarge");
            }
            Map<String, List<String>> fields = new java.util.LinkedHashMap<>();
            try {
                // an empty body (Content-Length: 0) has no entity at all: an empty form, refused below for its token
                Parameters params = req.content().hasEntity() ? req.content().as(Parameters.class) : Parameters.empty("form");
                for (String name : params.names()) {
                    fields.put(name, params.all(name));
                }
            } catch (IllegalArgumentException | DataReader.InsufficientDataAvailableException e) {
                // the client's own bytes: a broken %-escape, an unknown charset, a body shorter than its length
                throw new Problem(400, "platform.error.badRequest");
            }
            Form form = new Form(fields);
            if (session == null || !Secrets.sameToken(form.raw("_csrf"), session.csrf())) {
                throw new Problem(403, "platform.error.csrf");
            }
            visit.form(form);
        } else if (contentType.startsWith("application/octet-stream")) {
            String token = req.headers().first(HeaderNames.create("X-CSRF-Token")).orElse(null);
            if (session == null || !Secrets.sameToken(token, session.csrf())) {
                throw new Problem(403, "platform.error.csrf");
            }
        } else if (req.headers().contentLength().orElse(0L) > 0 || !contentType.isEmpty()) {
            throw new Problem(415, "platform.error.unsupportedContent");
        } else {
            throw new Problem(403, "platform.error.csrf"); // a body-less POST has no token to show
        }
    }

    /** Built once: every response carries them. */
    private static final List<io.helidon.http.Header> SECURITY_HEADERS = List.of(
            HeaderValues.createCached("Content-Security-Policy", CSP),
            HeaderValues.createCached(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff"),
            HeaderValues.createCached("Referrer-Policy", "no-referrer"),
            HeaderValues.createCached("X-Frame-Options", "DENY"),
            HeaderValues.createCached("Cross-Origin-Opener-Policy", "same-origin"),
            HeaderValues.createCached("Cross-Origin-Resource-Policy", "same-origin"),
            HeaderValues.createCached("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"));
    private static final io.helidon.http.Header NO_STORE = HeaderValues.createCached(HeaderNames.CACHE_CONTROL, "no-store");

    private static void headers(RoutingResponse res) {
        for (io.helidon.http.Header h : SECURITY_HEADERS) {
            res.header(h);
        }
    }

    private static String cookie(RoutingRequest req) {
        return req.headers().cookies().first(Sessions.COOKIE).orElse(null);
    }

    private static void setCookie(RoutingResponse res, Session s, boolean secure) {
        res.headers().addCookie(SetCookie.builder(Sessions.COOKIE, s.id()).path("/").httpOnly(true).secure(secure)
                .sameSite(SetCookie.SameSite.STRICT).build());
    }
}
