package org.safercities.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;

/** Turns indicators, values and progress into the rows pages, exports and charts show, in the reader's language. */
final class Views {

    private final AreaService areas;

    Views(AreaService areas) {
        this.areas = areas;
    }

    /** One value as shown: hidden ones carry no figure. */
    record Row(long id, String period, String area, String areaCode, String sex, String age, String breakdown,
            String value, String interval, String count, String method, String source, String quality, boolean hidden,
            boolean entered) {
    }

    /** Decimals shown for an indicator's values. */
    static int decimals(Indicator i, String currency) {
        return switch (i.unit()) {
            case "per100k", "percent" -> 1;
            case "perCapita" -> MonitoringService.digits(currency);
            default -> 2;
        };
    }

    String format(Translator t, Indicator i, String currency, Double v) {
        return v == null ? "" : t.number(v, decimals(i, currency));
    }

    Row row(Translator t, Indicator ind, String currency, Value v, boolean hide) {
        int d = decimals(ind, currency);
        String area = v.area() == 0 ? t.t("monitoring.city") : areas.byId(v.area()).map(Area::name)
                .orElse(t.t("monitoring.areaRemoved"));
        String areaCode = v.area() == 0 ? "" : areas.byId(v.area()).map(Area::code).orElse("");
        String breakdown = v.indicator().contains(":") ? t.t("monitoring.level." + v.indicator().substring(v.indicator().indexOf(':') + 1)) : "";
        return new Row(v.id(), v.period(), area, areaCode, sex(t, v.sex()), v.ageBand().isEmpty() ? t.t("monitoring.all") : v.ageBand(),
                breakdown,
                hide ? t.t("monitoring.hidden") : t.number(v.value(), d),
                hide || v.low() == null ? "" : t.number(v.low(), d) + " – " + t.number(v.high(), d),
                hide || v.count() == null ? "" : t.number(v.count()),
                t.t("monitoring.method." + v.method()), source(t, v.source()), t.t("monitoring.quality." + v.quality()), hide,
                v.entered());
    }

    static String sex(Translator t, String sex) {
        return sex.isEmpty() ? t.t("monitoring.all") : t.t("monitoring.sex." + sex);
    }

    static String source(Translator t, String s) {
        return s.startsWith("@") ? t.t("monitoring.source." + s.substring(1)) : s;
    }

    /** The values of one indicator as rows, in the given order, hiding what {@code hidden} names when asked. */
    List<Row> rows(Translator t, Indicator ind, String currency, List<Value> values, Set<String> hidden, boolean suppress) {
        List<Row> out = new ArrayList<>(values.size());
        for (Value v : values) {
            out.add(row(t, ind, currency, v, suppress && hidden.contains(v.key())));
        }
        return out;
    }

    /** A progress line for the dashboard and the report. */
    record ProgressRow(String code, String name, String unit, String origin, String method, String baseline,
            String baselinePeriod, String target, String targetPeriod, String latest, String latestPeriod, String status,
            String statusLabel, String url, boolean halve) {
    }

    ProgressRow progress(Translator t, Indicator i, Progress p, String currency, boolean latestHidden) {
        return new ProgressRow(i.code(), Catalogue.name(i, t), Catalogue.unit(i, t, currency),
                t.t("monitoring.origin." + i.origin()), t.t("monitoring.how." + i.method().name().toLowerCase(java.util.Locale.ROOT)),
                format(t, i, currency, p.baseline()), nz(p.baselinePeriod()), format(t, i, currency, p.target()),
                nz(p.targetPeriod()), latestHidden ? t.t("monitoring.hidden") : format(t, i, currency, p.latest()),
                nz(p.latestPeriod()), p.status(), t.t("monitoring.status." + p.status()),
                "/monitoring/indicators/" + i.code(), p.trajectory().equals("halve2030"));
    }

    /** Whether the latest city-wide value is hidden from this reader. */
    static boolean latestHidden(MonitoringService.Snapshot s, Progress p, boolean suppress) {
        if (!suppress || p.latestPeriod() == null) {
            return false;
        }
        return s.values().stream().anyMatch(v -> v.indicator().equals(p.indicator()) && v.cityWide()
                && v.period().equals(p.latestPeriod()) && s.hidden().contains(v.key()));
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static List<Map<String, Object>> options(List<String[]> valueLabel, String selected) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String[] o : valueLabel) {
            out.add(Map.of("value", o[0], "label", o[1], "selected", o[0].equals(selected)));
        }
        return out;
    }
}
