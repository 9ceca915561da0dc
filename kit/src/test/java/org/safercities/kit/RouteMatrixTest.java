package org.safercities.kit;

import static org.junit.jupiter.api.Assertions.*;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.safercities.platform.Browser;
import org.safercities.platform.RouteTable;
import org.safercities.platform.TestKit;
import org.safercities.platform.accounts.Role;
import org.safercities.platform.setup.Demo;

/**
 * The role × route matrix: every route of every module, read from the modules' routing tables, asked by each of
 * the five roles on the demo city, against the table below of who may reach it. A role outside a route's row
 * must get 403; a role inside must not. Records are addressed by an id that does not exist, so a role that may
 * reach the route gets a 404 (or a 422 for an empty form) and nothing is changed, while a role that may not gets
 * its 403 before anything is looked up. Anyone not signed in reaches only the open pages.
 *
 * <p>A route with no row fails the test with the rows to add (as observed, to be checked against the module's
 * rules before pasting): a module merged later must be given its rows here.
 */
class RouteMatrixTest {

    /**
     * Who may reach each route: a role group of {@link Role} (ALL, STAFF, EDITORS, COORDINATION, ADMINS), role
     * names, or OPEN for the pages open before signing in (WebGate's list: not a matter of role).
     */
    static final String EXPECTED = """
            # platform
            GET /                                                      | ALL
            GET /accounts                                              | ADMINS
            GET /accounts/new                                          | ADMINS
            GET /accounts/{id}                                         | ADMINS
            GET /areas                                                 | ALL
            GET /areas.csv                                             | ALL
            GET /areas/import                                          | EDITORS
            GET /areas/import/{upload}                                 | EDITORS
            GET /areas/new                                             | EDITORS
            GET /areas/{id}                                            | ALL
            GET /areas/{id}/edit                                       | EDITORS
            GET /areas/{id}/population.csv                             | ALL
            GET /audit                                                 | ADMINS
            GET /audit.csv                                             | ADMINS
            GET /backups                                               | ADMINS
            GET /backups/status                                        | ADMINS
            GET /city                                                  | STAFF
            GET /health                                                | OPEN
            GET /login                                                 | OPEN
            GET /population/import/{upload}                            | EDITORS
            GET /population/import/{upload}/errors.csv                 | EDITORS
            GET /profile                                               | ALL
            GET /setup                                                 | OPEN
            GET /unlock                                                | OPEN
            POST /accounts                                             | ADMINS
            POST /accounts/{id}                                        | ADMINS
            POST /accounts/{id}/disable                                | ADMINS
            POST /accounts/{id}/enable                                 | ADMINS
            POST /accounts/{id}/password                               | ADMINS
            POST /areas                                                | EDITORS
            POST /areas/import                                         | EDITORS
            POST /areas/import/{upload}                                | EDITORS
            POST /areas/{id}                                           | EDITORS
            POST /areas/{id}/delete                                    | EDITORS
            POST /backups/now                                          | ADMINS
            POST /backups/settings                                     | ADMINS
            POST /city                                                 | COORDINATION
            POST /language                                             | OPEN
            POST /login                                                | OPEN
            POST /logout                                               | ALL
            POST /population/import                                    | EDITORS
            POST /population/import/{upload}                           | EDITORS
            POST /profile/password                                     | ALL
            POST /setup                                                | OPEN
            POST /unlock                                               | OPEN
            # the kit profile a national forum signed, and the office network (installers)
            GET /kit-profile                                             | STAFF
            GET /kit-profile/logo.png                                    | OPEN
            GET /network                                                 | ADMINS
            # diagnosis
            GET /diagnosis/analysis                                    | ALL
            GET /diagnosis/analysis.csv                                | ALL
            GET /diagnosis/factors                                     | ALL
            GET /diagnosis/factors.csv                                 | ALL
            GET /diagnosis/factors/new                                 | STAFF
            GET /diagnosis/factors/{id}/edit                           | STAFF
            GET /diagnosis/import                                      | EDITORS
            GET /diagnosis/import/{upload}                             | EDITORS
            GET /diagnosis/incidents                                   | EDITORS
            GET /diagnosis/incidents/new                               | EDITORS
            GET /diagnosis/incidents/{id}                              | EDITORS
            GET /diagnosis/jobs/{job}                                  | EDITORS
            GET /diagnosis/jobs/{job}/errors.csv                       | EDITORS
            GET /diagnosis/jobs/{job}/status                           | EDITORS
            GET /diagnosis/map                                         | ALL
            GET /diagnosis/map.csv                                     | ALL
            GET /diagnosis/map.json                                    | ALL
            GET /diagnosis/report                                      | ALL
            GET /diagnosis/sources/{id}                                | EDITORS
            GET /diagnosis/surveys                                     | ALL
            GET /diagnosis/surveys/estimates.csv                       | ALL
            GET /diagnosis/surveys/import                              | EDITORS
            GET /diagnosis/surveys/import/{upload}                     | EDITORS
            GET /diagnosis/surveys/jobs/{job}                          | EDITORS
            GET /diagnosis/surveys/jobs/{job}/errors.csv               | EDITORS
            GET /diagnosis/surveys/jobs/{job}/status                   | EDITORS
            GET /diagnosis/surveys/new                                 | EDITORS
            GET /diagnosis/surveys/questionnaire                       | EDITORS
            GET /diagnosis/surveys/questionnaire/xlsform/{upload}      | EDITORS
            GET /diagnosis/surveys/responses                           | EDITORS
            GET /diagnosis/walks                                       | ALL
            GET /diagnosis/walks.csv                                   | STAFF
            GET /diagnosis/walks/new                                   | STAFF
            GET /diagnosis/walks/{id}                                  | ALL
            GET /diagnosis/walks/{id}/edit                             | STAFF
            POST /diagnosis/factors                                    | STAFF
            POST /diagnosis/factors/{id}                               | STAFF
            POST /diagnosis/factors/{id}/delete                        | STAFF
            POST /diagnosis/import                                     | EDITORS
            POST /diagnosis/import/{upload}                            | EDITORS
            POST /diagnosis/imports/{id}/undo                          | COORDINATION
            POST /diagnosis/incidents                                  | EDITORS
            POST /diagnosis/incidents/{id}                             | EDITORS
            POST /diagnosis/incidents/{id}/delete                      | EDITORS
            POST /diagnosis/jobs/{job}/cancel                          | EDITORS
            POST /diagnosis/jobs/{job}/discard                         | EDITORS
            POST /diagnosis/jobs/{job}/load                            | EDITORS
            POST /diagnosis/sources/{id}                               | EDITORS
            POST /diagnosis/surveys/import                             | EDITORS
            POST /diagnosis/surveys/import/{upload}                    | EDITORS
            POST /diagnosis/surveys/jobs/{job}/cancel                  | EDITORS
            POST /diagnosis/surveys/questionnaire/local                | EDITORS
            POST /diagnosis/surveys/questionnaire/missing              | EDITORS
            POST /diagnosis/surveys/questionnaire/wording              | EDITORS
            POST /diagnosis/surveys/questionnaire/xlsform              | EDITORS
            POST /diagnosis/surveys/questionnaire/xlsform/{upload}     | EDITORS
            POST /diagnosis/surveys/responses                          | EDITORS
            POST /diagnosis/walks                                      | STAFF
            POST /diagnosis/walks/{id}                                 | STAFF
            POST /diagnosis/walks/{id}/delete                          | STAFF
            # partnerships
            GET /partnerships/actors                                   | ALL
            GET /partnerships/actors.csv                               | ALL
            GET /partnerships/actors/new                               | EDITORS
            GET /partnerships/actors/{id}                              | ALL
            GET /partnerships/actors/{id}/edit                         | EDITORS
            GET /partnerships/bodies                                   | ALL
            GET /partnerships/commitments/{cid}/edit                   | EDITORS
            GET /partnerships/coverage                                 | ALL
            GET /partnerships/coverage-areas.csv                       | ALL
            GET /partnerships/coverage-groups.csv                      | ALL
            GET /partnerships/coverage-priorities.csv                  | ALL
            GET /partnerships/gaps                                     | ALL
            GET /partnerships/grid                                     | ALL
            GET /partnerships/import                                   | EDITORS
            GET /partnerships/import/{upload}                          | EDITORS
            GET /partnerships/memoranda                                | ALL
            GET /partnerships/network                                  | ALL
            GET /partnerships/network.json                             | ALL
            POST /partnerships/actors                                  | EDITORS
            POST /partnerships/actors/{id}                             | EDITORS
            POST /partnerships/actors/{id}/commitments                 | EDITORS
            POST /partnerships/actors/{id}/contact                     | STAFF
            POST /partnerships/actors/{id}/contact/erase               | STAFF
            POST /partnerships/actors/{id}/delete                      | EDITORS
            POST /partnerships/actors/{id}/erase-person                | EDITORS
            POST /partnerships/actors/{id}/relationships               | EDITORS
            POST /partnerships/bodies/{kind}                           | EDITORS
            POST /partnerships/bodies/{kind}/meetings                  | EDITORS
            POST /partnerships/commitments/{cid}                       | EDITORS
            POST /partnerships/commitments/{cid}/delete                | EDITORS
            POST /partnerships/import                                  | EDITORS
            POST /partnerships/import/{upload}                         | EDITORS
            POST /partnerships/meetings/{id}/delete                    | EDITORS
            POST /partnerships/memoranda                               | EDITORS
            POST /partnerships/memoranda/{mid}/delete                  | EDITORS
            POST /partnerships/relationships/{rid}/delete              | EDITORS
            # strategy
            GET /strategy                                              | ALL
            GET /strategy/actions/{id}                                 | ALL
            GET /strategy/actions/{id}/edit                            | EDITORS
            GET /strategy/comments/{id}/edit                           | STAFF
            GET /strategy/consultations/{id}/edit                      | COORDINATION
            GET /strategy/history                                      | ALL
            GET /strategy/new                                          | EDITORS
            GET /strategy/objectives/{id}/edit                         | EDITORS
            GET /strategy/plan                                         | ALL
            GET /strategy/plan/timeline                                | ALL
            GET /strategy/priorities                                   | ALL
            GET /strategy/priorities/{id}/edit                         | EDITORS
            GET /strategy/versions/{id}                                | ALL
            GET /strategy/versions/{id}/actions.csv                    | ALL
            GET /strategy/versions/{id}/actions.xlsx                   | ALL
            GET /strategy/versions/{id}/actions/new                    | EDITORS
            GET /strategy/versions/{id}/assessment                     | ALL
            GET /strategy/versions/{id}/assessment.json                | ALL
            GET /strategy/versions/{id}/comments                       | ALL
            GET /strategy/versions/{id}/consultation                   | ALL
            GET /strategy/versions/{id}/cost                           | ALL
            GET /strategy/versions/{id}/document                       | ALL
            GET /strategy/versions/{id}/edit                           | EDITORS
            GET /strategy/versions/{id}/plan                           | ALL
            GET /strategy/versions/{id}/timeline                       | ALL
            GET /strategy/versions/{id}/timeline.json                  | ALL
            POST /strategy                                             | EDITORS
            POST /strategy/actions/{id}                                | EDITORS
            POST /strategy/actions/{id}/budget                         | EDITORS
            POST /strategy/actions/{id}/delete                         | EDITORS
            POST /strategy/budget/{id}/delete                          | EDITORS
            POST /strategy/comments/{id}                               | STAFF
            POST /strategy/comments/{id}/delete                        | STAFF
            POST /strategy/comments/{id}/resolve                       | COORDINATION
            POST /strategy/consultations/{id}                          | COORDINATION
            POST /strategy/consultations/{id}/delete                   | COORDINATION
            POST /strategy/objectives/{id}                             | EDITORS
            POST /strategy/objectives/{id}/delete                      | EDITORS
            POST /strategy/priorities/{id}                             | EDITORS
            POST /strategy/priorities/{id}/delete                      | EDITORS
            POST /strategy/versions/{id}                               | EDITORS
            POST /strategy/versions/{id}/actions                       | EDITORS
            POST /strategy/versions/{id}/adopt                         | COORDINATION
            POST /strategy/versions/{id}/assessment                    | STAFF
            POST /strategy/versions/{id}/comments                      | STAFF
            POST /strategy/versions/{id}/consultations                 | EDITORS
            POST /strategy/versions/{id}/objectives                    | EDITORS
            POST /strategy/versions/{id}/priorities                    | EDITORS
            POST /strategy/versions/{id}/ranking                       | COORDINATION
            POST /strategy/versions/{id}/revise                        | COORDINATION
            GET /strategy/document                                       | ALL
            # monitoring
            GET /monitoring                                              | ALL
            GET /monitoring/areas.json                                   | ALL
            GET /monitoring/catalogue                                    | ALL
            GET /monitoring/dashboard.json                               | ALL
            GET /monitoring/indicators/{code}                            | ALL
            GET /monitoring/indicators/{code}/data.json                  | ALL
            GET /monitoring/report                                       | ALL
            GET /monitoring/values.csv                                   | ALL
            GET /monitoring/values.xlsx                                  | ALL
            POST /monitoring/catalogue                                   | EDITORS
            POST /monitoring/indicators/{code}/halve                     | COORDINATION
            POST /monitoring/indicators/{code}/notes                     | STAFF
            POST /monitoring/indicators/{code}/target                    | COORDINATION
            POST /monitoring/indicators/{code}/values                    | EDITORS
            POST /monitoring/settings                                    | COORDINATION
            POST /monitoring/values/{id}/delete                          | EDITORS
            # exchange: review report, keys, export (the sending side)
            GET /exchange/export                                         | STAFF
            GET /exchange/export/jobs/{job}                              | COORDINATION
            GET /exchange/export/jobs/{job}/status                       | COORDINATION
            GET /exchange/export/{id}/file                               | COORDINATION
            GET /exchange/exports.csv                                    | STAFF
            GET /exchange/keys                                           | STAFF
            GET /exchange/keys/office.asc                                | STAFF
            GET /exchange/review                                         | STAFF
            GET /exchange/review/{cycle}                                 | STAFF
            GET /exchange/review/{cycle}/print                           | STAFF
            POST /exchange/export                                        | COORDINATION
            POST /exchange/keys/{list}                                   | COORDINATION
            POST /exchange/keys/{list}/{id}/delete                       | COORDINATION
            POST /exchange/review/{cycle}                                | COORDINATION
            # exchange: import of received exports, the library, the national roll-up (exchange-in)
            GET /exchange/import                                         | EDITORS
            GET /exchange/practices                                      | ALL
            GET /exchange/practices.csv                                  | ALL
            GET /exchange/practices/new                                  | EDITORS
            GET /exchange/practices/{id}                                 | ALL
            GET /exchange/practices/{id}/edit                            | EDITORS
            GET /exchange/received                                       | ALL
            GET /exchange/received.csv                                   | ALL
            GET /exchange/received/{id}                                  | ALL
            GET /exchange/rollup                                         | ALL
            GET /exchange/rollup.csv                                     | ALL
            POST /exchange/import                                        | EDITORS
            POST /exchange/practices                                     | EDITORS
            POST /exchange/practices/{id}                                | EDITORS
            POST /exchange/practices/{id}/delete                         | EDITORS
            """;

