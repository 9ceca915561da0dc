package org.safercities.platform.areas;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.safercities.platform.Problem;
import org.safercities.platform.SharedData;

/** Every real boundary file of shared/data either reads or is refused with its exact reason. */
class GeoJsonFileTest {

    @TempDir
    Path tmp;

    @Test
    void kenyaCountiesAndConstituencies() {
        GeoJsonFile.Parsed counties = GeoJsonFile.read(SharedData.file("boundaries/kenya_admin1_counties.geojson"));
        assertEquals(47, counties.features().size());
        assertTrue(counties.propertyNames().contains("adm1_pcode"));
        assertNull(counties.crsNoteKey());
        assertTrue(counties.features().stream().allMatch(f -> f.problemKey() == null && f.geometry() != null));
        GeoJsonFile.Parsed constituencies = GeoJsonFile.read(SharedData.file("boundaries/kenya_admin2_constituencies.geojson"));
        assertEquals(290, constituencies.features().size());
    }

    @Test
    void beijingDecodedReadsWithFeatureIdsAndChineseNamesButTheEchartsEncodingIsRefused() {
        GeoJsonFile.Parsed beijing = GeoJsonFile.read(SharedData.file("boundaries/beijing_districts.decoded.geojson"));
        assertEquals(16, beijing.features().size());
        assertEquals("110101", beijing.features().get(0).id());
        assertEquals("东城区", beijing.features().get(0).properties().get("name"));
        Problem p = assertThrows(Problem.class,
                () -> GeoJsonFile.read(SharedData.file("boundaries/beijing_districts.echarts-encoded.json")));
        assertEquals("platform.geojson.echartsEncoded", p.messageKey());
    }

    @Test
    void jordanArabicNamesMedellinMultiPolygonsAndMexicoCrs84() {
        GeoJsonFile.Parsed jordan = GeoJsonFile.read(SharedData.file("boundaries/jordan_districts_ar_en.geojson"));
        assertEquals(51, jordan.features().size());
        assertTrue(jordan.features().get(0).properties().get("name").startsWith("لواء"));
        GeoJsonFile.Parsed medellin = GeoJsonFile.read(SharedData.file("boundaries/medellin_comunas.geojson"));
        assertEquals(21, medellin.features().size());
        assertEquals("MultiPolygon", medellin.features().get(0).geometryType());
        assertNull(GeoJsonFile.read(SharedData.file("boundaries/cdmx_alcaldias.geojson")).crsNoteKey(), "CRS84 is WGS 84");
    }

    @Test
    void saoPauloInSirgas2000IsReadAsWgs84WithANote() {
        GeoJsonFile.Parsed sp = GeoJsonFile.read(SharedData.file("boundaries/sao_paulo_region_municipalities.geojson"));
        assertEquals(60, sp.features().size());
        assertEquals("platform.geojson.crsNearWgs84", sp.crsNoteKey());
        assertEquals("urn:ogc:def:crs:EPSG::4674", sp.crsName());
        assertEquals("3502754", AreaCode.normalize(sp.features().stream()
                .filter(f -> f.properties().get("name_muni").equals("Araçariguama")).findFirst().orElseThrow()
                .properties().get("code_muni")), "IBGE codes written as floats become whole codes");
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void badFilesAreRefusedWithTheirReason() throws Exception {
        assertEquals("platform.geojson.notJson", assertThrows(Problem.class,
                () -> GeoJsonFile.read(write("a.geojson", "{\"type\":\"FeatureCollection\",\"features\":[{"))).messageKey());
        assertEquals("platform.geojson.notFeatureCollection", assertThrows(Problem.class,
                () -> GeoJsonFile.read(write("b.geojson", "[1,2,3]"))).messageKey());
        assertEquals("platform.geojson.noFeatures", assertThrows(Problem.class,
                () -> GeoJsonFile.read(write("c.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}"))).messageKey());
        assertEquals("platform.geojson.unsupportedCrs", assertThrows(Problem.class, () -> GeoJsonFile.read(write("d.geojson",
                "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::3857\"}},"
                        + "\"features\":[]}"))).messageKey());
        Path utf16 = tmp.resolve("e.geojson");
        Files.writeString(utf16, "{\"type\":\"FeatureCollection\",\"features\":[]}", StandardCharsets.UTF_16);
        assertEquals("platform.geojson.notUtf8", assertThrows(Problem.class, () -> GeoJsonFile.read(utf16)).messageKey());
        Path nested = write("n.geojson", "{\"type\":\"FeatureCollection\",\"features\":" + "[".repeat(200_000));
        assertEquals("platform.geojson.notJson", assertThrows(Problem.class, () -> GeoJsonFile.read(nested)).messageKey());
        Path truncated = tmp.resolve("f.geojson");
        byte[] kenya = Files.readAllBytes(SharedData.file("boundaries/kenya_admin1_counties.geojson"));
        Files.write(truncated, java.util.Arrays.copyOf(kenya, kenya.length / 2));
        assertEquals("platform.geojson.notJson", assertThrows(Problem.class, () -> GeoJsonFile.read(truncated)).messageKey());
    }

    @Test
    void projectedCoordinatesAndPointsAreRowProblemsNotCrashes() throws Exception {
        GeoJsonFile.Parsed p = GeoJsonFile.read(write("g.geojson", """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"code":"A"},"geometry":{"type":"Polygon","coordinates":[[[500000,9800000],[510000,9800000],[510000,9810000],[500000,9800000]]]}},
                 {"type":"Feature","properties":{"code":"B"},"geometry":{"type":"Point","coordinates":[36.8,-1.3]}},
                 {"type":"Feature","properties":{"code":"C"},"geometry":null}]}"""));
        assertEquals("platform.geojson.notDegrees", p.features().get(0).problemKey());
        assertEquals("platform.geojson.notPolygon", p.features().get(1).problemKey());
        assertNull(p.features().get(2).problemKey(), "an area without a boundary is allowed");
    }
}
