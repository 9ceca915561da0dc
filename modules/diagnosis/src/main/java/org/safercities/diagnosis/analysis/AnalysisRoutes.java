package org.safercities.diagnosis.analysis;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.diagnosis.incidents.Codes;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The analysis page: counts and rates per 100 000 by area, category, sex, age or period, with composable filters,
 * a chart, a comparison with the whole selection (rate ratio) and the same table as CSV. Everyone signed in may
 * look; partner viewers get disclosure control, and so does every CSV (it leaves the office).
 */
public final class AnalysisRoutes implements HttpService {

    private final Analysis analysis;
    private final AreaService areas;
    private final Pages pages;
    private final int threshold;

    public AnalysisRoutes(Analysis analysis, AreaService areas, Pages pages, int threshold) {
        this.analysis = analysis;
        this.areas = areas;
        this.pages = pages;
        this.threshold = threshold;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/diagnosis/analysis", this::page)
                .get("/diagnosis/analysis.csv", this::csv);
    }

    /** The query of a request, with defaults: the whole city, the whole period with incidents, by area. */
    Query query(ServerRequest req) {
        int[] months = analysis.months();
        long root = areas.root().map(Area::id).orElse(0L);
        long area = Visit.query(req, "area").filter(s -> !s.isBlank()).map(Form::wholeNumber).orElse(root);
        if (areas.byId(area).isEmpty()) {
            area = root;
        }
        String iccs = Visit.query(req, "iccs").filter(Codes::isIccs).orElse("");
        String sex = Visit.query(req, "sex").filter(Codes.SEXES::contains).orElse("");
        String age = Visit.query(req, "age").filter(Query.AGE_GROUPS::contains).orElse("");
        return new Query(area, Query.month(Visit.query(req, "from").orElse(null), months[0]),
                Query.month(Visit.query(req, "to").orElse(null), months[1]), iccs.equals("unknown") ? "unknown" : iccs,
                sex, age, Visit.query(req, "by").orElse("area"), Visit.query(req, "split").orElse(""));
    }

    public record Choice(String value, String label, boolean selected) {
    }

    public record Cell(String text, boolean hidden) {
    }

    public record Row(String label, List<Cell> cells, Cell total, String rate, String ratio) {
    }

    public record AnalysisPage(List<Choice> areas, List<Choice> categories, List<Choice> sexes, List<Choice> ages,
            List<Choice> dimensions, List<Choice> splits, String from, String to, List<String> columns, List<Row> rows,
            Row totals, boolean split, boolean suppressed, String hiddenNote, String summary, String chart,
            String parameters, boolean empty) {
    }

    private void page(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Query q = query(req);
        Translator t = v.t();
        boolean partner = !v.is(Role.STAFF);
        Table table = analysis.table(q);
        Published p = partner ? Published.suppressed(table, threshold) : Published.exact(table);
        List<Row> rows = rows(t, p);
        Row totals = row(t, p, table.rows().size(), t.t("diagnosis.analysis.total"));
        String overall = Double.isNaN(p.rowRate(table.rows().size())) ? "—"
                : t.number(p.rowRate(table.rows().size()), 1);
        String summary = t.t("diagnosis.analysis.summary", totals.total().text(), overall, Query.month(q.from()),
                Query.month(q.to()));
        pages.render(res, v, "/diagnosis/analysis", "diagnosis/analysis", "diagnosis.analysis.title",
                new AnalysisPage(areaChoices(q.areaId()), categoryChoices(t, q.iccs()), sexChoices(t, q.sex()),
                        ageChoices(t, q.age()), dimensionChoices(t, q.by()), splitChoices(t, q.split()),
                        Query.month(q.from()), Query.month(q.to()),
                        table.columns().stream().map(c -> Labels.column(t, c)).toList(), rows, totals,
                        table.columns().size() > 1, p.suppressed(), t.t("diagnosis.analysis.hiddenNote", threshold),
                        summary, chart(t, p), q.toParameters(), table.total() == 0));
    }

    private List<Row> rows(Translator t, Published p) {
        List<Row> out = new ArrayList<>();
        Table table = p.table();
        for (int r = 0; r < table.rows().size(); r++) {
            out.add(row(t, p, r, Labels.row(t, areas, table.query().by(), table.rows().get(r))));
        }
        return out;
    }

    private Row row(Translator t, Published p, int r, String label) {
        Table table = p.table();
        List<Cell> cells = new ArrayList<>();
        for (int c = 0; c < table.columns().size(); c++) {
            cells.add(cell(t, p.count(r, c)));
        }
        double rate = p.rowRate(r);
        double all = p.rowRate(table.rows().size());
        String ratio = Double.isNaN(rate) || Double.isNaN(all) || all == 0 || r == table.rows().size() ? ""
                : t.number(rate / all, 2);
        return new Row(label, cells, cell(t, p.count(r, table.columns().size())),
                Double.isNaN(rate) ? "—" : t.number(rate, 1), ratio);
    }

