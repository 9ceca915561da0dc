package org.safercities.exchange;

import java.io.StringReader;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import org.safercities.platform.links.IndicatorValues;
import org.safercities.platform.links.ModuleLinks;
import org.safercities.platform.store.Store;

/**
 * The national roll-up: the city-wide indicator values of every received export side by side, one period at a
 * time. Cities are in alphabetical order of their names (the user's language's collation) and indicators in the
 * order of their codes: never ranked or sorted by a value (R§8). A value its city hid (too few cases) stays hidden.
 * When two exports of one city carry the same period, the one received last counts.
 */
final class Rollup {

    record City(String name, String country, String signer) {
    }

    /** One cell: a value, a value its city suppressed, or nothing for that indicator and period. */
    record Cell(Double value, boolean suppressed) {
        static final Cell NONE = new Cell(null, false);

        boolean present() {
            return value != null || suppressed;
        }
    }

    record Row(String code, String name, String unit, List<Cell> cells) {
    }

    record Table(List<String> periods, String period, List<City> cities, List<Row> rows) {
    }

    private final Store store;
    private final ExchangeStore sql;
    private final ModuleLinks links;

    Rollup(Store store, ExchangeStore sql, ModuleLinks links) {
        this.store = store;
        this.sql = sql;
        this.links = links;
    }

    /**
     * The built-in indicators' names in {@code language}, as this kit's monitoring publishes them (none when it is
     * off). Exports name their indicators in English; SDG codes mean the same in every city, local codes do not.
     */
    static Map<String, String> builtInNames(ModuleLinks links, String language) {
        Map<String, String> names = new HashMap<>();
        links.find(IndicatorValues.class).ifPresent(iv -> iv.indicators(language).stream()
                .filter(i -> i.origin().equals("builtin")).forEach(i -> names.put(i.code(), i.name())));
        return names;
    }

    /** The table of {@code period}, or of the latest period any export has when it is blank or unknown. */
    Table table(String period, Locale locale) {
        TreeSet<String> periods = new TreeSet<>(Comparator.reverseOrder());
        Map<String, City> cities = new HashMap<>();
        Map<String, Map<String, Cell>> byCity = new HashMap<>(); // city key → period|indicator → cell
        Map<String, String[]> indicators = new TreeMap<>(); // code → name, unit
        // oldest first, so that a later export of the same city and period replaces an earlier one; one export's
        // content in memory at a time
        store.read(c -> {
            sql.eachReceived(c, r -> add(r, periods, cities, byCity, indicators));
            return null;
        });
        // exports name their indicators in English; the built-in ones (SDG codes, the same everywhere) are named in
        // the reader's language when this kit's monitoring is on. Local and national codes keep the city's name.
        builtInNames(links, locale.getLanguage()).forEach((code, name) -> {
            if (indicators.containsKey(code)) {
                indicators.get(code)[0] = name; // the unit stays the city's (its currency)
            }
        });
        String chosen = periods.contains(period) ? period : periods.isEmpty() ? "" : periods.first();
        Collator collator = Collator.getInstance(locale);
        List<String> order = new ArrayList<>(cities.keySet());
        order.sort(Comparator.comparing((String k) -> cities.get(k).name(), collator)
                .thenComparing(k -> cities.get(k).country()));
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, String[]> i : indicators.entrySet()) {
            List<Cell> cells = new ArrayList<>();
            boolean any = false;
            for (String k : order) {
                Cell c = byCity.get(k).getOrDefault(chosen + "|" + i.getKey(), Cell.NONE);
                any |= c.present();
                cells.add(c);
            }
            if (any) {
                rows.add(new Row(i.getKey(), i.getValue()[0], i.getValue()[1], cells));
            }
        }
        Map<String, City> ordered = new LinkedHashMap<>();
        order.forEach(k -> ordered.put(k, cities.get(k)));
        return new Table(List.copyOf(periods), chosen, List.copyOf(ordered.values()), rows);
    }

    /** One received export's city-wide values into the table being built. */
    private static void add(ExchangeStore.ReceivedRow r, TreeSet<String> periods, Map<String, City> cities,
            Map<String, Map<String, Cell>> byCity, Map<String, String[]> indicators) {
        JsonObject export;
        try (JsonReader reader = Json.createReader(new StringReader(r.content()))) {
            export = reader.readObject();
        }
        String key = r.country() + "|" + r.city();
        cities.put(key, new City(r.city(), r.country(), r.signerLabel()));
        for (JsonValue v : export.getJsonArray("indicators")) {
            JsonObject i = v.asJsonObject();
            indicators.putIfAbsent(i.getString("code"), new String[] {i.getString("name"), i.getString("unit")});
        }
        Map<String, Cell> cells = byCity.computeIfAbsent(key, k -> new HashMap<>());
        for (JsonValue v : export.getJsonArray("indicatorValues")) {
            JsonObject x = v.asJsonObject();
            if (!x.getString("area").equals("*") || !x.getString("sex").isEmpty() || !x.getString("ageBand").isEmpty()) {
                continue; // city-wide values only: areas and groups differ from city to city
            }
            String code = x.getString("indicator");
            indicators.putIfAbsent(code, new String[] {code, ""});
            periods.add(x.getString("period"));
            boolean hidden = x.getBoolean("suppressed");
            Double value = hidden || !(x.get("value") instanceof JsonNumber n) ? null : n.doubleValue();
            cells.put(x.getString("period") + "|" + code, new Cell(value, hidden));
        }
    }
}
