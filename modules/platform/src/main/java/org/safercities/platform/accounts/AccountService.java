package org.safercities.platform.accounts;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.safercities.crypto.Passwords;
import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.store.Store;
import org.safercities.platform.store.StoreException;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Sessions;

/**
 * Sign-in, accounts and passwords. Accounts are cached in memory by id (every page needs the signed-in
 * account; none should pay a query for it); every change goes through here and refreshes the cache.
 */
public final class AccountService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    private final Store store;
    private final AccountStore accounts = new AccountStore();
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final Sessions sessions;
    private final AuditLog audit;
    private final Map<Long, Optional<Account>> cache = new ConcurrentHashMap<>();

    public AccountService(Store store, Passwords passwords, PasswordPolicy policy, LoginThrottle throttle,
            Sessions sessions, AuditLog audit) {
        this.store = store;
        this.passwords = passwords;
        this.policy = policy;
        this.throttle = throttle;
        this.sessions = sessions;
        this.audit = audit;
    }

    /** The new account's fields, as typed. */
    public record AccountForm(String username, String displayName, String role, String lang, String password,
            String confirm) {

        public String normalizedUsername() {
            return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        }

        public FieldErrors validate(PasswordPolicy policy, boolean withPassword) {
            FieldErrors e = new FieldErrors();
            if (!USERNAME.matcher(normalizedUsername()).matches()) {
                e.add("username", "platform.accounts.badUsername");
            }
            if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
                e.add("displayName", "platform.accounts.badDisplayName");
            }
            if (Role.fromWire(role) == null) {
                e.add("role", "platform.accounts.badRole");
            }
            if (withPassword) {
                String broken = policy.check(password, normalizedUsername());
                if (broken != null) {
                    e.add("password", broken, PasswordPolicy.MIN, PasswordPolicy.MAX);
                } else if (!password.equals(confirm)) {
                    e.add("confirm", "platform.password.mismatch");
                }
            }
            return e;
        }
    }

    public PasswordPolicy policy() {
        return policy;
    }

    public Optional<Account> find(long id) {
        Optional<Account> known = cache.get(id);
        if (known != null) {
            return known;
        }
        // only accounts that exist are kept: an id asked for before its account was made (or any made-up id in
        // /accounts/{id}) must neither stay "not found" once it exists nor pile up
        Optional<Account> read = store.read(c -> accounts.byId(c, id));
        read.ifPresent(a -> cache.put(id, read));
        return read;
    }

    public List<Account> all() {
        return store.read(accounts::all);
    }

    public int count() {
        return store.read(accounts::count);
    }

    public sealed interface SignIn {
    }

    public record SignedIn(Account account) implements SignIn {
    }

    public record Refused(String messageKey, long minutes) implements SignIn {
    }

    /**
     * The name as accounts are looked up: cut past what any account can have (USERNAME allows 64), so that what
     * the throttle and the audit log keep of a made-up name stays small; still longer than any real one.
     */
    private static String signInName(String typed) {
        String name = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        return name.length() > 65 ? name.substring(0, 65) : name;
    }

    /**
     * Checks a sign-in. Unknown user, wrong password and disabled account get the same answer in the same
     * time (a hash is computed in every case), so the page never tells who has an account.
     */
    public SignIn signIn(String username, char[] password, String address) {
        String name = signInName(username);
        long wait = throttle.minutesToWait(name, address);
        if (wait > 0) {
            audit.record(new AuditLog.Event(name, address, "login", "account", name, "throttled", ""));
            return new Refused("platform.login.throttled", wait);
        }
        passwords.nobody(); // made at the first attempt, whoever tries: its cost reveals nothing about the name
        Optional<AccountStore.Credentials> found = store.read(c -> accounts.credentials(c, name));
        boolean ok;
        if (found.isEmpty()) {
            passwords.verifyNobody(password);
            ok = false;
        } else {
            ok = passwords.verify(password, found.get().passwordHash()) && found.get().account().active();
        }
        if (!ok) {
            throttle.failed(name, address);
            audit.record(new AuditLog.Event(name, address, "login", "account", name, "failed", ""));
            return new Refused("platform.login.failed", 0);
        }
        Account account = found.get().account();
        throttle.succeeded(name);
        String hash = found.get().passwordHash();
        boolean rehash = passwords.needsRehash(hash);
        String newHash = rehash ? passwords.hash(password) : null;
        store.tx(c -> {
            if (rehash) {
                accounts.setPasswordHash(c, account.id(), newHash);
            }
            audit.append(c, new AuditLog.Event(name, address, "login", "account", Long.toString(account.id()), "ok",
                    rehash ? "password re-hashed with current parameters" : ""));
            return null;
        });
        cache.remove(account.id());
        return new SignedIn(find(account.id()).orElse(account));
    }

    /** Creates an account; the caller has checked the form. The first administrator is made at set-up. */
    public long create(Connection c, AccountForm form, String actor, String address) throws SQLException {
        String hash = passwords.hash(form.password().toCharArray());
        long id;
        try {
            id = accounts.insert(c, form.normalizedUsername(), form.displayName().strip(), hash,
                    Role.fromWire(form.role()), blankToNull(form.lang()));
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                throw new Problem(409, "platform.accounts.usernameTaken");
            }
            throw e;
        }
        audit.append(c, new AuditLog.Event(actor, address, "account.create", "account", Long.toString(id), "ok",
                form.normalizedUsername() + " as " + form.role()));
        return id;
    }

    public long create(AccountForm form, String actor, String address) {
        try {
            return store.tx(c -> create(c, form, actor, address));
        } catch (StoreException e) {
            if (e.isDuplicateKey()) {
                throw new Problem(409, "platform.accounts.usernameTaken");
            }
            throw e;
        }
    }

    public void update(long id, int version, String displayName, Role role, String lang, String actor, String address) {
        store.tx(c -> {
            Account before = accounts.byId(c, id).orElseThrow(Problem::notFound);
            if (before.role() == Role.ADMINISTRATOR && role != Role.ADMINISTRATOR && before.active()
                    && accounts.activeAdministrators(c) <= 1) {
                throw Problem.conflict("platform.accounts.lastAdministrator");
            }
            if (!accounts.update(c, id, version, displayName, role, blankToNull(lang))) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            audit.append(c, new AuditLog.Event(actor, address, "account.update", "account", Long.toString(id), "ok",
                    "role " + before.role().wire() + " -> " + role.wire()));
            return null;
        });
        cache.remove(id);
        sessions.endAllFor(id); // a changed role takes effect at once
    }

    public void setActive(long id, boolean active, String actor, String address) {
        store.tx(c -> {
            Account before = accounts.byId(c, id).orElseThrow(Problem::notFound);
            if (!active && before.role() == Role.ADMINISTRATOR && accounts.activeAdministrators(c) <= 1) {
                throw Problem.conflict("platform.accounts.lastAdministrator");
            }
            accounts.setActive(c, id, active);
            audit.append(c, new AuditLog.Event(actor, address, active ? "account.enable" : "account.disable", "account",
                    Long.toString(id), "ok", before.username()));
            return null;
        });
        cache.remove(id);
        if (!active) {
            sessions.endAllFor(id);
        }
    }

    /** Changes one's own password: the current one is asked again; other sessions of the account end. */
    public FieldErrors changePassword(Account account, String current, String next, String confirm, String address) {
        FieldErrors e = new FieldErrors();
        String hash = store.read(c -> accounts.passwordHash(c, account.id())).orElseThrow(Problem::notFound);
        if (!passwords.verify(current.toCharArray(), hash)) {
            e.add("current", "platform.password.wrongCurrent");
            return e;
        }
        String broken = policy.check(next, account.username());
        if (broken != null) {
            return e.add("password", broken, PasswordPolicy.MIN, PasswordPolicy.MAX);
        }
        if (!next.equals(confirm)) {
            return e.add("confirm", "platform.password.mismatch");
        }
        String newHash = passwords.hash(next.toCharArray());
        store.tx(c -> {
            accounts.setPasswordHash(c, account.id(), newHash);
            audit.append(c, new AuditLog.Event(account.username(), address, "account.password", "account",
                    Long.toString(account.id()), "ok", ""));
            return null;
        });
        cache.remove(account.id());
        sessions.endAllFor(account.id());
        return e;
    }

    /**
     * The administrator sets a new password for someone who forgot theirs; that person's sessions end. (The
     * last administrator who forgets the password has to restore a backup: no one else can reset it.)
     */
    public FieldErrors resetPassword(long id, String password, String confirm, String actor, String address) {
        Account a = find(id).orElseThrow(Problem::notFound);
        FieldErrors e = new FieldErrors();
        String broken = policy.check(password, a.username());
        if (broken != null) {
            return e.add("newPassword", broken, PasswordPolicy.MIN, PasswordPolicy.MAX);
        }
        if (!password.equals(confirm)) {
            return e.add("newConfirm", "platform.password.mismatch");
        }
        String hash = passwords.hash(password.toCharArray());
        store.tx(c -> {
            accounts.setPasswordHash(c, id, hash);
            audit.append(c, new AuditLog.Event(actor, address, "account.password.reset", "account", Long.toString(id), "ok",
                    a.username()));
            return null;
        });
        cache.remove(id);
        sessions.endAllFor(id);
        return e;
    }

    public void setLanguage(Account account, String lang) {
        store.tx(c -> {
            accounts.setLang(c, account.id(), lang);
            return null;
        });
        cache.remove(account.id());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
