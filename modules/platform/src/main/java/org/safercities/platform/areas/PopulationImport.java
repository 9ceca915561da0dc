package org.safercities.platform.areas;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.safercities.platform.Problem;
import org.safercities.platform.audit.AuditLog;
import org.safercities.platform.files.TextFiles;
import org.safercities.platform.store.Store;

/**
 * Imports population per area × sex × age band for one year from CSV. Two shapes are read: "wide" census
 * tables with one column per sex and age band ({@code F_00_04}, {@code M_100Plus}, {@code T_Unstated}, as in
 * OCHA's COD-PS tables) and "long" tables with one row per area, sex, age band and count.
 */
public final class PopulationImport {

    static final Pattern WIDE = Pattern.compile("(?i)([FMT])_(\\d{1,3})_(\\d{1,3})|([FMT])_(\\d{1,3})\\s*(?:Plus|\\+)|([FMT])_Unstated");
    static final int MAX_ROWS = 200_000;
    private final Store store;
    private final AreaService areas;
    private final AuditLog audit;

    public PopulationImport(Store store, AreaService areas, AuditLog audit) {
        this.store = store;
        this.areas = areas;
        this.audit = audit;
    }

    /** A sex × age-band column of a wide table. */
    public record BandColumn(String header, String sex, String ageBand) {
    }

    /** The file's header and what was recognised in it. */
    public record Shape(List<String> headers, List<BandColumn> bands, TextFiles.Detected detected,
            List<List<String>> sample) {
    }

    /** {@code sexColumn} etc. are used only for long tables (no band columns found). */
    public record Mapping(String areaColumn, int year, String sexColumn, String ageColumn, String personsColumn,
            boolean skipUnknownAreas) {
    }

    public record RowError(long line, String column, String value, String reasonKey) {
    }

    public record Plan(int rows, int blankRows, int values, int unknownAreas, List<RowError> errors) {
        public boolean importable(boolean skipUnknown) {
            long blocking = errors.stream().filter(e -> !skipUnknown || !e.reasonKey().equals("platform.population.unknownArea"))
                    .count();
            return blocking == 0 && values > 0;
        }
    }

