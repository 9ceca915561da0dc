package org.safercities.diagnosis.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safercities.diagnosis.DiagnosisModule;
import org.safercities.diagnosis.incidents.Codes;
import org.safercities.diagnosis.incidents.CountCube;
import org.safercities.diagnosis.incidents.IncidentRow;
import org.safercities.diagnosis.surveys.SurveyService;
import org.safercities.platform.Kit;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.TestKit;
import org.safercities.platform.areas.Area;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.DiagnosisFigures;

/** The DiagnosisFigures the module publishes, on the demo city in a real Derby, checked against the cube itself. */
class PublishedFiguresTest {

    static TestKit kit;
    static PlatformServices platform;
    static DiagnosisModule module;
    static DiagnosisFigures figures;

    @BeforeAll
    static void start() throws IOException {
        PlatformServices[] holder = new PlatformServices[1];
        kit = TestKit.start(Files.createTempDirectory("figures-test"), Map.of("demo", "true"),
                List.of(new Kit.ModuleSpec("diagnosis", p -> {
                    holder[0] = p;
                    return new DiagnosisModule(p);
                })));
        platform = holder[0];
        module = (DiagnosisModule) kit.kit.modules().get(0);
        figures = platform.links().find(DiagnosisFigures.class).orElseThrow();
    }

    @AfterAll
    static void stop() throws IOException {
        kit.close();
    }

    @Test
    void yearsAreThoseOfTheCountsAndEachYearsCellsAddUpToTheCubeByCode() {
        CountCube cube = module.incidents().counts();
        TreeSet<Integer> years = new TreeSet<>();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < cube.size(); i++) {
            int year = cube.month(i) / 100;
            years.add(year);
            expected.merge(year + "|" + Codes.ICCS.get(cube.iccs(i)) + "|" + Codes.SEXES.get(cube.sex(i)), (long) cube.count(i),
                    Long::sum);
        }
        assertEquals(List.copyOf(years), figures.incidentYears());
        assertTrue(years.size() >= 2, "the demo spans years: " + years);
        Map<String, Long> got = new HashMap<>();
        for (int year : years) {
            for (DiagnosisFigures.IncidentCell c : figures.incidents(year)) {
                assertTrue(c.count() > 0, "zeros are left out");
                assertTrue(Codes.AGE_BANDS.contains(c.ageBand()), c.ageBand());
                assertTrue(c.areaId() == null || platform.areas().byId(c.areaId()).isPresent());
                got.merge(year + "|" + c.iccs() + "|" + c.sex(), c.count(), Long::sum);
            }
        }
        assertEquals(expected, got);
        assertTrue(figures.incidents(1900).isEmpty());
    }

    @Test
    void aTypedIncidentIsCountedInItsCellAndRaisesTheVersion() {
        Area ward = platform.areas().all().stream().filter(a -> a.level() == 2).findFirst().orElseThrow();
        int year = figures.incidentYears().get(0);
        long before = cell(year, ward.id(), "0301", "F", "20-24");
        List<DiagnosisFigures.IncidentCell> cached = figures.incidents(year);
        assertSame(cached, figures.incidents(year), "made once per version of the counts");
        long version = figures.figuresVersion();
        module.incidents().create(null, new IncidentRow(987654321L, LocalDate.of(year, 3, 14), 'D', null, "0301", null, 'F',
                22, "20-24", "street", ward.id(), null, null), "test", "127.0.0.1");
        assertNotEquals(version, figures.figuresVersion());
        assertEquals(before + 1, cell(year, ward.id(), "0301", "F", "20-24"));
    }

    @Test
    void surveyEstimatesAreTheModulesOwnRawEstimatesCityWideBySexAndByArea() {
        SurveyService surveys = module.surveys();
        assertTrue(surveys.hasData(), "the demo has survey responses");
        Translator t = platform.pages().translator("en");
        List<DiagnosisFigures.SurveyEstimate> all = figures.surveyEstimates();
        for (SurveyService.IndicatorEstimate e : surveys.indicatorEstimates(t)) {
            DiagnosisFigures.SurveyEstimate city = all.stream()
                    .filter(s -> s.indicator().equals(e.code()) && s.areaId() == null && s.sex().isEmpty()).findFirst()
                    .orElseThrow(() -> new AssertionError(e.code()));
            assertEquals(e.cityWide().estimate().share(), city.share(), 1e-12);
            assertEquals(e.cityWide().estimate().low(), city.low(), 1e-12);
            assertEquals(e.cityWide().estimate().respondents(), city.respondents());
            assertTrue(city.low() <= city.share() && city.share() <= city.high());
            e.bySex().forEach((sex, shown) -> assertEquals(shown.estimate().share(), all.stream()
                    .filter(s -> s.indicator().equals(e.code()) && s.areaId() == null && s.sex().equals(sex))
                    .findFirst().orElseThrow().share(), 1e-12));
        }
        long root = platform.areas().root().orElseThrow().id();
        DiagnosisFigures.SurveyEstimate rootArea = all.stream()
                .filter(s -> s.indicator().equals("16.1.4") && Long.valueOf(root).equals(s.areaId())).findFirst().orElseThrow();
        DiagnosisFigures.SurveyEstimate city = all.stream()
                .filter(s -> s.indicator().equals("16.1.4") && s.areaId() == null && s.sex().isEmpty()).findFirst().orElseThrow();
        assertTrue(rootArea.respondents() <= city.respondents(), "the root adds up the respondents placed in an area");
        assertFalse(all.stream().anyMatch(s -> Double.isNaN(s.share())));
    }

    @Test
    void aSurveyEntryRaisesTheVersionAndChangesTheCount() {
        long version = figures.figuresVersion();
        long before = cityRespondents("16.1.4");
        Map<String, String> errors = module.surveys().enter(new SurveyService.Entry(true, "", "", "F", "25-34", "N", "1",
                Map.of("safe_after_dark", List.of("very_safe"))), "test", "127.0.0.1");
        assertTrue(errors.isEmpty(), errors.toString());
        assertNotEquals(version, figures.figuresVersion());
        assertEquals(before + 1, cityRespondents("16.1.4"));
    }

    static long cityRespondents(String code) {
        return figures.surveyEstimates().stream().filter(s -> s.indicator().equals(code) && s.areaId() == null
                && s.sex().isEmpty()).findFirst().map(DiagnosisFigures.SurveyEstimate::respondents).orElse(0L);
    }

    static long cell(int year, long area, String iccs, String sex, String band) {
        long n = 0;
        for (DiagnosisFigures.IncidentCell c : figures.incidents(year)) {
            if (c.areaId() != null && c.areaId() == area && c.iccs().equals(iccs) && c.sex().equals(sex)
                    && c.ageBand().equals(band)) {
                n += c.count();
            }
        }
        return n;
    }

    @Test
    void unknownAreaIsNull() {
        // every cell's area is either known to the platform or null, never 0
        for (int year : figures.incidentYears()) {
            figures.incidents(year).forEach(c -> assertNotEquals(Long.valueOf(0), c.areaId()));
        }
    }
}