    /** WebGate's open pages, plus the kit profile's logo, which WebGate lets through like /assets (the header shows it). */
    static final Set<String> OPEN = Set.of("/login", "/setup", "/unlock", "/language", "/health", "/kit-profile/logo.png");
    static final String MISSING_ID = "999999";
    static TestKit kit;
    static Crawl crawl;

    @BeforeAll
    static void start() throws Exception {
        kit = TestKit.start(Files.createTempDirectory("matrix"), Map.of("demo", "true"), Main.MODULES);
        crawl = Crawl.of(kit.signedIn(user(Role.ADMINISTRATOR), Demo.PASSWORD), 400);
    }

    @AfterAll
    static void stop() throws Exception {
        kit.close();
    }

    static String user(Role r) {
        return "demo-" + switch (r) {
            case ADMINISTRATOR -> "admin";
            case COORDINATOR -> "coordinator";
            case ANALYST -> "analyst";
            case TECHNICAL_GROUP -> "member";
            case PARTNER_VIEWER -> "partner";
        };
    }

    static String concrete(String path) {
        return path.replaceAll("\\{[^}]+}", MISSING_ID);
    }

    static Set<Role> parse(String roles) {
        Set<Role> out = EnumSet.noneOf(Role.class);
        for (String r : roles.trim().split("[ ,]+")) {
            switch (r) {
                case "ALL" -> out.addAll(Role.ALL);
                case "STAFF" -> out.addAll(Role.STAFF);
                case "EDITORS" -> out.addAll(Role.EDITORS);
                case "COORDINATION" -> out.addAll(Role.COORDINATION);
                case "ADMINS" -> out.addAll(Role.ADMINS);
                default -> out.add(Role.valueOf(r));
            }
        }
        return out;
    }

