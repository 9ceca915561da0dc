package org.safercities.strategy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.FieldErrors;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The self-assessment sheet of a version and its radar (principles A–M; the version it was revised from as a
 * second line). Everyone reads; STAFF (the technical group and the office) score a draft.
 */
public final class AssessmentRoutes implements HttpService {

    private final StrategyService strategy;
    private final SelfAssessment assessment;
    private final Pages pages;

    public record ItemRow(String item, String label, List<StrategyRoutes.Option> scores, String evidence,
            String error, String scoreLabel) {
    }

    public record AssessmentPage(long versionId, int number, boolean canScore, List<ItemRow> principles,
            List<ItemRow> organisation, String average, String dataUrl) {
    }

    public AssessmentRoutes(StrategyService strategy, SelfAssessment assessment, Pages pages) {
        this.strategy = strategy;
        this.assessment = assessment;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/strategy/versions/{id}/assessment", this::show)
                .post("/strategy/versions/{id}/assessment", this::save)
                .get("/strategy/versions/{id}/assessment.json", this::radarData);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.READ);
        StrategyVersion s = version(req);
        Map<String, String> scores = new HashMap<>();
        Map<String, String> evidence = new HashMap<>();
        assessment.scores(s.id()).forEach((item, x) -> {
            scores.put(item, Integer.toString(x.score()));
            evidence.put(item, x.evidence());
        });
        render(res, Status.OK_200, v, s, scores, evidence, new FieldErrors());
    }

    private void save(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(DeliberationRoutes.COMMENT);
        StrategyVersion s = version(req);
        Form f = v.form();
        Map<String, String> scores = new HashMap<>();
        Map<String, String> evidence = new HashMap<>();
        for (String item : SelfAssessment.items()) {
            scores.put(item, f.get("score." + item));
            evidence.put(item, f.get("evidence." + item));
        }
        FieldErrors e = assessment.save(s.id(), scores, evidence, v.actor(), v.address());
        if (!e.isEmpty()) {
            render(res, Status.create(422), v, s, scores, evidence, e);
            return;
        }
        v.flash("platform.saved");
        Visit.redirect(res, "/strategy/versions/" + s.id() + "/assessment");
    }

    /** The radar's data in the user's language: one axis per principle, this version and the one it revised. */
    private void radarData(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.READ);
        Translator t = v.t();
        StrategyVersion s = version(req);
        StringBuilder json = new StringBuilder(2048).append("{\"max\":").append(SelfAssessment.MAX).append(",\"indicators\":[");
        for (int i = 0; i < SelfAssessment.PRINCIPLES.size(); i++) {
            String p = SelfAssessment.PRINCIPLES.get(i);
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(p.toUpperCase(java.util.Locale.ROOT)
                    + ". " + t.t("strategy.principle." + p))).append(",\"max\":").append(SelfAssessment.MAX).append('}');
        }
        json.append("],\"series\":[");
        series(json, t, s);
        if (s.basedOn() != null) {
            json.append(',');
            series(json, t, strategy.version(s.basedOn()));
        }
        json.append("]}");
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void series(StringBuilder json, Translator t, StrategyVersion s) {
        Map<String, SelfAssessment.Score> scores = assessment.scores(s.id());
        json.append("{\"name\":").append(Json.string(t.t("strategy.version.number") + " " + s.number())).append(",\"value\":[");
        for (int i = 0; i < SelfAssessment.PRINCIPLES.size(); i++) {
            SelfAssessment.Score x = scores.get(SelfAssessment.PRINCIPLES.get(i));
            json.append(i == 0 ? "" : ",").append(x == null ? 0 : x.score());
        }
        json.append("]}");
    }

    private void render(ServerResponse res, Status status, Visit v, StrategyVersion s, Map<String, String> scores,
            Map<String, String> evidence, FieldErrors e) {
        Translator t = v.t();
        Map<String, String> errors = e.in(t);
        List<ItemRow> principles = new ArrayList<>();
        for (String p : SelfAssessment.PRINCIPLES) {
            principles.add(row(t, p, p.toUpperCase(java.util.Locale.ROOT) + ". " + t.t("strategy.principle." + p),
                    scores, evidence, errors));
        }
        List<ItemRow> organisation = new ArrayList<>();
        for (String o : SelfAssessment.ORGANISATION) {
            organisation.add(row(t, o, "§" + o.substring(0, 2) + " (" + o.substring(2) + ") "
                    + t.t("strategy.organisation." + o), scores, evidence, errors));
        }
        Map<String, SelfAssessment.Score> saved = assessment.scores(s.id());
        String average = saved.isEmpty() ? "" : t.t("strategy.assessment.average", t.number(saved.values().stream()
                .mapToInt(SelfAssessment.Score::score).average().orElse(0), 1), SelfAssessment.MAX, saved.size(),
                SelfAssessment.items().size());
        pages.render(res, status, v, "/strategy", "strategy/assessment", "strategy.assessment.title",
                new AssessmentPage(s.id(), s.number(), s.isDraft() && v.is(DeliberationRoutes.COMMENT), principles,
                        organisation, average, "/strategy/versions/" + s.id() + "/assessment.json"));
    }

    private static ItemRow row(Translator t, String item, String label, Map<String, String> scores,
            Map<String, String> evidence, Map<String, String> errors) {
        String chosen = scores.getOrDefault(item, "");
        List<StrategyRoutes.Option> options = new ArrayList<>();
        options.add(new StrategyRoutes.Option("", t.t("strategy.assessment.notScored"), chosen.isEmpty()));
        for (int n = 0; n <= SelfAssessment.MAX; n++) {
            options.add(new StrategyRoutes.Option(Integer.toString(n), n + " · " + t.t("strategy.assessment.score" + n),
                    chosen.equals(Integer.toString(n))));
        }
        String scoreLabel = chosen.matches("[0-3]") ? chosen + " · " + t.t("strategy.assessment.score" + chosen) : "";
        return new ItemRow(item, label, options, evidence.getOrDefault(item, ""), errors.getOrDefault("score." + item, ""),
                scoreLabel);
    }

    private StrategyVersion version(ServerRequest req) {
        return strategy.version(Form.wholeNumber(req.path().pathParameters().get("id")));
    }
}
