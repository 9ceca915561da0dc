package org.safercities.platform.setup;

import java.util.List;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.AccountService;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.AreaCode;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.profile.KitProfile;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;

/**
 * First start: creates the database (encrypted at rest if asked), migrates it, and records the city, its root
 * area and the first administrator in one transaction.
 */
public final class SetupService {

    static final int MIN_PASSPHRASE = 12;
    private final Store store;
    private final CityService city;
    private final AreaService areas;
    private final AccountService accounts;
    private final Messages messages;
    private final Runnable migrateAndWarm;
    private final AuditLog audit;

    /** @param migrateAndWarm runs every module's migrations and warms caches once the store is open */
    public SetupService(Store store, CityService city, AreaService areas, AccountService accounts, Messages messages,
            Runnable migrateAndWarm, AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.city = city;
        this.areas = areas;
        this.accounts = accounts;
        this.messages = messages;
        this.migrateAndWarm = migrateAndWarm;
    }

    public record SetupForm(CityService.ProfileForm profile, String cityCode, AccountService.AccountForm admin,
            boolean encrypt, String passphrase, String passphraseConfirm) {

        public static SetupForm from(Form f, List<String> languages) {
            return new SetupForm(CityService.ProfileForm.from(f, languages), f.get("cityCode"),
                    new AccountService.AccountForm(f.get("username"), f.get("displayName"), Role.ADMINISTRATOR.wire(),
                            f.get("defaultLang"), f.raw("password"), f.raw("confirm")),
                    f.get("encrypt").equals("on"), f.raw("passphrase"), f.raw("passphraseConfirm"));
        }
    }

    public FieldErrors validate(SetupForm form) {
        return validate(form, null);
    }

    /**
     * With {@code kitProfile} (the offered profile the officer keeps) carrying an area tree: the city code must be
     * one of its cities, and the level names as many as its depth needs.
     */
    public FieldErrors validate(SetupForm form, KitProfile kitProfile) {
        FieldErrors e = new FieldErrors();
        if (kitProfile != null && !kitProfile.areas().isEmpty()) {
            String code = AreaCode.normalize(form.cityCode());
            List<String> cities = kitProfile.cities().stream().map(KitProfile.AreaNode::code).toList();
            if (code != null && !cities.contains(code)) {
                e.add("cityCode", "platform.setup.cityNotInProfile", String.join(", ", cities.size() > 30
                        ? cities.subList(0, 30) : cities) + (cities.size() > 30 ? " …" : ""));
            } else if (code != null) {
                int depth = kitProfile.areasUnder(code).stream().mapToInt(KitProfile.AreaNode::depth).max().orElse(0);
                if (form.profile().levelList().size() < depth + 1) {
                    e.add("levels", "platform.setup.levelsForProfile", depth + 1);
                }
            }
        }
        form.profile().validate(e, messages);
        if (AreaCode.normalize(form.cityCode()) == null) {
            e.add("cityCode", "platform.areas.badCode");
        }
        FieldErrors admin = form.admin().validate(accounts.policy(), true);
        for (String field : List.of("username", "displayName", "password", "confirm")) {
            if (admin.has(field)) {
                e.add(field, admin.keyOf(field), org.safercities.platform.accounts.PasswordPolicy.MIN,
                        org.safercities.platform.accounts.PasswordPolicy.MAX);
            }
        }
        if (form.encrypt()) {
            if (form.passphrase().codePointCount(0, form.passphrase().length()) < MIN_PASSPHRASE) {
                e.add("passphrase", "platform.setup.passphraseTooShort", MIN_PASSPHRASE);
            } else if (!form.passphrase().equals(form.passphraseConfirm())) {
                e.add("passphraseConfirm", "platform.password.mismatch");
            }
        }
        return e;
    }

    /** Creates everything; returns the administrator's account id. Call only after {@link #validate} is empty. */
    public synchronized long setUp(SetupForm form, boolean demo, String address) {
        return setUp(form, demo, address, null, null);
    }

    /**
     * As {@link #setUp(SetupForm, boolean, String)}, with the kit profile the officer keeps ({@code null} for
     * none): its areas under the city's code are created under the city in the same transaction; or with the offer
     * the officer declined, recorded in the audit log.
     */
    public synchronized long setUp(SetupForm form, boolean demo, String address, KitProfile kitProfile,
            org.safercities.platform.profile.Profiles.Declined declined) {
        if (store.state() != Store.State.SETUP) {
            throw Problem.conflict("platform.setup.alreadyDone");
        }
        store.create(form.encrypt() ? form.passphrase().toCharArray() : null);
        migrateAndWarm.run();
        String actor = form.admin().normalizedUsername();
        long adminId = store.tx(c -> {
            city.store().insert(c, form.profile().toProfile(demo, 0));
            String cityCode = AreaCode.normalize(form.cityCode());
            long root = areas.createRoot(c, cityCode, form.profile().name().strip(), actor, address);
            if (kitProfile != null) {
                List<KitProfile.AreaNode> tree = kitProfile.areasUnder(cityCode);
                java.util.Map<String, Long> ids = new java.util.HashMap<>(java.util.Map.of(cityCode, root));
                for (KitProfile.AreaNode a : tree) { // parents first
                    ids.put(a.code(), areas.insert(c, a.code(), ids.get(a.parent()), a.depth(), a.name(), a.altName(),
                            a.altNameLang()));
                }
                audit.append(c, new AuditLog.Event(actor, address, "kit-profile.apply", "kit-profile",
                        kitProfile.signerFingerprint(), "ok", kitProfile.name() + "; " + tree.size() + " areas under " + cityCode));
            }
            if (declined != null) {
                audit.append(c, new AuditLog.Event(actor, address, "kit-profile.decline", "kit-profile",
                        declined.fingerprint() == null ? "-" : declined.fingerprint(), "ok", String.valueOf(declined.name())));
            }
            return accounts.create(c, form.admin(), actor, address);
        });
        city.reload();
        areas.reload();
        return adminId;
    }
}
