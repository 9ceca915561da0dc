package org.safercities.platform.web;

import java.util.Optional;
import java.util.Set;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Account;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;

/**
 * One request as the kit sees it: who (session, account, address), in which language, the form it carried.
 * {@link WebGate} builds it before any handler runs; handlers get it with {@link #of}.
 */
public final class Visit {

    private final Sessions sessions;
    private final String requestId;
    private final String address;
    private volatile Session session;
    private final Account account;
    private final Translator t;
    private Form form = Form.EMPTY;
    private boolean newSession;

    Visit(Sessions sessions, String requestId, String address, Session session, Account account, Translator t) {
        this.sessions = sessions;
        this.requestId = requestId;
        this.address = address;
        this.session = session;
        this.account = account;
        this.t = t;
    }

    public static Visit of(ServerRequest req) {
        return req.context().get(Visit.class).orElseThrow(() -> new IllegalStateException("no visit: WebGate not installed"));
    }

    /**
     * A query parameter. Helidon's {@code UriQuery.first} on an empty query builds a new mapper manager on
     * every call (seen in a profile as the top cost of the home page), so the query is asked first.
     */
    public static Optional<String> query(ServerRequest req, String name) {
        var q = req.query();
        return q.isEmpty() || !q.contains(name) ? Optional.empty() : Optional.of(q.get(name));
    }

    public static Optional<Visit> find(ServerRequest req) {
        return req.context().get(Visit.class);
    }

    public String requestId() {
        return requestId;
    }

    public String address() {
        return address;
    }

    public Translator t() {
        return t;
    }

    public Form form() {
        return form;
    }

    void form(Form form) {
        this.form = form;
    }

    /** The session, created (anonymous) on first need, e.g. to give a sign-in form its CSRF token. */
    public Session session() {
        if (session == null) {
            session = sessions.anonymous(null);
            newSession = true;
        }
        return session;
    }

    Session sessionOrNull() {
        return session;
    }

    /** After sign-in the session id changes; the new cookie is set when the response goes out. */
    public void replaceSession(Session s) {
        this.session = s;
        this.newSession = true;
    }

    boolean newSession() {
        return newSession;
    }

    public String csrf() {
        return session().csrf();
    }

    public Optional<Account> account() {
        return Optional.ofNullable(account);
    }

    public boolean signedIn() {
        return account != null;
    }

    public String actor() {
        return account == null ? "-" : account.username();
    }

    public Account requireAccount() {
        if (account == null) {
            throw new Problem(401, "platform.error.signInFirst");
        }
        return account;
    }

    public boolean is(Set<Role> roles) {
        return account != null && roles.contains(account.role());
    }

    /** Refuses the request (403, audited as a denial) unless the signed-in account has one of {@code roles}. */
    public Account require(Set<Role> roles) {
        Account a = requireAccount();
        if (!roles.contains(a.role())) {
            throw Problem.forbidden();
        }
        return a;
    }

    /** A one-time notice for the next page. */
    public void flash(String key, Object... args) {
        session().flash(t.t(key, args));
    }

    public static void redirect(ServerResponse res, String path) {
        res.status(Status.SEE_OTHER_303);
        res.header(HeaderNames.LOCATION, path);
        res.send();
    }
}
