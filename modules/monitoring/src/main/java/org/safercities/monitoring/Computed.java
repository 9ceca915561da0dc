package org.safercities.monitoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import org.safercities.platform.links.DiagnosisFigures;
import org.safercities.platform.links.StrategyFigures;

/**
 * Computes the built-in indicators' values from the other modules' figures (either may be absent):
 * <ul>
 * <li>rates per 100,000 (16.1.1: ICCS 0101 victims over the population; 5.2.2p: ICCS 03xx female victims over
 * women and girls) for the city (incidents of unknown area included), every area below the root (its subtree's
 * incidents), by sex and by age band city-wide, for every year with incidents;</li>
 * <li>survey proportions in percent with their 95% interval (16.1.3a–c, 16.1.4, 11.7.2, 5.2.2, 16.3.1) city-wide,
 * by sex and by area, for the survey year the office set;</li>
 * <li>investment per capita (G62): the strategy's budget of a year over the population, in major units of the
 * currency; a line placed in no area counts for the whole city, spread over every area by its population; the
 * city's figure also by government level (indicator "G62:&lt;level&gt;").</li>
 * </ul>
 * The result also says, for the rates, the counts that were not published as values (victims of unknown sex or
 * area, age unknown): disclosure control needs them in its equations.
 */
final class Computed {

    static final String INCIDENTS = "@incidents";
    static final String SURVEY = "@survey";
    static final String STRATEGY = "@strategy";

    /** The computed values and, per rate group, the counts behind it that are not shown (see {@link Disclosure}). */
    record Result(List<Value> values, Map<String, Long> unpublished) {
    }

    private Computed() {
    }

    static Result compute(DiagnosisFigures d, StrategyFigures s, Population pop, long root, List<Long> areas,
            int surveyYear, int currencyDigits) {
        List<Value> out = new ArrayList<>();
        Map<String, Long> unpublished = new HashMap<>();
        if (d != null) {
            for (int year : d.incidentYears()) {
                List<DiagnosisFigures.IncidentCell> cells = d.incidents(year);
                rates(out, unpublished, "16.1.1", c -> c.iccs().equals("0101"), "", cells, pop, root, areas, year);
                rates(out, unpublished, "5.2.2p", c -> Catalogue.sexualViolence(c.iccs()) && c.sex().equals("F"), "F",
                        cells, pop, root, areas, year);
            }
            survey(out, d.surveyEstimates(), root, surveyYear);
        }
        if (s != null) {
            investment(out, s.budget(), pop, root, areas, currencyDigits);
        }
        return new Result(List.copyOf(out), Map.copyOf(unpublished));
    }

    /** The key under which a group's unpublished count is kept: indicator|period|group|cell. */
    static String unpublishedKey(String indicator, String period, String group, String cell) {
        return indicator + '|' + period + '|' + group + '|' + cell;
    }

    private static void rates(List<Value> out, Map<String, Long> unpublished, String code,
            Predicate<DiagnosisFigures.IncidentCell> keep, String denominatorSex, List<DiagnosisFigures.IncidentCell> cells,
            Population pop, long root, List<Long> areas, int year) {
        long city = 0;
        long unknownArea = 0;
        Map<Long, Long> byArea = new HashMap<>();
        Map<String, Long> bySex = new TreeMap<>();
        Map<String, Long> byBand = new TreeMap<>();
        for (DiagnosisFigures.IncidentCell c : cells) {
            if (!keep.test(c)) {
                continue;
            }
            city += c.count();
            if (c.areaId() == null || !pop.known(c.areaId())) {
                unknownArea += c.count();
            } else {
                for (long up : pop.upwards(c.areaId())) {
                    byArea.merge(up, c.count(), Long::sum);
                }
            }
            bySex.merge(c.sex(), c.count(), Long::sum);
            byBand.merge(c.ageBand(), c.count(), Long::sum);
        }
        if (city == 0 && cells.isEmpty()) {
            return;
        }
        String period = Integer.toString(year);
        rate(out, code, period, 0, "", "", city, pop.persons(root, year, denominatorSex, ""));
        for (long a : areas) {
            rate(out, code, period, a, "", "", byArea.getOrDefault(a, 0L), pop.persons(a, year, denominatorSex, ""));
        }
        unpublished.put(unpublishedKey(code, period, "area", "unknown"), unknownArea);
        if (denominatorSex.isEmpty()) {
            for (String sex : List.of("F", "M", "O", "U")) {
                long n = bySex.getOrDefault(sex, 0L);
                Long persons = sex.equals("F") || sex.equals("M") ? pop.persons(root, year, sex, "") : null;
                if (!rate(out, code, period, 0, sex, "", n, persons)) {
                    unpublished.put(unpublishedKey(code, period, "sex", sex), n);
                }
            }
        }
        for (Map.Entry<String, Long> b : byBand.entrySet()) {
            Long persons = b.getKey().equals("unknown") ? null : pop.persons(root, year, denominatorSex, b.getKey());
            if (!rate(out, code, period, 0, "", b.getKey(), b.getValue(), persons)) {
                unpublished.put(unpublishedKey(code, period, "age", b.getKey()), b.getValue());
            }
        }
    }

