package org.safercities.diagnosis.incidents;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

import org.safercities.diagnosis.sheets.CellValues.DateOrder;

/**
 * How the columns of a source's files become incidents: which column holds the date, the category, the
 * victim's sex and age, the place type, the area and the coordinates, and how to read them. Columns are named
 * by their header text, so a mapping saved for a source fits next month's file of the same source even if its
 * columns moved. Blank = the file has no such column.
 *
 * @param category     the column of the source's own category words; blank when {@code fixedCategory} applies
 * @param fixedCategory an ICCS code for every row (a file of homicides only), or blank
 * @param area         a column holding area codes or names (matched to the tree); else coordinates place rows
 */
public record Mapping(String date, String time, DateOrder dateOrder, String zone, boolean midnightUnknown,
        String category, String fixedCategory, String sex, String age, boolean ageZeroUnknown, String place,
        String area, String longitude, String latitude, boolean decimalComma) {

    public Mapping {
        date = nz(date);
        time = nz(time);
        dateOrder = dateOrder == null ? DateOrder.AUTO : dateOrder;
        zone = nz(zone).isEmpty() ? "UTC" : zone.trim();
        category = nz(category);
        fixedCategory = nz(fixedCategory);
        sex = nz(sex);
        age = nz(age);
        place = nz(place);
        area = nz(area);
        longitude = nz(longitude);
        latitude = nz(latitude);
    }

    private static String nz(String s) {
        return s == null ? "" : s.trim();
    }

    public ZoneId zoneId() {
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }

    /** The columns this mapping reads, for checking them against a file's header. */
    public List<String> columns() {
        return java.util.stream.Stream.of(date, time, category, sex, age, place, area, longitude, latitude)
                .filter(c -> !c.isEmpty()).toList();
    }

    /** Saved with the source as a properties text: readable in a database browser, safe to extend. */
    public String toText() {
        Properties p = new Properties();
        p.setProperty("date", date);
        p.setProperty("time", time);
        p.setProperty("dateOrder", dateOrder.name());
        p.setProperty("zone", zone);
        p.setProperty("midnightUnknown", Boolean.toString(midnightUnknown));
        p.setProperty("category", category);
        p.setProperty("fixedCategory", fixedCategory);
        p.setProperty("sex", sex);
        p.setProperty("age", age);
        p.setProperty("ageZeroUnknown", Boolean.toString(ageZeroUnknown));
        p.setProperty("place", place);
        p.setProperty("area", area);
        p.setProperty("longitude", longitude);
        p.setProperty("latitude", latitude);
        p.setProperty("decimalComma", Boolean.toString(decimalComma));
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return w.toString();
    }

    public static Mapping fromText(String text) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(text == null ? "" : text));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        DateOrder order;
        try {
            order = DateOrder.valueOf(p.getProperty("dateOrder", "AUTO").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            order = DateOrder.AUTO;
        }
        return new Mapping(p.getProperty("date"), p.getProperty("time"), order, p.getProperty("zone"),
                Boolean.parseBoolean(p.getProperty("midnightUnknown", "true")), p.getProperty("category"),
                p.getProperty("fixedCategory"), p.getProperty("sex"), p.getProperty("age"),
                Boolean.parseBoolean(p.getProperty("ageZeroUnknown")), p.getProperty("place"), p.getProperty("area"),
                p.getProperty("longitude"), p.getProperty("latitude"),
                Boolean.parseBoolean(p.getProperty("decimalComma")));
    }

    /**
     * A first mapping for a file nobody mapped yet, from its header words in the languages sources use
     * (fecha, data, date, Month …).
     */
    public static Mapping guess(List<String> header, boolean decimalComma) {
        return new Mapping(find(header, "date", "fecha", "data", "month", "datum", "日期", "تاريخ", "дата"),
                find(header, "time", "hora", "heure", "时间"), DateOrder.AUTO, "UTC", true,
                find(header, "crime type", "category", "offense", "offence", "tipo", "categor", "delito", "crime",
                        "type", "类别", "نوع"),
                "", find(header, "sex", "gender", "sexo", "sexe", "性别", "الجنس", "пол"),
                find(header, "age", "edad", "idade", "âge", "年龄", "العمر", "возраст"), false,
                find(header, "location_type", "place", "lugar", "lieu", "地点", "مكان"),
                find(header, "area", "district", "ward", "comuna", "municipality", "municipio", "county", "zone"),
                find(header, "longitude", "longitud", "lon", "lng", "x"),
                find(header, "latitude", "latitud", "lat", "y"), decimalComma);
    }

    /** The first header containing one of the words (whole header first, then part of it). */
    private static String find(List<String> header, String... words) {
        for (String w : words) {
            for (String h : header) {
                if (h.trim().equalsIgnoreCase(w)) {
                    return h;
                }
            }
        }
        for (String w : words) {
            if (w.length() < 3) {
                continue;
            }
            for (String h : header) {
                if (h.toLowerCase(Locale.ROOT).contains(w)) {
                    return h;
                }
            }
        }
        return "";
    }
}
