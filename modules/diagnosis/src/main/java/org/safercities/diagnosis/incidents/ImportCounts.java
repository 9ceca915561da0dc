package org.safercities.diagnosis.incidents;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The counts of one import (area × ICCS × sex × age band × month), added up while its rows are written, each cell
 * packed into one long: half a million cells take a few MB, where a table of objects would not fit a 128 MB heap.
 * Written out as a file for Derby's bulk import into the import's own count table.
 */
final class ImportCounts {

    private static final Map<String, Integer> ICCS = positions(Codes.ICCS);
    private static final Map<String, Integer> BANDS = positions(Codes.AGE_BANDS);

    private final Fingerprints.Counter cells = new Fingerprints.Counter();
    private final Map<Long, Integer> areaIndex = new HashMap<>();
    private final List<Long> areas = new ArrayList<>();
    private long lastArea = -1; // rows come in runs of the same area: skip the map (and a boxed Long) then
    private int lastIndex;

    void add(IncidentRow r) {
        long area = r.areaId() == null ? 0 : r.areaId();
        if (area != lastArea) {
            Integer a = areaIndex.get(area);
            if (a == null) {
                a = areas.size();
                areaIndex.put(area, a);
                areas.add(area);
            }
            lastArea = area;
            lastIndex = a;
        }
        int month = (r.date().getYear() - 1800) * 12 + r.date().getMonthValue() - 1; // < 2^13 until 2482
        long key = ((long) lastIndex << 28) | ((long) month << 15) | ((long) position(ICCS, r.iccs(), Codes.ICCS) << 7)
                | ((long) position(BANDS, r.ageBand(), Codes.AGE_BANDS) << 2) | sex(r.sex());
        cells.next(key);
    }

    private static Map<String, Integer> positions(List<String> codes) {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            m.put(codes.get(i), i);
        }
        return m;
    }

    private static int position(Map<String, Integer> positions, String code, List<String> codes) {
        Integer i = positions.get(code);
        return i == null ? codes.size() - 1 : i;
    }

    private static int sex(char s) {
        return switch (s) {
            case 'F' -> 0;
            case 'M' -> 1;
            case 'O' -> 2;
            default -> 3;
        };
    }

    /** The areas the rows were placed in (not "area unknown"). */
    List<Long> areas() {
        return areas.stream().filter(a -> a != 0).toList();
    }

    /** Writes area_key, iccs, sex, age_band, month (yyyymm), n: the columns of an import's count table. */
    int write(Path file) throws IOException {
        int[] lines = {0};
        try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file),
                StandardCharsets.UTF_8), 1 << 16)) {
            IOException[] failed = {null};
            cells.forEach((key, n) -> {
                long area = areas.get((int) (key >>> 28));
                int m = (int) ((key >>> 15) & 0x1FFF);
                int yyyymm = (m / 12 + 1800) * 100 + m % 12 + 1;
                String line = area + "," + Codes.ICCS.get((int) ((key >>> 7) & 0xFF)) + ","
                        + Codes.SEXES.get((int) (key & 0x3)) + "," + Codes.AGE_BANDS.get((int) ((key >>> 2) & 0x1F))
                        + "," + yyyymm + "," + n + "\n";
                try {
                    out.write(line);
                    lines[0]++;
                } catch (IOException e) {
                    failed[0] = e;
                }
            });
            if (failed[0] != null) {
                throw failed[0];
            }
        }
        return lines[0];
    }
}
