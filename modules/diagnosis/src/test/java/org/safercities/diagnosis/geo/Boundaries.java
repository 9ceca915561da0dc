package org.safercities.diagnosis.geo;

import java.util.ArrayList;
import java.util.List;

import org.safercities.platform.SharedData;
import org.safercities.platform.areas.GeoJsonFile;

/** Real boundary files read as the platform stores them (geometry text per area), ids 1, 2, … in file order. */
final class Boundaries {

    final List<GeoJsonFile.Feature> features;
    final List<AreaLocator.Boundary> boundaries = new ArrayList<>();

    Boundaries(String file, int level) {
        this.features = GeoJsonFile.read(SharedData.file(file)).features();
        for (int i = 0; i < features.size(); i++) {
            boundaries.add(new AreaLocator.Boundary(i + 1, level, features.get(i).geometry()));
        }
    }

    long idOf(String property, String value) {
        for (int i = 0; i < features.size(); i++) {
            if (value.equals(features.get(i).properties().get(property))) {
                return i + 1;
            }
        }
        throw new AssertionError(value + " not in the file");
    }

    String name(long id, String property) {
        return features.get((int) id - 1).properties().get(property);
    }
}
