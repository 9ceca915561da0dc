package org.safercities.strategy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Form;
import org.safercities.platform.web.Json;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The action plan's timeline (Gantt): a chart drawn by {@code assets/strategy/timeline.js} from
 * {@code timeline.json}, and the same dates as a table under it for screen readers, print without script and
 * no-JS. Everyone signed in reads it, as the plan.
 */
public final class TimelineRoutes implements HttpService {

    private final StrategyService strategy;
    private final AreaService areas;
    private final Pages pages;

    public record Bar(long id, String title, String start, String end, String status, String statusCode) {
    }

    public record GroupRows(String name, List<Bar> bars) {
    }

    public record Undated(long id, String title, String missing, String status) {
    }

    public record TimelinePage(long versionId, int number, String status, String period, boolean byObjective,
            String by, List<GroupRows> groups, boolean empty, List<Undated> undated, boolean hasUndated, String today,
            String dataUrl, boolean rightToLeft, List<GroupingLink> groupings) {
    }

    /** One way of grouping the bars, as a link (or the current one). */
    public record GroupingLink(String param, String label, boolean current, boolean first) {
    }

    public TimelineRoutes(StrategyService strategy, AreaService areas, Pages pages) {
        this.strategy = strategy;
        this.areas = areas;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/strategy/plan/timeline", this::current)
                .get("/strategy/versions/{id}/timeline", this::show)
                .get("/strategy/versions/{id}/timeline.json", this::data);
    }

