package org.safercities.platform.setup;

import java.time.Year;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.AreaCode;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.profile.KitProfile;
import org.safercities.platform.profile.ProfileRoutes;
import org.safercities.platform.profile.Profiles;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Sessions;
import org.safercities.platform.web.Visit;

/** First start (set-up), unlocking an encrypted store, the health check and the city profile page. */
public final class SetupRoutes implements HttpService {

    private final SetupService setup;
    private final CityService city;
    private final Store store;
    private final Sessions sessions;
    private final Pages pages;
    private final Messages messages;
    private final AuditLog audit;
    private final Runnable afterUnlock;
    private final String version;
    /** A passphrase has no account: its failures count per address and for the store as a whole. */
    private final org.safercities.platform.accounts.LoginThrottle unlockThrottle = new org.safercities.platform.accounts.LoginThrottle(
            10, 10, java.time.Duration.ofMinutes(15), java.time.Clock.systemUTC());

    public record Option(String value, String label, boolean selected) {
    }

    public record NameField(String field, String language, String value) {
    }

    public record ProfileFields(String name, List<NameField> localNames, List<Option> countries, List<Option> languages,
            List<Option> currencies, String referenceYear, String levels) {
        /** The names in other languages are shown unfolded when any was typed. */
        public boolean hasLocalNames() {
            return localNames.stream().anyMatch(n -> !n.value().isEmpty());
        }
    }

    /**
     * {@code kitProfile}: the offered profile (null when none, refused or declined); {@code declined}: the offer the
     * officer declined; {@code restart}: the choice changed after this run started (set-up waits for a restart);
     * {@code cities}: the cities of the offered profile's area tree, to say which codes bring their areas.
     */
    public record SetupPage(ProfileFields profile, String cityCode, String username, String displayName, boolean encrypt,
            Map<String, String> errors, int minPassphrase, ProfileRoutes.Shown kitProfile, String kitProfileRefused,
            ProfileRoutes.DeclinedShown declined, boolean restart, String cities) {
        public boolean form() {
            return !restart;
        }
    }

    public record UnlockPage(String error) {
    }

    public record CityPage(ProfileFields profile, int version, Map<String, String> errors, boolean canEdit) {
    }

    /** @param afterUnlock migrates and warms caches once an encrypted store is open */
    private final Profiles profiles;

    public SetupRoutes(SetupService setup, CityService city, Store store, Sessions sessions, Pages pages,
            Messages messages, AuditLog audit, Runnable afterUnlock, String version, Profiles profiles) {
        this.profiles = profiles;
        this.setup = setup;
        this.city = city;
        this.store = store;
        this.sessions = sessions;
        this.pages = pages;
        this.messages = messages;
        this.audit = audit;
        this.afterUnlock = afterUnlock;
        this.version = version;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/health", this::health)
                .get("/setup", this::setupForm)
                .post("/setup", this::setUp)
                .get("/unlock", this::unlockForm)
                .post("/unlock", this::unlock)
                .get("/city", this::cityForm)
                .post("/city", this::updateCity);
    }

    private void health(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(Json.object(Map.of("status", "ok", "version", version, "store", store.state().wire())));
    }

