package org.safercities.platform.setup;

import java.util.ArrayList;
import java.util.List;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.safercities.platform.MenuEntry;
import org.safercities.platform.accounts.Account;
import org.safercities.platform.areas.Area;
import org.safercities.platform.areas.AreaService;
import org.safercities.platform.i18n.Translator;
import org.safercities.platform.web.Pages;
import org.safercities.platform.web.Shell;
import org.safercities.platform.web.Visit;

/**
 * The signed-in home page: the Safer Cities process (DESIGN.md section 2) as seven steps, each with the
 * screens of the modules installed. Served from memory only: no query per request.
 */
public final class HomeRoutes implements HttpService {

    static final int STEPS = 7;
    private final Pages pages;
    private final Shell shell;
    private final CityService city;
    private final AreaService areas;
    private final java.util.Map<String, String> stepsFor = new java.util.concurrent.ConcurrentHashMap<>();

    public record Link(String label, String path) {
    }

    public record StepCard(int number, String name, String sources, String summary, List<Link> links, boolean empty) {
    }

    /** {@code stepsHtml}: the step cards rendered with escaping by {@code platform/home-steps}, cached. */
    public record HomePage(String cityName, String areaSummary, String populationSummary, String stepsHtml) {
    }

    public HomeRoutes(Pages pages, Shell shell, CityService city, AreaService areas) {
        this.pages = pages;
        this.shell = shell;
        this.city = city;
        this.areas = areas;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::home);
    }

    private void home(ServerRequest req, ServerResponse res) {
        Visit v = Visit.of(req);
        Account a = v.requireAccount();
        Translator t = v.t();
        String steps = stepsFor.computeIfAbsent(t.lang() + "|" + a.role(),
                k -> pages.renderString("platform/home-steps", java.util.Map.of("steps", steps(t, a), "t", t.lambda())));
        String cityName = city.profile().map(p -> p.nameIn(t.lang())).orElse("");
        String population = areas.root().flatMap(r -> areas.latestPopulationYear(r.id())
                .map(y -> t.t("platform.home.population", t.number(totalOf(r, y)), Integer.toString(y)))).orElse(null);
        pages.render(res, v, "/", "platform/home", "platform.home.title",
                new HomePage(cityName, t.plural("platform.home.areas", areas.count()), population, steps));
    }

    /** The step cards depend only on the language and the role (the menu is fixed at start-up): made once each. */
    private List<StepCard> steps(Translator t, Account a) {
        List<StepCard> steps = new ArrayList<>();
        for (int s = 0; s < STEPS; s++) {
            List<Link> links = new ArrayList<>();
            for (MenuEntry e : shell.menu()) {
                if (e.step() == s && e.roles().contains(a.role())) {
                    links.add(new Link(t.t(e.labelKey()), e.path()));
                }
            }
            steps.add(new StepCard(s, t.t("platform.step." + s + ".name"), t.t("platform.step." + s + ".sources"),
                    t.t("platform.step." + s + ".summary"), links, links.isEmpty()));
        }
        return List.copyOf(steps);
    }

    private long totalOf(Area root, int year) {
        return areas.populationTotal(root.id(), year).orElse(0L);
    }
}
