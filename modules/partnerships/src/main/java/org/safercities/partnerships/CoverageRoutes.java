package org.safercities.partnerships;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.Problem;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.files.CsvOut;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.links.ActionDirectory;
import org.safercities.platform.links.ActionDirectory.ActionRole;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Visit;

/**
 * The coverage matrices (issue 4, "pictures"): a page for everyone signed in and one CSV file per matrix. Each
 * count links to the list of the actors it counts.
 */
final class CoverageRoutes implements HttpService {

    static final String COVERAGE = "/partnerships/coverage";

    public record Link(String label, String href) {
    }

    public record CountCell(int count, String href) {
    }

    public record AreaRow(String name, String indent, List<CountCell> cells, CountCell total) {
    }

    public record Mark(boolean serves) {
    }

    public record GroupRow(long id, String name, List<Mark> marks) {
    }

    public record Partner(long id, String name, boolean known) {
    }

    public record PriorityRow(String title, List<Partner> leads, List<Partner> supports, List<Partner> funders,
            int actions) {
    }

    public record CoveragePage(List<Link> types, List<AreaRow> areaRows, List<CountCell> typeTotals, List<Link> groups,
            List<GroupRow> groupRows, List<CountCell> groupTotals, boolean strategy, List<PriorityRow> priorities) {
    }

    private final PartnershipService service;
    private final AreaService areas;
    private final Pages pages;

    CoverageRoutes(PartnershipService service, AreaService areas, Pages pages) {
        this.service = service;
        this.areas = areas;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get(COVERAGE, this::page)
                .get("/partnerships/coverage-areas.csv", this::areasCsv)
                .get("/partnerships/coverage-groups.csv", this::groupsCsv)
                .get("/partnerships/coverage-priorities.csv", this::prioritiesCsv);
    }

    private void page(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        v.require(Role.ALL);
        pages.render(res, v, COVERAGE, "partnerships/coverage", "partnerships.coverage.title", build(v.t()));
    }

    private CoveragePage build(Translator t) {
        List<Actor> actors = service.actors();
        String list = PartnershipRoutes.ACTORS + "?";
        List<Link> types = Codes.TYPES.stream()
                .map(c -> new Link(t.t("partnerships.type." + c), list + "type=" + c)).toList();
        List<AreaRow> areaRows = new ArrayList<>();
        for (Coverage.AreaCounts row : Coverage.areasByType(areas.depthFirst(), actors)) {
            String area = "area=" + row.area().id();
            List<CountCell> cells = new ArrayList<>();
            for (int i = 0; i < Codes.TYPES.size(); i++) {
                cells.add(cell(row.byType().get(i), list + "type=" + Codes.TYPES.get(i) + "&" + area));
            }
            areaRows.add(new AreaRow(row.area().name(), "\u2003".repeat(row.area().level()), cells,
                    cell(row.total(), list + area)));
        }
        List<Integer> byType = Coverage.typeTotals(actors);
        List<CountCell> typeTotals = new ArrayList<>();
        for (int i = 0; i < Codes.TYPES.size(); i++) {
            typeTotals.add(cell(byType.get(i), list + "type=" + Codes.TYPES.get(i)));
        }
        List<Link> groups = Codes.GROUPS.stream()
                .map(g -> new Link(t.t("partnerships.group." + g), list + "group=" + g)).toList();
        List<GroupRow> groupRows = Coverage.groupsByActor(actors).stream().map(m -> new GroupRow(m.actor().id(),
                m.actor().nameIn(t.lang()), m.serves().stream().map(Mark::new).toList())).toList();
        List<Integer> byGroup = Coverage.groupTotals(actors);
        List<CountCell> groupTotals = new ArrayList<>();
        for (int i = 0; i < Codes.GROUPS.size(); i++) {
            groupTotals.add(cell(byGroup.get(i), list + "group=" + Codes.GROUPS.get(i)));
        }
        return new CoveragePage(types, areaRows, typeTotals, groups, groupRows, groupTotals,
                service.strategy().isPresent(), priorityRows(actors, t.lang()));
    }

    private List<PriorityRow> priorityRows(List<Actor> actors, String lang) {
        Map<Long, String> names = actors.stream().collect(Collectors.toMap(Actor::id, a -> a.nameIn(lang)));
        List<PriorityRow> out = new ArrayList<>();
        for (Coverage.PriorityRoles p : Coverage.prioritiesByPartner(service.strategy())) {
            out.add(new PriorityRow(p.priority().title(), partners(p.roles(), PartnershipService.LEAD, names),
                    partners(p.roles(), "support", names), partners(p.roles(), "funder", names),
                    (int) p.roles().stream().map(ActionRole::actionId).distinct().count()));
        }
        return out;
    }

    /** The partners holding {@code role}, each once; an id the map no longer knows is shown as such. */
    private static List<Partner> partners(List<ActionRole> roles, String role, Map<Long, String> names) {
        return roles.stream().filter(r -> role.equals(r.role())).map(ActionRole::actorId).distinct()
                .map(id -> new Partner(id, names.getOrDefault(id, "#" + id), names.containsKey(id))).toList();
    }

    private static CountCell cell(int count, String href) {
        return new CountCell(count, count == 0 ? null : href);
    }

    private void areasCsv(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(Role.ALL);
        try (CsvOut csv = CsvOut.download(res, "coverage-areas-by-type.csv")) {
            List<Object> header = new ArrayList<>(List.of("area_code", "area_name"));
            header.addAll(Codes.TYPES);
            header.add("total");
            csv.row(header);
            for (Coverage.AreaCounts row : Coverage.areasByType(areas.depthFirst(), service.actors())) {
                List<Object> cells = new ArrayList<>(List.of(row.area().code(), row.area().name()));
                cells.addAll(row.byType());
                cells.add(row.total());
                csv.row(cells);
            }
        }
    }

    private void groupsCsv(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(Role.ALL);
        try (CsvOut csv = CsvOut.download(res, "coverage-groups-by-actor.csv")) {
            List<Object> header = new ArrayList<>(List.of("actor_id", "name", "type"));
            header.addAll(Codes.GROUPS);
            csv.row(header);
            for (Coverage.GroupMarks m : Coverage.groupsByActor(service.actors())) {
                List<Object> cells = new ArrayList<>(List.of(m.actor().id(), m.actor().name(), m.actor().type()));
                m.serves().forEach(s -> cells.add(s ? 1 : 0));
                csv.row(cells);
            }
        }
    }

    /** One line per role; a priority without any partner gets one line with the partner columns empty. */
    private void prioritiesCsv(ServerRequest req, ServerResponse res) throws IOException {
        Visit.of(req).require(Role.ALL);
        ActionDirectory strategy = service.strategy().orElseThrow(Problem::notFound);
        Map<Long, String> names = service.actors().stream().collect(Collectors.toMap(Actor::id, Actor::name));
        try (CsvOut csv = CsvOut.download(res, "coverage-priorities-by-partner.csv")) {
            csv.row(List.of("priority_id", "priority", "action_id", "action", "actor_id", "actor", "role"));
            for (Coverage.PriorityRoles p : Coverage.prioritiesByPartner(java.util.Optional.of(strategy))) {
                if (p.roles().isEmpty()) {
                    csv.row(List.of(p.priority().id(), p.priority().title(), "", "", "", "", ""));
                }
                for (ActionRole r : p.roles()) {
                    csv.row(List.of(p.priority().id(), p.priority().title(), r.actionId(), r.actionTitle(), r.actorId(),
                            names.getOrDefault(r.actorId(), ""), r.role()));
                }
            }
        }
    }
}
