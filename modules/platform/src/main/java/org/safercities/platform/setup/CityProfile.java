package org.safercities.platform.setup;

import java.util.List;
import java.util.Map;

/** The city the kit serves: its names, country (ISO 3166-1 alpha-2), language, currency and area level names. */
public record CityProfile(String name, Map<String, String> localNames, String country, String defaultLang,
        String currency, int referenceYear, boolean demo, List<String> levelNames, int version) {

    /** The name of level {@code level} (0 = the city itself), or a generic one past the named levels. */
    public String levelName(int level) {
        return level < levelNames.size() ? levelNames.get(level) : "#" + level;
    }

    /** The city's name in {@code lang} when one was given, else its main name. */
    public String nameIn(String lang) {
        return localNames.getOrDefault(lang, name);
    }
}
