package org.safercities.platform.setup;

import java.time.Year;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.i18n.Messages;
import org.safercities.platform.store.Store;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Shell;

/** The city profile, cached in memory for the shell of every page. */
public final class CityService {

    static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private final Store store;
    private final AuditLog audit;
    private final Messages messages;
    private final CityStore cities = new CityStore();
    private volatile Optional<CityProfile> profile = Optional.empty();

    public CityService(Store store, AuditLog audit, Messages messages) {
        this.store = store;
        this.audit = audit;
        this.messages = messages;
    }

    public void reload() {
        profile = store.read(cities::load);
    }

    public Optional<CityProfile> profile() {
        return profile;
    }

    public Shell.CityBanner banner() {
        return profile.map(p -> new Shell.CityBanner(p.name(), p.localNames(), p.demo(), p.defaultLang())).orElse(Shell.CityBanner.NONE);
    }

    CityStore store() {
        return cities;
    }

    /** The profile fields as typed (set-up and the city page share them). */
    public record ProfileForm(String name, Map<String, String> localNames, String country, String defaultLang,
            String currency, String referenceYear, String levels) {

        public static ProfileForm from(Form f, List<String> languages) {
            Map<String, String> names = new LinkedHashMap<>();
            for (String lang : languages) {
                String n = f.get("name_" + lang);
                if (!n.isEmpty()) {
                    names.put(lang, n);
                }
            }
            return new ProfileForm(f.get("name"), names, f.get("country").toUpperCase(Locale.ROOT), f.get("defaultLang"),
                    f.get("currency").toUpperCase(Locale.ROOT), f.get("referenceYear"), f.get("levels"));
        }

        public List<String> levelList() {
            List<String> out = new ArrayList<>();
            for (String l : levels.split("[\\r\\n]+")) {
                if (!l.isBlank()) {
                    out.add(l.strip());
                }
            }
            return out;
        }

        public void validate(FieldErrors e, Messages messages) {
            if (name.isBlank() || name.length() > 200) {
                e.add("name", "platform.setup.badCityName");
            }
            localNames.forEach((lang, n) -> {
                if (n.length() > 200) {
                    e.add("name_" + lang, "platform.setup.badCityName");
                }
            });
            if (!COUNTRIES.contains(country)) {
                e.add("country", "platform.setup.badCountry");
            }
            if (!messages.has(defaultLang)) {
                e.add("defaultLang", "platform.setup.badLanguage");
            }
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException ex) {
                e.add("currency", "platform.setup.badCurrency");
            }
            if (!referenceYear.matches("\\d{4}") || Integer.parseInt(referenceYear) < 1990
                    || Integer.parseInt(referenceYear) > Year.now().getValue() + 1) {
                e.add("referenceYear", "platform.setup.badYear");
            }
            List<String> lv = levelList();
            if (lv.size() < 2 || lv.size() > 8 || lv.stream().anyMatch(x -> x.length() > 100)) {
                e.add("levels", "platform.setup.badLevels");
            }
        }

        CityProfile toProfile(boolean demo, int version) {
            return new CityProfile(name.strip(), localNames, country, defaultLang, currency,
                    Integer.parseInt(referenceYear), demo, levelList(), version);
        }
    }

    public FieldErrors update(ProfileForm form, int version, String actor, String address) {
        FieldErrors e = new FieldErrors();
        form.validate(e, messages);
        if (!e.isEmpty()) {
            return e;
        }
        CityProfile current = profile.orElseThrow(Problem::notFound);
        store.tx(c -> {
            if (!cities.update(c, form.toProfile(current.demo(), version))) {
                throw Problem.conflict("platform.error.editedMeanwhile");
            }
            audit.append(c, new AuditLog.Event(actor, address, "city.update", "city", "1", "ok", form.name()));
            return null;
        });
        reload();
        return e;
    }
}
