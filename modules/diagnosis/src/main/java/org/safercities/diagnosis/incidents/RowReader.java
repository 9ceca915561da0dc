package org.safercities.diagnosis.incidents;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

import org.safercities.diagnosis.geo.AreaLocator;
import org.safercities.diagnosis.sheets.AreaNames;
import org.safercities.diagnosis.sheets.CellValues;
import org.safercities.diagnosis.sheets.CellValues.ReadDate;

/**
 * Turns one file row into an incident with the source's mapping, or says why it cannot. Local values (a
 * category word, "Masculino", "Via pública", an area name) go through the source's value mapping; a value not
 * mapped yet gets its first guess, and is reported so that the user can correct it before importing.
 */
final class RowReader {

    /** Fields of the value mapping. */
    static final String CATEGORY = "category", SEX = "sex", PLACE = "place", AREA = "area";

    /** The outcome of one row: an incident, or the errors that keep it out. */
    record Result(IncidentRow incident, List<RowError> errors) {
    }

    private final Mapping mapping;
    private final List<String> header;
    private final int date, time, category, sex, age, place, area, lon, lat;
    private final ValueMaps values;
    private final AreaLocator locator;
    private final AreaNames areaNames;
    private final ZoneId zone;
    private final Fingerprints.Counter seen = new Fingerprints.Counter();
    // the first guess of values no mapping covers yet, remembered: a million rows ask about the same few words
    private final Map<String, String> guessed = new HashMap<>();
    private final Consumer<String[]> newValue;

    /**
     * @param newValue told (field, local value, guessed code) the first time a value without a mapping is met
     */
    RowReader(Mapping mapping, List<String> header, ValueMaps values, AreaLocator locator, AreaNames areaNames,
            Consumer<String[]> newValue) {
        this.mapping = mapping;
        this.header = header;
        this.values = values;
        this.locator = locator;
        this.areaNames = areaNames;
        this.newValue = newValue;
        this.zone = mapping.zoneId();
        date = header.indexOf(mapping.date());
        time = index(mapping.time());
        category = index(mapping.category());
        sex = index(mapping.sex());
        age = index(mapping.age());
        place = index(mapping.place());
        area = index(mapping.area());
        lon = index(mapping.longitude());
        lat = index(mapping.latitude());
    }

    private int index(String column) {
        return column.isEmpty() ? -1 : header.indexOf(column);
    }

    /** Columns the mapping names that the file lacks (a mapping saved for another layout). */
    static List<String> missingColumns(Mapping mapping, List<String> header) {
        return mapping.columns().stream().filter(c -> !header.contains(c)).toList();
    }

    Result read(String[] cells, long rowNumber) {
        List<RowError> errors = null;
        String dateText = cell(cells, date);
        Optional<ReadDate> read = CellValues.date(dateText, mapping.dateOrder(), zone, mapping.midnightUnknown());
        if (read.isEmpty()) {
            errors = add(errors, new RowError(rowNumber, mapping.date(), dateText,
                    dateText.isBlank() ? "diagnosis.import.error.noDate" : "diagnosis.import.error.date"));
        }
        Integer minute = null;
        if (read.isPresent() && read.get().time() != null) {
            LocalTime t = read.get().time();
            minute = t.getHour() * 60 + t.getMinute();
        }
        if (time >= 0) {
            String t = cell(cells, time);
            Integer m = minutes(t);
            if (m == null && !t.isBlank()) {
                errors = add(errors, new RowError(rowNumber, mapping.time(), t, "diagnosis.import.error.time"));
            } else if (m != null && !(mapping.midnightUnknown() && m == 0)) {
                minute = m;
            }
        }
        Double longitude = null;
        Double latitude = null;
        if (lon >= 0 && lat >= 0) {
            String x = cell(cells, lon);
            String y = cell(cells, lat);
            Optional<Double> ox = CellValues.decimal(x, mapping.decimalComma());
            Optional<Double> oy = CellValues.decimal(y, mapping.decimalComma());
            if (ox.isEmpty() && !blankOrNa(x)) {
                errors = add(errors, new RowError(rowNumber, mapping.longitude(), x, "diagnosis.import.error.number"));
            } else if (oy.isEmpty() && !blankOrNa(y)) {
                errors = add(errors, new RowError(rowNumber, mapping.latitude(), y, "diagnosis.import.error.number"));
            } else if (ox.isPresent() && oy.isPresent()) {
                if (Math.abs(ox.get()) > 180 || Math.abs(oy.get()) > 90) {
                    errors = add(errors, new RowError(rowNumber, mapping.longitude(), x + " " + y,
                            "diagnosis.import.error.coordinates"));
                } else {
                    longitude = ox.get();
                    latitude = oy.get();
                }
            }
        }
        if (errors != null) {
            return new Result(null, errors);
        }
        String local = category >= 0 ? cell(cells, category).strip() : "";
        String iccs = !mapping.fixedCategory().isEmpty() ? mapping.fixedCategory() : code(CATEGORY, local);
        String sexCode = sex >= 0 ? code(SEX, cell(cells, sex).strip()) : "U";
        Integer years = null;
        String band = "unknown";
        if (age >= 0) {
            String a = cell(cells, age).strip();
            years = years(a);
            if (years != null && (years < 0 || years > 130 || (years == 0 && mapping.ageZeroUnknown()))) {
                years = null;
            }
            band = years != null ? Codes.ageBand(years) : band(a);
        }
        String placeCode = place >= 0 ? code(PLACE, cell(cells, place).strip()) : "unknown";
        Long areaId = null;
        if (area >= 0) {
            areaId = areaOf(cell(cells, area).strip());
        }
        if (areaId == null && longitude != null) {
            OptionalLong found = locator.locate(longitude, latitude);
            areaId = found.isPresent() ? found.getAsLong() : null;
        }
        long hash = Fingerprints.ofCells(cells);
        long fingerprint = Fingerprints.withOccurrence(hash, seen.next(hash));
        ReadDate d = read.get();
        return new Result(new IncidentRow(fingerprint, d.date(),
                d.precision() == CellValues.Precision.MONTH ? 'M' : 'D', minute, iccs,
                local.isEmpty() ? null : truncate(local, 200), sexCode.charAt(0), years, band, placeCode, areaId,
                longitude, latitude), List.of());
    }