    /** Adds a rate when the population is known; false when it is not (no value). */
    private static boolean rate(List<Value> out, String code, String period, long area, String sex, String band, long n,
            Long persons) {
        if (persons == null || persons <= 0) {
            return false;
        }
        out.add(new Value(0, code, period, area, sex, band, n * 100_000.0 / persons, null, null, n, "computed", INCIDENTS,
                "good"));
        return true;
    }

    /** The survey indicators monitoring shows, as DiagnosisFigures names them. */
    static final List<String> SURVEY_CODES = List.of("16.1.3a", "16.1.3b", "16.1.3c", "16.1.4", "11.7.2", "5.2.2", "16.3.1");

    private static void survey(List<Value> out, List<DiagnosisFigures.SurveyEstimate> estimates, long root, int year) {
        String period = Integer.toString(year);
        for (DiagnosisFigures.SurveyEstimate e : estimates) {
            if (!SURVEY_CODES.contains(e.indicator()) || Long.valueOf(root).equals(e.areaId()) || Double.isNaN(e.share())) {
                continue; // the root's estimate counts only respondents placed in an area: the city's is shown
            }
            if (e.indicator().equals("5.2.2") && !e.sex().isEmpty()) {
                continue; // women only: "by sex" repeats the city
            }
            out.add(new Value(0, e.indicator(), period, e.areaId() == null ? 0 : e.areaId(), e.sex(), "", e.share() * 100,
                    e.low() * 100, e.high() * 100, e.respondents(), "computed", SURVEY, "estimate"));
        }
    }

    private static void investment(List<Value> out, List<StrategyFigures.BudgetLine> budget, Population pop, long root,
            List<Long> areas, int digits) {
        double unit = Math.pow(10, digits);
        Map<Integer, Long> cityByYear = new TreeMap<>();
        Map<Integer, Long> unplacedByYear = new HashMap<>();
        Map<Integer, Map<Long, Long>> placed = new HashMap<>();
        Map<Integer, Map<String, Long>> byLevel = new HashMap<>();
        for (StrategyFigures.BudgetLine b : budget) {
            cityByYear.merge(b.year(), b.amountMinor(), Math::addExact);
            byLevel.computeIfAbsent(b.year(), k -> new TreeMap<>()).merge(b.governmentLevel(), b.amountMinor(), Math::addExact);
            if (b.areaId() == null || !pop.known(b.areaId())) {
                unplacedByYear.merge(b.year(), b.amountMinor(), Math::addExact);
            } else {
                for (long up : pop.upwards(b.areaId())) {
                    placed.computeIfAbsent(b.year(), k -> new HashMap<>()).merge(up, b.amountMinor(), Math::addExact);
                }
            }
        }
        for (Map.Entry<Integer, Long> y : cityByYear.entrySet()) {
            int year = y.getKey();
            String period = Integer.toString(year);
            Long cityPersons = pop.total(root, year);
            if (cityPersons == null || cityPersons <= 0) {
                continue;
            }
            out.add(money("G62", period, 0, y.getValue() / unit / cityPersons));
            byLevel.get(year).forEach((level, amount) -> out.add(money("G62:" + level, period, 0, amount / unit / cityPersons)));
            double spreadPerPerson = unplacedByYear.getOrDefault(year, 0L) / unit / cityPersons;
            for (long a : areas) {
                Long persons = pop.total(a, year);
                if (persons != null && persons > 0) {
                    long own = placed.getOrDefault(year, Map.of()).getOrDefault(a, 0L);
                    out.add(money("G62", period, a, own / unit / persons + spreadPerPerson));
                }
            }
        }
    }

    private static Value money(String code, String period, long area, double perPerson) {
        return new Value(0, code, period, area, "", "", perPerson, null, null, null, "computed", STRATEGY, "good");
    }
}
