package org.safercities.diagnosis.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.safercities.diagnosis.sheets.CellValues;
import org.safercities.diagnosis.sheets.Sheet;
import org.safercities.diagnosis.sheets.Sheets;
import org.safercities.platform.SharedData;

class AreaLocatorTest {

    private final Boundaries medellin = new Boundaries("boundaries/medellin_comunas.geojson", 2);

    /**
     * For each comuna a point well inside it, found without the locator: along the horizontal line through the
     * middle of its box, the widest stretch between two successive boundary crossings that lies inside.
     */
    @Test
    void theMiddleOfEachComunaIsInThatComuna() {
        AreaLocator locator = new AreaLocator(medellin.boundaries);
        for (AreaLocator.Boundary b : medellin.boundaries) {
            double[] p = interiorPoint(b.geoJson());
            assertEquals(OptionalLong.of(b.areaId()), locator.locate(p[0], p[1]),
                    medellin.name(b.areaId(), "NOMBRE") + " at " + Arrays.toString(p));
        }
    }

    @Test
    void placesEveryoneKnowsInMedellin() {
        AreaLocator locator = new AreaLocator(medellin.boundaries);
        assertComuna(locator, "LA CANDELARIA", -75.5683, 6.2502); // Parque Berrío, the old centre
        assertComuna(locator, "EL POBLADO", -75.5673, 6.2088); // Parque Lleras
        assertComuna(locator, "LAURELES", -75.5904, 6.2566); // Atanasio Girardot stadium
        assertEquals(OptionalLong.empty(), locator.locate(-74.0721, 4.7110), "Bogotá is not in Medellín");
        assertEquals(OptionalLong.empty(), locator.locate(Double.NaN, 6.25));
        assertEquals(OptionalLong.empty(), new AreaLocator(List.of()).locate(-75.57, 6.25));
    }

    /** The real homicide points: every one with coordinates lies in the municipality (comunas and corregimientos). */
    @Test
    void realHomicidePointsFallInComunas() {
        AreaLocator locator = new AreaLocator(medellin.boundaries);
        int located = 0;
        int withCoordinates = 0;
        Map<Long, Integer> perComuna = new HashMap<>();
        List<double[]> points = new ArrayList<>();
        try (Sheet s = Sheets.open(SharedData.file("incidents/medellin_homicides_2010-2019.csv"))) {
            for (String[] r = s.next(); r != null; r = s.next()) {
                var lon = CellValues.decimal(r[1], true);
                var lat = CellValues.decimal(r[2], true);
                if (lon.isEmpty() || lat.isEmpty()) {
                    continue;
                }
                withCoordinates++;
                points.add(new double[] {lon.get(), lat.get()});
                OptionalLong area = locator.locate(lon.get(), lat.get());
                if (area.isPresent()) {
                    located++;
                    perComuna.merge(area.getAsLong(), 1, Integer::sum);
                }
            }
        }
        assertEquals(9279, withCoordinates);
        assertTrue(located > withCoordinates * 0.99, located + " of " + withCoordinates);
        assertTrue(perComuna.size() >= 19, perComuna.toString());
        long sink = 0;
        for (int k = 0; k < 10; k++) { // warm up: the first rounds measure the compiler, not the code
            for (double[] p : points) {
                sink += locator.locate(p[0], p[1]).orElse(0);
            }
        }
        long t0 = System.nanoTime();
        int rounds = 20;
        for (int k = 0; k < rounds; k++) {
            for (double[] p : points) {
                sink += locator.locate(p[0], p[1]).orElse(0);
            }
        }
        System.out.printf("AreaLocator: %.0f ns/point over 21 comunas (%d)%n",
                (System.nanoTime() - t0) / (double) (rounds * points.size()), sink);
    }