    static String name(Set<Role> roles) {
        for (var e : Map.of("ALL", Role.ALL, "STAFF", Role.STAFF, "EDITORS", Role.EDITORS, "COORDINATION",
                Role.COORDINATION, "ADMINS", Role.ADMINS).entrySet()) {
            if (e.getValue().equals(roles)) {
                return e.getKey();
            }
        }
        return roles.isEmpty() ? "NONE" : String.join(" ", roles.stream().map(Role::name).toList());
    }

    static Map<String, Set<Role>> expected() {
        Map<String, Set<Role>> rows = new LinkedHashMap<>();
        for (String line : EXPECTED.strip().split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\|");
            String who = parts[1].trim();
            rows.put(parts[0].trim(), who.equals("OPEN") ? null : who.equals("NONE") ? EnumSet.noneOf(Role.class) : parse(who));
        }
        return rows;
    }

    /** GETs with an id use a real record the administrator can reach (a missing one could hide a late check). */
    static int ask(Browser b, RouteTable.Route r, List<RouteTable.Route> routes) {
        String real = r.method().equals("GET") && r.path().contains("{") ? crawl.example(r, routes) : null;
        String path = real != null ? real : concrete(r.path());
        HttpResponse<String> res = switch (r.method()) {
            case "GET" -> b.get(path);
            case "POST" -> b.post(path, Map.of());
            default -> throw new AssertionError("no way to ask " + r);
        };
        return res.statusCode();
    }

