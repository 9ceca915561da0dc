package org.safercities.diagnosis.walks;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.safercities.diagnosis.factors.FactorCodes;
import org.safercities.diagnosis.factors.FactorForm;
import org.safercities.diagnosis.factors.RiskFactorService;
import org.safercities.platform.DemoCity;
import org.safercities.platform.PlatformServices;
import org.safercities.platform.areas.Area;
import org.safercities.platform.audit.AuditLog;

/**
 * The demo's safety walks and risk and protective factors: clearly synthetic ("[Demo]" in every text),
 * deterministic from the demo city's seed. Each walk's point lies inside its ward's boundary box.
 */
public final class WalkDemo {

    public static final int WALKS = 12;
    static final String[] PLACES = {"Bus terminal to the night market", "Footbridge over the river", "Underpass near the school",
        "Back lanes behind the clinic", "Football ground and its car park", "Market street after closing time"};
    private static final Pattern NUMBER_PAIR = Pattern.compile("\\[\\s*(-?[0-9.]+)\\s*,\\s*(-?[0-9.]+)");

    private final PlatformServices platform;
    private final WalkService walks;
    private final RiskFactorService factors;

    public WalkDemo(PlatformServices platform) {
        this.platform = platform;
        this.walks = new WalkService(platform);
        this.factors = new RiskFactorService(platform);
    }

    public void load(DemoCity city) {
        Random random = new Random(city.seed() + 3);
        List<Area> wards = city.wards();
        // forms first: the boundaries are read outside the transaction
        List<WalkForm> forms = new java.util.ArrayList<>();
        for (int i = 0; i < WALKS; i++) {
            Area ward = wards.get((i * 7) % wards.size());
            WalkForm form = walk(i, ward, city.lastYear() - (i % 2), random);
            if (!walks.validate(form).isEmpty()) {
                throw new IllegalStateException("demo walk " + i + ": " + walks.validate(form));
            }
            forms.add(form);
        }
        List<FactorForm> factorForms = factorForms(city, random);
        platform.store().tx(c -> {
            for (WalkForm form : forms) {
                walks.insert(c, form);
            }
            int n = 0;
            for (FactorForm f : factorForms) {
                factors.insert(c, f);
                n++;
            }
            platform.audit().append(c, new AuditLog.Event("demo", "-", "diagnosis.walk.demo", "walk", "-", "ok",
                    WALKS + " walks, " + n + " factors"));
            return null;
        });
    }

    private WalkForm walk(int i, Area ward, int year, Random random) {
        double[] box = box(ward);
        double lon = box[0] + (box[2] - box[0]) * (0.1 + 0.8 * random.nextDouble());
        double lat = box[1] + (box[3] - box[1]) * (0.1 + 0.8 * random.nextDouble());
        Map<String, String> scores = new LinkedHashMap<>();
        int bias = i % 3; // some places are much worse than others
        WalkCodes.PARAMETERS.forEach(p -> scores.put(p, Integer.toString(Math.min(3, Math.max(0, bias + random.nextInt(3) - 1)))));
        Map<String, String> people = new LinkedHashMap<>();
        WalkCodes.SEXES.forEach(s -> WalkCodes.AGE_BANDS.forEach(b -> people.put(WalkCodes.cell(s, b), "")));
        people.put(WalkCodes.cell("F", "18-29"), Integer.toString(3 + random.nextInt(5)));
        people.put(WalkCodes.cell("F", "30-59"), Integer.toString(2 + random.nextInt(5)));
        people.put(WalkCodes.cell("F", "60+"), Integer.toString(random.nextInt(3)));
        people.put(WalkCodes.cell("F", "u18"), Integer.toString(random.nextInt(3)));
        people.put(WalkCodes.cell("M", "30-59"), Integer.toString(random.nextInt(3)));
        LocalDate date = LocalDate.of(year, 1 + (i * 5) % 12, 1 + random.nextInt(27));
        String place = "[Demo] " + PLACES[i % PLACES.length] + ", " + ward.name();
        return new WalkForm(date.toString(), String.format(Locale.ROOT, "%02d:%02d", 18 + random.nextInt(4), 15 * random.nextInt(4)),
                Long.toString(ward.id()), place, String.format(Locale.ROOT, "%.5f", lon), String.format(Locale.ROOT, "%.5f", lat),
                scores, people, "[Demo] Synthetic findings: " + (bias == 0 ? "no working street lights for 200 m; "
                        + "walls hide the path from the shops; the group met no one." : "lighting uneven; few women "
                        + "on the street after 20:00."),
                "[Demo] Synthetic fixes: repair the lights, trim the hedges, open a kiosk at the corner.",
                "[Demo] Municipal works department", "");
    }

    /** Risk factors in every other ward, protective factors in every third, and two for the whole city. */
    private List<FactorForm> factorForms(DemoCity city, Random random) {
        List<String> risks = FactorCodes.FACTORS.entrySet().stream().filter(e -> e.getValue().equals(FactorCodes.RISK))
                .map(Map.Entry::getKey).toList();
        List<String> protective = FactorCodes.FACTORS.entrySet().stream()
                .filter(e -> e.getValue().equals(FactorCodes.PROTECTIVE)).map(Map.Entry::getKey).toList();
        String source = "[Demo] Synthetic demo data";
        String date = LocalDate.of(city.lastYear(), 6, 30).toString();
        List<FactorForm> out = new java.util.ArrayList<>();
        for (int w = 0; w < city.wards().size(); w++) {
            String area = Long.toString(city.wards().get(w).id());
            if (w % 2 == 0) {
                for (int k = 0; k < 2; k++) {
                    out.add(new FactorForm(area, risks.get((w + k * 3) % risks.size()), "", "",
                            Integer.toString(2 + random.nextInt(4)), "[Demo] Synthetic description of a risk factor.", source, date));
                }
            }
            if (w % 3 == 0) {
                out.add(new FactorForm(area, protective.get(w % protective.size()), "", "",
                        Integer.toString(1 + random.nextInt(5)), "[Demo] Synthetic description of a protective factor.", source, date));
            }
        }
        String root = Long.toString(city.root().id());
        out.add(new FactorForm(root, "youth_unemployment", "", "", "4", "[Demo] Synthetic: city-wide youth unemployment.", source, date));
        out.add(new FactorForm(root, "", FactorCodes.PROTECTIVE, "[Demo] Neighbourhood safety committees", "3",
                "[Demo] Synthetic factor in the city's own words.", source, date));
        return out;
    }

    /** The ward's bounding box (min lon, min lat, max lon, max lat) from its GeoJSON; a small box at 0,0 if none. */
    private double[] box(Area ward) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        Matcher m = NUMBER_PAIR.matcher(platform.areas().geometry(ward.id()).orElse(""));
        while (m.find()) {
            double x = Double.parseDouble(m.group(1));
            double y = Double.parseDouble(m.group(2));
            b[0] = Math.min(b[0], x);
            b[1] = Math.min(b[1], y);
            b[2] = Math.max(b[2], x);
            b[3] = Math.max(b[3], y);
        }
        return b[0] > b[2] ? new double[] {0, 0, 0.01, 0.01} : b;
    }
}
