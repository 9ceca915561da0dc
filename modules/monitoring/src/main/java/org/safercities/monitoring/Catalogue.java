package org.safercities.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.links.NationalProfile;

/**
 * The indicator catalogue: the built-in set (SDG 16.1.1, 16.1.3 a–c, 16.1.4, 11.7.2, 5.2.2 and its incident
 * proxy, 16.3.1, investment per capita of G§62), the national set of the kit profile when there is one, and the
 * office's local indicators (stored). Codes are unique across the three; a national indicator with a built-in's
 * code is left out (the built-in one is computed).
 */
final class Catalogue {

    static final List<String> AREA_SEX_AGE = List.of("area", "sex", "age");
    static final List<String> AREA_SEX = List.of("area", "sex");
    static final List<String> AREA_AGE = List.of("area", "age");

    /** The ICCS codes of sexual violence (section 03) counted by the 5.2.2 proxy. */
    static boolean sexualViolence(String iccs) {
        return iccs.startsWith("03");
    }

    static final List<Indicator> BUILT_IN = List.of(
            builtIn("16.1.1", "per100k", "down", AREA_SEX_AGE, Indicator.Method.RATE, 0.0, 100_000.0),
            builtIn("16.1.3a", "percent", "down", AREA_SEX, Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("16.1.3b", "percent", "down", AREA_SEX, Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("16.1.3c", "percent", "down", AREA_SEX, Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("16.1.4", "percent", "up", AREA_SEX, Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("11.7.2", "percent", "down", AREA_SEX, Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("5.2.2", "percent", "down", List.of("area"), Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("5.2.2p", "per100k", "down", AREA_AGE, Indicator.Method.RATE, 0.0, 100_000.0),
            builtIn("16.3.1", "percent", "up", AREA_SEX, Indicator.Method.SURVEY, 0.0, 100.0),
            builtIn("G62", "perCapita", "up", List.of("area"), Indicator.Method.INVESTMENT, 0.0, null));

    private static Indicator builtIn(String code, String unit, String direction, List<String> by, Indicator.Method m,
            Double min, Double max) {
        return new Indicator(code, "builtin", Map.of(), Map.of(), unit, direction, "yearly", by, m, min, max);
    }

    private final ModuleLinks links;
    private final MonitoringStore db;
    private final org.safercities.platform.store.Store store;
    private volatile List<Indicator> local;

    Catalogue(ModuleLinks links, org.safercities.platform.store.Store store, MonitoringStore db) {
        this.links = links;
        this.store = store;
        this.db = db;
    }

    /** Every indicator: built-in, then national, then local, each in code order as given. */
    List<Indicator> all() {
        Map<String, Indicator> out = new LinkedHashMap<>();
        BUILT_IN.forEach(i -> out.put(i.code(), i));
        national().forEach(i -> out.putIfAbsent(i.code(), i));
        local().forEach(i -> out.putIfAbsent(i.code(), i));
        return List.copyOf(out.values());
    }

    Optional<Indicator> find(String code) {
        return all().stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** The national standard set of the kit profile (none without a profile). */
    List<Indicator> national() {
        Optional<NationalProfile> profile = links.find(NationalProfile.class);
        if (profile.isEmpty()) {
            return List.of();
        }
        List<Indicator> out = new ArrayList<>();
        for (NationalProfile.NationalIndicator n : profile.get().indicators()) {
            if (!Indicator.validCode(n.code())) {
                continue; // a profile is checked when loaded; a code the kit cannot key by is not shown
            }
            String direction = Indicator.DIRECTIONS.contains(n.direction()) ? n.direction() : "none";
            String frequency = Indicator.FREQUENCIES.contains(n.frequency()) ? n.frequency() : "yearly";
            List<String> by = n.disaggregations().stream().filter(Indicator.DISAGGREGATIONS::contains).toList();
            Double min = n.unit().equals("percent") || n.unit().equals("per100k") ? 0.0 : null;
            Double max = n.unit().equals("percent") ? 100.0 : null;
            out.add(new Indicator(n.code(), "national", Map.copyOf(n.names()), Map.copyOf(n.definitions()), n.unit(),
                    direction, frequency, by, Indicator.Method.ENTERED, min, max));
        }
        return out;
    }

    List<Indicator> local() {
        List<Indicator> l = local;
        if (l == null) {
            l = List.copyOf(store.read(db::localIndicators));
            local = l;
        }
        return l;
    }

    void localChanged() {
        local = null;
    }

    /** The indicator's name in the translator's language (English, then any, when it has none in it). */
    static String name(Indicator i, Translator t) {
        return i.builtIn() ? t.t("monitoring.indicator." + i.code() + ".name") : pick(i.names(), t.lang());
    }

    static String definition(Indicator i, Translator t) {
        return i.builtIn() ? t.t("monitoring.indicator." + i.code() + ".definition") : pick(i.definitions(), t.lang());
    }

    /** The unit as shown: a unit code's label (the city currency per inhabitant), or the office's own words. */
    static String unit(Indicator i, Translator t, String currency) {
        return Indicator.UNIT_CODES.contains(i.unit()) ? t.t("monitoring.unit." + i.unit(), currency) : i.unit();
    }

    static String pick(Map<String, String> texts, String lang) {
        String s = texts.get(lang);
        if (s == null || s.isBlank()) {
            s = texts.get("en");
        }
        if (s == null || s.isBlank()) {
            s = texts.values().stream().filter(v -> !v.isBlank()).findFirst().orElse("");
        }
        return s;
    }
}
