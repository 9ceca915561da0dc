package org.safercities.diagnosis.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

class NeighboursTest {

    @Test
    void nairobiTouchesKiambuMachakosAndKajiado() {
        Boundaries kenya = new Boundaries("boundaries/kenya_admin1_counties.geojson", 1);
        Map<Long, Set<Long>> n = Neighbours.queen(kenya.boundaries);
        assertEquals(47, n.size());
        assertEquals(Set.of("Kiambu", "Machakos", "Kajiado"), names(kenya, n.get(kenya.idOf("adm1_name", "Nairobi"))));
        assertTrue(n.get(kenya.idOf("adm1_name", "Mombasa")).contains(kenya.idOf("adm1_name", "Kilifi")));
        for (Map.Entry<Long, Set<Long>> e : n.entrySet()) {
            assertFalse(e.getValue().contains(e.getKey()), "an area is not its own neighbour");
            for (long other : e.getValue()) {
                assertTrue(n.get(other).contains(e.getKey()), "symmetric");
            }
            assertFalse(e.getValue().isEmpty(), kenya.name(e.getKey(), "adm1_name") + " touches no county");
        }
    }

    @Test
    void everyMedellinComunaHasNeighbours() {
        Boundaries medellin = new Boundaries("boundaries/medellin_comunas.geojson", 1);
        Map<Long, Set<Long>> n = Neighbours.queen(medellin.boundaries);
        StringBuilder counts = new StringBuilder();
        for (Map.Entry<Long, Set<Long>> e : n.entrySet()) {
            counts.append(medellin.name(e.getKey(), "NOMBRE")).append('=').append(e.getValue().size()).append(' ');
            assertTrue(e.getValue().size() >= 1 && e.getValue().size() <= 10, counts.toString());
        }
        System.out.println("Medellín neighbours: " + counts);
        // La Candelaria (the centre) touches the comunas around it, not the far corregimientos
        Set<String> centre = names(medellin, n.get(medellin.idOf("NOMBRE", "LA CANDELARIA")));
        assertTrue(centre.containsAll(Set.of("VILLA HERMOSA", "BUENOS AIRES", "LAURELES")), centre.toString());
        assertFalse(centre.contains("PALMITAS"), centre.toString());
    }

    @Test
    void cornersTouchAndNearlyCoincidingVerticesToo() {
        String a = square(0, 0);
        String b = square(1, 0); // shares an edge with a
        String c = square(2.0000004, 1); // touches b's corner (1+1, 0+1) within the tolerance
        String d = square(5, 5); // alone
        Map<Long, Set<Long>> n = Neighbours.queen(List.of(new AreaLocator.Boundary(1, 1, a),
                new AreaLocator.Boundary(2, 1, b), new AreaLocator.Boundary(3, 1, c), new AreaLocator.Boundary(4, 1, d)));
        assertEquals(Set.of(2L), n.get(1L));
        assertEquals(Set.of(1L, 3L), n.get(2L));
        assertEquals(Set.of(2L), n.get(3L));
        assertEquals(Set.of(), n.get(4L));
    }

    /** Mexico City's alcaldías and Kenya's 290 constituencies: every area touches another (none is an island). */
    @Test
    void largerRealFilesHaveNoIsolatedAreas() {
        for (String file : List.of("boundaries/cdmx_alcaldias.geojson", "boundaries/kenya_admin2_constituencies.geojson")) {
            Boundaries b = new Boundaries(file, 1);
            long t0 = System.nanoTime();
            Map<Long, Set<Long>> n = Neighbours.queen(b.boundaries);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            List<Long> alone = n.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
            System.out.println(file + ": " + n.size() + " areas in " + ms + " ms, isolated " + alone);
            assertEquals(List.of(), alone, file);
        }
    }

    /** A boundary drawn with more points than its neighbour's: its vertices lie on the neighbour's edge. */
    @Test
    void aVertexOnAnotherAreasEdgeTouches() {
        String big = square(0, 0);
        String onEdge = rectangle(1, 0.25, 2, 0.75); // (1, 0.25) lies on big's edge from (1, 0) to (1, 1)
        String nearEdge = rectangle(1.0000015, 0.8, 2, 0.9); // 15 cm off: digitised separately
        String apart = rectangle(1.00001, 0.1, 2, 0.2); // a metre off: a gap, not a border
        Map<Long, Set<Long>> n = Neighbours.queen(List.of(new AreaLocator.Boundary(1, 1, big),
                new AreaLocator.Boundary(2, 1, onEdge), new AreaLocator.Boundary(3, 1, nearEdge),
                new AreaLocator.Boundary(4, 1, apart)));
        assertEquals(Set.of(2L, 3L), n.get(1L));
        assertEquals(Set.of(1L), n.get(2L));
        assertEquals(Set.of(), n.get(4L));
    }

    private static String rectangle(double x0, double y0, double x1, double y1) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(x0, y0,
                x1, y0, x1, y1, x0, y1, x0, y0);
    }

    private static String square(double x, double y) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}".formatted(x, y,
                x + 1, y, x + 1, y + 1, x, y + 1, x, y);
    }

    private static Set<String> names(Boundaries b, Set<Long> ids) {
        Set<String> out = new TreeSet<>();
        ids.forEach(id -> out.add(b.name(id, b.features.get(0).properties().containsKey("NOMBRE") ? "NOMBRE"
                : "adm1_name")));
        return out;
    }
}
