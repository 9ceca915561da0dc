package org.safercities.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The pure rules: periods, numbers as typed, progress status, the trajectory, disclosure control of rate lists. */
class MonitoringRulesTest {

    @Test
    void periodsAreYearsQuartersOrMonths() {
        assertEquals("2024-Q1", Periods.normalize(" 2024-q1 "));
        assertEquals("2024-03", Periods.normalize("2024-03"));
        assertNull(Periods.normalize("2024-13"));
        assertNull(Periods.normalize("1989"));
        assertNull(Periods.normalize("24"));
        assertEquals(2024.5, Periods.time("2024-Q3"), 1e-12);
        assertEquals(2024 + 2 / 12.0, Periods.time("2024-03"), 1e-12);
    }

    @Test
    void numbersAreReadAsPeopleTypeThem() {
        assertEquals(Optional.of(12.5), MonitoringService.parseNumber("12,5"));
        assertEquals(Optional.of(1234.5), MonitoringService.parseNumber("1 234,5"));
        assertEquals(Optional.of(1234.5), MonitoringService.parseNumber("1,234.5"));
        assertEquals(Optional.of(1234.5), MonitoringService.parseNumber("1.234,5"));
        assertEquals(Optional.of(-3.0), MonitoringService.parseNumber("−3"));
        assertTrue(MonitoringService.parseNumber("NaN").isEmpty());
        assertTrue(MonitoringService.parseNumber("1e400").isEmpty());
        assertTrue(MonitoringService.parseNumber("").isEmpty());
        assertTrue(MonitoringService.parseNumber("12 apples").isEmpty());
    }

    @Test
    void statusFollowsTheStraightLineFromBaselineToTarget() {
        // down: 10 in 2020 to 5 in 2030; expected 7.5 in 2025
        assertEquals("on_track", Progress.status("down", 10.0, "2020", 5.0, "2030", 7.4, "2025"));
        assertEquals("off_track", Progress.status("down", 10.0, "2020", 5.0, "2030", 7.6, "2025"));
        assertEquals("achieved", Progress.status("down", 10.0, "2020", 5.0, "2030", 5.0, "2025"));
        assertEquals("on_track", Progress.status("up", 40.0, "2020", 60.0, "2030", 51.0, "2025"));
        assertEquals("off_track", Progress.status("up", 40.0, "2020", 60.0, "2030", 49.0, "2025"));
        assertEquals("no_target", Progress.status("up", null, "2020", 60.0, "2030", 49.0, "2025"));
        assertEquals("no_data", Progress.status("up", 40.0, "2020", 60.0, "2030", null, null));
        assertEquals("on_track", Progress.status("none", 10.0, "2020", 5.0, "2030", 7.0, "2025"), "none: the way to the target");
        assertEquals(7.5, Progress.expected(10, "2020", 5, "2030", "2025"), 1e-12);
        assertEquals(10, Progress.expected(10, "2020", 5, "2030", "2018"), 1e-12, "held flat before the baseline");
    }

    @Test
    void anEnteredValueIsPreferredForItsPeriodAndTheLatestPeriodWins() {
        Indicator i = Catalogue.BUILT_IN.get(0);
        List<Value> values = List.of(v("2023", 5, "computed"), v("2023", 4, "entered"), v("2022", 6, "computed"));
        Progress p = Progress.of(i, Optional.of(new Target(i.code(), null, "2022", 3.0, "2030", "linear", 1)), values);
        assertEquals(4, p.latest(), 1e-12);
        assertEquals("2023", p.latestPeriod());
        assertEquals(6, p.baseline(), 1e-12);
    }

    static Value v(String period, double value, String method) {
        return new Value(0, "16.1.1", period, 0, "", "", value, null, null, 10L, method, method.equals("entered") ? "x" : Computed.INCIDENTS,
                "good");
    }

    static Value rate(long area, String sex, String band, long n) {
        return new Value(0, "16.1.1", "2024", area, sex, band, n, null, null, n, "computed", Computed.INCIDENTS, "good");
    }

    @Test
    void aSmallAreaIsHiddenWithASiblingAndTheListsAreClosedAcrossLevels() {
        // root 1 → districts 2, 3 → wards 4, 5 (under 2) and 6, 7 (under 3)
        Map<Long, Long> parent = Map.of(2L, 1L, 3L, 1L, 4L, 2L, 5L, 2L, 6L, 3L, 7L, 3L);
        List<Value> values = new ArrayList<>(List.of(rate(0, "", "", 100), rate(2, "", "", 42), rate(3, "", "", 58),
                rate(4, "", "", 2), rate(5, "", "", 40), rate(6, "", "", 30), rate(7, "", "", 28)));
        Set<String> hidden = Disclosure.hidden(values, Map.of(), parent, 1, 5);
        assertTrue(hidden.contains(rate(4, "", "", 2).key()), "2 < 5: primary");
        assertTrue(hidden.contains(rate(5, "", "", 40).key()), "its only sibling, or 2 = 42 − 40");
        assertFalse(hidden.contains(rate(6, "", "", 30).key()));
        // the unknown-area count is part of the city's equation: a small one hides a district
        Set<String> withUnknown = Disclosure.hidden(List.of(rate(0, "", "", 103), rate(2, "", "", 42), rate(3, "", "", 58)),
                Map.of(Computed.unpublishedKey("16.1.1", "2024", "area", "unknown"), 3L), Map.of(2L, 1L, 3L, 1L), 1, 5);
        assertEquals(1, withUnknown.size(), "3 unknown = 103 − 42 − 58 unless one district is hidden: " + withUnknown);
        assertTrue(withUnknown.contains(rate(2, "", "", 42).key()), "the smaller district");
    }

    @Test
    void surveyEstimatesWithFewRespondentsAndSmallEnteredCountsAreHidden() {
        Value survey = new Value(0, "16.1.4", "2024", 9, "", "", 50, 20.0, 80.0, 4L, "computed", Computed.SURVEY, "estimate");
        Value entered = new Value(1, "L1", "2024", 0, "", "", 2, null, null, 2L, "entered", "Police", "good");
        Value big = new Value(2, "L1", "2023", 0, "", "", 200, null, null, 200L, "entered", "Police", "good");
        Set<String> hidden = Disclosure.hidden(List.of(survey, entered, big), Map.of(), Map.of(), 1, 5);
        assertEquals(Set.of(survey.key(), entered.key()), hidden);
    }
}