    private static Cell cell(Translator t, OptionalLong n) {
        return n.isPresent() ? new Cell(t.number(n.getAsLong()), false) : new Cell(t.t("diagnosis.analysis.hidden"), true);
    }

    /** The chart's data as JSON in a data attribute (the CSP allows no inline script): labels, counts, rates. */
    private String chart(Translator t, Published p) {
        Table table = p.table();
        StringBuilder labels = new StringBuilder("[");
        StringBuilder counts = new StringBuilder("[");
        StringBuilder rates = new StringBuilder("[");
        int columns = table.columns().size();
        for (int r = 0; r < table.rows().size(); r++) {
            String sep = r == 0 ? "" : ",";
            labels.append(sep).append(Json.string(Labels.row(t, areas, table.query().by(), table.rows().get(r))));
            OptionalLong n = p.count(r, columns);
            counts.append(sep).append(n.isPresent() ? Long.toString(n.getAsLong()) : "null");
            double rate = p.rowRate(r);
            rates.append(sep).append(Double.isNaN(rate) ? "null" : String.format(Locale.ROOT, "%.2f", rate));
        }
        boolean time = List.of("month", "quarter", "year").contains(table.query().by());
        return "{\"kind\":\"" + (time ? "line" : "bar") + "\",\"labels\":" + labels + "],\"counts\":" + counts
                + "],\"rates\":" + rates + "],\"countName\":" + Json.string(t.t("diagnosis.analysis.count"))
                + ",\"rateName\":" + Json.string(t.t("diagnosis.analysis.rate")) + "}";
    }

    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Query q = query(req);
        Translator t = v.t();
        Published p = Published.suppressed(analysis.table(q), threshold);
        Table table = p.table();
        try (CsvOut csv = CsvOut.download(res, "diagnosis-" + q.by() + ".csv")) {
            List<Object> head = new ArrayList<>();
            head.add(t.t("diagnosis.analysis.by." + q.by()));
            table.columns().forEach(c -> head.add(Labels.column(t, c)));
            if (table.columns().size() > 1) {
                head.add(t.t("diagnosis.analysis.total"));
            }
            head.add(t.t("diagnosis.analysis.rate"));
            csv.row(head);
            for (int r = 0; r <= table.rows().size(); r++) {
                List<Object> line = new ArrayList<>();
                line.add(r == table.rows().size() ? t.t("diagnosis.analysis.total")
                        : Labels.row(t, areas, q.by(), table.rows().get(r)));
                for (int c = 0; c < table.columns().size(); c++) {
                    line.add(csvCell(t, p.count(r, c)));
                }
                if (table.columns().size() > 1) {
                    line.add(csvCell(t, p.count(r, table.columns().size())));
                }
                double rate = p.rowRate(r);
                line.add(Double.isNaN(rate) ? "" : String.format(Locale.ROOT, "%.2f", rate));
                csv.row(line);
            }
            csv.row(List.of(t.t("diagnosis.analysis.csvNote", threshold, Query.month(q.from()), Query.month(q.to()))));
        }
    }

    private static Object csvCell(Translator t, OptionalLong n) {
        return n.isPresent() ? (Object) n.getAsLong() : t.t("diagnosis.analysis.hidden");
    }

    // ---- the filter form's choices

    List<Choice> areaChoices(long selected) {
        List<Choice> out = new ArrayList<>();
        for (Area a : areas.depthFirst()) {
            out.add(new Choice(Long.toString(a.id()), "\u2003".repeat(a.level()) + a.name(), a.id() == selected));
        }
        return out;
    }

    static List<Choice> categoryChoices(Translator t, String selected) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", t.t("diagnosis.analysis.allCategories"), selected.isEmpty()));
        for (String c : Codes.ICCS) {
            String label = c.equals("unknown") ? t.t("diagnosis.iccs.unknown")
                    : (c.length() == 4 ? "\u2003" : "") + c + " " + t.t("diagnosis.iccs." + c);
            out.add(new Choice(c, label, c.equals(selected)));
        }
        return out;
    }

    static List<Choice> sexChoices(Translator t, String selected) {
        List<Choice> out = new ArrayList<>();
        out.add(new Choice("", t.t("diagnosis.analysis.allSexes"), selected.isEmpty()));
        Codes.SEXES.forEach(s -> out.add(new Choice(s, t.t("diagnosis.sex." + s), s.equals(selected))));
        return out;
    }

    static List<Choice> ageChoices(Translator t, String selected) {
        return Query.AGE_GROUPS.stream().map(g -> new Choice(g, Labels.ageGroup(t, g), g.equals(selected))).toList();
    }

    static List<Choice> dimensionChoices(Translator t, String selected) {
        return Query.DIMENSIONS.stream()
                .map(d -> new Choice(d, t.t("diagnosis.analysis.by." + d), d.equals(selected))).toList();
    }

    static List<Choice> splitChoices(Translator t, String selected) {
        return List.of(new Choice("", t.t("diagnosis.analysis.noSplit"), selected.isEmpty()),
                new Choice("sex", t.t("diagnosis.analysis.splitSex"), selected.equals("sex")));
    }
}
