package org.safercities.platform.accounts;

import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.i18n.Messages;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Sessions;
import org.safercities.platform.web.Visit;

/** Sign-in, sign-out, the language menu and one's own profile (language, password). */
public final class SignInRoutes implements HttpService {

    private final AccountService accounts;
    private final Sessions sessions;
    private final Pages pages;
    private final Messages messages;
    private final Map<String, String> demoHint;

    public record LoginPage(String username, String next, String error, Map<String, String> demo) {
    }

    public record ProfilePage(String username, String displayName, String role, Map<String, String> errors) {
    }

    /** @param demoHint in a demo, the user name and password shown on the sign-in page; else empty */
    public SignInRoutes(AccountService accounts, Sessions sessions, Pages pages, Messages messages,
            Map<String, String> demoHint) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.pages = pages;
        this.messages = messages;
        this.demoHint = demoHint;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/login", this::loginForm)
                .post("/login", this::login)
                .post("/logout", this::logout)
                .post("/language", this::language)
                .get("/profile", this::profile)
                .post("/profile/password", this::password);
    }

    private void loginForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        if (v.signedIn()) {
            Visit.redirect(res, "/");
            return;
        }
        pages.render(res, v, "/login", "platform/login", "platform.login.title",
                new LoginPage("", safeNext(Visit.query(req, "next").orElse("")), null, demoHint.isEmpty() ? null : demoHint));
    }

    private void login(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        String username = v.form().get("username");
        String next = safeNext(v.form().get("next"));
        AccountService.SignIn result = accounts.signIn(username, v.form().raw("password").toCharArray(), v.address());
        if (result instanceof AccountService.SignedIn ok) {
            v.replaceSession(sessions.signIn(v.session(), ok.account().id()));
            Visit.redirect(res, next.isEmpty() ? "/" : next);
            return;
        }
        AccountService.Refused refused = (AccountService.Refused) result;
        Status status = refused.minutes() > 0 ? Status.TOO_MANY_REQUESTS_429 : Status.UNAUTHORIZED_401;
        pages.render(res, status, v, "/login", "platform/login", "platform.login.title",
                new LoginPage(username, next, v.t().t(refused.messageKey(), refused.minutes()),
                        demoHint.isEmpty() ? null : demoHint));
    }

    private void logout(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        sessions.end(v.session().id());
        Visit.redirect(res, "/login");
    }

    /** Sets the language for this browser and, when signed in, on the account so that it sticks. */
    private void language(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        String lang = v.form().get("lang");
        if (messages.has(lang)) {
            v.session().lang(lang);
            v.account().ifPresent(a -> accounts.setLanguage(a, lang));
        }
        Visit.redirect(res, safeNext(v.form().get("next")).isEmpty() ? "/" : safeNext(v.form().get("next")));
    }

    private void profile(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        Account a = v.requireAccount();
        pages.render(res, v, "/profile", "platform/profile", "platform.profile.title",
                new ProfilePage(a.username(), a.displayName(), v.t().t(a.role().labelKey()), Map.of()));
    }

    private void password(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        Account a = v.requireAccount();
        FieldErrors e = accounts.changePassword(a, v.form().raw("current"), v.form().raw("password"),
                v.form().raw("confirm"), v.address());
        if (!e.isEmpty()) {
            pages.render(res, Status.create(422), v, "/profile", "platform/profile", "platform.profile.title",
                    new ProfilePage(a.username(), a.displayName(), v.t().t(a.role().labelKey()), e.in(v.t())));
            return;
        }
        // Every session of the account ended with the change; this browser continues in a fresh one.
        v.replaceSession(sessions.signIn(null, a.id()));
        v.flash("platform.profile.passwordChanged");
        Visit.redirect(res, "/profile");
    }

    /** Only a path of this site: never an absolute URL (no open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.contains("\r") || next.contains("\n")) {
            return "";
        }
        return next;
    }
}