    @Test
    void everyRoleReachesExactlyTheRoutesOfItsRow() {
        List<RouteTable.Route> routes = RouteTable.of(kit.kit);
        assertTrue(routes.size() > 50, "the route tables were read: " + routes.size());
        Map<String, Set<Role>> table = expected();
        Map<String, Set<Role>> observed = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        Map<Role, Browser> browsers = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            browsers.put(role, kit.signedIn(user(role), Demo.PASSWORD));
        }
        List<String> noExample = new ArrayList<>();
        for (RouteTable.Route r : routes) {
            String key = r.toString();
            if (r.method().equals("GET") && r.path().contains("{") && crawl.example(r, routes) == null) {
                noExample.add(key);
            }
            Set<Role> reached = EnumSet.noneOf(Role.class);
            for (Role role : Role.values()) {
                Browser b = browsers.get(role);
                b.get("/"); // a fresh CSRF token of the role's own session
                int status = ask(b, r, routes);
                if (status >= 500) {
                    wrong.add(key + " as " + role + ": " + status);
                }
                if (status != 403 && status != 401) {
                    reached.add(role);
                }
                if (r.path().equals("/logout") || status == 401) {
                    browsers.put(role, kit.signedIn(user(role), Demo.PASSWORD)); // signed out by the route: again
                }
            }
            observed.put(key, reached);
            Set<Role> want = table.get(key);
            if (table.containsKey(key) && want == null && !OPEN.contains(r.path())) {
                wrong.add(key + ": marked OPEN but is not one of WebGate's open pages " + OPEN);
            } else if (want != null && !want.equals(reached)) {
                wrong.add(key + ": expected " + name(want) + ", reached by " + name(reached));
            }
        }
        List<String> missing = observed.keySet().stream().filter(k -> !table.containsKey(k))
                .map(k -> String.format("%-60s | %s", k, name(observed.get(k)))).toList();
        List<String> stale = table.keySet().stream().filter(k -> !observed.containsKey(k)).toList();
        StringBuilder report = new StringBuilder();
        if (!wrong.isEmpty()) {
            report.append("Routes whose roles differ from the table:\n  ").append(String.join("\n  ", wrong)).append('\n');
        }
        if (!missing.isEmpty()) {
            report.append("Routes with no row in RouteMatrixTest.EXPECTED (as observed: check them against the module's rules, then add):\n")
                    .append(String.join("\n", missing)).append('\n');
        }
        if (!stale.isEmpty()) {
            report.append("Rows for routes that no module registers any more:\n  ").append(String.join("\n  ", stale));
        }
        assertTrue(report.isEmpty(), report.toString());
        System.out.println("RouteMatrixTest: " + routes.size() + " routes × 5 roles; " + crawl.pages.size()
                + " pages crawled; GETs asked with a missing id (no record on the demo city): " + noExample);
    }

    @Test
    void someoneNotSignedInReachesOnlyTheOpenPages() {
        Browser anonymous = kit.browser();
        List<String> reached = new ArrayList<>();
        for (RouteTable.Route r : RouteTable.of(kit.kit)) {
            if (OPEN.contains(r.path())) {
                continue;
            }
            anonymous.get("/login"); // a session and its token, as a visitor of the sign-in page has
            HttpResponse<String> res = r.method().equals("GET") ? anonymous.get(concrete(r.path()))
                    : anonymous.post(concrete(r.path()), Map.of());
            boolean toLogin = res.statusCode() == 303
                    && res.headers().firstValue("Location").orElse("").startsWith("/login");
            if (!(toLogin || res.statusCode() == 401 || res.statusCode() == 403)) {
                reached.add(r + ": " + res.statusCode());
            }
        }
        assertTrue(reached.isEmpty(), "reached without signing in:\n" + String.join("\n", reached));
    }
}
