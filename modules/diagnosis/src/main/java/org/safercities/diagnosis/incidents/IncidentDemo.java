package org.safercities.diagnosis.incidents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.safercities.platform.DemoCity;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;

/**
 * Synthetic police records for the demo city, clearly labelled as such: enough incidents over the demo years
 * that trends, rates and hotspots mean something. Two neighbouring districts' wards carry a raised rate (the
 * hotspot the map should find), violence against women peaks at night and at home, and the totals fall a little
 * each year, as a strategy would hope.
 */
public final class IncidentDemo {

    public static final String SOURCE = "Demo police records (synthetic)";
    private static final String[] CATEGORIES = {"0101", "0201", "0201", "0201", "0208", "0301", "0401", "0401",
        "0501", "0502", "0502", "0502", "0504", "0601", "0801"};
    private static final String[] PLACES = {"street", "street", "street", "transport", "market", "home", "home",
        "commercial", "entertainment", "school", "public_space"};

    private final IncidentService incidents;
    private final AreaService areas;

    public IncidentDemo(IncidentService incidents, AreaService areas) {
        this.incidents = incidents;
        this.areas = areas;
    }

    public void load(DemoCity city) {
        Random random = new Random(city.seed() + 3);
        List<IncidentRow> rows = new ArrayList<>();
        for (int d = 0; d < city.districts().size(); d++) {
            // the third and fourth districts, side by side, carry three times the rate: the hotspot to find
            double districtRisk = d == 2 || d == 3 ? 3.0 : 1.0;
            for (Area ward : areas.children(city.districts().get(d).id())) {
                double risk = districtRisk * (0.85 + random.nextDouble() * 0.3);
                for (int year = city.firstYear(); year <= city.lastYear(); year++) {
                    long persons = areas.populationTotal(ward.id(), year).orElse(10_000L);
                    double trend = Math.pow(0.93, year - city.firstYear());
                    // about 1,200 recorded incidents per 100,000 inhabitants a year outside the hotspot
                    int n = (int) Math.round(persons * 0.012 * risk * trend);
                    for (int i = 0; i < n; i++) {
                        rows.add(incident(random, ward, year, rows.size()));
                    }
                }
            }
        }
        try {
            incidents.addGenerated(SOURCE, "police", rows, "demo");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IncidentRow incident(Random random, Area ward, int year, long serial) {
        int month = 1 + random.nextInt(12);
        // more in the dry season and at the year's end
        if (random.nextDouble() < 0.15) {
            month = 11 + random.nextInt(2);
        }
        LocalDate date = LocalDate.of(year, month, 1).plusDays(random.nextInt(28));
        String iccs = CATEGORIES[random.nextInt(CATEGORIES.length)];
        boolean againstWomen = iccs.equals("0301") || iccs.equals("0208") || random.nextDouble() < 0.25;
        char sex = againstWomen ? 'F' : random.nextDouble() < 0.06 ? 'U' : 'M';
        String place = iccs.equals("0301") && random.nextBoolean() ? "home" : PLACES[random.nextInt(PLACES.length)];
        int hour = random.nextDouble() < 0.55 ? 18 + random.nextInt(6) : random.nextInt(18);
        Integer age = random.nextDouble() < 0.1 ? null : 12 + (int) Math.abs(random.nextGaussian() * 14 + 14);
        return new IncidentRow(Fingerprints.mix(serial + 1), date, 'D', hour * 60 + random.nextInt(60), iccs, null, sex,
                age, age == null ? "unknown" : Codes.ageBand(age), place, ward.id(), null, null);
    }
}