    private void setupForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        Map<String, List<String>> start = new java.util.HashMap<>(Map.of("defaultLang", List.of(v.t().lang()), "referenceYear",
                List.of(Integer.toString(Year.now().getValue())), "levels", List.of(v.t().t("platform.setup.levelsExample"))));
        // a kit profile fills in what the national forum decided: country, first language, level names
        profiles.offered().filter(p -> !profiles.restartPending()).ifPresent(p -> {
            start.put("country", List.of(p.country()));
            if (p.cities().size() == 1) { // a stick made for one city: its code and name
                start.put("cityCode", List.of(p.cities().getFirst().code()));
                start.put("name", List.of(p.cities().getFirst().name()));
            }
            if (!p.languages().isEmpty()) {
                start.put("defaultLang", List.of(p.languages().getFirst()));
            }
            if (!p.levels().isEmpty()) {
                start.put("levels", List.of(String.join("\n", p.levels())));
            }
        });
        Form empty = new Form(start);
        renderSetup(res, Status.OK_200, v, empty, new FieldErrors());
    }

    private void setUp(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        String choice = v.form().get("profileChoice");
        if (!choice.isEmpty()) {
            chooseProfile(v, res, choice);
            return;
        }
        if (profiles.restartPending()) {
            renderSetup(res, Status.CONFLICT_409, v, v.form(), new FieldErrors());
            return;
        }
        KitProfile kept = profiles.offered().orElse(null);
        SetupService.SetupForm form = SetupService.SetupForm.from(v.form(), messages.languages());
        FieldErrors e = setup.validate(form, kept);
        if (!e.isEmpty()) {
            renderSetup(res, Status.create(422), v, v.form(), e);
            return;
        }
        long adminId = setup.setUp(form, false, v.address(), kept, profiles.declined().orElse(null));
        try {
            profiles.applyOffered();
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        v.replaceSession(sessions.signIn(v.session(), adminId));
        int fromProfile = kept == null ? 0 : kept.areasUnder(AreaCode.normalize(form.cityCode())).size();
        v.flash(fromProfile > 0 ? "platform.setup.doneWithAreas" : "platform.setup.done", fromProfile);
        Visit.redirect(res, "/");
    }

    /** The officer declines the offered profile, or takes the decline back; remembered in the data folder. */
    private void chooseProfile(Visit v, ServerResponse res, String choice) {
        try {
            switch (choice) {
                case "decline" -> profiles.decline();
                case "offer" -> profiles.undecline();
                default -> throw Problem.invalid("platform.error.badRequest");
            }
        } catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
        Visit.redirect(res, "/setup");
    }

    private void renderSetup(ServerResponse res, Status status, Visit v, Form f, FieldErrors e) {
        KitProfile offer = profiles.offered().orElse(null);
        String cities = offer == null ? null : String.join(", ", offer.cities().stream().limit(30)
                .map(c -> c.code() + " (" + c.name() + ")").toList()) + (offer.cities().size() > 30 ? " …" : "");
        pages.render(res, status, v, "/setup", "platform/setup", "platform.setup.title",
                new SetupPage(profileFields(v.t(), f), f.get("cityCode"), f.get("username"), f.get("displayName"),
                        f.get("encrypt").equals("on"), e.in(v.t()), SetupService.MIN_PASSPHRASE,
                        offer == null ? null : ProfileRoutes.shown(offer, v.t()),
                        profiles.refusal().map(r -> v.t().t(r.key(), r.args())).orElse(null),
                        profiles.declined().map(d -> ProfileRoutes.shown(d, v.t())).orElse(null), profiles.restartPending(),
                        cities == null || cities.isEmpty() ? null : v.t().t("platform.setup.profileCities", cities)));
    }

    private void unlockForm(ServerRequest req, ServerResponse res) {
        pages.render(res, Visit.of(req), "/unlock", "platform/unlock", "platform.unlock.title", new UnlockPage(null));
    }

    private void unlock(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        long wait = unlockThrottle.minutesToWait("store", v.address());
        if (wait > 0) {
            pages.render(res, Status.TOO_MANY_REQUESTS_429, v, "/unlock", "platform/unlock", "platform.unlock.title",
                    new UnlockPage(v.t().t("platform.login.throttled", wait)));
            return;
        }
        try {
            store.boot(v.form().raw("passphrase").toCharArray());
        } catch (Problem p) {
            unlockThrottle.failed("store", v.address());
            pages.render(res, Status.FORBIDDEN_403, v, "/unlock", "platform/unlock", "platform.unlock.title",
                    new UnlockPage(v.t().t(p.messageKey())));
            return;
        }
        try {
            afterUnlock.run();
        } catch (IllegalStateException e) { // e.g. a data folder made by a newer kit
            store.close();
            pages.render(res, Status.CONFLICT_409, v, "/unlock", "platform/unlock", "platform.unlock.title",
                    new UnlockPage(v.t().t("platform.unlock.cannotOpen", e.getMessage())));
            return;
        }
        audit.record(new AuditLog.Event("-", v.address(), "store.unlock", "store", "db", "ok", ""));
        Visit.redirect(res, "/login");
    }

    private void cityForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        CityProfile p = city.profile().orElseThrow(Problem::notFound);
        pages.render(res, v, "/city", "platform/city", "platform.city.title",
                new CityPage(profileFields(v.t(), formOf(p)), p.version(), Map.of(), v.is(Role.COORDINATION)));
    }

    private void updateCity(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        CityService.ProfileForm form = CityService.ProfileForm.from(v.form(), messages.languages());
        int version = (int) v.form().number("version");
        FieldErrors e = city.update(form, version, v.actor(), v.address());
        if (!e.isEmpty()) {
            pages.render(res, Status.create(422), v, "/city", "platform/city", "platform.city.title",
                    new CityPage(profileFields(v.t(), v.form()), version, e.in(v.t()), true));
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/city");
    }

    private static Form formOf(CityProfile p) {
        Map<String, List<String>> m = new java.util.HashMap<>();
        m.put("name", List.of(p.name()));
        p.localNames().forEach((lang, n) -> m.put("name_" + lang, List.of(n)));
        m.put("country", List.of(p.country()));
        m.put("defaultLang", List.of(p.defaultLang()));
        m.put("currency", List.of(p.currency()));
        m.put("referenceYear", List.of(Integer.toString(p.referenceYear())));
        m.put("levels", List.of(String.join("\n", p.levelNames())));
        return new Form(m);
    }

    /** The profile fields with the user's input kept and the choices named in the user's language. */
    private ProfileFields profileFields(Translator t, Form f) {
        List<NameField> names = new ArrayList<>();
        for (String lang : messages.languages()) {
            names.add(new NameField("name_" + lang, Translator.nativeName(lang), f.get("name_" + lang)));
        }
        List<Option> countries = new ArrayList<>();
        for (String cc : CityService.COUNTRIES) {
            countries.add(new Option(cc, Locale.of("", cc).getDisplayCountry(t.locale()), cc.equals(f.get("country"))));
        }
        java.text.Collator collator = java.text.Collator.getInstance(t.locale());
        countries.sort((a, b) -> collator.compare(a.label(), b.label()));
        List<Option> languages = messages.languages().stream()
                .map(l -> new Option(l, Translator.nativeName(l), l.equals(f.get("defaultLang")))).toList();
        List<Option> currencies = new ArrayList<>();
        for (Currency c : Currency.getAvailableCurrencies()) {
            currencies.add(new Option(c.getCurrencyCode(), c.getCurrencyCode() + " · " + c.getDisplayName(t.locale()),
                    c.getCurrencyCode().equals(f.get("currency"))));
        }
        currencies.sort((a, b) -> a.value().compareTo(b.value()));
        return new ProfileFields(f.get("name"), names, countries, languages, currencies, f.get("referenceYear"),
                f.get("levels"));
    }

}