    private Long areaOf(String written) {
        if (written.isEmpty()) {
            return null;
        }
        String mapped = values.code(AREA, written);
        if (mapped != null) {
            return mapped.isEmpty() ? null : Long.valueOf(mapped);
        }
        OptionalLong m = areaNames.match(written);
        if (m.isPresent()) {
            return m.getAsLong();
        }
        if (guessed.putIfAbsent(AREA + '\u001f' + written, "") == null) {
            newValue.accept(new String[] {AREA, written, ""});
        }
        return null;
    }

    private String code(String field, String local) {
        String mapped = values.code(field, local);
        if (mapped != null) {
            return mapped;
        }
        String key = field + '\u001f' + local;
        String g = guessed.get(key);
        if (g == null) {
            g = switch (field) {
                case CATEGORY -> Codes.guessCategory(local);
                case SEX -> Codes.guessSex(local);
                default -> Codes.guessPlace(local);
            };
            guessed.put(key, g);
            newValue.accept(new String[] {field, local, g});
        }
        return g;
    }

    private static String cell(String[] cells, int i) {
        return i >= 0 && i < cells.length ? cells[i] : "";
    }

    private static boolean blankOrNa(String s) {
        String t = s.strip();
        return t.isEmpty() || t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("N/A") || t.equals("-")
                || t.equalsIgnoreCase("null");
    }

    private static List<RowError> add(List<RowError> errors, RowError e) {
        List<RowError> l = errors == null ? new java.util.ArrayList<>(2) : errors;
        l.add(e);
        return l;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    /** "7", "07:30", "7:30:15" → minutes after midnight; null if not a time of day. */
    static Integer minutes(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return null;
        }
        int colon = t.indexOf(':');
        try {
            int h = Integer.parseInt(colon < 0 ? t : t.substring(0, colon));
            int m = 0;
            if (colon >= 0) {
                int second = t.indexOf(':', colon + 1);
                m = Integer.parseInt(second < 0 ? t.substring(colon + 1) : t.substring(colon + 1, second));
            }
            return h >= 0 && h < 24 && m >= 0 && m < 60 ? h * 60 + m : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Whole years, "35" or "35.0"; null for anything else. */
    static Integer years(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return null;
        }
        String t = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-')) {
                return null;
            }
        }
        try {
            return Integer.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * A band written as text ("15-19", "10-17", "65+", "over 34") → the kit's five-year band when it lies within
     * one, else unknown: an incident cannot be counted against a population band it may not belong to.
     */
    static String band(String s) {
        String t = s.replace('–', '-').replace(" ", "").toLowerCase(java.util.Locale.ROOT);
        int dash = t.indexOf('-');
        if (dash > 0) {
            Integer low = years(t.substring(0, dash));
            Integer high = years(t.substring(dash + 1));
            if (low != null && high != null && low >= 0 && high >= low && Codes.ageBand(low).equals(Codes.ageBand(high))) {
                return Codes.ageBand(low);
            }
        }
        if (t.endsWith("+")) {
            Integer low = years(t.substring(0, t.length() - 1));
            if (low != null && low >= 100) {
                return "100+";
            }
        }
        return "unknown";
    }
}
