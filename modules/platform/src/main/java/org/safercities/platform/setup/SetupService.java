package org.safercities.platform.setup;

import java.util.List;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.AccountService;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.AreaCode;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Messages;
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

    /** @param migrateAndWarm runs every module's migrations and warms caches once the store is open */
    public SetupService(Store store, CityService city, AreaService areas, AccountService accounts, Messages messages,
            Runnable migrateAndWarm) {
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
        FieldErrors e = new FieldErrors();
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
        if (store.state() != Store.State.SETUP) {
            throw Problem.conflict("platform.setup.alreadyDone");
        }
        store.create(form.encrypt() ? form.passphrase().toCharArray() : null);
        migrateAndWarm.run();
        String actor = form.admin().normalizedUsername();
        long adminId = store.tx(c -> {
            city.store().insert(c, form.profile().toProfile(demo, 0));
            areas.createRoot(c, AreaCode.normalize(form.cityCode()), form.profile().name().strip(), actor, address);
            return accounts.create(c, form.admin(), actor, address);
        });
        city.reload();
        areas.reload();
        return adminId;
    }
}
