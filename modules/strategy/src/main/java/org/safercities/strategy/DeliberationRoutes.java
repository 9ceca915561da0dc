package org.safercities.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 * The discussion of a draft: the technical group's comments (STAFF write them: the technical group and the
 * office; COORDINATION resolves them) and the consultations that rank the priorities (EDITORS record them).
 * Everyone signed in reads.
 */
public final class DeliberationRoutes implements HttpService {

    static final Set<Role> COMMENT = Role.STAFF;

    private final StrategyService strategy;
    private final Deliberations deliberations;
    private final Pages pages;

    public record CommentRow(long id, String part, String author, String when, String body, boolean resolved,
            String resolvedLine) {
    }

    public record CommentsPage(long versionId, int number, boolean draft, List<CommentRow> comments, int unresolved,
            boolean canComment, boolean canResolve, List<StrategyRoutes.Option> parts, Map<String, String> values,
            Map<String, String> errors) {
    }

    public record RankRow(int place, String title, int points, int rank) {
    }

    public record ConsultationRow(String heldOn, String place, int participants, String bySex, String byAge) {
    }

    public record PointsField(String name, String title, String value) {
    }

    /** {@code canApply}: the coordinator may make the ranking the priorities' order ({@code shown}, {@code stamp}). */
    public record ConsultationPage(long versionId, int number, boolean draft, List<RankRow> ranking,
            List<ConsultationRow> consultations, String totals, boolean canRecord, List<PointsField> points,
            Map<String, String> values, Map<String, String> errors, boolean canApply, String shown, long stamp) {
    }

    public DeliberationRoutes(StrategyService strategy, Deliberations deliberations, Pages pages) {
        this.strategy = strategy;
        this.deliberations = deliberations;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/strategy/versions/{id}/comments", this::comments)
                .post("/strategy/versions/{id}/comments", this::addComment)
                .post("/strategy/comments/{id}/resolve", this::resolve)
                .get("/strategy/versions/{id}/consultation", this::consultation)
                .post("/strategy/versions/{id}/consultations", this::addConsultation)
                .post("/strategy/versions/{id}/ranking", this::applyRanking);
    }

