package org.safercities.exchange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The review report pages: the cycles, one cycle's form (pre-filled from the other modules, editable by the
 * coordination), its printable page. The office's staff and technical group read; the coordination edits.
 */
final class ReviewRoutes implements HttpService {

    private final ExchangeService service;
    private final Pages pages;

    ReviewRoutes(ExchangeService service, Pages pages) {
        this.service = service;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/exchange/review", this::list)
                .get("/exchange/review/{cycle}", this::form)
                .post("/exchange/review/{cycle}", this::save)
                .get("/exchange/review/{cycle}/print", this::print);
    }

    record CycleRow(int cycle, boolean saved, String updated, String url) {
    }

    record ListPage(List<CycleRow> cycles, boolean canEdit) {
    }

    private void list(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        Translator t = v.t();
        List<CycleRow> rows = new ArrayList<>();
        for (int c : service.cycles()) {
            Optional<Review> r = service.saved(c);
            rows.add(new CycleRow(c, r.isPresent(), r.map(x -> t.dateTime(x.updatedAt()) + " · " + x.updatedBy()).orElse(""),
                    "/exchange/review/" + c));
        }
        pages.render(res, v, "/exchange/review", "exchange/review-list", "exchange.review.title",
                new ListPage(rows, v.is(Role.COORDINATION)));
    }

    /** A suggestion shown under a field: what the other modules say, or which module would say it. */
    record FormPage(int cycle, boolean saved, String updated, boolean canEdit, ReviewForm values,
            Map<String, String> errors, boolean refused, boolean stale, Map<String, String> sources,
            List<String> missing, ReviewForm suggested, String currency, String printUrl) {
    }

    private void form(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        int cycle = cycle(req);
        ExchangeService.Prefill p = service.prefill(cycle, v.t());
        Optional<Review> saved = service.saved(cycle);
        render(res, Status.OK_200, v, cycle, saved.map(ReviewForm::of).orElseGet(() -> unsaved(p.review())), Map.of(), p,
                saved);
    }

    /** The proposed report as a form without a version: saving it creates the report. */
    private static ReviewForm unsaved(Review proposed) {
        ReviewForm f = ReviewForm.of(proposed);
        return new ReviewForm(f.measures(), f.difficulties(), f.assistance(), f.practicesNote(), f.toolsShared(),
                f.toolsPiloted(), f.focalPoints(), f.funds(), f.partnersEngaged(), "");
    }

    private void render(ServerResponse res, Status status, Visit v, int cycle, ReviewForm values,
            Map<String, String> errors, ExchangeService.Prefill p, Optional<Review> saved) {
        Translator t = v.t();
        pages.render(res, status, v, "/exchange/review", "exchange/review-form", "exchange.review.formTitle",
                new FormPage(cycle, saved.isPresent(),
                        saved.map(x -> t.dateTime(x.updatedAt()) + " · " + x.updatedBy()).orElse(""),
                        v.is(Role.COORDINATION), values, errors, !errors.isEmpty(), errors.containsKey("version"),
                        p.sources(), p.missing(), ReviewForm.of(p.review()), service.currency(),
                        "/exchange/review/" + cycle + "/print"));
    }

    private void save(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.COORDINATION);
        int cycle = cycle(req);
        ReviewForm f = ReviewForm.of(v.form());
        FieldErrors e = service.saveReview(cycle, f, v.actor(), v.address());
        if (!e.isEmpty()) {
            ExchangeService.Prefill p = service.prefill(cycle, v.t());
            Optional<Review> saved = service.saved(cycle);
            // a stale page keeps what was typed, with the version now stored so that a second save goes through
            ReviewForm kept = new ReviewForm(f.measures(), f.difficulties(), f.assistance(), f.practicesNote(),
                    f.toolsShared(), f.toolsPiloted(), f.focalPoints(), f.funds(), f.partnersEngaged(),
                    e.has("version") ? saved.map(x -> Integer.toString(x.version())).orElse("") : f.version());
            render(res, Status.create(e.has("version") ? 409 : 422), v, cycle, kept, e.in(v.t()), p, saved);
            return;
        }
        v.flash("exchange.review.saved", ExchangeService.year(cycle));
        Visit.redirect(res, "/exchange/review/" + cycle);
    }

    record PrintPage(int cycle, boolean saved, String produced, String updated, Review review, String funds,
            String currency, String cityName) {
    }

    private void print(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.STAFF);
        int cycle = cycle(req);
        Translator t = v.t();
        Optional<Review> saved = service.saved(cycle);
        Review r = saved.orElse(service.prefill(cycle, t).review());
        pages.render(res, v, "/exchange/review", "exchange/review-print", "exchange.review.printTitle",
                new PrintPage(cycle, saved.isPresent(), t.date(java.time.LocalDate.now()),
                        saved.map(x -> t.dateTime(x.updatedAt()) + " · " + x.updatedBy()).orElse(""), r,
                        t.number(Math.round(r.fundsMinor() / 100.0)), service.currency(), service.cityName()));
    }

    private static int cycle(ServerRequest req) {
        long c = Form.wholeNumber(req.path().pathParameters().get("cycle"));
        if (!ExchangeService.validCycle((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, c)))) {
            throw Problem.notFound();
        }
        return (int) c;
    }
}