    /** The menu's plan leads to the strategy in force; its timeline likewise. */
    private void current(ServerRequest req, ServerResponse res) {
        Visit.of(req).require(StrategyRoutes.READ);
        Visit.redirect(res, strategy.inForce().map(s -> "/strategy/versions/" + s.id() + "/timeline").orElse("/strategy"));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.READ);
        Translator t = v.t();
        StrategyVersion s = version(req);
        Timeline.Grouping by = grouping(req);
        VersionCache.Entry e = strategy.cached(s);
        Table table = e.view("timelineTable|" + by + "|" + t.lang(), () -> table(t, layout(e, by), by));
        List<GroupingLink> groupings = new ArrayList<>();
        for (Timeline.Grouping g : Timeline.Grouping.values()) {
            groupings.add(new GroupingLink(g.param(), t.t(switch (g) {
                case OBJECTIVE -> "strategy.timeline.byObjective";
                case PARTNER -> "strategy.timeline.byPartner";
                case AREA -> "strategy.timeline.byArea";
            }), g == by, groupings.isEmpty()));
        }
        List<GroupRows> groups = table.groups();
        List<Undated> undated = table.undated();
        String param = by.param();
        pages.render(res, v, "/strategy/plan", "strategy/timeline", "strategy.timeline.title",
                new TimelinePage(s.id(), s.number(), t.t("strategy.status." + s.status()), s.fromYear() + "–" + s.toYear(),
                        by == Timeline.Grouping.OBJECTIVE, param, groups, groups.isEmpty(), undated, !undated.isEmpty(),
                        t.date(LocalDate.now()), "/strategy/versions/" + s.id() + "/timeline.json?by=" + param,
                        t.rightToLeft(), groupings));
    }

    /** The timeline's table: the dated actions in their groups, and the undated ones. */
    private record Table(List<GroupRows> groups, List<Undated> undated) {
    }

    private static Table table(Translator t, Timeline.Layout layout, Timeline.Grouping by) {
        List<GroupRows> groups = new ArrayList<>();
        for (Timeline.Group g : layout.groups()) {
            groups.add(new GroupRows(groupName(t, g, by), g.actions().stream().map(a -> new Bar(a.id(), a.title(),
                    t.date(a.start()), t.date(a.end()), t.t("strategy.actionStatus." + a.status()), a.status())).toList()));
        }
        List<Undated> undated = layout.undated().stream().map(a -> new Undated(a.id(), a.title(), missing(t, a),
                t.t("strategy.actionStatus." + a.status()))).toList();
        return new Table(groups, undated);
    }

    /**
     * The chart's data, in the user's language: groups of bars (ISO dates, the end day included), the undated
     * actions, today, the statuses in their order with their labels, and whether time runs right to left.
     */
    private void data(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(StrategyRoutes.READ);
        Translator t = v.t();
        StrategyVersion s = version(req);
        Timeline.Grouping by = grouping(req);
        VersionCache.Entry e = strategy.cached(s);
        // today changes at midnight: it is part of the view's name
        String today = LocalDate.now().toString();
        byte[] body = e.view("timelineJson|" + by + "|" + t.lang() + "|" + today, () -> json(t, layout(e, by), by, today));
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=UTF-8");
        res.send(body);
    }

    private static byte[] json(Translator t, Timeline.Layout layout, Timeline.Grouping by, String today) {
        StringBuilder json = new StringBuilder(4096).append("{\"rtl\":").append(t.rightToLeft())
                .append(",\"lang\":").append(Json.string(t.lang()))
                .append(",\"today\":").append(Json.string(today))
                .append(",\"todayLabel\":").append(Json.string(t.t("strategy.timeline.today")))
                .append(",\"first\":").append(layout.first() == null ? "null" : Json.string(layout.first().toString()))
                .append(",\"last\":").append(layout.last() == null ? "null" : Json.string(layout.last().toString()))
                .append(",\"statuses\":[");
        for (int i = 0; i < Codes.STATUSES.size(); i++) {
            String code = Codes.STATUSES.get(i);
            json.append(i == 0 ? "" : ",").append("{\"code\":").append(Json.string(code)).append(",\"label\":")
                    .append(Json.string(t.t("strategy.actionStatus." + code))).append('}');
        }
        json.append("],\"groups\":[");
        for (int i = 0; i < layout.groups().size(); i++) {
            Timeline.Group g = layout.groups().get(i);
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(Json.string(groupName(t, g, by))).append(",\"actions\":[");
            for (int j = 0; j < g.actions().size(); j++) {
                Action a = g.actions().get(j);
                json.append(j == 0 ? "" : ",").append(action(t, a).append(",\"start\":").append(Json.string(a.start().toString()))
                        .append(",\"end\":").append(Json.string(a.end().toString()))
                        .append(",\"dates\":").append(Json.string(t.date(a.start()) + " – " + t.date(a.end()))).append('}'));
            }
            json.append("]}");
        }
        json.append("],\"undated\":[");
        for (int i = 0; i < layout.undated().size(); i++) {
            Action a = layout.undated().get(i);
            json.append(i == 0 ? "" : ",").append(action(t, a).append(",\"missing\":").append(Json.string(missing(t, a))).append('}'));
        }
        json.append("]}");
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The fields every action has in the JSON, the object left open for the caller's own. */
    private static StringBuilder action(Translator t, Action a) {
        return new StringBuilder("{\"id\":").append(a.id()).append(",\"title\":").append(Json.string(a.title()))
                .append(",\"status\":").append(Json.string(a.status())).append(",\"statusLabel\":")
                .append(Json.string(t.t("strategy.actionStatus." + a.status())))
                .append(",\"url\":").append(Json.string("/strategy/actions/" + a.id()));
    }

    /** The layout, once per version and grouping (the entry is dropped when the area tree changes). */
    private Timeline.Layout layout(VersionCache.Entry e, Timeline.Grouping by) {
        return e.view("timeline|" + by, () -> Timeline.of(e.content.priorities(), e.content.objectives(),
                e.content.actions(), by, areas.depthFirst()));
    }

    private static String groupName(Translator t, Timeline.Group g, Timeline.Grouping by) {
        if (!g.name().isEmpty()) {
            return g.name();
        }
        return t.t(switch (by) {
            case PARTNER -> "strategy.timeline.noPartner";
            case AREA -> "strategy.timeline.noArea";
            case OBJECTIVE -> "strategy.timeline.noObjective";
        });
    }

    private static String missing(Translator t, Action a) {
        if (a.start() == null && a.end() == null) {
            return t.t("strategy.timeline.missingBoth");
        }
        return t.t(a.start() == null ? "strategy.timeline.missingStart" : "strategy.timeline.missingEnd");
    }

    private static Timeline.Grouping grouping(ServerRequest req) {
        return Timeline.Grouping.of(Visit.query(req, "by").orElse(""));
    }

    private StrategyVersion version(ServerRequest req) {
        return strategy.version(Form.wholeNumber(req.path().pathParameters().get("id")));
    }
}
