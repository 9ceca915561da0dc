package org.safercities.diagnosis.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.safercities.diagnosis.factors.RiskFactor;
import org.safercities.diagnosis.factors.RiskFactorService;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.FindingDirectory;

/**
 * The diagnosis's findings as the strategy cites them to justify a priority (G§26, G§31): the incident
 * categories with their rates, the hotspots of the deepest mapped level, and the strong risk factors of each
 * area. References are stable ("iccs:02", "hotspot:17", "factor:5") so that a priority keeps its evidence when
 * the figures are updated; labels carry today's figures in the reader's language.
 */
public final class DiagnosisFindings implements FindingDirectory {

    private final Analysis analysis;
    private final MapRoutes map;
    private final RiskFactorService factors;
    private final AreaService areas;
    private final Function<String, Translator> translators;

    public DiagnosisFindings(Analysis analysis, MapRoutes map, RiskFactorService factors, AreaService areas,
            Function<String, Translator> translators) {
        this.analysis = analysis;
        this.map = map;
        this.factors = factors;
        this.areas = areas;
        this.translators = translators;
    }

    @Override
    public List<Finding> findings(String language) {
        Translator t = translators.apply(language);
        List<Finding> out = new ArrayList<>();
        Area root = areas.root().orElse(null);
        if (root == null) {
            return out;
        }
        int[] months = analysis.months();
        Query all = new Query(root.id(), months[0], months[1], "", "", "", "category", "");
        Table byCategory = analysis.table(all);
        for (int r = 0; r < byCategory.rows().size(); r++) {
            long n = byCategory.rowTotal(r);
            if (n == 0) {
                continue;
            }
            String code = byCategory.rows().get(r);
            double rate = Table.rate(n, byCategory.rowPersonYears()[r]);
            out.add(new Finding("iccs:" + code, t.t("diagnosis.finding.category", Labels.row(t, areas, "category", code),
                    t.number(n), Double.isNaN(rate) ? "—" : t.number(rate, 1), Query.month(months[0]),
                    Query.month(months[1])), null));
        }
        int deepest = areas.all().stream().filter(Area::hasGeometry).mapToInt(Area::level).max().orElse(-1);
        if (deepest > 0) {
            for (MapRoutes.AreaFigure f : map.figures(all, deepest, true)) {
                if (f.spot().spot().name().startsWith("HOT")) {
                    out.add(new Finding("hotspot:" + f.area().id(), t.t("diagnosis.finding.hotspot", f.area().name(),
                            t.t("diagnosis.map.spot." + f.spot().spot().name())), f.area().id()));
                }
            }
        }
        for (List<RiskFactor> list : factors.byArea().values()) {
            for (RiskFactor f : list) {
                if (f.strength() >= 4) {
                    String name = f.code() != null ? t.t("diagnosis.factor.code." + f.code()) : f.customName();
                    String area = areas.byId(f.areaId()).map(Area::name).orElse("");
                    out.add(new Finding("factor:" + f.id(), t.t(f.risk() ? "diagnosis.finding.risk"
                            : "diagnosis.finding.protective", name, area, f.strength()), f.areaId()));
                }
            }
        }
        return out;
    }
}
