package org.safercities.diagnosis.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.SharedData;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.areas.GeoJsonFile;

/**
 * The two real files whose rows must be placed in areas: Medellín's homicides by their points in the comunas'
 * boundaries, São Paulo's by municipality names that do not all match the boundary file.
 */
class RealBoundariesImportTest {

    ImportFlow flow;

    @BeforeEach
    void start() throws IOException {
        flow = ImportFlow.demo(Map.of());
    }

    @AfterEach
    void stop() throws IOException {
        flow.close();
    }

    /** Adds the features of a real boundary file under the demo city's root, named by one property. */
    private Map<String, Long> addAreas(String file, String codeProperty, String nameProperty) {
        PlatformServices p = flow.platform[0];
        AreaService areas = p.areas();
        long root = areas.root().orElseThrow().id();
        GeoJsonFile.Parsed parsed = GeoJsonFile.read(SharedData.file(file));
        Map<String, Long> ids = new HashMap<>();
        p.store().tx(c -> {
            for (GeoJsonFile.Feature f : parsed.features()) {
                String code = "T-" + f.properties().get(codeProperty);
                long id = areas.insert(c, code, root, 1, f.properties().get(nameProperty),
                        new AreaService.Shape(f.geometry(), f.bbox()[0], f.bbox()[1], f.bbox()[2], f.bbox()[3]));
                ids.put(f.properties().get(nameProperty), id);
            }
            return null;
        });
        areas.reload();
        return ids;
    }

    @Test
    void medellinHomicidesArePlacedInTheirComunasAndNaCoordinatesCountAsAreaUnknown() throws Exception {
        Map<String, Long> comunas = addAreas("boundaries/medellin_comunas.geojson", "COMUNA", "NOMBRE");
        long[] before = tally(flow.incidents().counts(), comunas);
        Browser b = flow.as("analyst");
        Path file = SharedData.file("incidents/medellin_homicides_2010-2019.csv");
        String job = flow.check(b, flow.upload(b, file), ImportFlow.fields("newName", "Policía de Medellín", "kind", "police",
                "date", "fecha_hecho", "fixedCategory", "0101", "sex", "sexo", "age", "edad", "longitude", "longitud",
                "latitude", "latitud", "zone", "America/Bogota", "midnightUnknown", "on", "ageZeroUnknown", "on",
                "decimalComma", "on"));
        String checked = flow.await(b, job);
        assertEquals(9_360, ImportFlow.figure(checked, "Rows read"), checked);
        assertEquals(0, ImportFlow.figure(checked, "Rows with errors"));
        long unknown = ImportFlow.figure(checked, "Area unknown");
        assertTrue(unknown >= 81, "the 81 rows with NA coordinates at least: " + unknown);
        assertTrue(unknown < 300, "nearly every point lies in a comuna (the rest in the rural corregimientos): " + unknown);
        flow.load(b, job, checked, Map.of("Hombre", "M", "Mujer", "F"));
        String done = flow.await(b, job);
        assertTrue(done.contains("The import is done."), done);

        long[] after = tally(flow.incidents().counts(), comunas);
        long women = after[0] - before[0];
        long inComunas = after[1] - before[1];
        long unknownAge = after[2] - before[2];
        assertEquals(704, women, "Mujer 704 (SOURCES.md)");
        assertEquals(9_360 - unknown, inComunas);
        long agesZeroOrNegative = Files.readAllLines(file).stream().skip(1)
                .map(l -> l.split(";", -1)[4].strip()).filter(a -> a.equals("0") || a.startsWith("-")).count();
        assertTrue(unknownAge >= agesZeroOrNegative, unknownAge + " >= " + agesZeroOrNegative);

        // midnight in Bogotá (05:00Z) means "time unknown": those incidents have no time of day
        long medellin = flow.incidents().sources().stream().filter(s -> s.name().startsWith("Policía"))
                .findFirst().orElseThrow().id();
        List<Incident> page = flow.incidents().incidents(medellin, null, false, 0, 500);
        assertTrue(page.stream().anyMatch(i -> i.row().minute() == null));
        assertTrue(page.stream().anyMatch(i -> i.row().minute() != null));
    }

    /** Women, incidents in the given areas, unknown ages, unknown areas, unknown sex: the figures the tests compare. */
    private static long[] tally(CountCube cube, Map<String, Long> areas) {
        long[] t = new long[5];
        for (int i = 0; i < cube.size(); i++) {
            t[0] += Codes.SEXES.get(cube.sex(i)).equals("F") ? cube.count(i) : 0;
            t[1] += areas.containsValue(cube.areaKey(i)) ? cube.count(i) : 0;
            t[2] += Codes.AGE_BANDS.get(cube.band(i)).equals("unknown") ? cube.count(i) : 0;
            t[3] += cube.areaKey(i) == 0 ? cube.count(i) : 0;
            t[4] += Codes.SEXES.get(cube.sex(i)).equals("U") ? cube.count(i) : 0;
        }
        return t;
    }

    @Test
    void saoPauloHomicidesFromTheWorkbookMatchMunicipalitiesByNameWithAnAliasForTheRenamedOne() throws Exception {
        Map<String, Long> municipalities = addAreas("boundaries/sao_paulo_region_municipalities.geojson", "code_muni",
                "name_muni");
        long[] before = tally(flow.incidents().counts(), municipalities);
        Browser b = flow.as("analyst");
        Path file = SharedData.file("incidents/sao_paulo_homicides_2017-2022.xlsx");
        // without coordinates, so that the names alone place the rows
        String job = flow.check(b, flow.upload(b, file), Map.of("newName", "SSP-SP", "kind", "police",
                "date", "date", "fixedCategory", "0101", "sex", "victim_sex", "place", "location_type",
                "area", "municipality", "zone", "America/Sao_Paulo"));
        String checked = flow.await(b, job);
        assertEquals(6_214, ImportFlow.figure(checked, "Rows read"), checked);
        assertEquals(0, ImportFlow.figure(checked, "Rows with errors"));
        assertTrue(checked.contains("Embu das Artes"), "the renamed municipality is offered for matching");
        assertTrue(checked.contains("Indefinido"), "the third sex value is offered for mapping");
        Map<String, String> codes = new HashMap<>();
        codes.put("Embu das Artes", Long.toString(municipalities.get("Embu")));
        codes.put("Indefinido", "U");
        flow.load(b, job, checked, codes);
        flow.await(b, job);
        CountCube cube = flow.incidents().counts();
        long[] after = tally(cube, municipalities);
        long unknownArea = after[3] - before[3];
        long unknownSex = after[4] - before[4];
        int first = Integer.MAX_VALUE;
        int last = 0;
        for (int i = 0; i < cube.size(); i++) {
            if (municipalities.containsValue(cube.areaKey(i))) {
                first = Math.min(first, cube.month(i));
                last = Math.max(last, cube.month(i));
            }
        }
        assertEquals(0, unknownArea, "every municipality matched, the renamed one through its alias");
        assertEquals(180, unknownSex, "Indefinido 180 (SOURCES.md)");
        assertEquals(201701, first, "Excel serial 42736 = 2017-01-01");
        assertEquals(202212, last, "44924 = 2022-12-29");
        // the alias is kept for this source's next file
        assertEquals(Long.toString(municipalities.get("Embu")), flow.incidents().valueMaps(
                flow.incidents().sources().stream().filter(s -> s.name().equals("SSP-SP")).findFirst().orElseThrow().id())
                .get("area").get("Embu das Artes"));
    }
}
