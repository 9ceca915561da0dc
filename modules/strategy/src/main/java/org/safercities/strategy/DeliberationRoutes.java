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

    /** {@code canChange}: the reader may edit or delete it (its author, or a coordinator, on a draft). */
    public record CommentRow(long id, String part, String author, String when, String body, boolean resolved,
            String resolvedLine, int version, boolean canChange, String editedLine) {
    }

    public record CommentEditPage(long id, long versionId, int number, int version, String part, String author,
            Map<String, String> values, Map<String, String> errors) {
    }

    public record ConsultationEditPage(long id, long versionId, int number, int version, List<PointsField> points,
            Map<String, String> values, Map<String, String> errors) {
    }

    public record CommentsPage(long versionId, int number, boolean draft, List<CommentRow> comments, int unresolved,
            boolean canComment, boolean canResolve, List<StrategyRoutes.Option> parts, Map<String, String> values,
            Map<String, String> errors) {
    }

    public record RankRow(int place, String title, int points, int rank) {
    }

    public record ConsultationRow(long id, int version, String heldOn, String place, int participants, String bySex,
            String byAge) {
    }

    public record PointsField(String name, String title, String value) {
    }

    /** {@code canApply}: the coordinator may make the ranking the priorities' order ({@code shown}, {@code stamp}). */
    public record ConsultationPage(long versionId, int number, boolean draft, List<RankRow> ranking,
            List<ConsultationRow> consultations, String totals, boolean canRecord, List<PointsField> points,
            Map<String, String> values, Map<String, String> errors, boolean canApply, String shown, long stamp,
            boolean canChange) {
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
                .post("/strategy/versions/{id}/ranking", this::applyRanking)
                .get("/strategy/comments/{id}/edit", this::editCommentForm)
                .post("/strategy/comments/{id}", this::editComment)
                .post("/strategy/comments/{id}/delete", this::deleteComment)
                .get("/strategy/consultations/{id}/edit", this::editConsultationForm)
                .post("/strategy/consultations/{id}", this::editConsultation)
                .post("/strategy/consultations/{id}/delete", this::deleteConsultation);
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
        Map<String, String> values = new LinkedHashMap<>();
        Deliberations.ConsultationForm form = consultationForm(v.form(), s, values);
        StrategyService.Saved saved = deliberations.addConsultation(s.id(), form, v.actor(), v.address());
        if (!saved.ok()) {
            renderConsultation(res, Status.create(422), v, s, values, saved.errors());
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "/consultation");
    }

    // ---- editing and deleting comments (their author or a coordinator) and consultations (a coordinator)

    private void editCommentForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(COMMENT);
        Comment k = deliberations.comment(id(req));
        StrategyVersion s = changeable(k, v);
        renderCommentEdit(res, Status.OK_200, v, s, k, k.version(), Map.of("body", k.body()), new FieldErrors());
    }

    private void editComment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(COMMENT);
        Comment k = deliberations.comment(id(req));
        StrategyVersion s = changeable(k, v);
        Form f = v.form();
        int version = (int) Form.wholeNumber(f.get("version"));
        Status status = Status.create(422);
        FieldErrors errors;
        try {
            errors = deliberations.editComment(k.id(), version, f.get("body"), v.is(StrategyRoutes.ADOPT), v.actor(),
                    v.address()).errors();
        } catch (Problem p) {
            errors = editedMeanwhile(p);
            status = Status.CONFLICT_409;
        }
        if (!errors.isEmpty()) {
            renderCommentEdit(res, status, v, s, k, version, Map.of("body", f.get("body")), errors);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "/comments");
    }

    private void deleteComment(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(COMMENT);
        long versionId = deliberations.deleteComment(id(req), (int) Form.wholeNumber(v.form().get("version")),
                v.is(StrategyRoutes.ADOPT), v.actor(), v.address());
        v.flash("strategy.deleted");
        Visit.redirect(res, "/strategy/versions/" + versionId + "/comments");
    }

    /** The comment's version, when the reader may change the comment (403) and the version is a draft (409). */
    private StrategyVersion changeable(Comment k, Visit v) {
        if (!k.changeableBy(v.actor(), v.is(StrategyRoutes.ADOPT))) {
            throw Problem.forbidden();
        }
        return draft(strategy.version(k.versionId()));
    }

    private static StrategyVersion draft(StrategyVersion s) {
        if (!s.isDraft()) {
            throw Problem.conflict("strategy.error.readOnly", Integer.toString(s.number()));
        }
        return s;
    }

    private void editConsultationForm(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.ADOPT);
        Consultation k = deliberations.consultation(id(req));
        StrategyVersion s = draft(strategy.version(k.versionId()));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("heldOn", k.heldOn().toString());
        values.put("place", k.place());
        int[] n = {k.women(), k.men(), k.sexOther(), k.under15(), k.age15to24(), k.age25to59(), k.age60plus()};
        for (int i = 0; i < COUNTS.size(); i++) {
            values.put(COUNTS.get(i), Integer.toString(n[i]));
        }
        k.points().forEach((p, points) -> values.put("points." + p, Integer.toString(points)));
        renderConsultationEdit(res, Status.OK_200, v, s, k.id(), k.version(), values, new FieldErrors());
    }

    private void editConsultation(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.ADOPT);
        Consultation k = deliberations.consultation(id(req));
        StrategyVersion s = draft(strategy.version(k.versionId()));
        Form f = v.form();
        Map<String, String> values = new LinkedHashMap<>();
        Deliberations.ConsultationForm form = consultationForm(f, s, values);
        int version = (int) Form.wholeNumber(f.get("version"));
        Status status = Status.create(422);
        FieldErrors errors;
        try {
            errors = deliberations.updateConsultation(k.id(), version, form, v.actor(), v.address()).errors();
        } catch (Problem p) {
            errors = editedMeanwhile(p);
            status = Status.CONFLICT_409;
        }
        if (!errors.isEmpty()) {
            renderConsultationEdit(res, status, v, s, k.id(), version, values, errors);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "/consultation");
    }

    private void deleteConsultation(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.ADOPT);
        long versionId = deliberations.deleteConsultation(id(req), (int) Form.wholeNumber(v.form().get("version")),
                v.actor(), v.address());
        v.flash("strategy.deleted");
        Visit.redirect(res, "/strategy/versions/" + versionId + "/consultation");
    }

    /** A 409 "edited meanwhile" becomes a message on the form, the user's input kept; other problems go up. */
    private static FieldErrors editedMeanwhile(Problem p) {
        if (!p.messageKey().equals("platform.error.editedMeanwhile")) {
            throw p;
        }
        return new FieldErrors().add("form", p.messageKey(), p.args());
    }

    private void renderCommentEdit(ServerResponse res, Status status, Visit v, StrategyVersion s, Comment k, int version,
            Map<String, String> values, FieldErrors e) {
        pages.render(res, status, v, "/strategy", "strategy/comment-edit", "strategy.comment.edit",
                new CommentEditPage(k.id(), s.id(), s.number(), version, k.partLabel(), k.author(), values, e.in(v.t())));
    }

    private void renderConsultationEdit(ServerResponse res, Status status, Visit v, StrategyVersion s, long id,
            int version, Map<String, String> values, FieldErrors e) {
        List<PointsField> points = strategy.priorities(s.id()).stream().map(p -> new PointsField("points." + p.id(),
                p.title(), values.getOrDefault("points." + p.id(), ""))).toList();
        pages.render(res, status, v, "/strategy", "strategy/consultation-edit", "strategy.consultation.edit",
                new ConsultationEditPage(id, s.id(), s.number(), version, points, values, e.in(v.t())));
    }

    private static long id(ServerRequest req) {
        return Form.wholeNumber(req.path().pathParameters().get("id"));
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

    /** The counts of a consultation form, in the order of the table's columns. */
    private static final List<String> COUNTS = List.of("women", "men", "sexOther", "under15", "age15to24", "age25to59",
            "age60plus");

    /** The consultation form as typed; {@code values} gets every field, to show it back on a mistake. */
    private Deliberations.ConsultationForm consultationForm(Form f, StrategyVersion s, Map<String, String> values) {
        Map<Long, String> points = new LinkedHashMap<>();
        values.put("heldOn", f.get("heldOn"));
        values.put("place", f.get("place"));
        COUNTS.forEach(name -> values.put(name, f.get(name)));
        for (Priority p : strategy.priorities(s.id())) {
            points.put(p.id(), f.get("points." + p.id()));
            values.put("points." + p.id(), f.get("points." + p.id()));
        }
        return new Deliberations.ConsultationForm(f.get("heldOn"), f.get("place"), f.get("women"), f.get("men"),
                f.get("sexOther"), f.get("under15"), f.get("age15to24"), f.get("age25to59"), f.get("age60plus"), points);
    }

    private void renderComments(ServerResponse res, Status status, Visit v, StrategyVersion s, Map<String, String> values,
            FieldErrors e) {
        Translator t = v.t();
        boolean coordinator = v.is(StrategyRoutes.ADOPT);
        List<CommentRow> rows = deliberations.comments(s.id()).stream().map(k -> new CommentRow(k.id(), k.partLabel(),
                k.author(), t.dateTime(k.createdAt()), k.body(), k.resolved(), k.resolved()
                        ? t.t("strategy.comment.resolvedLine", k.resolvedBy(), t.dateTime(k.resolvedAt())) : "",
                k.version(), s.isDraft() && v.is(COMMENT) && k.changeableBy(v.actor(), coordinator),
                k.editedAt() == null ? "" : t.t("strategy.comment.editedLine", k.editedBy(), t.dateTime(k.editedAt()))))
                .toList();
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
        List<ConsultationRow> rows = all.stream().map(k -> new ConsultationRow(k.id(), k.version(), t.date(k.heldOn()), k.place(),
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
                        Deliberations.shown(ranked), s.stamp(), s.isDraft() && v.is(StrategyRoutes.ADOPT)));
    }

    private StrategyVersion version(ServerRequest req) {
        return strategy.version(Form.wholeNumber(req.path().pathParameters().get("id")));
    }
}
