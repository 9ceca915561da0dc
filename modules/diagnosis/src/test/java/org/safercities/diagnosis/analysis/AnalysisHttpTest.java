package org.safercities.diagnosis.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.diagnosis.incidents.Codes;
import org.safercities.diagnosis.incidents.CountCube;
import org.safercities.platform.Browser;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.Population;
import org.safercities.platform.links.FindingDirectory;

/** The analysis, the map and the report over HTTP on the demo city's synthetic incidents. */
class AnalysisHttpTest {

    static TestKit kit;
    static PlatformServices platform;
    static DiagnosisModule module;

    @BeforeAll
    static void start() throws IOException {
        PlatformServices[] holder = new PlatformServices[1];
        kit = TestKit.start(Files.createTempDirectory("analysis-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("diagnosis", p -> {
                    holder[0] = p;
                    return new DiagnosisModule(p);
                })));
        platform = holder[0];
        module = (DiagnosisModule) kit.kit.modules().get(0);
    }

    @AfterAll
    static void stop() throws IOException {
        kit.close();
    }

    static Browser as(String who) {
        Browser b = kit.browser();
        b.signIn("demo-" + who, "demo-city-2026");
        return b;
    }

    @Test
    void theDemoHasEnoughIncidentsForTrendsAndHotspots() {
        assertTrue(module.incidents().counts().total() > 10_000, "" + module.incidents().counts().total());
    }

    @Test
    void aWardsRateIsItsIncidentsOverItsPersonYearsComputedIndependently() {
        Area ward = platform.areas().all().stream().filter(a -> a.level() == 2).findFirst().orElseThrow();
        int year = platform.areas().latestPopulationYear(ward.id()).orElseThrow();
        // independently: incidents of the ward in the year from the cube, population from the platform's rows
        CountCube cube = module.incidents().counts();
        long incidents = 0;
        for (int i = 0; i < cube.size(); i++) {
            if (cube.areaKey(i) == ward.id() && cube.month(i) / 100 == year) {
                incidents += cube.count(i);
            }
        }
        long persons = platform.areas().populationRows(ward.id(), year).stream().mapToLong(Population::persons).sum();
        double expected = incidents * 100_000.0 / persons;

        Analysis analysis = new Analysis(module.incidents(), platform.areas());
        Table t = analysis.table(new Query(ward.id(), year * 100 + 1, year * 100 + 12, "", "", "", "year", ""));
        assertEquals(List.of(Integer.toString(year)), t.rows());
        assertEquals(incidents, t.total());
        assertEquals(expected, Table.rate(t.total(), t.totalPersonYears()), 1e-9);
        // half a year: half the person-years
        Table half = analysis.table(new Query(ward.id(), year * 100 + 1, year * 100 + 6, "", "", "", "year", ""));
        assertEquals(persons / 2.0, half.totalPersonYears(), 1e-6);
    }

    /** What the cached tables hold together is bounded in cells, not only in tables: the query string sets how
     *  large a table is (monthly over three centuries: 3,612 rows). The answers are the same, cached or not. */
    @Test
    void theCachedTablesAreBoundedInCells() {
        Analysis analysis = new Analysis(module.incidents(), platform.areas());
        long root = platform.areas().root().orElseThrow().id();
        for (int i = 0; i < 200; i++) {
            String[] sex = {"", "F", "M", "U"};
            // 200 different queries: each ends a month earlier
            Table t = analysis.table(new Query(root, 190001, (2200 - i / 12) * 100 + 1 + i % 12, "", sex[i % 4],
                    i % 8 < 4 ? "" : "15-29", "month", i % 3 == 0 ? "sex" : ""));
            assertTrue(t.rows().size() > 3_000, i + ": monthly over about three centuries: " + t.rows().size());
            assertTrue(analysis.cellsCached() <= Analysis.CACHED_CELLS + (long) t.rows().size() * t.columns().size(),
                    "cells cached: " + analysis.cellsCached());
        }
        Query q = new Query(root, 202001, 202012, "", "", "", "month", "");
        assertEquals(analysis.table(q).total(), new Analysis(module.incidents(), platform.areas()).table(q).total());
        assertSame(analysis.table(q), analysis.table(q), "still a cache");
    }

    @Test
    void filtersComposeAndTheRowsAddUpToTheTotal() {
        Analysis analysis = new Analysis(module.incidents(), platform.areas());
        long root = platform.areas().root().orElseThrow().id();
        int[] m = analysis.months();
        Table women = analysis.table(new Query(root, m[0], m[1], "02", "F", "15-29", "area", "sex"));
        CountCube cube = module.incidents().counts();
        long expected = 0;
        for (int i = 0; i < cube.size(); i++) {
            String band = Codes.AGE_BANDS.get(cube.band(i));
            boolean young = band.equals("15-19") || band.equals("20-24") || band.equals("25-29");
            if (Codes.ICCS.get(cube.iccs(i)).startsWith("02") && cube.sex(i) == 0 && young) {
                expected += cube.count(i);
            }
        }
        assertEquals(expected, women.total());
        long rows = 0;
        for (int r = 0; r < women.rows().size(); r++) {
            rows += women.rowTotal(r);
            assertEquals(0, women.counts()[r][1], "only women: the M column is empty");
        }
        assertEquals(expected, rows);
    }

    @Test
    void partnerViewersAndCsvNeverSeeASmallCountWhileStaffDo() {
        // homicides of victims of unknown sex by month: many small cells
        String q = "/diagnosis/analysis?by=month&sex=U&iccs=0101";
        String staff = as("coordinator").get(q).body();
        String partner = as("partner").get(q).body();
        assertTrue(smallCounts(staff) > 0, "the staff table has small counts to hide");
        assertEquals(0, smallCounts(partner), partner);
        assertTrue(partner.contains("hidden-cell"));
        HttpResponse<String> csv = as("coordinator").get("/diagnosis/analysis.csv?by=month&sex=U&iccs=0101");
        assertEquals(200, csv.statusCode());
        for (String line : csv.body().split("\r\n")) {
            String[] cells = line.split(",");
            for (int c = 1; c < cells.length - 1; c++) {
                assertFalse(cells[c].matches("[1-4]"), "a small count in the CSV: " + line);
            }
        }
    }

    /** Counts of 1 to 4 in the table cells of a page. */
    private static int smallCounts(String page) {
        Matcher m = Pattern.compile("<td class=\"num\">([1-4])</td>").matcher(page);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void theMapFindsTheDemoHotspotWhereTheRatesAreRaised() {
        HttpResponse<String> r = as("analyst").get("/diagnosis/map.json?level=2&measure=hotspot");
        assertEquals(200, r.statusCode());
        String body = r.body();
        assertTrue(body.startsWith("{\"geo\":{\"type\":\"FeatureCollection\""), body.substring(0, 80));
        // the demo raises the rates of the wards of two neighbouring districts (IncidentDemo)
        List<Area> districts = platform.areas().children(platform.areas().root().orElseThrow().id());
        Map<String, String> spotByWard = new LinkedHashMap<>();
        Matcher m = Pattern.compile("\\{\"name\":\"(\\d+)\",\"label\":\"[^\"]*\",\"count\":\\d+,\"rate\":[0-9.]+,\"spot\":\"(\\w+)\"")
                .matcher(body);
        while (m.find()) {
            spotByWard.put(m.group(1), m.group(2));
        }
        List<String> hot = new ArrayList<>();
        for (int d : new int[] {2, 3}) {
            for (Area w : platform.areas().children(districts.get(d).id())) {
                hot.add(spotByWard.get(Long.toString(w.id())));
            }
        }
        assertTrue(hot.stream().filter(s -> s.startsWith("HOT")).count() >= 4, spotByWard + " / " + hot);
        String page = as("partner").get("/diagnosis/map?level=2").body();
        assertTrue(page.contains("spot-hot_"), "partners see the classes");
        assertFalse(page.contains("z-score</th>"), "but not the z-scores");
    }

    @Test
    void theReportPrintsInChineseAndArabicWithItsSections() {
        Browser b = as("coordinator");
        b.post("/language", Map.of("lang", "zh"));
        String zh = b.get("/diagnosis/report").body();
        assertTrue(zh.contains("lang=\"zh\""), zh.substring(0, 200));
        assertTrue(zh.contains("id=\"map\"") && zh.contains("id=\"analysis-chart\""));
        b.post("/language", Map.of("lang", "ar"));
        String ar = b.get("/diagnosis/report").body();
        assertTrue(ar.contains("dir=\"rtl\""));
        assertTrue(ar.contains(IncidentDemoName()), "the sources and dates of the data");
        assertEquals(200, as("partner").get("/diagnosis/report").statusCode());
    }

    @Test
    void theStrategyCanCiteTheDiagnosisFindingsInTheReadersLanguage() {
        FindingDirectory findings = platform.links().find(FindingDirectory.class).orElseThrow();
        List<FindingDirectory.Finding> en = findings.findings("en");
        assertTrue(en.stream().anyMatch(f -> f.ref().equals("iccs:02") && f.label().contains("per 100,000")), "" + en);
        assertTrue(en.stream().anyMatch(f -> f.ref().startsWith("hotspot:") && f.areaId() != null), "" + en);
        List<FindingDirectory.Finding> fr = findings.findings("fr");
        assertEquals(en.stream().map(FindingDirectory.Finding::ref).toList(),
                fr.stream().map(FindingDirectory.Finding::ref).toList(), "stable references in every language");
        assertFalse(fr.get(0).label().equals(en.get(0).label()));
    }

    private static String IncidentDemoName() {
        return org.safercities.diagnosis.incidents.IncidentDemo.SOURCE;
    }
}
