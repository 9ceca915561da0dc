package org.safercities.diagnosis.analysis;

import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;

/** The words for a table's row and column keys in the reader's language. */
final class Labels {

    private Labels() {
    }

    static String row(Translator t, AreaService areas, String dimension, String key) {
        return switch (dimension) {
            case "area" -> key.equals("0") ? t.t("diagnosis.area.unknown")
                    : areas.byId(Long.parseLong(key)).map(Area::name).orElse(key);
            case "category" -> key.equals("unknown") ? t.t("diagnosis.iccs.unknown")
                    : key + " " + t.t("diagnosis.iccs." + key);
            case "sex" -> t.t("diagnosis.sex." + key);
            case "age" -> age(t, key);
            case "month" -> key.substring(0, 4) + "-" + key.substring(4);
            case "quarter" -> key.substring(0, 4) + " " + key.substring(4);
            default -> key;
        };
    }

    static String column(Translator t, String key) {
        return key.equals("all") ? t.t("diagnosis.analysis.count") : t.t("diagnosis.sex." + key);
    }

    static String age(Translator t, String band) {
        if (band.equals("unknown")) {
            return t.t("diagnosis.ageBand.unknown");
        }
        if (band.endsWith("+")) {
            return t.t("diagnosis.ageBand.over", band.substring(0, band.length() - 1));
        }
        return t.t("diagnosis.ageBand.years", Integer.parseInt(band.substring(0, 2)), Integer.parseInt(band.substring(3)));
    }

    static String ageGroup(Translator t, String group) {
        return switch (group) {
            case "" -> t.t("diagnosis.analysis.allAges");
            case "unknown" -> t.t("diagnosis.ageBand.unknown");
            case "60+" -> t.t("diagnosis.ageBand.over", 60);
            default -> t.t("diagnosis.ageBand.years", Integer.parseInt(group.substring(0, 2)),
                    Integer.parseInt(group.substring(3)));
        };
    }
}