    /**
     * The column whose values are most often codes of existing areas: a better first guess than the header's
     * name (a census has ADM0_PCODE before ADM1_PCODE, and the country code may be an area code too).
     */
    public String guessAreaColumn(Shape shape) {
        String best = null;
        int bestHits = 0;
        for (int col = 0; col < shape.headers().size(); col++) {
            int hits = 0;
            java.util.Set<String> distinct = new java.util.HashSet<>();
            for (List<String> row : shape.sample()) {
                String code = col < row.size() ? AreaCode.normalize(row.get(col)) : null;
                if (code != null && areas.byCode(code).isPresent() && distinct.add(code)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = shape.headers().get(col);
                bestHits = hits;
            }
        }
        return best;
    }

    public Shape shape(Path file) {
        TextFiles.Detected d = TextFiles.detect(file);
        try (CSVParser p = parser(file, d)) {
            List<String> headers = new ArrayList<>(p.getHeaderNames());
            List<List<String>> sample = new ArrayList<>();
            for (CSVRecord r : p) {
                if (sample.size() >= 20) {
                    break;
                }
                if (!blank(r)) {
                    sample.add(r.toList());
                }
            }
            return new Shape(headers, bands(headers), d, sample);
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new Problem(422, "platform.csv.unreadable", String.valueOf(e.getMessage()));
        }
    }

    /** Wide-table columns; when a table has F and M bands, the T (total) bands are left out. */
    static List<BandColumn> bands(List<String> headers) {
        List<BandColumn> all = new ArrayList<>();
        for (String h : headers) {
            Matcher m = WIDE.matcher(h.strip());
            if (!m.matches()) {
                continue;
            }
            if (m.group(1) != null) {
                all.add(new BandColumn(h, m.group(1).toUpperCase(), pad(m.group(2)) + "-" + pad(m.group(3))));
            } else if (m.group(4) != null) {
                all.add(new BandColumn(h, m.group(4).toUpperCase(), Integer.parseInt(m.group(5)) + "+"));
            } else {
                all.add(new BandColumn(h, m.group(6).toUpperCase(), "unknown"));
            }
        }
        boolean bySex = all.stream().anyMatch(b -> !b.sex().equals("T"));
        return bySex ? all.stream().filter(b -> !b.sex().equals("T")).toList() : all;
    }

    private static String pad(String n) {
        return n.length() == 1 ? "0" + n : n;
    }

    public Plan plan(Path file, Shape shape, Mapping m) {
        return walk(file, shape, m, null);
    }

    public int commit(Path file, Shape shape, Mapping m, String fileName, String actor, String address) {
        Plan plan = plan(file, shape, m);
        if (!plan.importable(m.skipUnknownAreas())) {
            throw Problem.invalid("platform.population.notImportable", plan.errors().size());
        }
        store.tx(c -> {
            walk(file, shape, m, (areaId, sex, band, persons) -> areas.areas.upsertPopulation(c, areaId, m.year(), sex, band, persons));
            audit.append(c, new AuditLog.Event(actor, address, "population.import", "file", fileName, "ok",
                    plan.values() + " values for " + m.year()));
            return null;
        });
        areas.reload();
        return plan.values();
    }

    @FunctionalInterface
    interface Sink {
        void put(long areaId, String sex, String ageBand, long persons) throws java.sql.SQLException;
    }

    private Plan walk(Path file, Shape shape, Mapping m, Sink sink) {
        if (!shape.headers().contains(m.areaColumn())) {
            throw Problem.invalid("platform.population.chooseAreaColumn");
        }
        if (m.year() < 1900 || m.year() > 2100) {
            throw Problem.invalid("platform.population.badYear");
        }
        boolean wide = !shape.bands().isEmpty();
        if (!wide && (!shape.headers().contains(m.sexColumn()) || !shape.headers().contains(m.ageColumn())
                || !shape.headers().contains(m.personsColumn()))) {
            throw Problem.invalid("platform.population.chooseColumns");
        }
        int rows = 0;
        int blank = 0;
        int values = 0;
        int unknown = 0;
        List<RowError> errors = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        try (CSVParser p = parser(file, shape.detected())) {
            for (CSVRecord r : p) {
                long line = r.getRecordNumber() + 1;
                if (blank(r)) {
                    blank++;
                    continue;
                }
                if (++rows > MAX_ROWS) {
                    throw Problem.invalid("platform.population.tooManyRows", MAX_ROWS);
                }
                String code = AreaCode.normalize(get(r, m.areaColumn()));
                Area area = code == null ? null : areas.byCode(code).orElse(null);
                if (area == null) {
                    unknown++;
                    add(errors, new RowError(line, m.areaColumn(), get(r, m.areaColumn()), "platform.population.unknownArea"));
                    continue;
                }
                Map<String, Long> parsed = new LinkedHashMap<>();
                String seenKey = area.id() + "|";
                if (wide && !seen.add(seenKey + "row")) {
                    add(errors, new RowError(line, m.areaColumn(), get(r, m.areaColumn()), "platform.population.duplicate"));
                    continue;
                }
                if (wide) {
                    for (BandColumn b : shape.bands()) {
                        String raw = get(r, b.header());
                        if (raw.isBlank()) {
                            continue;
                        }
                        long n = count(raw);
                        if (n < 0) {
                            add(errors, new RowError(line, b.header(), raw, "platform.population.badNumber"));
                        } else {
                            parsed.put(b.sex() + "|" + b.ageBand(), n);
                        }
                    }
                } else {
                    String sex = sex(get(r, m.sexColumn()));
                    String band = band(get(r, m.ageColumn()));
                    long n = count(get(r, m.personsColumn()));
                    if (sex == null) {
                        add(errors, new RowError(line, m.sexColumn(), get(r, m.sexColumn()), "platform.population.badSex"));
                    } else if (band == null) {
                        add(errors, new RowError(line, m.ageColumn(), get(r, m.ageColumn()), "platform.population.badAge"));
                    } else if (!seen.add(seenKey + sex + "|" + band)) {
                        add(errors, new RowError(line, m.areaColumn(), get(r, m.areaColumn()) + " " + sex + " " + band,
                                "platform.population.duplicate"));
                    } else if (n < 0) {
                        add(errors, new RowError(line, m.personsColumn(), get(r, m.personsColumn()), "platform.population.badNumber"));
                    } else {
                        parsed.merge(sex + "|" + band, n, Long::sum);
                    }
                }
                values += parsed.size();
                if (sink != null) {
                    for (var e : parsed.entrySet()) {
                        String[] k = e.getKey().split("\\|", 2);
                        sink.put(area.id(), k[0], k[1], e.getValue());
                    }
                }
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new Problem(422, "platform.csv.unreadable", String.valueOf(e.getMessage()));
        } catch (java.sql.SQLException e) {
            throw new org.safercities.platform.store.StoreException(e.getMessage(), e);
        }
        return new Plan(rows, blank, values, unknown, errors);
    }

    private static void add(List<RowError> errors, RowError e) {
        if (errors.size() < 10_000) {
            errors.add(e);
        }
    }

    private static CSVParser parser(Path file, TextFiles.Detected d) throws IOException {
        var in = Files.newInputStream(file);
        in.skipNBytes(d.bomBytes());
        Reader reader = new InputStreamReader(in, d.charset());
        return CSVFormat.RFC4180.builder().setDelimiter(d.separator()).setHeader().setSkipHeaderRecord(true)
                .setAllowMissingColumnNames(true).setDuplicateHeaderMode(org.apache.commons.csv.DuplicateHeaderMode.ALLOW_ALL)
                .setIgnoreSurroundingSpaces(true).setMaxRows(MAX_ROWS + 1).get().parse(reader);
    }

    private static boolean blank(CSVRecord r) {
        for (String v : r) {
            if (v != null && !v.isBlank()) {
                return false;
            }
        }
        return true;
    }

    private static String get(CSVRecord r, String column) {
        return r.isMapped(column) && r.isSet(column) ? r.get(column).strip() : "";
    }

    /** A whole, non-negative count: "1,208,303" and "1 208 303" are read; decimals and text are not. */
    static long count(String raw) {
        String s = raw.replace(",", "").replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
        if (s.matches("\\d{1,12}(\\.0+)?")) {
            return Long.parseLong(s.contains(".") ? s.substring(0, s.indexOf('.')) : s);
        }
        return -1;
    }

    static String sex(String raw) {
        String s = raw.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "f", "female", "women", "woman", "femme", "mujer", "femenino", "женский", "ж", "女", "أنثى" -> "F";
            case "m", "male", "men", "man", "homme", "hombre", "masculino", "мужской", "м", "男", "ذكر" -> "M";
            case "t", "total", "all", "both", "ambos", "ensemble", "всего", "合计", "المجموع" -> "T";
            default -> null;
        };
    }

    static String band(String raw) {
        String s = raw.strip().replace('_', '-').replace("–", "-");
        Matcher m = Pattern.compile("(\\d{1,3})\\s*-\\s*(\\d{1,3})").matcher(s);
        if (m.matches()) {
            return pad(m.group(1)) + "-" + pad(m.group(2));
        }
        Matcher plus = Pattern.compile("(?i)(\\d{1,3})\\s*(\\+|plus)").matcher(s);
        if (plus.matches()) {
            return Integer.parseInt(plus.group(1)) + "+";
        }
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        if (lower.isEmpty() || lower.matches("unknown|not stated|unstated|n/?a|ns|desconocido|inconnu|неизвестно|不详|غير معروف")) {
            return "unknown";
        }
        return lower.matches("total|all|all ages|todos|tous|всего|合计|总计|المجموع") ? "total" : null;
    }
}
