// Writes the synthetic files of the diagnosis benchmarks, streamed row by row (never the whole file in memory):
//   java bench/diagnosis-data.java incidents ROWS KIT_FILE REFERENCE_FILE
//       KIT_FILE: what a police export looks like: ';'-separated, decimal commas, ISO dates with Z, Spanish words
//       for category, sex and place, ages, coordinates inside the demo city's wards (longitude 0-0.25, latitude
//       0-0.2); about 1% of the rows are bad (a date that is no date, an empty date, a longitude that is no
//       number), as real files have.
//       REFERENCE_FILE: the same rows as plain comma CSV that Derby's SYSCS_IMPORT_TABLE reads as typed columns
//       (timestamp, text, smallint, double); a bad value is an empty field (NULL), so it holds every row too.
//   java bench/diagnosis-data.java surveys ROWS FILE
//       a KoboToolbox-style CSV export: group prefixes (grp_safety/…), a uuid KEY, ward codes of the demo city,
//       words for sex and disability, ages, weights, the built-in questionnaire's choice codes, select-multiple
//       places as space-separated codes; about 1% bad rows (an unreadable sex or age).
// Deterministic (seed 42). Prints one line: what was written.
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

public class DiagnosisData {
    static final String[] CATEGORIES = {"Hurto", "Robo", "Lesiones personales", "Homicidio", "Violencia intrafamiliar",
            "Delitos sexuales", "Extorsión", "Amenazas"};
    static final String[] SEXES = {"Mujer", "Hombre", "Sin dato"};
    static final String[] PLACES = {"Vía pública", "Vivienda", "Transporte público", "Establecimiento comercial",
            "Parque", "Otro"};

    public static void main(String[] args) throws IOException {
        switch (args[0]) {
            case "incidents" -> incidents(Integer.parseInt(args[1]), Path.of(args[2]), Path.of(args[3]));
            case "surveys" -> surveys(Integer.parseInt(args[1]), Path.of(args[2]));
            default -> throw new IllegalArgumentException("incidents ROWS KIT_FILE REFERENCE_FILE | surveys ROWS FILE");
        }
    }

    static BufferedWriter writer(Path p) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(p), StandardCharsets.UTF_8), 1 << 16);
    }

    static void incidents(int rows, Path kit, Path reference) throws IOException {
        Random r = new Random(42);
        int bad = 0;
        try (BufferedWriter k = writer(kit); BufferedWriter ref = writer(reference)) {
            k.write("fecha;categoria;sexo;edad;lugar;longitud;latitud\n");
            for (int i = 0; i < rows; i++) {
                int year = 2019 + r.nextInt(7);
                int month = 1 + r.nextInt(12);
                int day = 1 + r.nextInt(28);
                int minute = r.nextInt(24 * 60);
                String date = String.format(Locale.ROOT, "%d-%02d-%02dT%02d:%02d:00Z", year, month, day, minute / 60,
                        minute % 60);
                String stamp = String.format(Locale.ROOT, "%d-%02d-%02d %02d:%02d:00", year, month, day, minute / 60,
                        minute % 60);
                String category = CATEGORIES[r.nextInt(CATEGORIES.length)];
                String sex = SEXES[r.nextInt(10) < 5 ? 1 : r.nextInt(10) < 9 ? 0 : 2];
                int age = r.nextInt(90);
                String place = PLACES[r.nextInt(PLACES.length)];
                double lon = 0.0005 + r.nextDouble() * 0.249;
                double lat = 0.0005 + r.nextDouble() * 0.199;
                String lonText = String.format(Locale.ROOT, "%.6f", lon);
                String latText = String.format(Locale.ROOT, "%.6f", lat);
                String kitDate = date;
                String kitLon = lonText.replace('.', ',');
                int defect = r.nextInt(100) == 0 ? 1 + r.nextInt(3) : 0;
                switch (defect) {
                    case 1 -> { kitDate = "sin fecha"; stamp = ""; }
                    case 2 -> { kitDate = ""; stamp = ""; }
                    case 3 -> { kitLon = "0,1x"; lonText = ""; }
                    default -> { }
                }
                bad += defect > 0 ? 1 : 0;
                k.write(kitDate + ';' + category + ';' + sex + ';' + age + ';' + place + ';' + kitLon + ';'
                        + latText.replace('.', ',') + '\n');
                ref.write(stamp + ",\"" + category + "\",\"" + sex + "\"," + age + ",\"" + place + "\"," + lonText + ','
                        + latText + '\n');
            }
        }
        System.out.printf("incidents: %d rows (%d bad) in %s (%d bytes) and %s (%d bytes)%n", rows, bad, kit,
                Files.size(kit), reference, Files.size(reference));
    }

    static final String[] SAFE = {"very_safe", "fairly_safe", "a_bit_unsafe", "very_unsafe", "never_alone", "dont_know"};
    static final String[] YES_NO = {"yes", "no", "no", "no", "dont_know"};
    static final String[] WHERE = {"street", "public_transport", "market", "park", "workplace", "school", "home",
            "online", "other"};

    static void surveys(int rows, Path file) throws IOException {
        Random r = new Random(42);
        int bad = 0;
        try (BufferedWriter w = writer(file)) {
            w.write("start,end,KEY,grp_profile/ward,grp_profile/sex,grp_profile/age,grp_profile/disability,weight,"
                    + "grp_safety/safe_after_dark,grp_safety/violence_physical,grp_safety/violence_psychological,"
                    + "grp_safety/violence_sexual,grp_safety/harassment,grp_safety/harassment_place,"
                    + "grp_safety/sexual_violence_non_partner,grp_safety/reported\n");
            for (int i = 0; i < rows; i++) {
                String ward = "DEMO-" + (1 + r.nextInt(5)) + "-" + (1 + r.nextInt(4));
                boolean woman = r.nextBoolean();
                String sex = woman ? "female" : "male";
                String age = Integer.toString(15 + r.nextInt(70));
                if (r.nextInt(100) == 0) {
                    bad++;
                    if (r.nextBoolean()) {
                        sex = "perhaps";
                    } else {
                        age = "old";
                    }
                }
                String harassment = YES_NO[r.nextInt(YES_NO.length)];
                String places = "";
                if (harassment.equals("yes")) {
                    places = WHERE[r.nextInt(WHERE.length)];
                    if (r.nextBoolean()) {
                        places += " " + WHERE[r.nextInt(WHERE.length)];
                    }
                }
                String key = new java.util.UUID(r.nextLong(), r.nextLong()).toString();
                w.write(String.format(Locale.ROOT,
                        "2025-03-%02dT10:00:00.000+03:00,2025-03-%02dT10:20:00.000+03:00,uuid:%s,%s,%s,%s,%s,%.3f,"
                                + "%s,%s,%s,%s,%s,%s,%s,%s%n",
                        1 + i % 28, 1 + i % 28, key, ward, sex, age, r.nextInt(10) == 0 ? "yes" : "no",
                        0.5 + r.nextDouble() * 1.5, SAFE[r.nextInt(SAFE.length)], YES_NO[r.nextInt(YES_NO.length)],
                        YES_NO[r.nextInt(YES_NO.length)], YES_NO[r.nextInt(YES_NO.length)], harassment, places,
                        YES_NO[r.nextInt(YES_NO.length)], YES_NO[r.nextInt(YES_NO.length)]));
            }
        }
        System.out.printf("surveys: %d rows (%d bad) in %s (%d bytes)%n", rows, bad, file, Files.size(file));
    }
}
