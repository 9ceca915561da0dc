package org.safercities.diagnosis.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.safercities.diagnosis.incidents.Codes;
import org.safercities.diagnosis.incidents.CountCube;
import org.safercities.diagnosis.incidents.IncidentService;
import org.safercities.diagnosis.surveys.SurveyService;
import org.safercities.platform.links.DiagnosisFigures;

/**
 * What the diagnosis tells monitoring and the export: incident counts per year × area × ICCS × sex × age band,
 * read from the in-memory {@link CountCube} (never the incidents), and the survey estimates read from the survey
 * sums. Raw: the caller suppresses small counts. Each year's cells are made once per version of the counts.
 */
public final class PublishedFigures implements DiagnosisFigures {

    private final IncidentService incidents;
    private final SurveyService surveys;
    /** Rises each time the counts are rebuilt (an import, an undo, an edit). */
    private final AtomicLong countsVersion = new AtomicLong();
    private volatile Cells cells = new Cells(null, Map.of());

    /** The cells of the years asked for so far, for one cube. */
    private record Cells(CountCube cube, Map<Integer, List<IncidentCell>> byYear) {
    }

    public PublishedFigures(IncidentService incidents, SurveyService surveys) {
        this.incidents = incidents;
        this.surveys = surveys;
        incidents.onCountsChanged(countsVersion::incrementAndGet);
    }

    @Override
    public List<Integer> incidentYears() {
        CountCube cube = incidents.counts();
        TreeSet<Integer> years = new TreeSet<>();
        for (int i = 0; i < cube.size(); i++) {
            if (cube.count(i) != 0) {
                years.add(cube.month(i) / 100);
            }
        }
        return List.copyOf(years);
    }

    @Override
    public List<IncidentCell> incidents(int year) {
        CountCube cube = incidents.counts();
        Cells now = cells;
        if (now.cube() != cube) {
            now = new Cells(cube, new ConcurrentHashMap<>());
            cells = now;
        }
        return now.byYear().computeIfAbsent(year, y -> List.copyOf(cellsOf(cube, y)));
    }

    /** One pass over the cube: the year's months added up per area × ICCS × sex × band, zeros left out. */
    static List<IncidentCell> cellsOf(CountCube cube, int year) {
        record Key(long area, int iccs, int sex, int band) {
        }
        Map<Key, long[]> sums = new HashMap<>();
        for (int i = 0; i < cube.size(); i++) {
            if (cube.month(i) / 100 == year) {
                sums.computeIfAbsent(new Key(cube.areaKey(i), cube.iccs(i), cube.sex(i), cube.band(i)), k -> new long[1])[0]
                        += cube.count(i);
            }
        }
        List<IncidentCell> out = new ArrayList<>(sums.size());
        sums.forEach((k, n) -> {
            if (n[0] != 0) {
                out.add(new IncidentCell(k.area() == 0 ? null : k.area(), Codes.ICCS.get(k.iccs()),
                        Codes.SEXES.get(k.sex()), Codes.AGE_BANDS.get(k.band()), n[0]));
            }
        });
        return out;
    }

    @Override
    public List<SurveyEstimate> surveyEstimates() {
        return surveys.publishedEstimates();
    }

    /** Both versions only rise, so their sum changes whenever either does. */
    @Override
    public long figuresVersion() {
        return countsVersion.get() + surveys.sumsVersion();
    }
}