    @Test
    void theDeepestAreaWinsAndHolesAreOutside() {
        String city = "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[10,0],[10,10],[0,10],[0,0]]]}";
        String district = "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[1,1],[5,1],[5,5],[1,5],[1,1]],[[2,2],[3,2],[3,3],[2,3],[2,2]]]}}";
        String islands = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[6,6],[7,6],[7,7],[6,7],[6,6]]],"
                + "[[[8,8],[9,8],[9,9],[8,9],[8,8]]]]}";
        AreaLocator l = new AreaLocator(List.of(new AreaLocator.Boundary(1, 0, city),
                new AreaLocator.Boundary(2, 1, district), new AreaLocator.Boundary(3, 1, islands),
                new AreaLocator.Boundary(4, 1, "not json")));
        assertEquals(OptionalLong.of(2), l.locate(4, 4));
        assertEquals(OptionalLong.of(1), l.locate(2.5, 2.5), "in the district's hole: only the city");
        assertEquals(OptionalLong.of(3), l.locate(6.5, 6.5));
        assertEquals(OptionalLong.of(3), l.locate(8.5, 8.2));
        assertEquals(OptionalLong.of(1), l.locate(7.5, 7.5), "between the islands");
        assertEquals(OptionalLong.empty(), l.locate(11, 5));
        assertEquals(OptionalLong.empty(), l.locate(-0.5, 5));
    }

    @Test
    void kenyanCountiesIncludingMultiPolygons() {
        Boundaries kenya = new Boundaries("boundaries/kenya_admin1_counties.geojson", 1);
        AreaLocator l = new AreaLocator(kenya.boundaries);
        assertCounty(l, kenya, "Nairobi", 36.8219, -1.2921); // city centre
        assertCounty(l, kenya, "Mombasa", 39.6682, -4.0435); // Mombasa island (a MultiPolygon county)
        assertCounty(l, kenya, "Kisumu", 34.7617, -0.0917);
        assertCounty(l, kenya, "Lamu", 40.6900, -2.3900); // Mpeketoni, on Lamu's mainland part
        for (AreaLocator.Boundary b : kenya.boundaries) {
            double[] p = interiorPoint(b.geoJson());
            assertEquals(OptionalLong.of(b.areaId()), l.locate(p[0], p[1]), kenya.name(b.areaId(), "adm1_name"));
        }
        assertEquals(OptionalLong.empty(), l.locate(39.2083, -6.7924), "Dar es Salaam is in Tanzania");
    }

    private void assertComuna(AreaLocator l, String name, double lon, double lat) {
        assertEquals(OptionalLong.of(medellin.idOf("NOMBRE", name)), l.locate(lon, lat), name);
    }

    private static void assertCounty(AreaLocator l, Boundaries kenya, String name, double lon, double lat) {
        assertEquals(OptionalLong.of(kenya.idOf("adm1_name", name)), l.locate(lon, lat), name);
    }

    /** The middle of the widest inside stretch of a scan line across the largest polygon's middle. */
    static double[] interiorPoint(String geometry) {
        JsonObject g = Json.createReader(new StringReader(geometry)).readObject();
        List<JsonArray> polygons = new ArrayList<>();
        if (g.getString("type").equals("Polygon")) {
            polygons.add(g.getJsonArray("coordinates"));
        } else {
            g.getJsonArray("coordinates").forEach(p -> polygons.add(p.asJsonArray()));
        }
        JsonArray biggest = polygons.stream().max((a, b) -> Integer.compare(a.getJsonArray(0).size(),
                b.getJsonArray(0).size())).orElseThrow();
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (JsonValue v : biggest.getJsonArray(0)) {
            double y = v.asJsonArray().getJsonNumber(1).doubleValue();
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        double y = minY + (maxY - minY) * 0.5000123; // off any vertex
        List<Double> xs = new ArrayList<>();
        for (JsonValue ring : biggest) {
            JsonArray pts = ring.asJsonArray();
            for (int i = 1; i < pts.size(); i++) {
                double x1 = pts.getJsonArray(i - 1).getJsonNumber(0).doubleValue();
                double y1 = pts.getJsonArray(i - 1).getJsonNumber(1).doubleValue();
                double x2 = pts.getJsonArray(i).getJsonNumber(0).doubleValue();
                double y2 = pts.getJsonArray(i).getJsonNumber(1).doubleValue();
                if ((y1 <= y && y < y2) || (y2 <= y && y < y1)) {
                    xs.add(x1 + (y - y1) * (x2 - x1) / (y2 - y1));
                }
            }
        }
        xs.sort(Double::compare);
        double best = -1;
        double mid = 0;
        for (int i = 0; i + 1 < xs.size(); i += 2) {
            if (xs.get(i + 1) - xs.get(i) > best) {
                best = xs.get(i + 1) - xs.get(i);
                mid = (xs.get(i) + xs.get(i + 1)) / 2;
            }
        }
        return new double[] {mid, y};
    }
}
