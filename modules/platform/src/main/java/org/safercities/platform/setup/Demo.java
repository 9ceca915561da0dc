package org.safercities.platform.setup;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.safercities.platform.DemoCity;
import org.safercities.platform.accounts.AccountService;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.store.Store;

/**
 * The synthetic demo city: invented names, square boundaries off the coast of nowhere (around 0° N 0° E, so
 * no one mistakes them for a real place), population by sex and age band for seven years, and one account per
 * role. Every page shows a "synthetic demo data" banner.
 */
public final class Demo {

    public static final String PASSWORD = "demo-city-2026";
    public static final String COORDINATOR = "demo-coordinator";
    public static final int FIRST_YEAR = 2019;
    public static final int LAST_YEAR = 2025;
    static final long SEED = 20261123L;
    static final String[] DISTRICTS = {"Riverside", "Hillcrest", "Old Market", "Eastgate", "Lakeshore"};
    static final String[] WARD_SUFFIXES = {"North", "South", "East", "West"};
    static final String[] AGE_BANDS = {"00-04", "05-09", "10-14", "15-19", "20-24", "25-29", "30-34", "35-39", "40-44",
        "45-49", "50-54", "55-59", "60-64", "65-69", "70-74", "75-79", "80+"};

    private final Store store;
    private final CityService city;
    private final AreaService areas;
    private final AccountService accounts;
    private final Runnable migrateAndWarm;

    public Demo(Store store, CityService city, AreaService areas, AccountService accounts, Runnable migrateAndWarm) {
        this.store = store;
        this.city = city;
        this.areas = areas;
        this.accounts = accounts;
        this.migrateAndWarm = migrateAndWarm;
    }

    /** Creates the demo city in an empty data folder. */
    public DemoCity create() {
        store.create(null);
        migrateAndWarm.run();
        Random random = new Random(SEED);
        store.tx(c -> {
            Map<String, String> names = new LinkedHashMap<>();
            names.put("ar", "مدينة تجريبية");
            names.put("zh", "示范城市");
            names.put("fr", "Ville de démonstration");
            names.put("ru", "Демонстрационный город");
            names.put("es", "Ciudad de demostración");
            city.store().insert(c, new CityProfile("Demo City", names, "KE", "en", "KES", LAST_YEAR, true,
                    List.of("City", "District", "Ward"), 0));
            areas.createRoot(c, "DEMO", "Demo City", "demo", "-");
            return null;
        });
        areas.reload();
        long rootId = areas.root().orElseThrow().id();
        store.tx(c -> {
            for (int d = 0; d < DISTRICTS.length; d++) {
                double x0 = d * 0.05;
                long districtId = areas.insert(c, String.format(Locale.ROOT, "DEMO-%d", d + 1), rootId, 1,
                        DISTRICTS[d], square(x0, 0, x0 + 0.05, 0.2));
                for (int w = 0; w < 4; w++) {
                    double wx = x0 + (w % 2) * 0.025;
                    double wy = (w / 2) * 0.1;
                    long wardId = areas.insert(c, String.format(Locale.ROOT, "DEMO-%d-%d", d + 1, w + 1),
                            districtId, 2, DISTRICTS[d] + " " + WARD_SUFFIXES[w],
                            square(wx, wy, wx + 0.025, wy + 0.1));
                    population(c, wardId, 8_000 + random.nextInt(32_000), random);
                }
            }
            return null;
        });
        for (Role r : Role.values()) {
            String user = "demo-" + switch (r) {
                case ADMINISTRATOR -> "admin";
                case COORDINATOR -> "coordinator";
                case ANALYST -> "analyst";
                case TECHNICAL_GROUP -> "member";
                case PARTNER_VIEWER -> "partner";
            };
            accounts.create(new AccountService.AccountForm(user, "Demo " + r.wire().replace('_', ' '), r.wire(), "",
                    PASSWORD, PASSWORD), "demo", "-");
        }
        city.reload();
        areas.reload();
        Area root = areas.root().orElseThrow();
        List<Area> districts = new ArrayList<>(areas.children(root.id()));
        List<Area> wards = new ArrayList<>();
        districts.forEach(d -> wards.addAll(areas.children(d.id())));
        return new DemoCity(root, districts, wards, FIRST_YEAR, LAST_YEAR, SEED);
    }

    /** A young population (a wide pyramid), 51% women, growing 2.5% a year. */
    private void population(Connection c, long wardId, int base, Random random) throws SQLException {
        for (int year = FIRST_YEAR; year <= LAST_YEAR; year++) {
            double growth = Math.pow(1.025, year - FIRST_YEAR);
            for (int b = 0; b < AGE_BANDS.length; b++) {
                double share = Math.exp(-b / 6.0) * 0.16;
                long total = Math.round(base * share * growth * (0.95 + random.nextDouble() * 0.1));
                long women = Math.round(total * 0.51);
                areas.putPopulation(c, wardId, year, "F", AGE_BANDS[b], women);
                areas.putPopulation(c, wardId, year, "M", AGE_BANDS[b], total - women);
            }
        }
    }

    private static AreaService.Shape square(double x0, double y0, double x1, double y1) {
        String geo = String.format(Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f],[%.4f,%.4f]]]}",
                x0, y0, x1, y0, x1, y1, x0, y1, x0, y0);
        return new AreaService.Shape(geo, x0, y0, x1, y1);
    }
}
