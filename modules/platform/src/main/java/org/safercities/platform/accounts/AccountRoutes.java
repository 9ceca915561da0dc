package org.safercities.platform.accounts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/** Accounts, for the administrator only: list, create, change role or language, disable and enable. */
public final class AccountRoutes implements HttpService {

    private final AccountService accounts;
    private final Pages pages;
    private final Messages messages;

    public record AccountRow(long id, String username, String displayName, String role, boolean active, String created) {
    }

    public record AccountsPage(List<AccountRow> rows) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    public record AccountFormPage(Long id, int version, String username, String displayName, List<Option> roles,
            List<Option> languages, boolean isNew, boolean active, Map<String, String> errors, int minPassword) {
    }

    public AccountRoutes(AccountService accounts, Pages pages, Messages messages) {
        this.accounts = accounts;
        this.pages = pages;
        this.messages = messages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/accounts", this::list)
                .get("/accounts/new", this::newForm)
                .post("/accounts", this::create)
                .get("/accounts/{id}", this::editForm)
                .post("/accounts/{id}", this::update)
                .post("/accounts/{id}/password", this::resetPassword)
                .post("/accounts/{id}/disable", (req, res) -> setActive(req, res, false))
                .post("/accounts/{id}/enable", (req, res) -> setActive(req, res, true));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Translator t = v.t();
        List<AccountRow> rows = accounts.all().stream().map(a -> new AccountRow(a.id(), a.username(), a.displayName(),
                t.t(a.role().labelKey()), a.active(), t.dateTime(a.createdAt()))).toList();
        pages.render(res, v, "/accounts", "platform/accounts", "platform.accounts.title", new AccountsPage(rows));
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        render(res, Status.OK_200, v, null, 0, Form.EMPTY, true, new FieldErrors());
    }

    private void create(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Form f = v.form();
        AccountService.AccountForm form = new AccountService.AccountForm(f.get("username"), f.get("displayName"),
                f.get("role"), f.get("lang"), f.raw("password"), f.raw("confirm"));
        FieldErrors e = form.validate(accounts.policy(), true);
        if (!e.isEmpty()) {
            render(res, Status.create(422), v, null, 0, f, true, e);
            return;
        }
        try {
            accounts.create(form, v.actor(), v.address());
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            render(res, Status.create(422), v, null, 0, f, true, new FieldErrors().add("username", p.messageKey()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/accounts");
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Account a = account(req);
        render(res, Status.OK_200, v, a.id(), a.version(), formOf(a), a.active(), new FieldErrors());
    }

    private void update(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Account a = account(req);
        Form f = v.form();
        AccountService.AccountForm form = new AccountService.AccountForm(a.username(), f.get("displayName"),
                f.get("role"), f.get("lang"), "", "");
        FieldErrors e = form.validate(accounts.policy(), false);
        int version = (int) f.number("version");
        if (!e.isEmpty()) {
            render(res, Status.create(422), v, a.id(), version, f, a.active(), e);
            return;
        }
        try {
            accounts.update(a.id(), version, form.displayName().strip(), Role.fromWire(form.role()), form.lang(),
                    v.actor(), v.address());
        } catch (Problem p) {
            if (p.status() != 409) {
                throw p;
            }
            render(res, Status.CONFLICT_409, v, a.id(), version, f, a.active(), new FieldErrors().add("form", p.messageKey()));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/accounts");
    }

    private void resetPassword(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Account a = account(req);
        FieldErrors e = accounts.resetPassword(a.id(), v.form().raw("newPassword"), v.form().raw("newConfirm"), v.actor(),
                v.address());
        if (!e.isEmpty()) {
            render(res, Status.create(422), v, a.id(), a.version(), formOf(a), a.active(), e);
            return;
        }
        v.flash("platform.accounts.passwordReset", a.username());
        Visit.redirect(res, "/accounts");
    }

    private void setActive(ServerRequest req, ServerResponse res, boolean active) {
        Visit v = Visit.of(req);
        v.require(Role.ADMINS);
        Account a = account(req);
        accounts.setActive(a.id(), active, v.actor(), v.address());
        v.flash(active ? "platform.accounts.enabled" : "platform.accounts.disabled", a.username());
        Visit.redirect(res, "/accounts");
    }

    private void render(ServerResponse res, Status status, Visit v, Long id, int version, Form f, boolean active,
            FieldErrors e) {
        Translator t = v.t();
        List<Option> roles = new ArrayList<>();
        for (Role r : Role.values()) {
            roles.add(new Option(r.wire(), t.t(r.labelKey()), r.wire().equals(f.get("role"))));
        }
        List<Option> languages = new ArrayList<>();
        languages.add(new Option("", t.t("platform.accounts.cityLanguage"), f.get("lang").isEmpty()));
        for (String l : messages.languages()) {
            languages.add(new Option(l, Translator.nativeName(l), l.equals(f.get("lang"))));
        }
        pages.render(res, status, v, "/accounts", "platform/account-form",
                id == null ? "platform.accounts.new" : "platform.accounts.edit",
                new AccountFormPage(id, version, f.get("username"), f.get("displayName"), roles, languages, id == null,
                        active, e.in(t), PasswordPolicy.MIN));
    }

    /** The account as its edit form shows it. */
    private static Form formOf(Account a) {
        return new Form(Map.of("username", List.of(a.username()), "displayName", List.of(a.displayName()), "role",
                List.of(a.role().wire()), "lang", List.of(a.lang() == null ? "" : a.lang())));
    }

    private Account account(ServerRequest req) {
        return accounts.find(Form.wholeNumber(req.path().pathParameters().get("id"))).orElseThrow(Problem::notFound);
    }

}
