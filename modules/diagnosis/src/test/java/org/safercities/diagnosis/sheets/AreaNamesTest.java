package org.safercities.diagnosis.sheets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.safercities.platform.SharedData;
import org.safercities.platform.areas.GeoJsonFile;

class AreaNamesTest {

    @Test
    void normalise() {
        assertEquals("sao bernardo do campo", AreaNames.normalise("  São Bernardo Do  Campo "));
        assertEquals("biritiba mirim", AreaNames.normalise("Biritiba-Mirim"));
        assertEquals("la candelaria", AreaNames.normalise("LA_CANDELARIA"));
        assertEquals("st albans", AreaNames.normalise("St. Albans"));
        assertEquals("bogota, d c", AreaNames.normalise("Bogotá, D.C."));
        assertEquals("朝阳区", AreaNames.normalise("朝阳区"));
        assertEquals("عمان", AreaNames.normalise("عَمّان"));
    }

    /**
     * The municipalities of the real São Paulo homicide workbook against the real boundary file: the 13 written
     * differently all match once normalised, except Embu das Artes, renamed since the boundaries were drawn.
     */
    @Test
    void saoPauloMunicipalitiesMatchTheBoundariesExceptARenaming() {
        List<GeoJsonFile.Feature> features = GeoJsonFile.read(
                SharedData.file("boundaries/sao_paulo_region_municipalities.geojson")).features();
        Map<Long, List<String>> names = new HashMap<>();
        Set<String> boundaryNames = new TreeSet<>();
        for (int i = 0; i < features.size(); i++) {
            String name = features.get(i).properties().get("name_muni");
            names.put(i + 1L, List.of(name));
            boundaryNames.add(name);
        }
        Set<String> written = new TreeSet<>();
        try (Sheet s = Sheets.open(SharedData.file("incidents/sao_paulo_homicides_2017-2022.xlsx"))) {
            int col = s.header().indexOf("municipality");
            for (String[] r = s.next(); r != null; r = s.next()) {
                written.add(r[col]);
            }
        }
        List<String> differing = new ArrayList<>(written);
        differing.removeAll(boundaryNames);
        assertEquals(13, differing.size(), differing.toString());

        AreaNames plain = new AreaNames(names, Map.of());
        List<String> unmatched = new ArrayList<>();
        for (String w : written) {
            if (plain.match(w).isEmpty()) {
                unmatched.add(w);
            }
        }
        assertEquals(List.of("Embu das Artes"), unmatched);
        long embu = idOf(names, "Embu");
        long sbc = idOf(names, "São Bernardo Do Campo");
        assertEquals(OptionalLong.of(sbc), plain.match("São Bernardo do Campo"));
        assertEquals(OptionalLong.of(idOf(names, "Biritiba-Mirim")), plain.match("Biritiba Mirim"));

        AreaNames withAlias = new AreaNames(names, Map.of("Embu das Artes", embu));
        for (String w : written) {
            assertTrue(withAlias.match(w).isPresent(), w);
        }
        assertEquals(OptionalLong.of(embu), withAlias.match("EMBU DAS ARTES"));
    }

    @Test
    void ambiguousAndUnknownNamesAreLeftToTheUser() {
        Map<Long, List<String>> names = Map.of(1L, List.of("Santa Cruz", "02"), 2L, List.of("Santa-Cruz"),
                3L, List.of("Belén", "16"));
        AreaNames n = new AreaNames(names, Map.of());
        assertEquals(OptionalLong.empty(), n.match("santa cruz"));
        assertEquals(OptionalLong.of(1), n.match("02"));
        assertEquals(OptionalLong.of(3), n.match("BELEN"));
        assertEquals(OptionalLong.of(3), n.match("16"));
        assertEquals(OptionalLong.empty(), n.match("Laureles"));
        assertEquals(OptionalLong.empty(), n.match(""));
        assertEquals(OptionalLong.empty(), n.match(null));
        assertEquals(OptionalLong.of(2), new AreaNames(names, Map.of("Santa Cruz", 2L)).match("SANTA CRUZ"),
                "the user's alias settles it");
    }

    private static long idOf(Map<Long, List<String>> names, String name) {
        return names.entrySet().stream().filter(e -> e.getValue().contains(name)).findFirst().orElseThrow().getKey();
    }
}