    private void comments(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.READ);
        renderComments(res, Status.OK_200, v, version(req), Map.of(), new FieldErrors());
    }

    private void addComment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(COMMENT);
        StrategyVersion s = version(req);
        Form f = v.form();
        StrategyService.Saved saved = deliberations.comment(s.id(), f.get("part"), f.get("body"),
                v.t().t("strategy.version.vision"), v.actor(), v.address());
        if (!saved.ok()) {
            renderComments(res, Status.create(422), v, s, Map.of("part", f.get("part"), "body", f.get("body")),
                    saved.errors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "/comments");
    }

    private void resolve(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.ADOPT);
        long versionId = deliberations.resolve(Form.wholeNumber(req.path().pathParameters().get("id")), v.actor(),
                v.address());
        v.flash("strategy.comment.resolvedNotice");
        Visit.redirect(res, "/strategy/versions/" + versionId + "/comments");
    }

    private void consultation(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.READ);
        renderConsultation(res, Status.OK_200, v, version(req), Map.of(), new FieldErrors());
    }

    private void addConsultation(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.WRITE);
        StrategyVersion s = version(req);
        Form f = v.form();
        Map<Long, String> points = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : List.of("heldOn", "place", "women", "men", "sexOther", "under15", "age15to24", "age25to59",
                "age60plus")) {
            values.put(name, f.get(name));
        }
        for (Priority p : strategy.priorities(s.id())) {
            points.put(p.id(), f.get("points." + p.id()));
            values.put("points." + p.id(), f.get("points." + p.id()));
        }
        Deliberations.ConsultationForm form = new Deliberations.ConsultationForm(f.get("heldOn"), f.get("place"),
                f.get("women"), f.get("men"), f.get("sexOther"), f.get("under15"), f.get("age15to24"),
                f.get("age25to59"), f.get("age60plus"), points);
        StrategyService.Saved saved = deliberations.addConsultation(s.id(), form, v.actor(), v.address());
        if (!saved.ok()) {
            renderConsultation(res, Status.create(422), v, s, values, saved.errors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "/consultation");
    }

    /** The coordinator makes the consultations' ranking the draft's priority order. */
    private void applyRanking(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.ADOPT);
        StrategyVersion s = version(req);
        Form f = v.form();
        try {
            deliberations.applyRanking(s.id(), f.get("shown"), Form.wholeNumber(f.get("stamp")), v.actor(), v.address());
        } catch (Problem p) {
            if (!p.messageKey().equals("platform.error.editedMeanwhile")
                    && !p.messageKey().equals("strategy.error.noConsultation")) {
                throw p;
            }
            renderConsultation(res, Status.create(p.status()), v, strategy.version(s.id()), Map.of(),
                    new FieldErrors().add("ranking", p.messageKey(), p.args()));
            return;
        }
        v.flash("strategy.consultation.rankingApplied");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "#priorities");
    }

    private void renderComments(ServerResponse res, Status status, Visit v, StrategyVersion s, Map<String, String> values,
            FieldErrors e) {
        Translator t = v.t();
        List<CommentRow> rows = deliberations.comments(s.id()).stream().map(k -> new CommentRow(k.id(), k.partLabel(),
                k.author(), t.dateTime(k.createdAt()), k.body(), k.resolved(), k.resolved()
                        ? t.t("strategy.comment.resolvedLine", k.resolvedBy(), t.dateTime(k.resolvedAt())) : "")).toList();
        List<StrategyRoutes.Option> parts = new ArrayList<>();
        deliberations.parts(s.id(), t.t("strategy.version.vision")).forEach((code, label) -> parts.add(
                new StrategyRoutes.Option(code, label, code.equals(values.get("part")))));
        pages.render(res, status, v, "/strategy", "strategy/comments", "strategy.comments.title",
                new CommentsPage(s.id(), s.number(), s.isDraft(), rows, (int) rows.stream().filter(r -> !r.resolved()).count(),
                        s.isDraft() && v.is(COMMENT), s.isDraft() && v.is(StrategyRoutes.ADOPT), parts, values, e.in(t)));
    }

    private void renderConsultation(ServerResponse res, Status status, Visit v, StrategyVersion s,
            Map<String, String> values, FieldErrors e) {
        Translator t = v.t();
        List<Deliberations.Ranked> ranked = deliberations.ranking(s.id());
        List<RankRow> ranking = ranked.stream().map(r -> new RankRow(r.place(),
                r.priority().title(), r.points(), r.priority().rank())).toList();
        List<Consultation> all = deliberations.consultations(s.id());
        List<ConsultationRow> rows = all.stream().map(k -> new ConsultationRow(t.date(k.heldOn()), k.place(),
                k.participants(), t.t("strategy.consultation.bySexLine", k.women(), k.men(), k.sexOther()),
                t.t("strategy.consultation.byAgeLine", k.under15(), k.age15to24(), k.age25to59(), k.age60plus())))
                .toList();
        int women = all.stream().mapToInt(Consultation::women).sum();
        int people = all.stream().mapToInt(Consultation::participants).sum();
        String totals = t.t("strategy.consultation.totals", people, women);
        List<PointsField> points = strategy.priorities(s.id()).stream().map(p -> new PointsField("points." + p.id(),
                p.title(), values.getOrDefault("points." + p.id(), ""))).toList();
        pages.render(res, status, v, "/strategy", "strategy/consultation", "strategy.consultation.title",
                new ConsultationPage(s.id(), s.number(), s.isDraft(), ranking, rows, totals,
                        s.isDraft() && v.is(StrategyRoutes.WRITE), points, values, e.in(t),
                        s.isDraft() && v.is(StrategyRoutes.ADOPT) && !all.isEmpty() && !ranked.isEmpty(),
                        Deliberations.shown(ranked), s.stamp()));
    }

    private StrategyVersion version(ServerRequest req) {
        return strategy.version(Form.wholeNumber(req.path().pathParameters().get("id")));
    }
}
