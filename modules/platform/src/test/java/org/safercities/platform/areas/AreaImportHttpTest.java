package org.safercities.platform.areas;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.SharedData;
import org.safercities.platform.TestKit;
import org.safercities.platform.setup.SetupFlowTest;

/** Importing the real Kenya boundaries and census through HTTP, as the browser does. */
class AreaImportHttpTest {

    private static String uploadId(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body().replaceAll(".*\"redirect\":\"/[a-z]+/import/([^\"]+)\".*", "$1");
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void kenyaCountiesConstituenciesAndCensus() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            // a national forum's test kit: the whole country is the root, counties and constituencies below it
            Browser b = SetupFlowTest.setUp(kit, Map.of("name", "Kenya", "cityCode", "KE", "levels", "Country\nCounty\nConstituency"));
            b.get("/areas/import");
            String id = uploadId(b.upload("/areas/import", SharedData.file("boundaries/kenya_admin1_counties.geojson")));
            HttpResponse<String> preview = b.get("/areas/import/" + id + "?code=adm1_pcode&name=adm1_name&parent=&alt=&population=");
            assertEquals(200, preview.statusCode());
            assertTrue(preview.body().contains("47 new, 0 to update, 0 with problems."), preview.body());
            HttpResponse<String> done = b.post("/areas/import/" + id, Map.of("code", "adm1_pcode", "name", "adm1_name"));
            assertEquals(303, done.statusCode(), done.body());
            assertTrue(b.follow(done).body().contains("47 areas added and 0 updated."));

            // the constituencies go under their county through adm1_pcode
            b.get("/areas/import");
            String id2 = uploadId(b.upload("/areas/import", SharedData.file("boundaries/kenya_admin2_constituencies.geojson")));
            HttpResponse<String> p2 = b.get("/areas/import/" + id2 + "?code=adm2_pcode&name=adm2_name&parent=adm1_pcode");
            assertTrue(p2.body().contains("290 new, 0 to update, 0 with problems."), p2.body());
            assertEquals(303, b.post("/areas/import/" + id2, Map.of("code", "adm2_pcode", "name", "adm2_name",
                    "parent", "adm1_pcode")).statusCode());
            String csv = b.get("/areas.csv").body();
            assertTrue(csv.contains("KE047290,Mathare,,,2,Constituency,KE047,yes"), "Mathare is a ward of Nairobi county");
            assertEquals(1 + 1 + 47 + 290, csv.strip().split("\r\n").length);

            // importing the counties again adds nothing unless asked to update
            b.get("/areas/import");
            String id3 = uploadId(b.upload("/areas/import", SharedData.file("boundaries/kenya_admin1_counties.geojson")));
            HttpResponse<String> again = b.post("/areas/import/" + id3, Map.of("code", "adm1_pcode", "name", "adm1_name"));
            assertEquals(422, again.statusCode());
            assertTrue(again.body().contains("exists already"));
            assertEquals(303, b.post("/areas/import/" + id3, Map.of("code", "adm1_pcode", "name", "adm1_name",
                    "update", "on")).statusCode());

            // the 2019 census, a wide table with 298 empty rows and a BOM
            b.get("/areas/import");
            String pid = uploadId(b.upload("/population/import", SharedData.file("population/kenya_ken_admpop_adm1_2019.csv")));
            HttpResponse<String> pp = b.get("/population/import/" + pid + "?area=ADM1_PCODE&year=2019");
            assertTrue(pp.body().contains("47 rows with data"), pp.body());
            assertTrue(pp.body().contains("298 empty rows skipped"));
            assertEquals(303, b.post("/population/import/" + pid, Map.of("area", "ADM1_PCODE", "year", "2019")).statusCode());
            String areas = b.get("/areas").body();
            assertTrue(areas.contains("4,396,828 (2019)"), "Nairobi = F_TL + M_TL of the census");
            String nairobi = areas.replaceAll("(?s).*href=\"/areas/(\\d+)\">Nairobi<.*", "$1");
            String pop = b.get("/areas/" + nairobi + "/population.csv").body();
            assertTrue(pop.contains("KE047,2019,F,100+,"), pop.substring(0, 200));
            assertTrue(pop.contains("KE047,2019,M,unknown,"));
        }
    }

    /** Each real boundary file of shared/data imports through the same steps a person takes. */
    @Test
    void everyRealBoundaryFileImports() throws Exception {
        record Case(String file, Map<String, String> mapping, int areas, String expectInCsv) {
        }
        List<Case> cases = List.of(
                new Case("beijing_districts.decoded.geojson", Map.of("code", "@id", "name", "name"), 16, "110101,东城区"),
                new Case("jordan_districts_ar_en.geojson", Map.of("code", "wikidata", "name", "name", "alt", "name_en",
                        "altLang", "en", "population", "districts_for_suave_with100K_2_no_wkt_Population 2024#number",
                        "populationYear", "2024"), 51, "Q27126263,لواء عين الباشا,Ain Albasha District,en"),
                new Case("sao_paulo_region_municipalities.geojson", Map.of("code", "code_muni", "name", "name_muni"), 60,
                        "3502754,Araçariguama"),
                new Case("medellin_comunas.geojson", Map.of("code", "COMUNA", "name", "NOMBRE"), 21, "16,BELEN"),
                new Case("cdmx_alcaldias.geojson", Map.of("code", "cvegeo", "name", "nomgeo"), 16, "09002,Azcapotzalco"));
        for (Case c : cases) {
            try (TestKit kit = TestKit.empty()) {
                Browser b = SetupFlowTest.setUp(kit, Map.of("cityCode", "ROOT-1"));
                b.get("/areas/import");
                String id = uploadId(b.upload("/areas/import", SharedData.file("boundaries/" + c.file())));
                HttpResponse<String> done = b.post("/areas/import/" + id, c.mapping());
                assertEquals(303, done.statusCode(), c.file() + ": " + done.body().replaceAll("(?s).*<section class=\"card\" aria-live.*?<p>([^<]*)</p>.*", "$1"));
                String csv = b.get("/areas.csv").body();
                assertEquals(c.areas() + 2, csv.strip().split("\r\n").length, c.file());
                assertTrue(csv.contains(c.expectInCsv()), c.file() + " " + c.expectInCsv());
            }
        }
    }

    @Test
    void jordanPopulationFromTheBoundaryFileShowsInArabic() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = SetupFlowTest.setUp(kit, Map.of("name", "عمّان", "cityCode", "JO-AM", "defaultLang", "ar"));
            b.get("/areas/import");
            String id = uploadId(b.upload("/areas/import", SharedData.file("boundaries/jordan_districts_ar_en.geojson")));
            assertEquals(303, b.post("/areas/import/" + id, Map.of("code", "wikidata", "name", "name", "alt", "name_en",
                    "altLang", "en", "population", "districts_for_suave_with100K_2_no_wkt_Population 2024#number",
                    "populationYear", "2024")).statusCode());
            String page = b.get("/areas").body();
            assertTrue(page.contains("<html lang=\"ar\" dir=\"rtl\">"), "the city's default language");
            assertTrue(page.contains("لواء عين الباشا"));
            assertTrue(page.contains("216,980") || page.contains("216٬980"), "population of Ain Albasha in 2024");
        }
    }

    @Test
    void badUploadsAreRefusedWithTheReasonAndLeaveNothing() throws Exception {
        try (TestKit kit = TestKit.start(Files.createTempDirectory("kit-test"), Map.of("upload.max-megabytes", "1"))) {
            Browser b = SetupFlowTest.setUp(kit);
            b.get("/areas/import");
            HttpResponse<String> encoded = b.upload("/areas/import", SharedData.file("boundaries/beijing_districts.echarts-encoded.json"));
            assertEquals(422, encoded.statusCode());
            assertTrue(encoded.body().contains("ECharts"), encoded.body());
            HttpResponse<String> badName = b.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(kit.base() + "/areas/import"))
                    .header("Content-Type", "application/octet-stream").header("X-CSRF-Token", b.csrf)
                    .header("X-File-Name", "%zz%").header("Origin", kit.base())
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("not json at all")).build());
            assertEquals(422, badName.statusCode(), "a malformed file name is no reason for a 500");
            HttpResponse<String> big = b.upload("/areas/import", SharedData.file("boundaries/medellin_comunas.geojson"));
            assertEquals(413, big.statusCode(), "2.4 MB over a 1 MB limit");
            assertTrue(big.body().contains("larger than the limit of 1 MB"));
            Path notCsv = Files.write(kit.data.resolve("x.csv"), new byte[] {0, 1, 2, 3, 0, 0, 5});
            HttpResponse<String> binary = b.upload("/population/import", notCsv);
            assertEquals(422, binary.statusCode());
            try (var uploads = Files.list(kit.data.resolve("uploads"))) {
                assertEquals(0, uploads.count(), "refused uploads are deleted");
            }
            // another user cannot use someone's upload
            String id = uploadId(b.upload("/areas/import", SharedData.file("boundaries/cdmx_alcaldias.geojson")));
            Browser other = kit.browser();
            other.signIn("amina", "lanterns over the river");
            assertEquals(404, other.get("/areas/import/" + id).statusCode());
            assertEquals(200, b.get("/areas/import/" + id + "?code=" + q("cvegeo") + "&name=nomgeo").statusCode());
        }
    }

    @Test
    void theCensusGuessesTheAreaColumnFromTheDataAndTotalsNeverCountTwice() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = SetupFlowTest.setUp(kit, Map.of("name", "Kenya", "cityCode", "KE", "levels", "Country\nCounty"));
            b.get("/areas/import");
            String id = uploadId(b.upload("/areas/import", SharedData.file("boundaries/kenya_admin1_counties.geojson")));
            assertEquals(303, b.post("/areas/import/" + id, Map.of("code", "adm1_pcode", "name", "adm1_name")).statusCode());
            b.get("/areas/import");
            String pid = uploadId(b.upload("/population/import", SharedData.file("population/kenya_ken_admpop_adm1_2019.csv")));
            HttpResponse<String> page = b.get("/population/import/" + pid);
            // ADM0_PCODE ("KE", the country, also an area code here) comes first in the file; ADM1_PCODE is the one
            assertTrue(page.body().contains("<option value=\"ADM1_PCODE\" selected>"), "area column guessed from the data");
            assertEquals(303, b.post("/population/import/" + pid, Map.of("area", "ADM1_PCODE", "year", "2019")).statusCode());
            // a total for Nairobi from another source, same year: the census by sex still decides the total
            Path total = Files.writeString(kit.data.resolve("t.csv"), "code,sex,age,persons\nKE047,T,total,999\n");
            b.get("/areas/import");
            String tid = uploadId(b.upload("/population/import", total));
            assertEquals(303, b.post("/population/import/" + tid, Map.of("area", "code", "year", "2019", "sex", "sex",
                    "age", "age", "persons", "persons")).statusCode());
            assertTrue(b.get("/areas").body().contains("4,396,828 (2019)"), "not 4,397,827");
        }
    }

    @Test
    void duplicateRowsAndUnknownAgeBandsAreReportedNotOverwritten() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = SetupFlowTest.setUp(kit);
            Path csv = Files.writeString(kit.data.resolve("dup.csv"),
                    "code,sex,age,persons\nKE047,F,00-04,100\nKE047,F,0-4,120\nKE047,M,toddlers,5\n");
            b.get("/areas/import");
            String id = uploadId(b.upload("/population/import", csv));
            HttpResponse<String> r = b.post("/population/import/" + id,
                    Map.of("area", "code", "year", "2024", "sex", "sex", "age", "age", "persons", "persons"));
            assertEquals(422, r.statusCode());
            assertTrue(r.body().contains("appear twice in the file"), "00-04 and 0-4 are the same band");
            assertTrue(r.body().contains("Age band not recognised"));
        }
    }

    @Test
    void populationForUnknownAreasIsRefusedUnlessTheUserSkipsThem() throws Exception {
        try (TestKit kit = TestKit.empty()) {
            Browser b = SetupFlowTest.setUp(kit);
            Path csv = Files.writeString(kit.data.resolve("pop.csv"),
                    "code;sex;age;persons\nKE047;F;00-04;100\nZZ999;M;05-09;50\nKE047;M;00-04;abc\n", StandardCharsets.UTF_8);
            b.get("/areas/import");
            String id = uploadId(b.upload("/population/import", csv));
            HttpResponse<String> refused = b.post("/population/import/" + id,
                    Map.of("area", "code", "year", "2024", "sex", "sex", "age", "age", "persons", "persons"));
            assertEquals(422, refused.statusCode());
            assertTrue(refused.body().contains("/population/import/" + id + "/errors.csv?"), "the error report is offered");
            assertTrue(b.get("/population/import/" + id + "/errors.csv?area=code&year=2024&sex=sex&age=age&persons=persons")
                    .body().contains("No area has this code."));
            assertFalse(b.get("/areas").body().contains("(2024)"), "nothing imported");
        }
    }
}
