package org.safercities.monitoring;

import java.util.ArrayList;
import java.util.List;

import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.IndicatorValues;

/**
 * What monitoring tells the review report and the export: the catalogue, the values (computed and entered,
 * raw: the count behind each lets the caller hide small ones) and the progress of each indicator.
 */
final class PublishedValues implements IndicatorValues {

    private final MonitoringService service;
    private final java.util.function.Function<String, Translator> translators;

    PublishedValues(MonitoringService service, java.util.function.Function<String, Translator> translators) {
        this.service = service;
        this.translators = translators;
    }

    @Override
    public List<Indicator> indicators(String language) {
        Translator t = translators.apply(language);
        List<Indicator> out = new ArrayList<>();
        for (org.safercities.monitoring.Indicator i : service.indicators()) {
            String name = Catalogue.name(i, t);
            String unit = Catalogue.unit(i, t, service.currency());
            out.add(new Indicator(i.code(), name, unit, i.direction(), i.origin(), i.frequency()));
            if (i.code().equals("G62")) {
                // the city's figure by government level has values of its own ("G62:local"): name them too, or a
                // reader of the export sees a bare code
                new java.util.TreeSet<>(service.snapshot().values().stream().map(org.safercities.monitoring.Value::indicator)
                        .filter(c -> c.startsWith("G62:")).toList())
                        .forEach(c -> out.add(new Indicator(c, name + " (" + t.t("monitoring.level." + c.substring(4)) + ")",
                                unit, i.direction(), i.origin(), i.frequency())));
            }
        }
        return out;
    }

    @Override
    public List<Value> values(int fromYear, int toYear) {
        List<Value> out = new ArrayList<>();
        for (org.safercities.monitoring.Value v : service.snapshot().values()) {
            int year = Periods.year(v.period());
            if (year >= fromYear && year <= toYear) {
                out.add(new Value(v.indicator(), v.period(), v.area() == 0 ? null : v.area(), v.sex(), v.ageBand(),
                        v.value(), v.low(), v.high(), v.count(), v.method(), source(v.source()), v.quality()));
            }
        }
        return out;
    }

    /** The computed values' sources in English words (the export is read by people outside the kit). */
    static String source(String s) {
        return switch (s) {
            case Computed.INCIDENTS -> "diagnosis: incident records";
            case Computed.SURVEY -> "diagnosis: victimisation survey";
            case Computed.STRATEGY -> "strategy: budget";
            default -> s;
        };
    }

    @Override
    public List<Progress> progress() {
        List<Progress> out = new ArrayList<>();
        service.snapshot().progress().values().forEach(p -> out.add(new Progress(p.indicator(), p.baseline(),
                p.baselinePeriod(), p.target(), p.targetPeriod(), p.latest(), p.latestPeriod(), p.status())));
        return out;
    }
}
