package org.safercities.exchange;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.accounts.Role;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/** The national roll-up's page and its CSV (everyone signed in: received exports hold aggregates only). */
final class RollupRoutes implements HttpService {

    private final Rollup rollup;
    private final Pages pages;

    RollupRoutes(Rollup rollup, Pages pages) {
        this.rollup = rollup;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exchange/rollup", this::page)
                .get("/exchange/rollup.csv", this::csv);
    }

    record PeriodOption(String value, boolean selected) {
    }

    record CityHead(String name, String country, String signer) {
    }

    record CellView(String text, boolean suppressed, boolean missing) {
    }

    record RowView(String code, String name, String unit, List<CellView> cells) {
    }

    record Page(List<PeriodOption> periods, boolean hasPeriods, String period, List<CityHead> cities, int cityCount,
            List<RowView> rows, boolean hasRows, String csvUrl) {
    }

    private static CellView cell(Translator t, Rollup.Cell c) {
        if (c.suppressed()) {
            return new CellView(t.t("exchange.suppressed"), true, false);
        }
        if (c.value() == null) {
            return new CellView("—", false, true);
        }
        return new CellView(ReceivingRoutes.number(t, c.value()), false, false);
    }

    private void page(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Rollup.Table table = rollup.table(Visit.query(req, "period").orElse(""), t.locale());
        List<RowView> rows = new ArrayList<>();
        for (Rollup.Row r : table.rows()) {
            rows.add(new RowView(r.code(), r.name(), r.unit(), r.cells().stream().map(c -> cell(t, c)).toList()));
        }
        pages.render(res, v, "/exchange/rollup", "exchange/rollup", "exchange.rollup.title",
                new Page(table.periods().stream().map(p -> new PeriodOption(p, p.equals(table.period()))).toList(),
                        !table.periods().isEmpty(), table.period(),
                        table.cities().stream().map(c -> new CityHead(c.name(), c.country(), c.signer())).toList(),
                        table.cities().size(), rows, !rows.isEmpty(),
                        "/exchange/rollup.csv?period=" + java.net.URLEncoder.encode(table.period(),
                                java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** The table as shown: indicators as rows, cities as columns in the same alphabetical order. */
    private void csv(ServerRequest req, ServerResponse res) throws IOException {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        Translator t = v.t();
        Rollup.Table table = rollup.table(Visit.query(req, "period").orElse(""), t.locale());
        try (CsvOut out = CsvOut.download(res, "rollup-" + table.period() + ".csv")) {
            List<Object> head = new ArrayList<>(List.of(t.t("exchange.rollup.period"), t.t("exchange.rollup.code"),
                    t.t("exchange.rollup.indicator"), t.t("exchange.rollup.unit")));
            table.cities().forEach(c -> head.add(c.name() + " (" + c.country() + ")"));
            out.row(head);
            for (Rollup.Row r : table.rows()) {
                List<Object> row = new ArrayList<>(List.of(table.period(), r.code(), r.name(), r.unit()));
                for (Rollup.Cell c : r.cells()) {
                    row.add(c.suppressed() ? t.t("exchange.suppressed") : c.value() == null ? null
                            : new java.math.BigDecimal(java.math.BigDecimal.valueOf(c.value()).stripTrailingZeros()
                                    .toPlainString()));
                }
                out.row(row);
            }
        }
    }
}
