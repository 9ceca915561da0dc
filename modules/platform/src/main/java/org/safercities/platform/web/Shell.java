package org.safercities.platform.web;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.safercities.platform.MenuEntry;
import org.safercities.platform.i18n.Messages;

/**
 * What every page shows around its content: kit version, the city's name, the demo banner, the menu of
 * all modules, the languages. Built once in {@code kit.Main}; the city part is read from a cache.
 */
public final class Shell {

    /**
     * The city as the shell shows it; replaced in memory whenever the profile changes. {@code localNames}: the
     * city's name per language where it has one (language code to name).
     */
    public record CityBanner(String name, java.util.Map<String, String> localNames, boolean demo, String defaultLang) {
        public static final CityBanner NONE = new CityBanner("", false, "en");

        public CityBanner {
            localNames = java.util.Map.copyOf(localNames);
        }

        public CityBanner(String name, boolean demo, String defaultLang) {
            this(name, java.util.Map.of(), demo, defaultLang);
        }

        /** The city's name in {@code lang} when it has one there, else its main name. */
        public String nameIn(String lang) {
            return localNames.getOrDefault(lang, name);
        }
    }

    /**
     * A national kit profile's branding in the header: its {@code brandName} (may be null) and whether it has a
     * logo (served at {@code /kit-profile/logo.png}); {@link #NONE} without a profile, and the header is the kit's.
     */
    public record Brand(String name, boolean logo) {
        public static final Brand NONE = new Brand(null, false);

        public boolean shown() {
            return name != null || logo;
        }
    }

    private final String version;
    private final Messages messages;
    private final List<MenuEntry> menu = new ArrayList<>();
    private final Supplier<CityBanner> city;
    private final Supplier<Brand> brand;

    public Shell(String version, Messages messages, Supplier<CityBanner> city) {
        this(version, messages, city, () -> Brand.NONE);
    }

    public Shell(String version, Messages messages, Supplier<CityBanner> city, Supplier<Brand> brand) {
        this.version = version;
        this.messages = messages;
        this.city = city;
        this.brand = brand;
    }

    public void addMenu(List<MenuEntry> entries) {
        menu.addAll(entries);
    }

    public String version() {
        return version;
    }

    public Messages messages() {
        return messages;
    }

    public List<MenuEntry> menu() {
        return menu;
    }

    public CityBanner city() {
        return city.get();
    }

    public Brand brand() {
        return brand.get();
    }
}
